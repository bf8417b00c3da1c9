/**
 * Durable appends for the journal and the cache: all lines of one call go out
 * in one write() followed by fsync, under a lock, so a line is either whole
 * on disk or (after kill -9 mid-write) a torn last line that readers skip and
 * the next append trims away. A write that fails (a full disk) is cut back,
 * so one call is all or nothing.
 */
import { closeSync, existsSync, fstatSync, fsync, fsyncSync, mkdirSync, openSync, readSync, ftruncateSync, writeSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import path from 'node:path';
import { ProjectError } from '../errors.js';
import { acquireLock, describeHolder } from './pid-lock.js';
import { lockMessages } from './messages/locks.js';
import { appendFailed } from './messages.js';

/**
 * Repair the end of a file a crash may have cut: an unterminated last line is
 * completed with "\n" if it is whole JSON, and cut away otherwise.
 */
function repairTail(fd: number): void {
  const size = fstatSync(fd).size;
  if (size === 0) return;
  const last = Buffer.alloc(1);
  readSync(fd, last, 0, 1, size - 1);
  if (last[0] === 0x0a) return;
  // Scan back for the previous newline in blocks.
  const block = Buffer.alloc(64 * 1024);
  let end = size;
  let lineStart = 0;
  while (end > 0) {
    const start = Math.max(0, end - block.length);
    const n = readSync(fd, block, 0, end - start, start);
    const nl = block.subarray(0, n).lastIndexOf(0x0a);
    if (nl !== -1) {
      lineStart = start + nl + 1;
      break;
    }
    end = start;
  }
  const tail = Buffer.alloc(size - lineStart);
  readSync(fd, tail, 0, tail.length, lineStart);
  try {
    JSON.parse(tail.toString('utf8'));
    writeSync(fd, '\n', size);
  } catch {
    ftruncateSync(fd, lineStart);
  }
}

const fsyncAsync = promisify(fsync);

/** How long an append waits for another live process's write to finish. */
export const APPEND_LOCK_WAIT_MS = 10_000;

/** Test seam: the write() used for the data (a fake can fail the way a full disk does). */
export interface AppendOptions {
  write?: (fd: number, data: Buffer, offset: number, length: number, position: number) => number;
}

export async function appendLines(file: string, lines: readonly string[], opts: AppendOptions = {}): Promise<void> {
  const write = opts.write ?? writeSync;
  if (lines.length === 0) return;
  mkdirSync(path.dirname(file), { recursive: true });
  if (!existsSync(file)) writeFileSync(file, '', { flag: 'a' });
  // Held for one write; a lock left by a killed process (dead PID) is taken over at once.
  const lock = await acquireLock(`${file}.lock`, {
    command: 'carefully (writing)',
    waitMs: APPEND_LOCK_WAIT_MS,
    busyMessage: (h) => lockMessages.appendBusy(file, describeHolder(h), APPEND_LOCK_WAIT_MS / 1000),
  });
  try {
    const fd = openSync(file, 'r+');
    try {
      repairTail(fd);
      const data = Buffer.from(lines.map((l) => `${l}\n`).join(''), 'utf8');
      let written = 0;
      const at = fstatSync(fd).size;
      try {
        while (written < data.length) written += write(fd, data, written, data.length - written, at + written);
        // Off the event loop: a translate run keeps receiving responses while the disk syncs.
        await fsyncAsync(fd);
      } catch (e) {
        // All or nothing: cut back what part of this write reached the file (a full disk, an I/O error).
        try {
          ftruncateSync(fd, at);
          fsyncSync(fd);
        } catch {
          // Nothing more to do: a torn tail is still skipped by readers and repaired by the next append.
        }
        const code = (e as NodeJS.ErrnoException).code ?? String(e);
        throw new ProjectError(appendFailed(file, code, lines.length), { cause: e });
      }
    } finally {
      closeSync(fd);
    }
  } finally {
    lock.release();
  }
}

export interface ParsedLine<T> {
  value: T;
  line: number;
}

/**
 * Parse a JSONL file written by appendLines. A torn last line is reported
 * through `onTorn` and skipped; a broken line elsewhere is reported through
 * `onBroken` (it cannot come from a crash, so someone edited the file).
 */
export function parseJsonLines<T>(text: string, onTorn: (line: number) => void, onBroken: (line: number, reason: string) => void): ParsedLine<T>[] {
  const out: ParsedLine<T>[] = [];
  const lines = text.split('\n');
  const endsClean = text.endsWith('\n') || text.length === 0;
  lines.forEach((raw, i) => {
    const isLast = i === lines.length - 1;
    if (isLast && endsClean) return; // the empty string after the final newline
    if (raw.trim() === '') return;
    try {
      out.push({ value: JSON.parse(raw) as T, line: i + 1 });
    } catch (e) {
      if (isLast) onTorn(i + 1);
      else onBroken(i + 1, (e as Error).message);
    }
  });
  return out;
}

/**
 * Fail now, before anything is sent or billed, if these files could not be
 * appended to: their folder or file is not writable, or another live process
 * keeps their lock (the same wait as an append; a dead holder's lock is taken over).
 */
export async function checkAppendable(files: readonly string[]): Promise<void> {
  for (const file of files) {
    mkdirSync(path.dirname(file), { recursive: true });
    closeSync(openSync(file, 'a'));
    const lock = await acquireLock(`${file}.lock`, {
      command: 'carefully (checking)',
      waitMs: APPEND_LOCK_WAIT_MS,
      busyMessage: (h) => lockMessages.checkBusy(file, describeHolder(h), APPEND_LOCK_WAIT_MS / 1000),
    });
    lock.release();
  }
}
