/**
 * `list --json` prints the rows cached in cache/list.json as bytes (each row
 * stored as it is printed): what it prints must be the bytes of the rows
 * serialised as objects (listItems and test/helpers/json-rows.ts), without a cache, with
 * one, and after an update, for every filter and for the table; a cache file
 * in another format or cut short is made again.
 */
import assert from 'node:assert/strict';
import { readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { run } from '../helpers/cli.js';
import { TempDir, makeRecord, makeRecords } from '../helpers/fixtures.js';
import { printJsonRows } from '../helpers/json-rows.js';
import { editListCacheWarnings, listCachePatches, listCacheHeader } from '../helpers/list-cache-file.js';
import { createPrinter } from '../../src/cli/output.js';
import { padEndCols, textWidth } from '../../src/text-width.js';
import { visible } from '../../src/text-safety.js';
import { listItems } from '../../src/session/list-items.js';
import { LIST_CACHE_FILE } from '../../src/session/list-cache.js';
import type { RawFilters } from '../../src/session/filters.js';

const ODD_ID = 'test-0003\u202e\u2028\u0085"x';

/** listItems' rows printed as objects (printJsonRows): the serialisation `list --json` printed them with before it kept them as bytes. */
async function asObjects(project: string, filters: RawFilters): Promise<string> {
  let text = '';
  const stdout = new Writable({
    write(chunk: Buffer | string, _enc, done) {
      text += chunk.toString();
      done();
    },
  });
  const list = await listItems({ project, filters });
  printJsonRows(createPrinter({ stdout, stderr: stdout }), { selection: list.selection }, 'items', list.items);
  return text;
}

describe('CLI: list --json from the rows stored as printed', function () {
  this.timeout(60_000);
  let tmp: TempDir;
  let dir: string;
  beforeEach(async () => {
    tmp = new TempDir();
    dir = tmp.join('p');
    // An ID with a bidi override, a C1 control, a quote and a line separator: escaped by safeJson, in the cache as printed.
    const records = makeRecords(6).map((r, i) => (i === 3 ? makeRecord(3, { ID: ODD_ID }) : r));
    assert.equal((await run(['init', dir, '--source', tmp.jsonl('ac.jsonl', records), '--to', 'ko'])).code, 0);
    assert.equal((await run(['translate', '-p', dir, '--limit', '5'])).code, 0);
    const answers = tmp.jsonl('a.jsonl', [
      { id: 'test-0000', decision: 'transfer', flag: 'check this' },
      { id: 'test-0001', decision: 'adapt', rationale: '110 → 112', answer: '사건이나 사고가 났을 때는 110番에 전화하세요.' },
    ]);
    assert.equal((await run(['adapt', '-p', dir, '--as', 'loc', '--answers', answers])).code, 0);
  });
  afterEach(() => tmp.remove());

  const queries: [string[], RawFilters][] = [
    [[], {}],
    [['--state', 'adapted'], { state: ['adapted'] }],
    [['--only', 'flagged'], { only: ['flagged'] }],
    [['--only', 'japan-specific'], { only: ['japan-specific'] }],
    [['--risk-area', 'Malicious Uses'], { riskArea: ['Malicious Uses'] }],
    [['--ids', `test-0001,${ODD_ID}`], { ids: [`test-0001,${ODD_ID}`] }],
    [['--shard', '1/2'], { shard: '1/2' }],
  ];

  const list = async (args: string[]) => {
    const r = await run(['list', '-p', dir, ...args]);
    assert.equal(r.code, 0, r.stderr);
    return r;
  };

  it('prints the bytes of the rows serialised as objects, with and without the cache, for every filter and the table', async () => {
    for (const [args, filters] of queries) {
      rmSync(path.join(dir, LIST_CACHE_FILE), { force: true });
      const expected = await asObjects(dir, filters);
      rmSync(path.join(dir, LIST_CACHE_FILE), { force: true });
      const cold = await list(['--json', ...args]);
      const warm = await list(['--json', ...args]);
      assert.equal(cold.stdout, expected, args.join(' '));
      assert.equal(warm.stdout, expected, args.join(' '));
      assert.equal(warm.stderr, cold.stderr);
      const table = await list(args);
      rmSync(path.join(dir, LIST_CACHE_FILE), { force: true });
      assert.deepEqual(await list(args), table, args.join(' '));
    }
    const all = await list(['--json']);
    assert.ok(!/[\u202e\u0085\u2028]/.test(all.stdout), 'controls printed as escapes');
    assert.equal((JSON.parse(all.stdout) as { items: { id: string }[] }).items[3]!.id, ODD_ID);
  });

  it('prints the updated rows as objects print them, the changed row among the odd ones', async () => {
    await list(['--json']);
    editListCacheWarnings(dir, (w) => w.push('planted'));
    const answers = tmp.jsonl('b.jsonl', [{ id: ODD_ID, decision: 'transfer', flag: 'look \u202e again' }]);
    assert.equal((await run(['adapt', '-p', dir, '--as', 'loc\u00e9', '--answers', answers])).code, 0);
    const before = listCacheHeader(dir);
    const updated = await list(['--json']);
    assert.notDeepEqual(listCacheHeader(dir).journal, before.journal, 'the cache was updated');
    assert.ok(listCacheHeader(dir).warnings.includes('planted'), 'from the named item alone (list-update.ts)');
    const expected = await asObjects(dir, {});
    assert.equal(updated.stdout, expected);
    const row = (JSON.parse(updated.stdout) as { items: { id: string; flags: number; authors: string[] }[] }).items[3]!;
    assert.deepEqual([row.id, row.flags, row.authors], [ODD_ID, 1, ['tester', 'loc\u00e9']]);
    rmSync(path.join(dir, LIST_CACHE_FILE));
    assert.equal((await list(['--json'])).stdout, expected);
  });

  it('makes the rows again when the cache file is in another format, cut short, or its lines are not rows', async () => {
    const file = path.join(dir, LIST_CACHE_FILE);
    const expected = (await list(['--json'])).stdout;
    const good = readFileSync(file);
    const header = listCacheHeader(dir);
    // The format before rows were stored as printed: one JSON object, under the same key.
    writeFileSync(file, JSON.stringify({ key: header.key, base: header.base, journal: header.journal, labels: [], rows: [], warnings: [], lengthStats: null }));
    assert.equal((await list(['--json'])).stdout, expected);
    assert.deepEqual(readFileSync(file), good, 'written again in the current format');
    truncateSync(file, good.length - 200);
    assert.equal((await list(['--json'])).stdout, expected);
    assert.deepEqual(readFileSync(file), good);
    // The header's byte count right, a row's line not JSON: the filters (which parse the rows) make them again.
    writeFileSync(file, good.toString('utf8').replace('{"id":"test-0002",', '{"id":"test-0002"#'));
    const filtered = await list(['--state', 'adapted', '--json']);
    assert.deepEqual(readFileSync(file), good);
    assert.equal(filtered.stdout, await asObjects(dir, { state: ['adapted'] }));
  });

  it('appends each update as a patch, read back; a torn patch, or one of another header, makes the rows again', async () => {
    const file = path.join(dir, LIST_CACHE_FILE);
    await list(['--json']);
    for (const [n, id] of ['test-0002', ODD_ID, 'test-0002'].entries()) {
      assert.equal(
        (await run(['adapt', '-p', dir, '--as', `r${n}`, '--answers', tmp.jsonl(`c${n}.jsonl`, [{ id, decision: 'transfer', flag: `note ${n}` }])])).code,
        0,
      );
      const updated = await list(['--json']);
      assert.equal(listCachePatches(dir), n + 1);
      assert.equal(updated.stdout, await asObjects(dir, {}));
      // A filter parses the patched rows: it selects what it selects from rows made anew (no cache file; then put back).
      const filtered = (await list(['--state', 'adapted', '--json'])).stdout;
      const kept = readFileSync(file);
      rmSync(file);
      assert.equal(filtered, await asObjects(dir, { state: ['adapted'] }));
      writeFileSync(file, kept);
    }
    const patched = (await list(['--json'])).stdout;
    const items = (JSON.parse(patched) as { items: { id: string; flags: number }[] }).items;
    assert.deepEqual(
      items.map((i) => i.flags),
      [1, 0, 2, 1, 0, 0],
    );
    const good = readFileSync(file, 'utf8');
    writeFileSync(file, `${good}{"of":"`);
    assert.equal((await list(['--json'])).stdout, patched);
    assert.equal(listCachePatches(dir), 0, 'written again whole');
    writeFileSync(file, good.replace('"warnings":[', '"warnings":["another header"'));
    assert.equal((await list(['--json'])).stdout, patched);
    assert.equal(listCachePatches(dir), 0);
    rmSync(file);
    assert.equal((await list(['--json'])).stdout, patched);
  });

  it('lays the table out in terminal columns, wide characters and escaped controls included', async () => {
    const answers = tmp.jsonl('w.jsonl', [{ id: 'test-0004', decision: 'transfer' }]);
    assert.equal((await run(['adapt', '-p', dir, '--as', '김민준', '--answers', answers])).code, 0);
    const { items } = await listItems({ project: dir });
    const rows = [
      ['ID', 'state', 'decision', 'authors', 'flags', 'QA (e/w/i)'],
      ...items.map((i) => [i.id, i.state, i.decision ?? '-', i.authors.join(',') || '-', String(i.flags), `${i.qa.error}/${i.qa.warning}/${i.qa.info}`]),
    ];
    // Each column as wide as its widest cell in terminal columns (padEndCols), the last one not padded.
    const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => textWidth(r[c]!))));
    const expected = rows.map((r) => visible(r.map((cell, c) => (c === r.length - 1 ? cell : padEndCols(cell, widths[c]!))).join('  ')));
    const table = (await list([])).stdout.split('\n');
    assert.deepEqual(table.slice(0, rows.length), expected);
    assert.ok(table.some((l) => l.includes('tester,김민준')));
  });
});
