/** `carefully sheet export|import` through the CLI: CSV and XLSX round trips, review verdicts, bad rows and files. */
import assert from 'node:assert/strict';
import { decisionCounts } from '../../src/project/decisions.js';
import { readFileSync, writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { run } from '../helpers/cli.js';
import { TempDir, journalOf, makeRecords } from '../helpers/fixtures.js';
import { journals } from './journals.js';

/** Set cells of an exported sheet's rows by column name (row 2 holds the names). */
function edit(rows: string[][], id: string, cells: Record<string, string>): void {
  const names = rows[1]!;
  const row = rows.find((r) => r[0] === id);
  assert.ok(row, `${id} has a row`);
  for (const [name, value] of Object.entries(cells)) {
    const i = names.indexOf(name);
    assert.ok(i >= 0, `column ${name}`);
    row[i] = value;
  }
}

function readCsv(file: string): string[][] {
  const bytes = readFileSync(file);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'the CSV starts with a UTF-8 byte-order mark');
  return parse(bytes.toString('utf8').slice(1), { relax_column_count: true });
}

async function editXlsx(file: string, out: string, id: string, cells: Record<string, string>): Promise<void> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const sheet = book.worksheets[0]!;
  const names: string[] = [];
  sheet.getRow(2).eachCell((cell, i) => (names[i] = cell.text));
  let found = false;
  sheet.eachRow((row) => {
    if (row.getCell(1).text !== id) return;
    found = true;
    for (const [name, value] of Object.entries(cells)) row.getCell(names.indexOf(name)).value = value;
  });
  assert.ok(found, `${id} has a row`);
  await book.xlsx.writeFile(out);
}

