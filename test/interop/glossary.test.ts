/** `carefully glossary import|export`: CSV and TBX round trips, checked with the JSON glossary's rules; bad files write nothing. */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { run } from '../helpers/cli.js';
import { TempDir, makeRecords } from '../helpers/fixtures.js';

const ROWS = [
  ['source', 'target', 'do-not-translate', 'note'],
  ['個人情報', '개인정보', '', 'law term, "PIPA"'],
  ['ChatGPT', '', 'yes', ''],
  ['いのちの電話', '생명의전화, 1588-9191', '', 'line 1\nline 2'],
];

describe('glossary import and export', function () {
  this.timeout(120_000);
  let tmp: TempDir;
  let n = 0;
  before(() => (tmp = new TempDir()));
  after(() => tmp.remove());

  async function project(): Promise<string> {
    n++;
    const dir = tmp.join(`p${n}`);
    assert.equal((await run(['init', dir, '--source', tmp.json(`ac${n}.json`, makeRecords(2)), '--to', 'ko'])).code, 0);
    return dir;
  }

  it('CSV in, TBX out, TBX into another project, CSV out: the same entries', async () => {
    const a = await project();
    const csv = tmp.file('terms.csv', `\uFEFF${stringify(ROWS)}`);
    const im = await run(['glossary', 'import', csv, '-p', a, '--json']);
    assert.equal(im.code, 0, im.stderr);
    assert.equal(JSON.parse(im.stdout).entries, 3);
    const config = JSON.parse(readFileSync(path.join(a, 'carefully.json'), 'utf8'));
    assert.equal(config.glossary, 'glossary.json');
    assert.deepEqual(JSON.parse(readFileSync(path.join(a, 'glossary.json'), 'utf8')), [
      { source: '個人情報', target: '개인정보', note: 'law term, "PIPA"' },
      { source: 'ChatGPT', doNotTranslate: true },
      { source: 'いのちの電話', target: '생명의전화, 1588-9191', note: 'line 1\nline 2' },
    ]);
    // The translate step reads it as before (the dry run loads the provider glossary).
    assert.equal((await run(['translate', '-p', a, '--dry-run'])).code, 0);
    const tbx = tmp.join('terms.tbx');
    assert.equal((await run(['glossary', 'export', '-p', a, '-o', tbx])).code, 0);
    assert.match(readFileSync(tbx, 'utf8'), /<tbx [^>]*type="TBX-Core"/);
    const b = await project();
    const im2 = await run(['glossary', 'import', tbx, '-p', b]);
    assert.equal(im2.code, 0, im2.stderr);
    const out = tmp.join('back.csv');
    assert.equal((await run(['glossary', 'export', '-p', b, '-o', out])).code, 0);
    const bytes = readFileSync(out);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'byte-order mark');
    assert.deepEqual(parse(bytes.toString('utf8').slice(1)), ROWS);
  });

  it('bad entries and files name the file and entry, and write nothing', async () => {
    const dir = await project();
    const before = readFileSync(path.join(dir, 'carefully.json'), 'utf8');
    const cases: [string, string, RegExp][] = [
      [
        'bad.csv',
        stringify([ROWS[0]!, ['', 'x', '', ''], ['ChatGPT', 'Chat', 'yes', ''], ['AI', '', 'maybe', '']]),
        /bad\.csv, line 4, field "do-not-translate": "maybe" is not yes or no/,
      ],
      [
        'entries.csv',
        stringify([ROWS[0]!, ['', 'x', '', ''], ['ChatGPT', 'Chat', 'yes', '']]),
        /entry 0.*source.*non-empty[\s\S]*target.*must be absent when doNotTranslate/,
      ],
      ['nocol.csv', 'term,translation\na,b\n', /nocol\.csv has no "source" column/],
      ['broken.tbx', '<tbx><text><body><conceptEntry>', /broken\.tbx is not well-formed XML/],
      ['other.tbx', '<html><body/></html>', /other\.tbx is not a TBX file/],
    ];
    for (const [name, content, message] of cases) {
      const r = await run(['glossary', 'import', tmp.file(name, content), '-p', dir]);
      assert.equal(r.code, 1, `${name}: ${r.stderr}`);
      assert.match(r.stderr, message, name);
      assert.equal(readFileSync(path.join(dir, 'carefully.json'), 'utf8'), before, `${name}: config unchanged`);
      assert.ok(!existsSync(path.join(dir, 'glossary.json')), `${name}: no glossary written`);
    }
    const none = await run(['glossary', 'export', '-p', dir, '-o', tmp.join('x.csv')]);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /has no project glossary/);
  });
});
