/** Parquet sources (the Hugging Face viewer's conversion of AnswerCarefully) through inspect, validate, --map, init, translate and export. */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { run } from '../helpers/cli.js';
import { TempDir, makeRecords } from '../helpers/fixtures.js';

type Column = { name: string; data: unknown[] };
const str = (name: string) => ({ name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' }) as const;

/** AC-shaped rows with meta as a native Parquet struct, in row groups of 2 rows (so 5 records span 3 groups). */
function acParquet(n: number, drop?: string): Buffer {
  const records = makeRecords(n);
  const meta = records.map((r) => ({ 'risk-area': r.meta['risk-area'], 'harm-type': r.meta['harm-type'], 'specific-harm': r.meta['specific-harm'] }));
  const flat: Column[] = [
    { name: 'ID', data: records.map((r) => r.ID) },
    { name: 'text', data: records.map((r) => r.text) },
    { name: 'output', data: records.map((r) => r.output) },
  ].filter((c) => c.name !== drop);
  const buf = parquetWriteBuffer({
    columnData: [...flat, { name: 'meta', data: meta }] as never,
    schema: [
      { name: 'root', num_children: flat.length + 1 },
      ...flat.map((c) => str(c.name)),
      { name: 'meta', repetition_type: 'REQUIRED', num_children: 3 },
      str('risk-area'),
      str('harm-type'),
      str('specific-harm'),
    ],
    rowGroupSize: 2,
  });
  return Buffer.from(buf);
}

describe('Parquet sources', function () {
  this.timeout(120_000);
  let tmp: TempDir;
  before(() => (tmp = new TempDir()));
  after(() => tmp.remove());

  it('an AC-shaped Parquet file (struct meta, several row groups) runs through inspect, init, translate and export', async () => {
    const file = tmp.file('ac.parquet', acParquet(5));
    const ins = await run(['inspect', file, '--json']);
    assert.equal(ins.code, 0, ins.stderr);
    const report = JSON.parse(ins.stdout);
    assert.equal(report.format, 'parquet');
    assert.equal(report.records, 5, 'every row group is read');
    assert.deepEqual(report.suggestedMap, [], 'the default profile fits: the struct became nested meta fields');
    const val = await run(['validate', file]);
    assert.equal(val.code, 0, val.stderr + val.stdout);

    const dir = tmp.join('p-ac');
    const init = await run(['init', dir, '--source', file, '--to', 'ko']);
    assert.equal(init.code, 0, init.stderr);
    assert.equal((await run(['translate', '-p', dir, '--provider', 'pseudo'])).code, 0);
    const ex = await run(['export', '-p', dir, '--out', tmp.join('out-ac'), '--include-unreviewed', '--json']);
    assert.equal(ex.code, 0, ex.stderr);
    const summary = JSON.parse(ex.stdout);
    assert.equal(summary.exported, 5);
    assert.match(summary.datasetFile, /\.jsonl$/, 'a Parquet source exports as JSON Lines');
    const out = readFileSync(summary.datasetFile, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const expected = makeRecords(5);
    assert.deepEqual(
      out.map((r) => r.ID),
      expected.map((r) => r.ID),
    );
    assert.equal(out[4].meta['risk-area'], expected[4]!.meta['risk-area'], 'the struct column is a nested field in the export');
  });

  it('inspect proposes the --map for Japanese column names, and init reads the file with it', async () => {
    const records = makeRecords(3);
    const buf = parquetWriteBuffer({
      columnData: [
        { name: 'ID', data: records.map((r) => r.ID) },
        { name: '質問', data: records.map((r) => r.text) },
        { name: '回答', data: records.map((r) => r.output) },
        { name: 'score', data: [1, null, 3] },
      ],
    });
    const file = tmp.file('ja.parquet', Buffer.from(buf));
    const ins = await run(['inspect', file, '--json']);
    assert.equal(ins.code, 0, ins.stderr);
    const report = JSON.parse(ins.stdout);
    assert.deepEqual(report.suggestedMap, ['question=質問', 'answer=回答']);
    const score = (report.fields as { path: string; count: number }[]).find((f) => f.path === 'score');
    assert.equal(score?.count, 2, 'a null cell is an absent field, not a null one');
    const init = await run(['init', tmp.join('p-ja'), '--source', file, '--to', 'ko', '--map', 'question=質問', '--map', 'answer=回答']);
    assert.equal(init.code, 0, init.stderr);
  });

  it('a file that is not Parquet names the file and says so (exit 2)', async () => {
    const file = tmp.file('fake.parquet', '{"ID": "x"}\n');
    const r = await run(['inspect', file]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /fake\.parquet.*is not a Parquet file/);
  });

  it('a truncated Parquet file names the file and says it looks truncated (exit 1)', async () => {
    const whole = acParquet(5);
    const file = tmp.file('cut.parquet', whole.subarray(0, Math.floor(whole.length / 2)));
    const r = await run(['validate', file]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /cut\.parquet: the Parquet file looks truncated or damaged/);
  });

  it('a Parquet file whose damaged row group cannot be decoded names the file and row (exit 1)', async () => {
    const whole = acParquet(5);
    // Overwrite the first data page (just after the "PAR1" marker) with zeros, keeping the footer intact.
    whole.fill(0, 4, 60);
    const file = tmp.join('damaged.parquet');
    writeFileSync(file, whole);
    const r = await run(['inspect', file]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /damaged\.parquet, row 1: rows 1 to 2 cannot be decoded/);
  });

  it('a missing column is reported per record like any source (exit 1)', async () => {
    const file = tmp.file('no-output.parquet', acParquet(3, 'output'));
    const r = await run(['validate', file]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout + r.stderr, /no-output\.parquet, row 1, record 0, ID "test-0000", field "output": is missing/);
  });
});
