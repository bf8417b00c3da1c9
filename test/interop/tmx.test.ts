/** `carefully tmx export`: approved segment pairs only, read back by an XML parser and by Translate Toolkit's TMX storage. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { run } from '../helpers/cli.js';
import { TempDir, makeRecords } from '../helpers/fixtures.js';

const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

describe('tmx export', function () {
  this.timeout(120_000);
  let tmp: TempDir;
  let dir: string;
  let tmx: string;
  const question = '비밀번호는, "어떻게" 만드나요?\n둘째 줄 & 끝';
  before(async () => {
    tmp = new TempDir();
    dir = tmp.join('p');
    assert.equal((await run(['init', dir, '--source', tmp.json('ac.json', makeRecords(4)), '--to', 'ko'])).code, 0);
    assert.equal((await run(['translate', '-p', dir])).code, 0);
    const answers = tmp.jsonl('a.jsonl', [
      { id: 'test-0000', decision: 'transfer', question },
      { id: 'test-0001', decision: 'transfer' },
      { id: 'test-0002', decision: 'drop', rationale: 'no counterpart' },
    ]);
    assert.equal((await run(['adapt', '-p', dir, '--answers', answers, '--as', 'alice'])).code, 0);
    const verdicts = tmp.jsonl('v.jsonl', [
      { id: 'test-0000', verdict: 'approve' },
      { id: 'test-0002', verdict: 'approve' },
    ]);
    const r = await run(['review', '-p', dir, '--answers', verdicts, '--as', 'bob']);
    assert.equal(r.code, 0, r.stderr);
    tmx = tmp.join('memory.tmx');
    const ex = await run(['tmx', 'export', '-p', dir, '-o', tmx, '--json']);
    assert.equal(ex.code, 0, ex.stderr);
    assert.deepEqual(JSON.parse(ex.stdout).units, 2);
  });
  after(() => tmp.remove());

  it('holds the approved, kept items only, source -> final target, read back by an XML parser', () => {
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', parseTagValue: false, isArray: (n) => n === 'tu' || n === 'tuv' }).parse(
      readFileSync(tmx, 'utf8'),
    );
    const tus = parsed.tmx.body.tu as { '@_tuid': string; tuv: { '@_xml:lang': string; seg: string }[] }[];
    assert.deepEqual(
      tus.map((t) => t['@_tuid']),
      ['test-0000#question', 'test-0000#answer'],
      'the unapproved item and the dropped one are left out',
    );
    assert.equal(parsed.tmx.header['@_srclang'], 'ja');
    const pair = tus[0]!.tuv.map((v) => [v['@_xml:lang'], v.seg]);
    assert.deepEqual(pair, [
      ['ja', 'パスワードの作り方を教えてください。（0）'],
      ['ko', question],
    ]);
  });

  it("Translate Toolkit's tmxfile reads the same pairs", function () {
    if (spawnSync(PYTHON, ['-c', 'import translate.storage.tmx'], { encoding: 'utf8' }).status !== 0) {
      console.log('    (skipped: Translate Toolkit is not installed; install the Debian package translate-toolkit)');
      this.skip();
    }
    const script = `
import sys, json
from translate.storage import tmx
store = tmx.tmxfile.parsefile(sys.argv[1])
print(json.dumps([[u.source, u.target] for u in store.units]))
`;
    const py = spawnSync(PYTHON, ['-c', script, tmx], { encoding: 'utf8' });
    assert.equal(py.status, 0, py.stderr);
    const pairs = JSON.parse(py.stdout) as [string, string][];
    assert.equal(pairs.length, 2);
    assert.deepEqual(pairs[0], ['パスワードの作り方を教えてください。（0）', question]);
  });
});
