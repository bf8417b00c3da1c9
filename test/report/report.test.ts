/** `carefully report` through the CLI: one self-contained page, data escaped, figures as the other commands give them. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { run } from '../helpers/cli.js';
import { TempDir, makeRecords, makeRecord } from '../helpers/fixtures.js';
import { loadItems, openProject } from '../../src/project/project.js';
import { JournalWriter } from '../../src/project/journal.js';

/** The text of each cell of a table of the page, by its data-table ID (tags stripped, entities decoded). */
function table(html: string, id: string): string[][] {
  const body = new RegExp(`<table data-table="${id}">[\\s\\S]*?<tbody>([\\s\\S]*?)</tbody>`).exec(html);
  assert.ok(body, `table ${id} missing`);
  const decode = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#x27;/g, "'")
      .replace(/&#x60;/g, '`')
      .replace(/&#x3D;/g, '=')
      .replace(/&amp;/g, '&');
  return [...body[1]!.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((r) => [...r[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => decode(c[1]!)));
}

describe('CLI: report', () => {
  let tmp: TempDir;
  beforeEach(() => (tmp = new TempDir()));
  afterEach(() => tmp.remove());

  it('escapes every value from data: no markup, script or terminal control from the source or the journal reaches the page', async () => {
    const hostile = '</table><script>alert(1)</script>';
    const records = [makeRecord(0, { meta: { 'risk-area': '悪用', 'harm-type': '違法行為への加担', 'specific-harm': hostile } }), ...makeRecords(3).slice(1)];
    const dir = tmp.join('p');
    assert.equal((await run(['init', dir, '--source', tmp.json('ac.json', records), '--to', 'ko'])).code, 0);
    const [first] = await loadItems(openProject(dir));
    await new JournalWriter(dir, 'kim').append([
      { type: 'flag', item: first!.id, sourceHash: first!.sourceHash, note: '<img src=x onerror=alert(1)> \u001b[31mred' },
      { type: 'decision', item: first!.id, sourceHash: first!.sourceHash, decision: 'drop', rationale: 'none in Korea' },
    ]);
    const file = tmp.join('report.html');
    const r = await run(['report', '-p', dir, '--out', file]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Report written to .*report\.html/);
    const html = readFileSync(file, 'utf8');
    assert.doesNotMatch(html, /<script|<img|onerror=alert/i);
    assert.ok(!html.includes('\u001b'), 'an escape character reached the page');
    // Shown as text: in the tables (and the chart's SVG labels, which vega escapes).
    assert.deepEqual(table(html, 'open-flags'), [[first!.id, 'kim: <img src=x onerror=alert(1)> \\u001b[31mred']]);
    assert.deepEqual(table(html, 'lost-specific-harms'), [[hostile, '1']]);
    assert.match(html, /<svg[^>]*>[\s\S]*&lt;\/table&gt;&lt;script&gt;/);
    // Self-contained: nothing to fetch (the only URLs are SVG namespace names), and a policy that forbids fetching.
    const urls = [...html.matchAll(/(?:src|href)\s*=\s*"([^"#][^"]*)"/g)].map((m) => m[1]);
    assert.deepEqual(urls, []);
    assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
  });

  it('machine translation figures are what translate sent; QA counts are what check counts', async () => {
    const dir = tmp.join('p');
    assert.equal((await run(['init', dir, '--source', tmp.json('ac.json', makeRecords(12)), '--to', 'ko'])).code, 0);
    const sent = await run(['translate', '-p', dir, '--json']);
    assert.equal(sent.code, 0, sent.stderr);
    const t = JSON.parse(sent.stdout) as { translatedItems: number; requestsSent: number; charactersSent: number };
    const file = tmp.join('report.html');
    assert.equal((await run(['report', '-p', dir, '--out', file])).code, 0);
    const html = readFileSync(file, 'utf8');
    const [mt] = table(html, 'mt-providers');
    assert.deepEqual([mt![1], mt![3], mt![4]], [String(t.translatedItems), String(t.requestsSent), String(t.charactersSent)]);
    assert.equal(mt![5], '0 (offline)');

    const check = JSON.parse((await run(['check', '-p', dir, '--json'])).stdout) as { counts: Record<string, number> };
    const qa = table(html, 'qa-findings');
    for (const severity of ['error', 'warning', 'info'])
      assert.equal(
        qa.filter((row) => row[1] === severity).reduce((n, row) => n + Number(row[2]), 0),
        check.counts[severity],
        severity,
      );
  });

  it('from English: the machine translation figures count the English texts translate sent, each repeated text once', async () => {
    const dir = tmp.join('p');
    // Three items share one English question: translate sends it once, and the report counts it once.
    const records = makeRecords(8).map((r, i) => (i < 3 ? { ...r, text_en: 'The same question, asked again.' } : r));
    assert.equal((await run(['init', dir, '--source', tmp.json('ac.json', records), '--to', 'ko', '--from', 'en'])).code, 0);
    const sent = await run(['translate', '-p', dir, '--json']);
    assert.equal(sent.code, 0, sent.stderr);
    const t = JSON.parse(sent.stdout) as { translatedItems: number; requestsSent: number; charactersSent: number };
    const file = tmp.join('report.html');
    assert.equal((await run(['report', '-p', dir, '--out', file])).code, 0);
    const [mt] = table(readFileSync(file, 'utf8'), 'mt-providers');
    assert.deepEqual([mt![1], mt![2], mt![3], mt![4]], [String(t.translatedItems), '14', String(t.requestsSent), String(t.charactersSent)]);
  });

  it('a project with no work yet still gives a page, with each empty part said in words', async () => {
    const dir = tmp.join('p');
    assert.equal((await run(['init', dir, '--source', tmp.json('ac.json', makeRecords(3)), '--to', 'ko'])).code, 0);
    const file = tmp.join('empty.html');
    const r = await run(['report', '-p', dir, '--out', file, '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { file, bytes: readFileSync(file).length, items: 3 });
    const html = readFileSync(file, 'utf8');
    assert.match(html, /No journal events yet\./);
    assert.match(html, /No machine translation yet/);
    assert.match(html, /No pair of annotators has decided common items yet\./);
    assert.deepEqual(table(html, 'by-state')[0], ['untranslated', '3']);
  });

  it('a missing output folder is a clear error and writes nothing', async () => {
    const dir = tmp.join('p');
    assert.equal((await run(['init', dir, '--source', tmp.json('ac.json', makeRecords(2)), '--to', 'ko'])).code, 0);
    const r = await run(['report', '-p', dir, '--out', tmp.join('no', 'such', 'report.html')]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /the folder .*no[/\\]such does not exist/);
    assert.doesNotMatch(r.stderr, /\.tmp/);
  });
});
