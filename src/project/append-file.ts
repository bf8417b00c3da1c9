/**
 * Durable appends for the journal and the cache: all lines of one call go out
 * in one write() followed by fsync, under a lock, so a line is either whole
 * on disk or (after kill -9 mid-write) a torn last line that readers skip and
 * the next append trims away. A write that fails (a full disk) is cut back,
 * so one call is all or nothing.
 */
import { closeSync, existsSync, fstatSync, fsyncSync, mkdirSync, openSync, readSync, ftruncateSync, writeSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { ProjectError } from '../errors.js';
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

/** Test seam: the write() used for the data (a fake can fail the way a full disk does). */
export interface AppendOptions {
  write?: (fd: number, data: Buffer, offset: number, length: number, position: number) => number;
}

export async function appendLines(file: string, lines: readonly string[], opts: AppendOptions = {}): Promise<void> {
  const write = opts.write ?? writeSync;
  if (lines.length === 0) return;
  mkdirSync(path.dirname(file), { recursive: true });
  if (!existsSync(file)) writeFileSync(file, '', { flag: 'a' });
  let release: (() => Promise<void>) | undefined;
  try {
    release = await lockfile.lock(file, { retries: { retries: 50, minTimeout: 10, maxTimeout: 200 }, stale: 10_000 });
  } catch (e) {
    throw new ProjectError(
      `${file} is locked by another carefully process. Wait for it to finish (or remove ${file}.lock if no carefully process is running) and try again.`,
      { cause: e },
    );
  }
  try {
    const fd = openSync(file, 'r+');
    try {
      repairTail(fd);
      const data = Buffer.from(lines.map((l) => `${l}\n`).join(''), 'utf8');
      let written = 0;
      const at = fstatSync(fd).size;
      try {
        while (written < data.length) written += write(fd, data, written, data.length - written, at + written);
        fsyncSync(fd);
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
    await release();
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
