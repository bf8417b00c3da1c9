/**
 * Start-up cost (issue #11, item 6): a command loads only what it uses. `status`
 * on a small project compiles no schema (they are compiled at build time) and
 * loads neither the ajv compiler nor the modules only other commands need.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BIN } from '../helpers/cli.js';
import { TempDir, makeRecords } from '../helpers/fixtures.js';
import { initProject } from '../../src/project/project.js';

/** Packages whose code a process loaded (CommonJS modules, which all of these are). */
function loadedPackages(tmp: TempDir, args: string[], cwd: string): string[] {
  const probe = tmp.file(
    'probe.cjs',
    `process.on('exit', () => { const seen = new Set(Object.keys(require('module')._cache).map((f) => f.replace(/\\\\/g, '/')));` +
      ` require('fs').writeFileSync(${JSON.stringify(tmp.join('loaded.json'))}, JSON.stringify([...seen])); });`,
  );
  const r = spawnSync(process.execPath, ['--require', probe, BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, CAREFULLY_AUTHOR: 'tester' } });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(readFileSync(tmp.join('loaded.json'), 'utf8')) as string[];
}

describe('start-up: modules load where first used', function () {
  this.timeout(60_000);
  let tmp: TempDir;
  beforeEach(() => (tmp = new TempDir()));
  afterEach(() => tmp.remove());

  it('`status` on a small project loads no ajv compiler, diff, yaml, atomic-write, lockfile, template or SDK module', async () => {
    const dir = tmp.join('p');
    await initProject({ dir, source: tmp.json('src.json', makeRecords(5)), to: 'ko', provider: 'deepl' });
    const loaded = loadedPackages(tmp, ['status', '-p', dir], tmp.path);
    const from = (pkg: string) => loaded.filter((f) => f.includes(`/node_modules/${pkg}/`));
    assert.ok(
      loaded.some((f) => f.endsWith('/generated/schemas.cjs')),
      'the precompiled validators were used',
    );
    assert.deepEqual(
      from('ajv').filter((f) => !f.includes('/ajv/dist/runtime/')),
      [],
      'only the small runtime helpers of ajv, not its compiler',
    );
    for (const pkg of ['diff', 'yaml', 'write-file-atomic', 'handlebars', 'deepl-node', '@google-cloud', '@inquirer'])
      assert.deepEqual(from(pkg), [], `${pkg} is not loaded by status`);
  });

  it('a command that needs them still loads them: `init` writes the config atomically', () => {
    const source = tmp.json('src.json', makeRecords(2));
    const loaded = loadedPackages(tmp, ['init', path.join(tmp.path, 'q'), '--source', source, '--to', 'ko'], tmp.path);
    assert.ok(loaded.some((f) => f.includes('/node_modules/write-file-atomic/')));
  });
});