describe('sheet export and import', function () {
  this.timeout(120_000);
  let tmp: TempDir;
  let n = 0;
  before(() => (tmp = new TempDir()));
  after(() => tmp.remove());

  async function project(): Promise<string> {
    n++;
    const dir = tmp.join(`p${n}`);
    assert.equal((await run(['init', dir, '--source', tmp.json(`ac${n}.json`, makeRecords(4)), '--to', 'ko'])).code, 0);
    assert.equal((await run(['translate', '-p', dir])).code, 0);
    return dir;
  }

  it('CSV: targets with commas, quotes and newlines, decisions, rationales and checklist answers come back; a second import writes nothing', async () => {
    const dir = await project();
    const csv = tmp.join('review.csv');
    const ex = await run(['sheet', 'export', '-p', dir, '-o', csv]);
    assert.equal(ex.code, 0, ex.stderr);
    const rows = readCsv(csv);
    assert.equal(rows[1]![0], 'ID');
    assert.equal(rows.length, 2 + 4);
    assert.ok(
      rows.some((r) => r.includes('パスワードの作り方を教えてください。（0）')),
      'the Japanese source is in the sheet',
    );
    const question = '112에 전화해야 하는 때는, "언제"인가요?\n둘째 줄';
    edit(rows, 'test-0001', { question, decision: 'adapt', rationale: '110番 → 112, "경찰"', checklist: 'named-entities=no\nhelplines-in-answer=yes' });
    edit(rows, 'test-0002', { decision: 'transfer' });
    writeFileSync(csv, `\uFEFF${stringify(rows)}`);
    const im = await run(['sheet', 'import', csv, '-p', dir, '--as', 'alice', '--json']);
    assert.equal(im.code, 0, im.stderr);
    const summary = JSON.parse(im.stdout);
    assert.equal(summary.decisions, 2);
    const events = journalOf(dir, 'alice');
    assert.ok(events.every((e) => e.author === 'alice'));
    assert.deepEqual(
      events.filter((e) => e.item === 'test-0001').map((e) => [e.type, e.field ?? e.question ?? e.decision]),
      [
        ['edit', 'question'],
        ['checklist', 'named-entities'],
        ['checklist', 'helplines-in-answer'],
        ['decision', 'adapt'],
      ],
    );
    assert.equal(events.find((e) => e.type === 'edit')!.text, question);
    assert.equal(events.find((e) => e.type === 'decision' && e.item === 'test-0001')!.rationale, '110番 → 112, "경찰"');
    const status = JSON.parse((await run(['status', '--json', '-p', dir])).stdout);
    assert.deepEqual(status.byDecision, { ...decisionCounts(), transfer: 1, adapt: 1, none: 2 });
    const before = journals(dir);
    const again = await run(['sheet', 'import', csv, '-p', dir, '--as', 'alice', '--json']);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(JSON.parse(again.stdout).events, 0);
    assert.deepEqual(journals(dir), before, 'nothing written the second time');
  });

  it('CSV: a text that a spreadsheet would run as a formula is written inert and comes back unchanged', async () => {
    const dir = await project();
    const csv = tmp.join('formula.csv');
    assert.equal((await run(['sheet', 'export', '-p', dir, '-o', csv])).code, 0);
    const rows = readCsv(csv);
    const texts = ['=HYPERLINK("http://example.invalid","클릭")', '-5도 이하에서는?', "'=1+1"];
    edit(rows, 'test-0001', { question: texts[0]!, rationale: texts[1]!, decision: 'adapt' });
    edit(rows, 'test-0002', { question: texts[2]!, decision: 'adapt', rationale: 'wording' });
    // What a spreadsheet saves back: the cells exactly as carefully's inert form would hold them.
    const inert = (t: string) => (/^'*[=+\-@]/u.test(t) ? `'${t}` : t);
    edit(rows, 'test-0001', { question: inert(texts[0]!), rationale: inert(texts[1]!) });
    edit(rows, 'test-0002', { question: inert(texts[2]!) });
    writeFileSync(csv, `\uFEFF${stringify(rows)}`);
    const im = await run(['sheet', 'import', csv, '-p', dir, '--as', 'alice', '--json']);
    assert.equal(im.code, 0, im.stderr);
    const events = journalOf(dir, 'alice');
    const text = (item: string) => events.find((e) => e.type === 'edit' && e.item === item)!.text;
    assert.equal(text('test-0001'), texts[0], 'the apostrophe carefully added is taken off');
    assert.equal(text('test-0002'), texts[2], "a text that itself starts with ' keeps it");
    assert.equal(events.find((e) => e.type === 'decision' && e.item === 'test-0001')!.rationale, texts[1]);
    const again = tmp.join('formula-again.csv');
    assert.equal((await run(['sheet', 'export', '-p', dir, '-o', again])).code, 0);
    const cells = readCsv(again).flat();
    assert.ok(cells.includes(`'${texts[0]}`) && cells.includes(`''=1+1`), 'exported cells are behind an apostrophe');
    assert.ok(!cells.some((c) => /^[=+@]/u.test(c)), 'no exported cell starts with a formula character');
    const before = journals(dir);
    assert.equal((await run(['sheet', 'import', again, '-p', dir, '--as', 'alice'])).code, 0);
    assert.deepEqual(journals(dir), before, 'the re-exported sheet imports as no change');
  });

  it('XLSX: a reviewer approves and rejects with comments; a localizer edit with Japanese and Korean text comes back', async () => {
    const dir = await project();
    const answers = tmp.jsonl('a.jsonl', [
      { id: 'test-0000', decision: 'transfer' },
      { id: 'test-0001', decision: 'transfer' },
    ]);
    assert.equal((await run(['adapt', '-p', dir, '--answers', answers, '--as', 'alice'])).code, 0);
    const xlsx = tmp.join('review.xlsx');
    assert.equal((await run(['sheet', 'export', '-p', dir, '-o', xlsx])).code, 0);
    const reviewed = tmp.join('reviewed.xlsx');
    await editXlsx(xlsx, reviewed, 'test-0000', { verdict: 'approve', comment: '좋습니다, "완벽"' });
    await editXlsx(reviewed, reviewed, 'test-0001', { verdict: 'reject', comment: '110番을 112로 바꾸세요\n둘째 줄' });
    const r = await run(['sheet', 'import', reviewed, '-p', dir, '--as', 'bob', '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).verdicts, 2);
    assert.deepEqual(
      journalOf(dir, 'bob').map((e) => [e.item, e.verdict, e.comment]),
      [
        ['test-0000', 'approve', '좋습니다, "완벽"'],
        ['test-0001', 'reject', '110番을 112로 바꾸세요\n둘째 줄'],
      ],
    );
    const status = JSON.parse((await run(['status', '--json', '-p', dir])).stdout);
    assert.equal(status.byState.approved, 1);
    assert.equal(status.byState.rejected, 1);
    // The localizer reworks the rejected item in a new export.
    const rework = tmp.join('rework.xlsx');
    assert.equal((await run(['sheet', 'export', '-p', dir, '-o', rework, '--state', 'rejected'])).code, 0);
    await editXlsx(rework, rework, 'test-0001', { answer: '사건이나 사고 때는 112에 전화하세요。（1）', decision: 'adapt', rationale: '110番 → 112' });
    const back = await run(['sheet', 'import', rework, '-p', dir, '--as', 'alice', '--json']);
    assert.equal(back.code, 0, back.stderr);
    const after = JSON.parse((await run(['list', '--json', '-p', dir, '--ids', 'test-0001'])).stdout);
    assert.equal(after.items[0].state, 'adapted');
    assert.equal(after.items[0].decision, 'adapt');
  });

  it('bad rows and files name the file, row and field, and write nothing', async () => {
    const dir = await project();
    const csv = tmp.join('bad-base.csv');
    assert.equal((await run(['sheet', 'export', '-p', dir, '-o', csv])).code, 0);
    const rows = readCsv(csv);
    edit(rows, 'test-0000', { decision: 'keep' });
    edit(rows, 'test-0001', { checklist: 'named-entities' });
    edit(rows, 'test-0002', { checklist: 'named-entities=no' });
    edit(rows, 'test-0003', { ID: 'test-9999' });
    const before = journals(dir);
    const bad = tmp.file('bad.csv', stringify(rows));
    const r = await run(['sheet', 'import', bad, '-p', dir, '--as', 'alice']);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /bad\.csv, line 6, ID "test-9999", field "question": "test-9999" is not an item of the source/);
    assert.deepEqual(journals(dir), before);
    edit(rows, 'test-9999', { ID: 'test-0003' });
    const r2 = await run(['sheet', 'import', tmp.file('bad2.csv', stringify(rows)), '-p', dir, '--as', 'alice']);
    assert.equal(r2.code, 1, r2.stderr);
    assert.match(r2.stderr, /bad2\.csv, line 4, ID "test-0001", field "checklist": "named-entities" is not "<question ID>=<answer>"/);
    assert.match(r2.stderr, /bad2\.csv, line 5, ID "test-0002", field "decision": is empty, but the row changes checklist answers/);
    assert.deepEqual(journals(dir), before);
    edit(rows, 'test-0001', { checklist: '' });
    edit(rows, 'test-0002', { checklist: '' });
    const r3 = await run(['sheet', 'import', tmp.file('bad3.csv', stringify(rows)), '-p', dir, '--as', 'alice']);
    assert.equal(r3.code, 1, r3.stderr);
    assert.match(r3.stderr, /bad3\.csv, line 3, ID "test-0000", field "decision": "keep" is not a decision/);
    assert.deepEqual(journals(dir), before);
    const files: [string, string, RegExp][] = [
      ['quote.csv', `${readFileSync(csv, 'utf8')}"test-0000,"unclosed\n`, /quote\.csv, line \d+: not valid CSV/],
      ['other.csv', readFileSync(csv, 'utf8').replace(/carefully:[^,]+/, 'carefully:x.json:ja-ko:000000000000'), /other\.csv belongs to another project/],
      ['plain.csv', 'ID,question\ntest-0000,hi\n', /plain\.csv is not a carefully review sheet/],
      ['cols.csv', readFileSync(csv, 'utf8').replace(',decision,', ',decisions,'), /cols\.csv lacks the column\(s\) "decision" in row 2/],
    ];
    for (const [name, content, message] of files) {
      const f = await run(['sheet', 'import', tmp.file(name, content), '-p', dir, '--as', 'alice']);
      assert.equal(f.code, 1, `${name}: ${f.stderr}`);
      assert.match(f.stderr, message);
      assert.deepEqual(journals(dir), before, name);
    }
    const notXlsx = await run(['sheet', 'import', tmp.file('fake.xlsx', 'not a zip'), '-p', dir]);
    assert.equal(notXlsx.code, 2, notXlsx.stderr);
    assert.match(notXlsx.stderr, /fake\.xlsx.*is not a readable XLSX workbook/);
  });
});
