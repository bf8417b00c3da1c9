/** Issue #9 item 14: file system failures and special files end with a clear message and a documented exit code. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileSystemError, FileAccessError, assertRegularFile } from '../../src/fs-errors.js';
import { ExitCode, UsageError } from '../../src/errors.js';
import { readRecords } from '../../src/dataset/read-records.js';
import { TempDir, makeRecords } from '../helpers/fixtures.js';
import { cli } from '../helpers/cli.js';

function errno(code: string, syscall: string, path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: failed, ${syscall} '${path}'`), { code, syscall, path, errno: -1 });
}

describe('file system errors', () => {
  let tmp: TempDir;
  beforeEach(() => (tmp = new TempDir()));
  afterEach(() => tmp.remove());

  it('maps EACCES, EROFS and ENOSPC to a typed error naming the path, exit 2, with what to do', () => {
    const cases = [
      ['EACCES', 'open', /Permission denied on \/p\/ac\.json/],
      ['EROFS', 'open', /\/p\/journal\/kim\.jsonl is on a read-only file system.*writable folder/],
      ['ENOSPC', 'write', /No space left on the device holding \/p\/journal\/kim\.jsonl.*Free some space/],
    ] as const;
    for (const [code, syscall, message] of cases) {
      const path = code === 'EACCES' ? '/p/ac.json' : '/p/journal/kim.jsonl';
      const mapped = fileSystemError(errno(code, syscall, path));
      assert.ok(mapped instanceof FileAccessError, code);
      assert.equal(mapped.exitCode, ExitCode.usage);
      assert.equal(mapped.path, path);
      assert.match(mapped.message, message);
    }
    assert.equal(fileSystemError(new Error('not a file system error')), undefined);
    assert.equal(fileSystemError(new RangeError('x')), undefined);
  });

  it('uses the given path when the error carries none (a stream write)', () => {
    const e = Object.assign(new Error('ENOSPC'), { code: 'ENOSPC', syscall: 'write' });
    assert.match(fileSystemError(e, '/out/dataset.jsonl')!.message, /\/out\/dataset\.jsonl/);
    assert.match(fileSystemError(e)!.message, /No space left on the device holding a file this command was writing/);
    assert.equal(fileSystemError(Object.assign(new Error('x'), { code: 'ERR_SOMETHING' })), undefined);
  });

  it('refuses a FIFO passed as the source, instead of waiting for ever', async function () {
    const fifo = tmp.join('source.fifo');
    execFileSync('mkfifo', [fifo]);
    assert.throws(
      () => assertRegularFile(fifo, 'source file'),
      (e: unknown) => e instanceof UsageError && /named pipe \(FIFO\)/.test(e.message),
    );
    await assert.rejects(async () => {
      for await (const _ of readRecords(fifo));
    }, /named pipe \(FIFO\)/);
    for (const args of [
      ['validate', fifo],
      ['inspect', fifo],
      ['init', tmp.join('p'), '--source', fifo, '--to', 'ko'],
    ]) {
      const r = cli(args);
      assert.equal(r.code, 2, `${args[0]}: ${r.stderr}`);
      assert.match(r.stderr, new RegExp(`${fifo.replace(/[.]/g, '\\.')} is a named pipe`));
    }
  });

  it('refuses a device passed as the source', () => {
    assert.throws(() => assertRegularFile('/dev/zero', 'source file'), /is a device/);
  });

  const unreadableTitle =
    'an unreadable source (chmod 000) names the file (exit 2), not an internal error ' +
    '[skipped when run as root: chmod does not stop root; the mapping is tested above]';
  it(unreadableTitle, function () {
    const file = tmp.json('ac.json', makeRecords(2));
    chmodSync(file, 0o000);
    if (process.getuid?.() === 0) {
      // chmod 000 does not stop root: the mapping itself is tested above.
      this.skip();
    }
    const r = cli(['validate', file]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /Permission denied on .*ac\.json/);
  });

  it('a journal that cannot be written ends with exit 2 and the path, not "internal error (a bug)"', () => {
    const source = tmp.json('ac.json', makeRecords(2));
    const dir = tmp.join('p');
    assert.equal(cli(['init', dir, '--source', source, '--to', 'ko']).code, 0);
    // The journal folder replaced by a file: every append fails (ENOTDIR), as it would on a broken mount.
    const answers = tmp.file('answers.jsonl', `${JSON.stringify({ id: 'test-0000', decision: 'transfer' })}\n`);
    execFileSync('rm', ['-rf', `${dir}/journal`]);
    writeFileSync(`${dir}/journal`, '');
    const r = cli(['adapt', '-p', dir, '--answers', answers]);
    assert.notEqual(r.code, 70, r.stderr);
    assert.doesNotMatch(r.stderr, /internal error/);
    assert.match(r.stderr, /journal/);
    mkdirSync(tmp.join('unused'), { recursive: true });
  });

  it('a record nested 100,000 levels deep is refused as invalid data (exit 1), naming file, record and field', () => {
    const depth = 100_000;
    const record = `{"ID":"deep","text":"q","output":"a","meta":${'['.repeat(depth)}${']'.repeat(depth)}}`;
    for (const [name, content] of [
      ['deep.jsonl', `${record}\n`],
      ['deep.json', `[${record}]`],
    ] as const) {
      const file = tmp.file(name, content);
      for (const command of ['validate', 'inspect']) {
        const r = cli([command, file]);
        assert.equal(r.code, 1, `${command} ${name}: ${r.stderr}`);
        assert.match(r.stderr, new RegExp(`${name}, line 1, record 0, field "meta": the record is nested more than 64 levels deep`));
      }
    }
  });
});
