/**
 * A real consumer: Translate Toolkit (Debian's translate-toolkit, which Weblate
 * and Pootle build on) reads the XLIFF carefully writes, and carefully imports
 * the XLIFF it writes after changing targets through its own storage classes.
 * Translate Toolkit 3.8 has no XLIFF 2.0 storage (its xlifffile finds no
 * units in a 2.0 file), so 2.0 is tested by XML edit in xliff.test.ts.
 * Skips, saying so, only when translate-toolkit is not installed.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { run } from '../helpers/cli.js';
import { TempDir, journalOf, makeRecords } from '../helpers/fixtures.js';

/** Debian's python3 is the one the translate-toolkit package installs for (another python3 may come first on PATH). */
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

function toolkitMissing(): string | undefined {
  const py = spawnSync(PYTHON, ['-c', 'import translate.storage.xliff'], { encoding: 'utf8' });
  if (py.status !== 0) return `${PYTHON} cannot import translate.storage.xliff`;
  const bin = spawnSync('xliff2po', ['--version'], { encoding: 'utf8' });
  if (bin.status !== 0) return 'xliff2po is not on PATH';
  return undefined;
}

/** Change targets the way Weblate writes XLIFF: through translate.storage.xliff, then save. */
const EDIT_SCRIPT = `
import sys, json
from translate.storage import xliff
store = xliff.xlifffile.parsefile(sys.argv[1])
edits = json.loads(sys.argv[3])
seen = 0
for unit in store.units:
    if unit.isheader():
        continue
    for key, text in edits.items():
        if unit.getid().endswith(key):
            unit.target = text
            unit.markfuzzy(False)
            seen += 1
store.savefile(sys.argv[2])
print(seen)
`;

describe('Translate Toolkit reads and writes carefully XLIFF', function () {
  this.timeout(120_000);
  let tmp: TempDir;
  let dir: string;
  before(async function () {
    const missing = toolkitMissing();
    if (missing) {
      console.log(`    (skipped: Translate Toolkit is not installed: ${missing}; install the Debian package translate-toolkit)`);
      this.skip();
    }
    tmp = new TempDir();
    const src = tmp.json('ac.json', makeRecords(5));
    dir = tmp.join('p');
    assert.equal((await run(['init', dir, '--source', src, '--to', 'ko'])).code, 0);
    assert.equal((await run(['translate', '-p', dir])).code, 0);
    // One decided item, so the file holds several unit states.
    const answers = tmp.jsonl('a.jsonl', [{ id: 'test-0001', decision: 'transfer' }]);
    assert.equal((await run(['adapt', '-p', dir, '--answers', answers, '--as', 'alice'])).code, 0);
  });
  after(() => tmp?.remove());

  it('xliff2po converts the XLIFF 1.2 export without errors, with one message per unit', async () => {
    const xlf = tmp.join('out.xlf');
    assert.equal((await run(['xliff', 'export', '-p', dir, '-o', xlf])).code, 0);
    const po = tmp.join('out.po');
    const r = spawnSync('xliff2po', ['--errorlevel=exception', xlf, po], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.doesNotMatch(r.stderr, /error|exception|warning/i);
    const messages = readFileSync(po, 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('msgid '));
    assert.equal(messages.length - 1, 10, 'one message per unit (plus the PO header)');
    assert.match(readFileSync(po, 'utf8'), /#: test-0003%23answer/);
  });

  it('targets changed by translate.storage.xliff come back as edits authored by --as; status and list show them', async () => {
    const xlf = tmp.join('tt.xlf');
    assert.equal((await run(['xliff', 'export', '-p', dir, '-o', xlf])).code, 0);
    const saved = tmp.join('tt-saved.xlf');
    const edits = { 'test-0002#question': '번역 도구에서 고친 질문, "인용"과 쉼표', 'test-0003#answer': '여러 줄\n답변 & 기호' };
    const py = spawnSync(PYTHON, ['-c', EDIT_SCRIPT, xlf, saved, JSON.stringify(edits)], { encoding: 'utf8' });
    assert.equal(py.status, 0, py.stderr);
    assert.equal(py.stdout.trim(), '2', 'the script found both units');
    const im = await run(['xliff', 'import', saved, '-p', dir, '--as', 'weblate', '--json']);
    assert.equal(im.code, 0, im.stderr);
    assert.equal(JSON.parse(im.stdout).edited, 2);
    assert.deepEqual(
      journalOf(dir, 'weblate').map((e) => [e.type, e.item, e.field, e.text]),
      [
        ['edit', 'test-0002', 'question', edits['test-0002#question']],
        ['edit', 'test-0003', 'answer', edits['test-0003#answer']],
      ],
    );
    const list = JSON.parse((await run(['list', '--json', '-p', dir, '--ids', 'test-0002,test-0003'])).stdout);
    for (const item of list.items) assert.ok(item.authors.includes('weblate'), `${item.id} lists weblate as an author`);
    const status = JSON.parse((await run(['status', '--json', '-p', dir])).stdout);
    assert.equal(status.items, 5);
    assert.equal(status.byState.translated, 4, 'edited items are still awaiting a decision');
    const again = await run(['xliff', 'import', saved, '-p', dir, '--as', 'weblate', '--json']);
    assert.equal(JSON.parse(again.stdout).events, 0, 'a second import writes nothing');
  });
});
