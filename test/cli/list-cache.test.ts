/**
 * `list` keeps every item's row in cache/list.json and filters it on each
 * run: what it prints must equal a run without the cache, and any change to
 * the journal, the source or the config computes the rows again.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { run } from '../helpers/cli.js';
import { TempDir, makeRecord, makeRecords } from '../helpers/fixtures.js';
import { LIST_CACHE_FILE } from '../../src/session/list-cache.js';
import { editListCacheRow } from '../helpers/list-cache-file.js';

describe('CLI: list over its cache', function () {
  this.timeout(60_000);
  let tmp: TempDir;
  beforeEach(() => (tmp = new TempDir()));
  afterEach(() => tmp.remove());

  it('filters the cached rows as it filters computed ones, and computes them again after a change', async () => {
    const records = makeRecords(6);
    const source = tmp.json('ac.json', records);
    const dir = tmp.join('p');
    assert.equal((await run(['init', dir, '--source', source, '--to', 'ko'])).code, 0);
    assert.equal((await run(['translate', '-p', dir, '--limit', '4'])).code, 0);
    const answers = tmp.jsonl('a.jsonl', [
      { id: 'test-0000', decision: 'transfer', flag: 'check this' },
      { id: 'test-0001', decision: 'adapt', rationale: '110 → 112', answer: '사건이나 사고가 났을 때는 110番에 전화하세요.' },
    ]);
    assert.equal((await run(['adapt', '-p', dir, '--as', 'loc', '--answers', answers])).code, 0);

    const queries = [
      [],
      ['--state', 'adapted'],
      ['--only', 'flagged'],
      ['--only', 'japan-specific'],
      ['--risk-area', 'Malicious Uses'],
      ['--ids', 'test-0001,test-0005'],
      ['--shard', '1/2'],
    ];
    const fresh: unknown[] = [];
    for (const q of queries) {
      rmSync(path.join(dir, LIST_CACHE_FILE), { force: true });
      const r = await run(['list', '-p', dir, '--json', ...q]);
      assert.equal(r.code, 0, r.stderr);
      fresh.push(JSON.parse(r.stdout));
    }
    assert.ok(existsSync(path.join(dir, LIST_CACHE_FILE)));
    for (const [i, q] of queries.entries()) assert.deepEqual(JSON.parse((await run(['list', '-p', dir, '--json', ...q])).stdout), fresh[i], q.join(' '));
    const all = fresh[0] as { items: { id: string; qa: Record<string, number> }[] };
    assert.ok(
      Object.values(all.items[1]!.qa).some((n) => n > 0),
      'test-0001 has QA findings (110番 left over)',
    );
    const unknown = await run(['list', '-p', dir, '--json', '--ids', 'nope']);
    assert.equal(unknown.code, 2);

    // The rows are read back, not computed: a doctored count under the same key shows through.
    const file = path.join(dir, LIST_CACHE_FILE);
    const undoctored = readFileSync(file, 'utf8');
    editListCacheRow(dir, 0, (row) => (row.flags = 7));
    assert.equal(JSON.parse((await run(['list', '-p', dir, '--json'])).stdout).items[0].flags, 7);
    writeFileSync(file, undoctored); // rows an append does not touch are kept (list-incremental.test.ts)

    // A journal append computes them again.
    assert.equal((await run(['adapt', '-p', dir, '--as', 'loc', '--answers', tmp.jsonl('b.jsonl', [{ id: 'test-0002', decision: 'transfer' }])])).code, 0);
    const appended = JSON.parse((await run(['list', '-p', dir, '--json'])).stdout) as { items: { id: string; state: string; flags: number }[] };
    assert.deepEqual(
      appended.items.slice(0, 3).map((i) => [i.id, i.state, i.flags]),
      [
        ['test-0000', 'adapted', 1],
        ['test-0001', 'adapted', 0],
        ['test-0002', 'adapted', 0],
      ],
    );

    // So does a config change (another target language: other QA), and a new source release.
    const config = JSON.parse(readFileSync(path.join(dir, 'carefully.json'), 'utf8'));
    writeFileSync(path.join(dir, 'carefully.json'), JSON.stringify({ ...config, languages: { ...config.languages, to: 'zh-Hans' } }, null, 2));
    rmSync(file);
    const other = JSON.parse((await run(['list', '-p', dir, '--json'])).stdout);
    assert.notDeepEqual(other, appended, 'Korean and Chinese QA differ on these items');
    writeFileSync(path.join(dir, 'carefully.json'), JSON.stringify(config, null, 2));
    assert.deepEqual(JSON.parse((await run(['list', '-p', dir, '--json'])).stdout), appended);
    writeFileSync(path.join(dir, 'carefully.json'), JSON.stringify({ ...config, languages: { ...config.languages, to: 'zh-Hans' } }, null, 2));
    assert.deepEqual(JSON.parse((await run(['list', '-p', dir, '--json'])).stdout), other);
    writeFileSync(path.join(dir, 'carefully.json'), JSON.stringify(config, null, 2));

    tmp.json('ac.json', [...records, makeRecord(6)]);
    const grown = JSON.parse((await run(['list', '-p', dir, '--json'])).stdout) as { items: { id: string }[] };
    assert.equal(grown.items.length, 7);
  });
});
