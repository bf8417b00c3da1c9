/** The README's programmatic API example, run as written against a temp copy of examples/, so it cannot drift from the API. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { REPO } from '../helpers/cli.js';
import { TempDir } from '../helpers/fixtures.js';
import { assetPath } from '../../src/paths.js';

/** The first ```js block under the "## Programmatic API" heading. */
function readmeExample(): string {
  const readme = readFileSync(assetPath('README.md'), 'utf8');
  const section = readme.split(/^## Programmatic API$/m)[1]?.split(/^## /m)[0] ?? '';
  const code = /```js\n([\s\S]*?)```/.exec(section)?.[1];
  assert.ok(code, 'README.md has a ```js block under "## Programmatic API"');
  return code;
}

describe('README: programmatic API example', () => {
  let tmp: TempDir;
  beforeEach(() => (tmp = new TempDir()));
  afterEach(() => tmp.remove());

  it('runs as written and exports the examples', () => {
    const code = readmeExample();
    assert.match(code, /from 'carefully'/);
    // The package name resolves where carefully is installed; here it is the compiled entry of this checkout.
    const entry = pathToFileURL(assetPath('dist', 'src', 'index.js')).href;
    tmp.file('example.mjs', code.replaceAll("from 'carefully'", `from '${entry}'`));
    cpSync(assetPath('examples'), tmp.join('examples'), { recursive: true });
    const r = spawnSync(process.execPath, ['example.mjs'], { cwd: tmp.path, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.match(r.stdout, /^translated 36, decided 1, QA errors \d+, exported 36 to .*release\/.+\.json\n$/);
    assert.ok(existsSync(tmp.join('release', 'README.md')), 'the dataset card is written');
    assert.ok(existsSync(tmp.join('ko-project', 'journal', 'demo.jsonl')));
    assert.notEqual(REPO, tmp.path);
  });
});
