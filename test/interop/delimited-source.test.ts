/** CSV and TSV source files (spreadsheet exports with Japanese column names) through inspect, --map, init, translate and export. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import { run } from '../helpers/cli.js';
import { TempDir, makeRecords } from '../helpers/fixtures.js';

const records = makeRecords(3).map((r, i) => ({
  ID: r.ID,
  質問: i === 0 ? `${r.text}、"引用"と\n改行` : r.text,
  回答: r.output,
  'meta.risk-area': r.meta['risk-area'] as string,
  'meta.harm-type': r.meta['harm-type'] as string,
}));
const rows = [Object.keys(records[0]!), ...records.map((r) => Object.values(r))];

describe('CSV and TSV sources', function () {
  this.timeout(120_000);
  let tmp: TempDir;
  before(() => (tmp = new TempDir()));
  after(() => tmp.remove());

  for (const kind of ['csv', 'tsv'] as const) {
    it(`${kind.toUpperCase()}: inspect proposes the --map for Japanese column names; init, translate and export read it`, async () => {
      const file = tmp.file(`ac.${kind}`, `\uFEFF${stringify(rows, { delimiter: kind === 'tsv' ? '\t' : ',' })}`);
      const ins = await run(['inspect', file, '--json']);
      assert.equal(ins.code, 0, ins.stderr);
      const report = JSON.parse(ins.stdout);
      assert.equal(report.format, kind);
      assert.equal(report.records, 3);
      assert.deepEqual(report.suggestedMap, ['question=質問', 'answer=回答']);
      const dir = tmp.join(`p-${kind}`);
      const init = await run(['init', dir, '--source', file, '--to', 'ko', '--map', 'question=質問', '--map', 'answer=回答']);
      assert.equal(init.code, 0, init.stderr);
      assert.equal((await run(['translate', '-p', dir])).code, 0);
      const xlf = tmp.join(`${kind}.xlf`);
      assert.equal((await run(['xliff', 'export', '-p', dir, '-o', xlf])).code, 0);
      assert.ok(readFileSync(xlf, 'utf8').includes(`${records[0]!['質問'].replace(/"/g, '&quot;')}`), 'the quoted, multi-line cell is read whole');
      const ex = await run(['export', '-p', dir, '--out', tmp.join(`out-${kind}`), '--include-unreviewed', '--json']);
      assert.equal(ex.code, 0, ex.stderr);
      assert.equal(JSON.parse(ex.stdout).exported, 3);
      assert.match(JSON.parse(ex.stdout).datasetFile, /\.jsonl$/, 'a CSV/TSV source exports as JSON Lines');
    });
  }

  it('a malformed CSV names the file and line (exit 1)', async () => {
    const file = tmp.file('bad.csv', `ID,質問,回答\nq-1,"unclosed,x\n`);
    const r = await run(['inspect', file]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /bad\.csv, line \d+: not valid CSV/);
  });
});
