/** `check` and `export` draw a progress bar on a terminal, and print none when piped or under --json. */
import assert from 'node:assert/strict';
import { Readable, Writable } from 'node:stream';
import { main } from '../../src/cli/main.js';
import { run } from '../helpers/cli.js';
import { TempDir, makeRecords } from '../helpers/fixtures.js';

class Terminal extends Writable {
  readonly isTTY = true;
  readonly columns = 120;
  readonly rows = 40;
  text = '';
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: () => void): void {
    this.text += chunk.toString();
    callback();
  }
  cursorTo(): boolean {
    return true;
  }
  clearLine(): boolean {
    return true;
  }
  moveCursor(): boolean {
    return true;
  }
}

/** main() with stderr on a (fake) terminal; stdout captured apart. */
async function onTerminal(args: string[], cwd: string): Promise<{ code: number; stderr: string }> {
  const stdout = new Terminal();
  const stderr = new Terminal();
  const code = await main(args, { stdout, stderr, stdin: Readable.from([]), env: { ...process.env, CAREFULLY_AUTHOR: 'tester', NO_COLOR: '1' }, cwd });
  return { code, stderr: stderr.text };
}

describe('CLI: progress bars of check and export', () => {
  let tmp: TempDir;
  let dir: string;
  before(async () => {
    tmp = new TempDir();
    dir = tmp.join('p');
    assert.equal((await run(['init', dir, '--source', tmp.json('ac.json', makeRecords(30)), '--to', 'ko'])).code, 0);
    assert.equal((await run(['translate', '-p', dir])).code, 0);
  });
  after(() => tmp.remove());

  it('check shows a bar to 30/30 items on a terminal', async () => {
    const r = await onTerminal(['check', '-p', dir], tmp.path);
    assert.match(r.stderr, /check \[[^\]]*\] 30\/30 items/);
  });

  it('export shows a bar to 30/30 items on a terminal', async () => {
    const r = await onTerminal(['export', '-p', dir, '--out', tmp.join('out-tty'), '--include-unreviewed', '--allow-verbatim'], tmp.path);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /export \[[^\]]*\] 30\/30 items/);
  });

  it('no progress under --json on a terminal, nor when piped', async () => {
    const json = await onTerminal(['export', '-p', dir, '--out', tmp.join('out-json'), '--include-unreviewed', '--allow-verbatim', '--json'], tmp.path);
    assert.equal(json.code, 0, json.stderr);
    assert.doesNotMatch(json.stderr, /items/);
    const checkJson = await onTerminal(['check', '-p', dir, '--json'], tmp.path);
    assert.doesNotMatch(checkJson.stderr, /items/);
    const piped = await run(['export', '-p', dir, '--out', tmp.join('out-piped'), '--include-unreviewed', '--allow-verbatim']);
    assert.equal(piped.code, 0, piped.stderr);
    assert.doesNotMatch(piped.stderr, /\d+\/30 items/);
    const checkPiped = await run(['check', '-p', dir]);
    assert.doesNotMatch(checkPiped.stderr, /\d+\/30 items/);
  });
});
