/**
 * The package as users get it: `npm pack`, install the tarball into an empty
 * folder, run the CLI from node_modules/.bin and import the API by name.
 * npm install may fetch dependencies from the registry: without network the
 * suite skips, saying so.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import ts from 'typescript';
import path from 'node:path';
import { REPO } from '../helpers/cli.js';
import { TempDir } from '../helpers/fixtures.js';

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

function exec(cmd: string, args: string[], opts: { cwd: string; timeoutMs?: number }): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: opts.cwd,
      env: { ...process.env, NO_COLOR: '1', CAREFULLY_AUTHOR: 'tester', PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}` },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: opts.timeoutMs ?? 60_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const NETWORK_ERROR = /E(NOTFOUND|AI_AGAIN|CONNREFUSED|CONNRESET|TIMEDOUT|NETUNREACH|NOTCACHED)|network/i;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : [p];
  });
}

describe('installable package (npm pack, then install the tarball elsewhere)', function () {
  this.timeout(300_000);
  let tmp: TempDir;
  let app: string;
  let installed: string;
  let bin: string;
  let packed: string[];

  before(async function () {
    tmp = new TempDir();
    // dist/ is already built (pretest); scripts are skipped so the pack does not rebuild it under other running tests.
    const pack = await exec('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp.path], { cwd: REPO });
    assert.equal(pack.code, 0, pack.stderr);
    const [info] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
    packed = info!.files.map((f) => f.path);
    app = tmp.join('app');
    await exec('mkdir', [app], { cwd: tmp.path });
    const install = await exec('npm', ['install', tmp.join(info!.filename), '--no-audit', '--no-fund', '--prefer-offline'], { cwd: app, timeoutMs: 240_000 });
    if (install.code !== 0 && NETWORK_ERROR.test(install.stderr)) {
      console.log(
        `    SKIPPED: npm cannot reach the registry to install the tarball's dependencies:\n${install.stderr.trim().split('\n').slice(0, 3).join('\n')}`,
      );
      this.skip();
    }
    assert.equal(install.code, 0, install.stderr);
    installed = path.join(app, 'node_modules', 'carefully');
    bin = path.join(app, 'node_modules', '.bin', 'carefully');
  });
  after(() => tmp?.remove());

  it('ships the compiled CLI, its types and the data it reads, and no sources, tests or maps', () => {
    for (const f of [
      'bin/carefully.js',
      'dist/src/cli/main.js',
      'dist/src/index.js',
      'dist/src/index.d.ts',
      'dist/src/generated/schemas.cjs',
      'package.json',
      'README.md',
    ])
      assert.ok(packed.includes(f), `${f} is in the tarball`);
    for (const dir of ['locales/', 'templates/', 'schemas/', 'data/', 'examples/'])
      assert.ok(
        packed.some((f) => f.startsWith(dir)),
        `${dir} is in the tarball`,
      );
    const unwanted = packed.filter((f) => /^(src|test|bench|dist\/test|dist\/bench|node_modules)\//.test(f) || f.endsWith('.map') || f.startsWith('tsconfig'));
    assert.deepEqual(unwanted, []);
  });

  it('`carefully --help` runs from node_modules/.bin', async () => {
    const r = await exec(bin, ['--help'], { cwd: app });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Usage: carefully /);
    assert.match(r.stdout, /Exit codes: 0 ok/);
    assert.doesNotMatch(r.stderr, /not built yet/);
  });

  it('`carefully demo` runs the pipeline on the examples shipped in the package', async () => {
    const r = await exec(bin, ['demo'], { cwd: app });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /3\. check {6}.*\n4\. export {5}36 records/);
    const project = path.join(app, 'out', 'demo', 'project');
    const config = JSON.parse(readFileSync(path.join(project, 'carefully.json'), 'utf8'));
    assert.equal(path.resolve(project, config.source.path), path.join(installed, 'examples', 'answercarefully-synthetic.json'));
    assert.ok(existsSync(path.join(app, 'out', 'demo', 'export', 'README.md')));
    // From a subfolder of the demo project, as a user would after `cd`.
    const st = await exec(bin, ['status', '--json'], { cwd: path.join(project, 'journal') });
    assert.equal(st.code, 0, st.stderr);
    assert.equal(JSON.parse(st.stdout).items, 36);
    // The zh demo's drafts ship too.
    const zh = await exec(bin, ['demo', '--to', 'zh', '--out', 'out/demo-zh'], { cwd: app });
    assert.equal(zh.code, 0, zh.stderr);
    assert.match(zh.stdout, /drafted item\(s\): .*japanese-kanji 3/);
  });

  it('holds no path of the clone it was packed from', () => {
    const leaks = filesUnder(installed).filter((f) => statSync(f).size < 5_000_000 && readFileSync(f, 'utf8').includes(REPO));
    assert.deepEqual(leaks, []);
  });

  it("imports as 'carefully', with the declarations TypeScript resolves", async () => {
    const js = path.join(app, 'use.mjs');
    writeFileSync(
      js,
      `import { inspectFile, ExitCode, ProjectError, openProject } from 'carefully';
const r = await inspectFile('node_modules/carefully/examples/answercarefully-synthetic.json');
let code;
try { await openProject('.', { discover: true }); } catch (e) { code = e instanceof ProjectError ? e.exitCode : 'untyped'; }
console.log(r.records, code === ExitCode.usage);
`,
    );
    const r = await exec(process.execPath, [js], { cwd: app });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '36 true\n');

    // TypeScript finds the declarations through the exports map (a full type check of a consumer takes ~15 s here).
    const resolved = ts.resolveModuleName(
      'carefully',
      path.join(app, 'use.mts'),
      { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext },
      ts.sys,
    );
    assert.equal(resolved.resolvedModule?.resolvedFileName, path.join(installed, 'dist', 'src', 'index.d.ts'));
    const declarations = readFileSync(path.join(installed, 'dist', 'src', 'index.d.ts'), 'utf8');
    for (const name of ['openProject', 'translate', 'applyAnswers', 'check', 'exportDataset', 'validateFile'])
      assert.match(declarations, new RegExp(`export declare function ${name}\\(`));
  });
});
