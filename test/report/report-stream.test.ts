/** The report gathered as items stream by: QA from the QA cache, capped lists, journal activity read on from its cache. */
import assert from 'node:assert/strict';
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { run } from '../helpers/cli.js';
import { TempDir, makeRecords } from '../helpers/fixtures.js';
import { loadItems, openProject } from '../../src/project/project.js';
import { JournalWriter } from '../../src/project/journal.js';
import { CHECKPOINT_FILE } from '../../src/project/journal-fold.js';
import { qaCacheCounters } from '../../src/qa/qa-cache.js';
import { ACTIVITY_CACHE_FILE, journalActivity } from '../../src/report/activity.js';
import { LIST_LIMIT } from '../../src/report/collect.js';
import { ACTIVITY_DAYS } from '../../src/report/sections.js';

/** The text of each cell of a table of the page, by its data-table ID (tags stripped; these tables hold no entities). */
function table(html: string, id: string): { rows: string[][]; footnote?: string } {
  const m = new RegExp(`<table data-table="${id}">[\\s\\S]*?<tbody>([\\s\\S]*?)</tbody>[\\s\\S]*?</table>\\s*(?:<p class="footnote">([^<]*)</p>)?`).exec(html);
  assert.ok(m, `table ${id} missing`);
  const rows = [...m[1]!.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((r) => [...r[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => c[1]!));
  return { rows, ...(m[2] ? { footnote: m[2] } : {}) };
}

describe('report: streamed', () => {
  let tmp: TempDir;
  beforeEach(() => (tmp = new TempDir()));
  afterEach(() => tmp.remove());

  it('takes QA from the cache check left, caps long lists with how many more, and counts added and removed items as status does', async () => {
    const n = LIST_LIMIT + 3;
    const dir = tmp.join('p');
    assert.equal((await run(['init', dir, '--source', tmp.jsonl('ac.jsonl', makeRecords(n)), '--to', 'ko'])).code, 0);
    assert.equal((await run(['translate', '-p', dir, '--json'])).code, 0);
    const items = await loadItems(openProject(dir));
    await new JournalWriter(dir, 'kim').append([
      ...items.map((item) => ({ type: 'flag' as const, item: item.id, sourceHash: item.sourceHash, note: `look at ${item.id}` })),
      { type: 'flag', item: 'gone-0001', sourceHash: 'x', note: 'an item no longer in the source' },
      { type: 'new', item: 'ac-ko-new-0001', sourceHash: 'new-item', question: '질문', answer: '답변', rationale: 'Korean issue' },
    ]);
    const check = await run(['check', '-p', dir, '--json']);
    assert.ok(check.code <= 1, check.stderr);
    const { checked } = JSON.parse(check.stdout) as { checked: number };

    const before = { ...qaCacheCounters };
    const file = tmp.join('report.html');
    const r = await run(['report', '-p', dir, '--out', file]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(qaCacheCounters.misses, before.misses, 'the report ran item checks check had cached');
    assert.equal(qaCacheCounters.hits - before.hits, checked);
    assert.match(r.stderr, /gone-0001/);

    const html = readFileSync(file, 'utf8');
    const flags = table(html, 'open-flags');
    assert.equal(flags.rows.length, LIST_LIMIT);
    assert.deepEqual(flags.rows[0], [items[0]!.id, `kim: look at ${items[0]!.id}`]);
    assert.equal(flags.footnote, `${n - LIST_LIMIT} more not listed.`);

    const status = JSON.parse((await run(['status', '-p', dir, '--json'])).stdout) as { items: number; byState: Record<string, number>; removed: number };
    assert.equal(status.items, n + 1);
    assert.deepEqual(Object.fromEntries(table(html, 'by-state').rows.map(([k, v]) => [k, Number(v)])), status.byState);
    assert.equal(status.removed, 1);
    assert.match(html, /1 item\(s\) in the journal are no longer in the source file/);
  });

  it('draws and lists the last 60 days of journal activity, and says what the earlier days held', async () => {
    const dir = tmp.join('p');
    assert.equal((await run(['init', dir, '--source', tmp.jsonl('ac.jsonl', makeRecords(1)), '--to', 'ko'])).code, 0);
    const [item] = await loadItems(openProject(dir));
    const day = (i: number) => new Date(Date.UTC(2026, 0, 1) + i * 86_400_000).toISOString();
    const lines = Array.from({ length: ACTIVITY_DAYS + 2 }, (_, i) =>
      JSON.stringify({ v: 1, ts: day(i), author: 'kim', type: 'flag', item: item!.id, sourceHash: item!.sourceHash, note: `day ${i}` }),
    );
    writeFileSync(path.join(dir, 'journal', 'kim.jsonl'), `${lines.join('\n')}\n`);
    const file = tmp.join('report.html');
    assert.equal((await run(['report', '-p', dir, '--out', file])).code, 0);
    const activity = table(readFileSync(file, 'utf8'), 'activity');
    assert.equal(activity.rows.length, ACTIVITY_DAYS);
    assert.deepEqual(activity.rows[0], [day(2).slice(0, 10), 'kim', '1']);
    assert.match(activity.footnote ?? '', /The last 60 days with activity are shown; 2 event\(s\) on 2 earlier day\(s\)/);
  });

  it('gives the same page from the journal checkpoint (its rows decoded as items are met) as from the journal start', async () => {
    const dir = tmp.join('p');
    assert.equal((await run(['init', dir, '--source', tmp.jsonl('ac.jsonl', makeRecords(30)), '--to', 'ko'])).code, 0);
    assert.equal((await run(['translate', '-p', dir, '--json'])).code, 0);
    const items = await loadItems(openProject(dir));
    const at = (i: number) => ({ item: items[i]!.id, sourceHash: items[i]!.sourceHash });
    const decisions = ['transfer', 'adapt', 'drop', 'replace-scenario'] as const;
    // Decided three times over, so that the checkpoint is small enough beside the journal to be written (MAX_CHECKPOINT_SHARE).
    for (const k of [1, 2, 0])
      await new JournalWriter(dir, 'kim').append(
        items.map((_, i) => ({ type: 'decision' as const, ...at(i), decision: decisions[(i + k) % 4]!, rationale: `r${i}` })),
      );
    await new JournalWriter(dir, 'lee').append([
      ...items.slice(0, 12).map((_, i) => ({ type: 'decision' as const, ...at(i), decision: decisions[(i >> 1) % 4]!, rationale: 'second', secondary: true })),
      { type: 'flag', ...at(3), note: 'look again' },
      { type: 'edit', ...at(5), field: 'answer', text: '고친 답변입니다.' },
    ]);
    await new JournalWriter(dir, 'pat').append(items.slice(0, 9).map((_, i) => ({ type: 'review' as const, ...at(i), verdict: i % 2 ? 'reject' : 'approve' })));
    assert.ok((await run(['check', '-p', dir, '--json'])).code <= 1);
    const page = async (name: string) => {
      const r = await run(['report', '-p', dir, '--out', tmp.join(name)]);
      assert.equal(r.code, 0, r.stderr);
      return readFileSync(tmp.join(name), 'utf8').replace(/generated [^<]*/, 'generated');
    };
    rmSync(path.join(dir, CHECKPOINT_FILE), { force: true });
    const fromStart = await page('start.html');
    assert.ok(existsSync(path.join(dir, CHECKPOINT_FILE)), 'the fold from the start left a checkpoint');
    assert.equal(await page('checkpoint.html'), fromStart);
    assert.match(fromStart, /<tr data-key="kim"><td>kim<\/td><td class="num">30<\/td>/);
  });

  describe('journal activity', () => {
    const ev = (author: string, ts: string, extra: Record<string, unknown> = {}) =>
      `${JSON.stringify({ v: 1, ts, author, type: 'flag', item: 'test-0000', sourceHash: 'h', note: 'n', ...extra })}\n`;

    it('counts valid events per day and author, reads on from its cache after an append, and counts again when earlier lines changed', () => {
      const dir = tmp.join('p');
      const journal = tmp.join('p', 'journal');
      const kim = path.join(journal, 'kim.jsonl');
      mkdirSync(journal, { recursive: true });
      writeFileSync(kim, ev('kim', '2026-01-01T10:00:00.000Z') + ev('kim', '2026-01-01T11:00:00.000Z') + 'not json\n');
      writeFileSync(path.join(journal, 'lee.jsonl'), ev('lee', '2026-01-02T09:00:00.000Z'));
      assert.deepEqual(journalActivity(dir), [
        { day: '2026-01-01', author: 'kim', events: 2 },
        { day: '2026-01-02', author: 'lee', events: 1 },
      ]);

      // Appended: a new day, and a unit cut short (2 of its 3 events), which the fold leaves out too.
      appendFileSync(kim, ev('kim', '2026-01-03T08:00:00.000Z'));
      appendFileSync(kim, ev('kim', '2026-01-03T08:00:01.000Z', { unit: 'u1/3' }) + ev('kim', '2026-01-03T08:00:02.000Z', { unit: 'u1/3' }));
      appendFileSync(kim, ev('kim', '2026-01-03T09:00:00.000Z'));
      const expected = [
        { day: '2026-01-01', author: 'kim', events: 2 },
        { day: '2026-01-02', author: 'lee', events: 1 },
        { day: '2026-01-03', author: 'kim', events: 2 },
      ];
      assert.deepEqual(journalActivity(dir), expected);

      // Read on from the cache: what it holds for the lines already read is used as it is.
      const cacheFile = path.join(dir, ACTIVITY_CACHE_FILE);
      const cache = JSON.parse(readFileSync(cacheFile, 'utf8')) as { files: { name: string; counts: [string, string, number][] }[] };
      cache.files.find((f) => f.name === 'lee.jsonl')!.counts[0]![2] = 7;
      writeFileSync(cacheFile, JSON.stringify(cache));
      assert.equal(journalActivity(dir).find((r) => r.author === 'lee')!.events, 7);
      rmSync(cacheFile);
      assert.deepEqual(journalActivity(dir), expected, 'counted again without the cache');

      // An earlier line rewritten (same length): the cache no longer fits that file, which is counted again.
      writeFileSync(kim, readFileSync(kim, 'utf8').replace('"author":"kim"', '"author":"kai"'));
      assert.deepEqual(journalActivity(dir), [
        { day: '2026-01-01', author: 'kai', events: 1 },
        { day: '2026-01-01', author: 'kim', events: 1 },
        ...expected.slice(1),
      ]);
    });
  });
});
