/** `carefully xliff export|import` through the CLI: round trips by XML edit (1.2 and 2.0), stale, changed and unknown units, bad files. */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { run } from '../helpers/cli.js';
import { TempDir, journalOf, makeRecords } from '../helpers/fixtures.js';
import { journals } from './journals.js';

/** Replace the target text of one unit in an exported XLIFF file (1.2: trans-unit id; 2.0: unit name), as a person editing the XML would. */
function setTarget(xml: string, unit: string, text: string): string {
  const start = xml.indexOf(`"${unit}"`);
  assert.ok(start > 0, `unit ${unit} is in the file`);
  const open = xml.indexOf('<target', start);
  const from = xml.indexOf('>', open) + 1;
  const to = xml.indexOf('</target>', from);
  return xml.slice(0, from) + text + xml.slice(to);
}

describe('xliff export and import', function () {
  this.timeout(120_000);
  let tmp: TempDir;
  let n = 0;
  before(() => (tmp = new TempDir()));
  after(() => tmp.remove());

  async function project(records = makeRecords(4)): Promise<{ dir: string; src: string }> {
    n++;
    const src = tmp.json(`ac${n}.json`, records);
    const dir = tmp.join(`p${n}`);
    assert.equal((await run(['init', dir, '--source', src, '--to', 'ko'])).code, 0);
    const t = await run(['translate', '-p', dir]);
    assert.equal(t.code, 0, t.stderr);
    return { dir, src };
  }

  for (const version of ['1.2', '2.0']) {
    it(`XLIFF ${version}: an edited target comes back as an authored edit; a second import writes nothing`, async () => {
      const { dir } = await project();
      const out = tmp.join(`round-${version}.xlf`);
      const ex = await run(['xliff', 'export', '-p', dir, '--xliff-version', version, '-o', out, '--json']);
      assert.equal(ex.code, 0, ex.stderr);
      assert.equal(JSON.parse(ex.stdout).units, 8);
      const xml = readFileSync(out, 'utf8');
      assert.match(xml, version === '1.2' ? /<xliff version="1\.2"/ : /<xliff [^>]*version="2\.0"/);
      assert.match(xml, /パスワードの作り方を教えてください。（0）/, 'the source text is in the file');
      assert.match(xml, /How do I make a password\? \(0\)/, 'the English is a note');
      const edited = '비밀번호는 어떻게 만드나요? "긴" & <안전한> 것\n둘째 줄';
      const escaped = edited.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
      writeFileSync(out, setTarget(xml, 'test-0000#question', escaped));
      const im = await run(['xliff', 'import', out, '-p', dir, '--as', 'alice', '--json']);
      assert.equal(im.code, 0, im.stderr);
      const summary = JSON.parse(im.stdout);
      assert.equal(summary.edited, 1);
      assert.equal(summary.unchanged, 7);
      assert.deepEqual(
        journalOf(dir, 'alice').map((e) => [e.type, e.item, e.field, e.text, e.author]),
        [['edit', 'test-0000', 'question', edited, 'alice']],
      );
      const list = JSON.parse((await run(['list', '--json', '-p', dir, '--ids', 'test-0000'])).stdout);
      assert.ok(list.items[0].authors.includes('alice'), 'list shows alice as an author of the item');
      const before = journals(dir);
      const again = await run(['xliff', 'import', out, '-p', dir, '--as', 'alice', '--json']);
      assert.equal(again.code, 0, again.stderr);
      assert.equal(JSON.parse(again.stdout).alreadyRecorded, 1);
      assert.deepEqual(journals(dir), before, 'nothing written the second time');
    });
  }

  it('refuses a stale unit and one changed in the project meanwhile, naming them, and applies the others (exit 1)', async () => {
    const records = makeRecords(4);
    const { dir, src } = await project(records);
    const out = tmp.join('stale.xlf');
    assert.equal((await run(['xliff', 'export', '-p', dir, '-o', out])).code, 0);
    let xml = readFileSync(out, 'utf8');
    xml = setTarget(xml, 'test-0001#question', '새 질문 1');
    xml = setTarget(xml, 'test-0002#answer', '새 답변 2');
    xml = setTarget(xml, 'test-0003#question', '새 질문 3');
    writeFileSync(out, xml);
    // After the export: a new source release changes test-0001, and bob edits test-0002's answer.
    records[1]!.text = '変更された質問です。';
    writeFileSync(src, JSON.stringify(records));
    const bob = tmp.jsonl('bob.jsonl', [{ id: 'test-0002', decision: 'transfer', answer: '밥의 답변' }]);
    assert.equal((await run(['adapt', '-p', dir, '--answers', bob, '--as', 'bob'])).code, 0);
    const r = await run(['xliff', 'import', out, '-p', dir, '--as', 'alice']);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /test-0001 \(question\): refused, the source text changed/);
    assert.match(r.stderr, /test-0002 \(answer\): refused, the answer was changed in the project after the file was exported/);
    assert.deepEqual(
      journalOf(dir, 'alice').map((e) => [e.item, e.field, e.text]),
      [['test-0003', 'question', '새 질문 3']],
      'only the good unit is applied',
    );
  });

  it('refuses unknown IDs, inline markup, malformed XML, another project and another language pair, writing nothing', async () => {
    const { dir } = await project();
    const out = tmp.join('good.xlf');
    assert.equal((await run(['xliff', 'export', '-p', dir, '-o', out])).code, 0);
    const xml = setTarget(readFileSync(out, 'utf8'), 'test-0000#question', '좋은 편집');
    const before = journals(dir);
    const cases: [string, string, RegExp, number][] = [
      [
        'unknown',
        xml.replace('"test-0001#answer"', '"test-9999#answer"'),
        /unknown\.xlf, ID "test-9999", field "answer": "test-9999" is not an item of the source/,
        1,
      ],
      [
        'markup',
        setTarget(xml, 'test-0002#question', '굵게 <g id="1">강조</g>'),
        /markup\.xlf, ID "test-0002", field "question": holds inline markup \(<g>\)/,
        1,
      ],
      ['broken', xml.replace('</body>', ''), /broken\.xlf is not well-formed XML \(line \d+/, 1],
      ['other', xml.replace(/original="carefully:[^"]+"/, 'original="carefully:other.json:ja-ko:000000000000"'), /other\.xlf belongs to another project/, 1],
      ['foreign', xml.replace(/original="carefully:[^"]+"/, 'original="report.docx"'), /foreign\.xlf was not exported by carefully/, 1],
      [
        'pair',
        xml.replace('target-language="ko"', 'target-language="zh"'),
        /pair\.xlf is for the language pair ja -> zh, but this project translates ja -> ko/,
        1,
      ],
      ['html', '<html><body>no</body></html>', /html\.xlf is not an XLIFF 1\.2 or 2\.0 file/, 1],
    ];
    for (const [name, content, message, code] of cases) {
      const file = tmp.file(`${name}.xlf`, content);
      const r = await run(['xliff', 'import', file, '-p', dir, '--as', 'alice']);
      assert.equal(r.code, code, `${name}: ${r.stderr}`);
      assert.match(r.stderr, message, name);
      assert.match(r.stderr, /Nothing was written|nothing was written/, name);
      assert.deepEqual(journals(dir), before, `${name}: the journal is unchanged`);
    }
    const missing = await run(['xliff', 'import', tmp.join('nope.xlf'), '-p', dir]);
    assert.equal(missing.code, 2, missing.stderr);
  });

  it("exports only the items the filters select, with each unit's state", async () => {
    const { dir } = await project();
    const answers = tmp.jsonl('a.jsonl', [{ id: 'test-0001', decision: 'transfer' }]);
    assert.equal((await run(['adapt', '-p', dir, '--answers', answers, '--as', 'alice'])).code, 0);
    const out = tmp.join('filtered.xlf');
    const r = await run(['xliff', 'export', '-p', dir, '-o', out, '--ids', 'test-0001,test-0002']);
    assert.equal(r.code, 0, r.stderr);
    const xml = readFileSync(out, 'utf8');
    assert.deepEqual(
      [...xml.matchAll(/trans-unit id="([^"]+)"/g)].map((m) => m[1]),
      ['test-0001#question', 'test-0001#answer', 'test-0002#question', 'test-0002#answer'],
    );
    assert.deepEqual(
      [...xml.matchAll(/state="([^"]+)"/g)].map((m) => m[1]),
      ['translated', 'translated', 'needs-review-translation', 'needs-review-translation'],
    );
    assert.match(xml, /<note from="carefully:decision">transfer \(adapted\)<\/note>/);
  });
});
