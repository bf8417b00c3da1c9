/**
 * Start-up cost (issue #11, item 6): a command loads only what it uses. `status`
 * on a small project compiles no schema (they are compiled at build time) and
 * loads neither the ajv compiler nor the modules only other commands need.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
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

/** What a process loaded and read: ES modules (their URLs), UI catalogs read, and Intl.DisplayNames built. */
interface Footprint {
  modules: string[];
  catalogs: string[];
  displayNames: number;
}

function footprint(tmp: TempDir, args: string[]): Footprint {
  const modulesFile = tmp.join('modules.txt');
  const reportFile = tmp.join('footprint.json');
  rmSync(modulesFile, { force: true });
  const hooks = tmp.file(
    'hooks.mjs',
    `import { appendFileSync } from 'node:fs';\n` +
      `export async function load(url, context, next) { appendFileSync(${JSON.stringify(modulesFile)}, url + '\\n'); return next(url, context); }\n`,
  );
  const register = tmp.file('register.mjs', `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
  const probe = tmp.file(
    'footprint.cjs',
    `const fs = require('fs'); const catalogs = []; let displayNames = 0;\n` +
      `const read = fs.readFileSync; fs.readFileSync = function (f, ...rest) {\n` +
      `  const m = /locales[\\\\/]ui[\\\\/]([^\\\\/]+)$/.exec(String(f)); if (m) catalogs.push(m[1]); return read.call(this, f, ...rest); };\n` +
      `require('module').syncBuiltinESMExports();\n` +
      `const DN = Intl.DisplayNames; Intl.DisplayNames = class extends DN { constructor(...a) { super(...a); displayNames++; } };\n` +
      `process.on('exit', () => fs.writeFileSync(${JSON.stringify(reportFile)}, JSON.stringify({ catalogs, displayNames })));\n`,
  );
  const r = spawnSync(process.execPath, ['--require', probe, '--import', pathToFileURL(register).href, BIN, ...args], {
    cwd: tmp.path,
    encoding: 'utf8',
    env: { ...process.env, CAREFULLY_AUTHOR: 'tester', CAREFULLY_LANG: '', LC_ALL: '', LC_MESSAGES: '', LANG: 'C' },
  });
  assert.equal(r.status, 0, r.stderr);
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as Omit<Footprint, 'modules'>;
  return { ...report, modules: readFileSync(modulesFile, 'utf8').split('\n').filter(Boolean) };
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

  it('`status` on a JSON source reads only the English catalog, builds no language names and loads no parquet, CSV or column-width module', async function () {
    this.timeout(180_000); // six whole processes, slow on a loaded machine
    const dir = tmp.join('p');
    await initProject({ dir, source: tmp.json('src.json', makeRecords(5)), to: 'ko' });
    const unused = ['hyparquet', 'csv-parse', 'string-width', 'cli-truncate', 'wrap-ansi'];
    const status = footprint(tmp, ['status', '-p', dir]);
    assert.ok(
      status.modules.some((u) => u.endsWith('/dist/src/cli/commands/status.js')),
      'the probe sees the ES modules loaded',
    );
    for (const pkg of unused)
      assert.deepEqual(
        status.modules.filter((u) => u.includes(`/node_modules/${pkg}/`)),
        [],
        `${pkg} is not loaded by status`,
      );
    assert.deepEqual(status.catalogs, ['en.json']);
    assert.equal(status.displayNames, 0);

    // Each is still loaded when needed.
    const by = footprint(tmp, ['status', '-p', dir, '--by', 'risk-area']);
    assert.ok(
      by.modules.some((u) => u.includes('/node_modules/string-width/')),
      'status --by lays out columns',
    );
    assert.deepEqual(footprint(tmp, ['--lang', 'ko', 'status', '-p', dir]).catalogs, ['en.json', 'ko.json']);
    const rare = footprint(tmp, ['init', tmp.join('q'), '--source', tmp.jsonl('src.jsonl', makeRecords(2)), '--to', 'yue']);
    assert.ok(rare.displayNames > 0, 'a language outside the common codes is judged by Intl.DisplayNames');
    const csv = tmp.file('src.csv', 'ID,text,output\na1,質問,回答\n');
    const inspect = footprint(tmp, ['inspect', csv]);
    assert.ok(
      inspect.modules.some((u) => u.includes('/node_modules/csv-parse/')),
      'a CSV source loads csv-parse',
    );
  });

  it('a command that needs them still loads them: `init` writes the config atomically', () => {
    const source = tmp.json('src.json', makeRecords(2));
    const loaded = loadedPackages(tmp, ['init', path.join(tmp.path, 'q'), '--source', source, '--to', 'ko'], tmp.path);
    assert.ok(loaded.some((f) => f.includes('/node_modules/write-file-atomic/')));
  });
});
