/** export: each derived record keeps the source record's own key order (records of one file may differ), and drops its source-only fields. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { run } from '../helpers/cli.js';
import { TempDir, makeRecord } from '../helpers/fixtures.js';

describe('export: derived record key order', function () {
  this.timeout(60_000);
  let tmp: TempDir;
  before(() => (tmp = new TempDir()));
  after(() => tmp.remove());

  it('follows each source record, whatever order its keys come in', async () => {
    const reorder = (r: Record<string, unknown>, keys: string[]) => Object.fromEntries(keys.map((k) => [k, r[k]]));
    const records = [
      makeRecord(0),
      reorder(makeRecord(1), ['meta', 'output', 'output_en', 'ID', 'text_en', 'text']),
      reorder(makeRecord(2), ['output', 'ID', 'meta', 'text', 'text_en', 'output_en']),
    ];
    const dir = tmp.join('p');
    assert.equal((await run(['init', dir, '--source', tmp.json('ac.json', records), '--to', 'ko'])).code, 0);
    assert.equal((await run(['translate', '-p', dir])).code, 0);
    const ex = await run(['export', '-p', dir, '--out', tmp.join('out'), '--include-unreviewed', '--format', 'jsonl']);
    assert.equal(ex.code, 0, ex.stderr);
    const lines = readFileSync(tmp.join('out', 'data', 'test.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as object);
    assert.deepEqual(
      lines.map((l) => Object.keys(l)),
      [
        ['ID', 'text', 'output', 'meta'],
        ['meta', 'output', 'ID', 'text'],
        ['output', 'ID', 'meta', 'text'],
      ],
    );
  });
});
