/** main(argv, io): the CLI as a function of its io (streams, env, cwd), and bin/carefully.js as its only caller with side effects. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { Writable } from 'node:stream';
import { main } from '../../src/cli/main.js';
import { ExitCode } from '../../src/errors.js';
import { BIN, REPO, cli, run } from '../helpers/cli.js';
import { TempDir, makeRecords } from '../helpers/fixtures.js';

describe('CLI main(argv, io)', () => {
  let tmp: TempDir;
  beforeEach(() => (tmp = new TempDir()));
  afterEach(() => tmp.remove());

  it('importing dist/src/cli/main.js prints nothing, runs no command and exits 0', () => {
    const mainUrl = new URL('../../src/cli/main.js', import.meta.url).href;
    // Arguments a side-effecting module would act on: it would print the help.
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', `await import(${JSON.stringify(mainUrl)});`, '--', '--help'], {
      cwd: REPO,
      encoding: 'utf8',
      timeout: 20_000,
    });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, '');
  });

  it('prints only through io and leaves process.exitCode alone', async () => {
    const before = process.exitCode;
    const r = await run(['status', '-p', tmp.join('missing')]);
    assert.equal(r.code, ExitCode.usage);
    assert.match(r.stderr, /missing/);
    assert.equal(process.exitCode, before);
    const help = await run(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Usage: carefully/);
    const usage = await run(['status', '--nope']);
    assert.equal(usage.code, ExitCode.usage);
    assert.match(usage.stderr, /unknown option '--nope'/);
  });

  it('resolves relative paths against io.cwd, not the process folder', async () => {
    tmp.json('ac.json', makeRecords(2));
    const inspect = await run(['inspect', 'ac.json', '--json'], { cwd: tmp.path });
    assert.equal(inspect.code, 0, inspect.stderr);
    assert.equal(JSON.parse(inspect.stdout).records, 2);
    assert.equal((await run(['init', 'p', '--source', 'ac.json', '--to', 'ko'], { cwd: tmp.path })).code, 0);
    assert.ok(existsSync(tmp.join('p', 'carefully.json')));
    assert.equal((await run(['translate'], { cwd: tmp.join('p') })).code, 0);
    const ex = await run(['export', '--out', '../out', '--include-unreviewed'], { cwd: tmp.join('p') });
    assert.equal(ex.code, 0, ex.stderr);
    assert.ok(existsSync(tmp.join('out', 'README.md')));
  });

  it('reads the author and provider keys from io.env', async () => {
    tmp.json('ac.json', makeRecords(2));
    const dir = tmp.join('p');
    assert.equal((await run(['init', dir, '--source', tmp.join('ac.json'), '--to', 'ko'])).code, 0);
    assert.equal((await run(['translate', '-p', dir], { env: { CAREFULLY_AUTHOR: 'io-author' } })).code, 0);
    assert.deepEqual(
      readdirSync(tmp.join('p', 'journal')).filter((f) => f.endsWith('.jsonl')),
      ['io-author.jsonl'],
    );
    const deeplConfigured = async (key: string | undefined) => {
      const r = await run(['providers', '--json'], { env: { DEEPL_AUTH_KEY: key } });
      return (JSON.parse(r.stdout) as { name: string; configured: boolean }[]).find((p) => p.name === 'deepl')?.configured;
    };
    assert.equal(await deeplConfigured('k'), true);
    assert.equal(await deeplConfigured(undefined), false);
  });

  it('an unexpected error is an internal error: exit 70 with the stack for a bug report', async () => {
    const broken = new Writable({
      write: () => {
        throw new TypeError('stream broke');
      },
    });
    let stderr = '';
    const err = new Writable({
      write: (chunk: Buffer, _e, cb) => {
        stderr += chunk.toString();
        cb();
      },
    });
    const code = await main(['providers'], { stdout: broken, stderr: err, env: {}, cwd: REPO });
    assert.equal(code, ExitCode.internal);
    assert.equal(ExitCode.internal, 70);
    assert.match(stderr, /internal error \(a bug, please report it/);
    assert.match(stderr, /TypeError: stream broke/);
  });

  it('--help lists exit code 70', async () => {
    const r = await run(['--help']);
    assert.match(r.stdout, /\b70 internal error\b/);
  });
});

describe('bin/carefully.js', () => {
  let tmp: TempDir;
  beforeEach(() => (tmp = new TempDir()));
  afterEach(() => tmp.remove());

  it('gives the exit code main() returns to the process, and prints its output', () => {
    const file = tmp.json('bad.json', [{ ...makeRecords(1)[0], output: 42 }]);
    const r = cli(['validate', file]);
    assert.equal(r.code, ExitCode.invalidData, r.stderr);
    assert.match(r.stdout, /bad\.json: 1 problem\(s\) in 1 record\(s\)/);
  });

  it('says how to build when dist/ is missing (exit 2)', () => {
    mkdirSync(tmp.join('bin'));
    const bin = tmp.join('bin', 'carefully.js');
    copyFileSync(BIN, bin);
    const r = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8', timeout: 20_000 });
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /carefully is not built yet: run `npm install` \(or `npm run build`\)/);
  });
});
