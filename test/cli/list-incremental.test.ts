/**
 * After journal appends, `list` updates cache/list.json rather than
 * rebuilding it: the rows of the items the new events name are computed
 * again, the others read back (a doctored row under the old key shows
 * through), as long as the dataset's length statistics are unchanged. A
 * change of those, a journal rewritten rather than appended to, or a new item
 * rebuilds every row. Either way the output equals a run without the cache.
 */
import assert from 'node:assert/strict';
import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { run } from '../helpers/cli.js';
import { ADDED_ITEM, TempDir, makeRecords } from '../helpers/fixtures.js';
import { LIST_CACHE_FILE } from '../../src/session/list-cache.js';
import { editListCacheRow, listCacheHeader } from '../helpers/list-cache-file.js';

interface Listed {
  items: { id: string; state: string; decision: string | null; flags: number; qa: Record<string, number> }[];
}

describe('CLI: list after a journal append', function () {
  this.timeout(60_000);
  let tmp: TempDir;
  let dir: string;
  let file: string;
  beforeEach(async () => {
    tmp = new TempDir();
    dir = tmp.join('p');
    file = path.join(dir, LIST_CACHE_FILE);
    assert.equal((await run(['init', dir, '--source', tmp.json('ac.json', makeRecords(6)), '--to', 'ko'])).code, 0);
    assert.equal((await run(['translate', '-p', dir, '--limit', '4'])).code, 0);
    await adapt([{ id: 'test-0000', decision: 'transfer', flag: 'check this' }]);
  });
  afterEach(() => tmp.remove());

  const adapt = async (lines: object[]) => {
    const r = await run(['adapt', '-p', dir, '--as', 'loc', '--answers', tmp.jsonl(`a-${Math.random()}.jsonl`, lines)]);
    assert.equal(r.code, 0, r.stderr);
  };
  const list = async (): Promise<Listed> => {
    const r = await run(['list', '-p', dir, '--json']);
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout) as Listed;
  };
  const fresh = async (): Promise<Listed> => {
    rmSync(file, { force: true });
    return list();
  };
  /** Builds the cache, then gives test-0005 (untranslated, unflagged) 7 flags in its cached row. */
  const doctor = async () => {
    await list();
    editListCacheRow(dir, 5, (row) => (row.flags = 7));
    return listCacheHeader(dir).lengthStats;
  };
  const flagsOf = (l: Listed, id: string) => l.items.find((i) => i.id === id)!.flags;

  it('computes again only the rows of the items the new events name', async () => {
    const stats = await doctor();
    await adapt([{ id: 'test-0002', decision: 'transfer', flag: 'look again' }]);
    const updated = await list();
    assert.equal(flagsOf(updated, 'test-0005'), 7, 'an item the append does not name keeps its cached row');
    assert.deepEqual(listCacheHeader(dir).lengthStats, stats, 'a decision changes no length');
    // The row of the item named is the one a rebuild computes.
    const rebuilt = await fresh();
    assert.equal(flagsOf(rebuilt, 'test-0005'), 0);
    assert.deepEqual(
      updated.items.filter((i) => i.id !== 'test-0005'),
      rebuilt.items.filter((i) => i.id !== 'test-0005'),
    );
    assert.deepEqual(
      updated.items.find((i) => i.id === 'test-0002'),
      { id: 'test-0002', state: 'adapted', decision: 'transfer', authors: ['tester', 'loc'], flags: 1, qa: rebuilt.items[2]!.qa, stale: false },
    );
    // Updated again, and written: the next run reads the new rows as they are.
    await adapt([{ id: 'test-0003', decision: 'transfer' }]);
    assert.equal((await list()).items[3]!.state, 'adapted');
    assert.equal(flagsOf(await list(), 'test-0005'), 0, 'the rebuild above reset the doctored row');
  });

  it('rebuilds every row when the length statistics change', async () => {
    const stats = await doctor();
    await adapt([{ id: 'test-0001', decision: 'adapt', rationale: 'longer', answer: '사건이나 사고가 났을 때는 112에 전화하세요. '.repeat(12) }]);
    const updated = await list();
    assert.notDeepEqual(listCacheHeader(dir).lengthStats, stats, 'the long answer moves the statistics');
    assert.equal(flagsOf(updated, 'test-0005'), 0, 'every row was computed again');
    assert.deepEqual(updated, await fresh());
  });

  it('rebuilds every row when the new events hold an undo (it takes back an event the rows were made from)', async () => {
    await doctor();
    await adapt([{ id: 'test-0000', undo: true }]);
    const undone = await list();
    assert.equal(flagsOf(undone, 'test-0005'), 0, 'every row was computed again');
    assert.equal(undone.items[0]!.decision, null, 'the decision is taken back');
    assert.deepEqual(undone, await fresh());
  });

  it('rebuilds every row when the journal was rewritten rather than appended to, or ends in a torn line', async () => {
    const journal = path.join(dir, 'journal', 'loc.jsonl');
    const text = readFileSync(journal, 'utf8');
    await doctor();
    writeFileSync(journal, `${text}`.replace('check this', 'check that'));
    assert.equal(flagsOf(await list(), 'test-0005'), 0);
    await doctor();
    appendFileSync(journal, '{"v":1,"ts":"2026-');
    const torn = await list();
    assert.equal(flagsOf(torn, 'test-0005'), 0);
    assert.deepEqual(torn, await fresh());
  });

  it('rebuilds every row when an item is added', async () => {
    await doctor();
    const r = await run(['add', '-p', dir, '--as', 'loc', '--answers', tmp.jsonl('add.jsonl', [ADDED_ITEM])]);
    assert.equal(r.code, 0, r.stderr);
    const updated = await list();
    assert.equal(updated.items.length, 7);
    assert.equal(flagsOf(updated, 'test-0005'), 0);
    assert.deepEqual(updated, await fresh());
  });
});
