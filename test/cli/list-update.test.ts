/**
 * `list` after journal appends over a JSONL source: the rows of the items the
 * new events name come from their own journal lines and source records
 * (session/list-update.ts), without the whole source or journal. That path
 * keeps the cached warnings (adding only the near-copy cache's), so a
 * sentinel warning planted in cache/list.json shows which path ran; either
 * way the rows equal a run without the cache.
 */
import assert from 'node:assert/strict';
import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { run } from '../helpers/cli.js';
import { TempDir, makeRecord, makeRecords } from '../helpers/fixtures.js';
import { LIST_CACHE_FILE } from '../../src/session/list-cache.js';
import { editListCacheWarnings, listCacheHeader } from '../helpers/list-cache-file.js';
import { NEAR_COPY_CACHE_FILE } from '../../src/qa/near-copy-cache.js';
import { loadItems, openProject } from '../../src/project/project.js';

const SENTINEL = 'planted in the cached rows';

describe('CLI: list after an append, from the named items alone', function () {
  this.timeout(60_000);
  let tmp: TempDir;
  let dir: string;
  afterEach(() => tmp.remove());

  /** A project over `records` (JSONL unless `json`), translated, with the rows cached and the sentinel planted. */
  const setUp = async (records = makeRecords(6), json = false) => {
    tmp = new TempDir();
    dir = tmp.join('p');
    const source = json ? tmp.json('ac.json', records) : tmp.jsonl('ac.jsonl', records);
    assert.equal((await run(['init', dir, '--source', source, '--to', 'ko'])).code, 0);
    assert.equal((await run(['translate', '-p', dir, '--limit', '4'])).code, 0);
    await list();
    plant();
  };
  /** Plants the sentinel among the cached rows' warnings. */
  const plant = () => {
    editListCacheWarnings(dir, (warnings) => warnings.push(SENTINEL));
  };
  const adapt = async (lines: object[], as = 'loc') => {
    const r = await run(['adapt', '-p', dir, '--as', as, '--answers', tmp.jsonl(`a-${Math.random()}.jsonl`, lines)]);
    assert.equal(r.code, 0, r.stderr);
  };
  const list = async () => {
    const r = await run(['list', '-p', dir, '--json']);
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout) as { items: { id: string; state: string; decision: string | null; flags: number }[] };
  };
  /** Whether the last list kept the cached warnings (the path from the named items alone). */
  const keptCachedRows = () => listCacheHeader(dir).warnings.includes(SENTINEL);
  const fresh = async () => {
    rmSync(path.join(dir, LIST_CACHE_FILE), { force: true });
    return list();
  };

  it('updates the named rows from their own lines, even when another record holds the ID as a value', async () => {
    // Record 1 holds "test-0002" as its English question: the search finds it first and must pass over it.
    await setUp([makeRecord(0), makeRecord(1, { text_en: 'test-0002' }), ...makeRecords(6).slice(2)]);
    await adapt([{ id: 'test-0002', decision: 'transfer', flag: 'look again' }]);
    const updated = await list();
    assert.ok(keptCachedRows(), 'the rows were updated from the named item alone');
    assert.deepEqual(
      updated.items.find((i) => i.id === 'test-0002'),
      { ...updated.items.find((i) => i.id === 'test-0002'), state: 'adapted', decision: 'transfer', flags: 1 },
    );
    assert.deepEqual(updated, await fresh());
  });

  it('folds an item from every journal file in journal order', async () => {
    await setUp();
    await adapt([{ id: 'test-0001', decision: 'transfer' }]);
    await list();
    // The item's lines are in two authors' files now.
    await adapt([{ id: 'test-0001', decision: 'transfer', flag: 'see glossary' }], 'kim');
    const updated = await list();
    assert.ok(keptCachedRows());
    assert.equal(updated.items[1]!.flags, 1);
    assert.deepEqual(updated, await fresh());
  });

  it('finds a record longer than the first window, and an event whose item is written escaped', async () => {
    const long = makeRecord(2, { output_en: 'A long reference answer. '.repeat(12_000) });
    await setUp([makeRecord(0), makeRecord(1), long, ...makeRecords(6).slice(3)]);
    await adapt([{ id: 'test-0002', decision: 'transfer' }]);
    assert.ok(keptCachedRows());
    assert.equal((await list()).items[2]!.state, 'adapted');
    // A line edited by hand with the ID escaped ("\u0074" is "t") still belongs to test-0001.
    const mt = JSON.parse(readFileSync(path.join(dir, 'journal', 'tester.jsonl'), 'utf8').split('\n')[1]!) as { item: string; sourceHash: string };
    assert.equal(mt.item, 'test-0001');
    const flag = { v: 1, ts: '2030-01-01T00:00:00.000Z', author: 'ed', type: 'flag', item: 'test-0001', sourceHash: mt.sourceHash, note: 'x' };
    appendFileSync(path.join(dir, 'journal', 'ed.jsonl'), `${JSON.stringify(flag).replace('"test-0001"', '"\\u0074est-0001"')}\n`);
    const updated = await list();
    assert.ok(keptCachedRows());
    assert.equal(updated.items[1]!.flags, 1);
    assert.deepEqual(updated, await fresh());
  });

  it('reads everything when a record is far from where its index puts it in the source', async () => {
    // Records 0-2 hold 2 MB each of a field no role reads: test-0003 starts 6 MB in, past the widest window (4 MB) around where its index puts it (half way).
    const padded = makeRecords(6).map((r, i) => (i < 3 ? { ...r, padding: 'x'.repeat(2 << 20) } : r));
    await setUp(padded);
    await adapt([{ id: 'test-0003', decision: 'transfer' }]);
    const updated = await list();
    assert.ok(!keptCachedRows(), 'the record was not searched for in the whole source');
    assert.equal(updated.items[3]!.state, 'adapted');
    assert.deepEqual(updated, await fresh());
  });

  it('reports a corrupt near-copy verdicts file it read, as a full read does, and rewrites it', async () => {
    await setUp();
    const verdicts = path.join(dir, NEAR_COPY_CACHE_FILE);
    writeFileSync(verdicts, 'not a cache\n');
    // A flag on an item with no target text yet: its near-copy verdict needs no index (which only the full read builds).
    const item = (await loadItems(openProject(dir)))[5]!;
    const flag = { v: 1, ts: '2030-01-01T00:00:00.000Z', author: 'ed', type: 'flag', item: item.id, sourceHash: item.sourceHash, note: 'x' };
    appendFileSync(path.join(dir, 'journal', 'ed.jsonl'), `${JSON.stringify(flag)}\n`);
    const r = await run(['list', '-p', dir]);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(keptCachedRows(), 'the rows were updated from the named item alone');
    assert.match(r.stderr, /near-copy\.jsonl could not be used/);
    assert.notEqual(readFileSync(verdicts, 'utf8'), 'not a cache\n');
    assert.equal((await list()).items[5]!.flags, 1);
  });

  it('reads everything when the source is a JSON array', async () => {
    await setUp(makeRecords(6), true);
    await adapt([{ id: 'test-0002', decision: 'transfer' }]);
    const updated = await list();
    assert.ok(!keptCachedRows(), 'a JSON array source is read whole');
    assert.deepEqual(updated, await fresh());
  });

  it('reads everything when a new event is not valid, or its unit is not whole on disk', async () => {
    await setUp();
    const journal = path.join(dir, 'journal', 'loc.jsonl');
    // translate's MT events (journal/tester.jsonl) carry the items' source hashes.
    const mt = JSON.parse(readFileSync(path.join(dir, 'journal', 'tester.jsonl'), 'utf8').split('\n')[0]!) as { item: string; sourceHash: string };
    assert.equal(mt.item, 'test-0000');
    const hash = mt.sourceHash;
    const flag = { v: 1, ts: '2030-01-01T00:00:00.000Z', author: 'loc', type: 'flag', item: 'test-0000', sourceHash: hash, note: 'x' };
    // An event without its source hash: it names an item (so the rows would be updated) but the fold skips it.
    const { sourceHash: _, ...unhashed } = flag;
    appendFileSync(journal, `${JSON.stringify(unhashed)}\n`);
    const invalid = await list();
    assert.ok(!keptCachedRows(), 'an invalid event is read the usual way');
    assert.equal(invalid.items[0]!.flags, 0, 'the invalid event is ignored');
    assert.deepEqual(invalid, await fresh());
    plant(); // in the rows cached anew
    appendFileSync(journal, `${JSON.stringify({ ...flag, unit: 'u1/2' })}\n`);
    const cut = await list();
    assert.ok(!keptCachedRows(), 'a unit cut short is read the usual way');
    assert.equal(cut.items[0]!.flags, 0, 'the cut unit is ignored');
    assert.deepEqual(cut, await fresh());
  });

  it('reads everything when the new events change the lengths the statistics measure', async () => {
    await setUp();
    await adapt([{ id: 'test-0001', decision: 'adapt', rationale: '더 길게', answer: '사건이나 사고가 났을 때는 112에 전화하세요. '.repeat(12) }]);
    const updated = await list();
    assert.ok(!keptCachedRows(), 'a new answer length is read the usual way');
    assert.deepEqual(updated, await fresh());
  });

  it('shows the source as it is now when it was edited since the rows were cached', async () => {
    await setUp();
    const edited = [makeRecord(0), makeRecord(1, { text: '別の質問です。' }), ...makeRecords(6).slice(2)];
    writeFileSync(path.join(tmp.path, 'ac.jsonl'), edited.map((r) => JSON.stringify(r)).join('\n') + '\n');
    await adapt([{ id: 'test-0003', decision: 'transfer' }]);
    const updated = await list();
    assert.ok(!keptCachedRows(), 'a new source rebuilds the rows');
    assert.equal(updated.items[1]!.state, 'stale');
    assert.deepEqual(updated, await fresh());
  });
});
