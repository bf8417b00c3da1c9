/**
 * The HTML report in a real browser (headless Chromium, network blocked): it
 * loads with no console error and no request leaving the file, every chart
 * has drawn marks, and the tables hold the figures `status --json`,
 * `status --by ... --json`, `check --json` and `agreement --json` print.
 * A screenshot of each page is kept under out/ (a CI artifact).
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { REPO, run } from '../helpers/cli.js';
import { TempDir, makeRecords } from '../helpers/fixtures.js';
import { hasChromium, launchChromium, CHROMIUM, type Chromium } from '../helpers/browser.js';
import { loadItems, openProject } from '../../src/project/project.js';
import { JournalWriter } from '../../src/project/journal.js';
import type { Decision, NewEvent } from '../../src/project/events.js';
import { ITEM_STATES } from '../../src/project/state.js';
import { DECISIONS } from '../../src/project/decisions.js';
import type { SourceItem } from '../../src/dataset/item.js';

const CHARTS = [
  'by-state',
  'by-decision',
  'activity',
  'by-author',
  'by-risk-area',
  'decisions-by-risk-area',
  'by-harm-type',
  'by-specific-harm',
  'qa-findings',
  'agreement-pairs',
  'mt-providers',
];

interface Group {
  key: string;
  name?: string;
  items: number;
  byState: Record<string, number>;
  byDecision: Record<string, number>;
  flagged: number;
}

async function json<T>(args: string[]): Promise<T> {
  const r = await run([...args, '--json']);
  assert.ok(r.code === 0 || (args[0] === 'check' && r.code === 1), r.stderr);
  return JSON.parse(r.stdout) as T;
}

/** Decisions of kim on most items (every item of one specific harm dropped), a second annotator, a reviewer and a flag. */
interface Worked {
  /** The specific harm all of whose items were dropped. */
  lost: string;
  /** The flagged item. */
  flagged: string;
}

async function work(dir: string): Promise<Worked> {
  const items = await loadItems(openProject(dir));
  const lost = items[0]!.specificHarm!;
  const decide = (item: SourceItem, decision: Decision, secondary = false): NewEvent => ({
    type: 'decision',
    item: item.id,
    sourceHash: item.sourceHash,
    decision,
    rationale: `${decision} <b>because</b>`,
    ...(secondary ? { secondary: true } : {}),
  });
  const decided = items.filter((item, i) => item.specificHarm === lost || i % 5 !== 4);
  const kim = decided.map((item, i) =>
    decide(item, item.specificHarm === lost ? 'drop' : (['transfer', 'adapt', 'replace-scenario', 'transfer'] as const)[i % 4]!),
  );
  await new JournalWriter(dir, 'kim').append(kim);
  const others = decided.filter((item) => item.specificHarm !== lost).slice(0, 8);
  await new JournalWriter(dir, 'lee').append(
    others.map((item, i) => decide(item, i % 2 === 0 ? (kim.find((e) => e.item === item.id) as { decision: Decision }).decision : 'drop', true)),
  );
  await new JournalWriter(dir, 'rev').append([
    ...decided.filter((_, i) => i % 3 === 0).map((item): NewEvent => ({ type: 'review', item: item.id, sourceHash: item.sourceHash, verdict: 'approve' })),
    { type: 'flag', item: items[1]!.id, sourceHash: items[1]!.sourceHash, note: 'Which <em>hotline</em>?' },
  ]);
  return { lost, flagged: items[1]!.id };
}

const tableRows = (page: Page, id: string) =>
  page.$$eval(`table[data-table="${id}"] tbody tr`, (rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent ?? '')));

async function checkReport(
  browser: Chromium,
  dir: string,
  file: string,
  screenshot: string,
  { lost, flagged, mtItems }: Worked & { mtItems: number },
): Promise<void> {
  const opened = await browser.open(file);
  try {
    const { page } = opened;
    assert.deepEqual(opened.errors, [], 'console errors');
    assert.deepEqual(opened.blocked, [], 'requests that would have left the file');
    assert.equal(await page.$$eval('script', (scripts) => scripts.length), 0, 'the report has no script');

    const charts = await page.$$eval('figure.chart', (figs) =>
      figs.map((f) => ({ id: f.getAttribute('data-chart') ?? '', marks: f.querySelectorAll('svg .mark-rect path, svg .mark-rect rect').length })),
    );
    assert.deepEqual(
      charts.map((c) => c.id),
      CHARTS,
    );
    for (const c of charts) assert.ok(c.marks > 0, `chart ${c.id} has no drawn marks`);

    const status = await json<{ items: number; byState: Record<string, number>; byDecision: Record<string, number> }>(['status', '-p', dir]);
    assert.deepEqual(Object.fromEntries((await tableRows(page, 'by-state')).map(([k, v]) => [k, Number(v)])), status.byState);
    assert.deepEqual(Object.fromEntries((await tableRows(page, 'by-decision')).map(([k, v]) => [k, Number(v)])), status.byDecision);

    for (const [by, table] of [
      ['risk-area', 'by-risk-area'],
      ['harm-type', 'by-harm-type'],
      ['specific-harm', 'by-specific-harm'],
      ['author', 'by-author'],
    ] as const) {
      const { groups } = await json<{ groups: Group[] }>(['status', '-p', dir, '--by', by]);
      const expected = groups.map((g) =>
        [
          g.name ? `${g.key} (${g.name})` : g.key,
          g.items,
          ...ITEM_STATES.map((s) => g.byState[s]),
          ...DECISIONS.map((d) => g.byDecision[d]),
          g.byDecision.none,
          g.flagged,
        ].map(String),
      );
      assert.deepEqual(await tableRows(page, table), expected, table);
    }
    assert.deepEqual(
      (await tableRows(page, 'lost-specific-harms')).map((r) => r[0]),
      [lost],
    );

    const check = await json<{ counts: Record<string, number> }>(['check', '-p', dir]);
    const qa = await tableRows(page, 'qa-findings');
    for (const severity of ['error', 'warning', 'info']) {
      const open = qa.filter((r) => r[1] === severity).reduce((n, r) => n + Number(r[2]), 0);
      assert.equal(open, check.counts[severity], `open ${severity} findings`);
    }
    // Text from data is shown as text (escaped), never as markup.
    assert.deepEqual(await tableRows(page, 'open-flags'), [[flagged, 'rev: Which <em>hotline</em>?']]);
    assert.equal(await page.$$eval('em', (e) => e.length), 0);

    const agreement = await json<{ items: number; pairs: { annotators: string[]; items: number; agreed: number }[] }>(['agreement', '-p', dir]);
    assert.equal((await tableRows(page, 'agreement-figures'))[0]![1], String(agreement.items));
    assert.deepEqual(
      (await tableRows(page, 'agreement-pairs')).map((r) => r.slice(0, 3)),
      agreement.pairs.map((p) => [p.annotators.join(' & '), String(p.items), String(p.agreed)]),
    );
    const mt = await tableRows(page, 'mt-providers');
    assert.equal(mt.length, 1);
    assert.equal(mt[0]![1], String(mtItems));

    mkdirSync(path.dirname(screenshot), { recursive: true });
    await page.screenshot({ path: screenshot, fullPage: true });
  } finally {
    await opened.close();
  }
}

describe('browser: the HTML report in Chromium', function () {
  this.timeout(300_000);
  let tmp: TempDir;
  let browser: Chromium;
  before(async function () {
    if (!hasChromium()) {
      console.log(`      (skipped: no Chromium at ${CHROMIUM}; .ci/run installs the Debian package "chromium")`);
      this.skip();
    }
    tmp = new TempDir();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    tmp?.remove();
  });

  it('the demo project: every section filled, figures as status --json prints them', async () => {
    const out = tmp.join('demo');
    assert.equal((await run(['demo', '--out', out])).code, 0);
    const dir = path.join(out, 'project');
    const worked = await work(dir);
    const file = tmp.join('demo-report.html');
    const r = await run(['report', '-p', dir, '--out', file]);
    assert.equal(r.code, 0, r.stderr);
    await checkReport(browser, dir, file, path.join(REPO, 'out', 'report-demo.png'), { ...worked, mtItems: 36 });
  });

  it('an 1,800-item project', async () => {
    const dir = tmp.join('big');
    assert.equal((await run(['init', dir, '--source', tmp.json('ac.json', makeRecords(1800)), '--to', 'ko'])).code, 0);
    assert.equal((await run(['translate', '-p', dir, '--limit', '1500'])).code, 0);
    const worked = await work(dir);
    const file = tmp.join('big-report.html');
    assert.equal((await run(['report', '-p', dir, '--out', file])).code, 0);
    await checkReport(browser, dir, file, path.join(REPO, 'out', 'report-1800.png'), { ...worked, mtItems: 1500 });
  });
});
