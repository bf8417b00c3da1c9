/**
 * The source's item IDs and hashes, cached in cache/source-keys.jsonl after a
 * full, valid read of the source, so that a command needing only those
 * (`status`) does not parse, validate and hash the whole source again.
 *
 * Keyed by the source's path, size, modification time and a hash of its first
 * and last 64 KiB, and by the role mapping: any change there, and the cache is
 * ignored and the source read (and checked) in full again. Derived and
 * rebuildable: deleting it changes nothing but time.
 */
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readFileSync, readSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { writeDerivedFile } from './derived-file.js';
import type { RoleMapping, SourceItem } from '../dataset/item.js';

/** Relative to the project folder; listed in the .gitignore `init` writes. */
export const SOURCE_KEYS_FILE = path.join('cache', 'source-keys.jsonl');
const EDGE = 64 * 1024;

export type SourceKey = Pick<SourceItem, 'id' | 'sourceHash'>;

/** What identifies the source as read: a changed file or mapping gives another key. Undefined for what is not a regular file. */
export function sourceFingerprint(sourcePath: string, mapping: RoleMapping): string | undefined {
  try {
    if (!statSync(sourcePath).isFile()) return undefined; // a FIFO would block; the reader reports what is wrong
  } catch {
    return undefined;
  }
  const fd = openSync(sourcePath, 'r');
  try {
    const st = fstatSync(fd);
    const hash = createHash('sha256').update(JSON.stringify([path.resolve(sourcePath), st.size, st.mtimeMs, mapping]));
    const head = Buffer.alloc(Math.min(EDGE, st.size));
    readSync(fd, head, 0, head.length, 0);
    const tail = Buffer.alloc(Math.min(EDGE, st.size));
    readSync(fd, tail, 0, tail.length, st.size - tail.length);
    return hash.update(head).update(tail).digest('hex');
  } finally {
    closeSync(fd);
  }
}

/** Keys read from the cache, with its header's `texts` (sourceTextsFile when they were written), when it has one. */
export interface CachedSourceKeys {
  keys: SourceKey[];
  texts?: string;
  /** A JSONL source's byte offset of each key's record line (lazy-source.ts), when the header has them: decoded when asked. */
  starts?: () => Float64Array | undefined;
}

/** The cached keys when the cache was written for this fingerprint, else undefined. */
export function readSourceKeys(projectDir: string, fingerprint: string): CachedSourceKeys | undefined {
  try {
    const text = readFileSync(path.join(projectDir, SOURCE_KEYS_FILE), 'utf8');
    let end = text.indexOf('\n');
    const header = JSON.parse(text.slice(0, end)) as { fingerprint?: string; items?: number; texts?: unknown; lines?: unknown };
    if (header.fingerprint !== fingerprint) return undefined; // rewritten after the full read
    const keys: SourceKey[] = [];
    for (let start = end + 1; start < text.length; start = end + 1) {
      end = text.indexOf('\n', start);
      if (end === -1) end = text.length;
      if (end > start) keys.push(keyOf(text, start, end));
    }
    if (keys.length === header.items) {
      const lines = header.lines;
      // Only a session reads them: not decoded for the other readers of the keys.
      const starts = typeof lines === 'string' && lines !== '' ? () => decodeStarts(lines, keys.length) : undefined;
      return { keys, ...(typeof header.texts === 'string' ? { texts: header.texts } : {}), ...(starts ? { starts } : {}) };
    }
  } catch {
    // missing or corrupt: the source is read in full
  }
  rmSync(path.join(projectDir, SOURCE_KEYS_FILE), { force: true }); // so the full read writes it again
  return undefined;
}

/** The key on text[start, end): `["<id>","<hash>"]`, cut out when neither holds an escape (as writeSourceKeys writes most), else parsed. */
function keyOf(text: string, start: number, end: number): SourceKey {
  const split = text.indexOf('","', start);
  if (text.startsWith('["', start) && text.startsWith('"]', end - 2) && split !== -1 && split < end - 2) {
    const id = text.slice(start + 2, split);
    const sourceHash = text.slice(split + 3, end - 2);
    if (!id.includes('\\') && !id.includes('"') && PLAIN.test(sourceHash)) return { id, sourceHash };
  }
  const pair = JSON.parse(text.slice(start, end)) as unknown;
  if (!Array.isArray(pair) || typeof pair[0] !== 'string' || typeof pair[1] !== 'string') throw new Error('not a key');
  return { id: pair[0], sourceHash: pair[1] };
}

/**
 * Best effort and atomic; nothing is written when the cache already has this
 * fingerprint and snapshot (and line starts, when `starts` is given). `texts`: the identity of cache/source-texts.jsonl
 * holding every key's texts (sourceTextsFile), kept in the header. `starts`: where each key's record line starts in
 * a JSONL source (lazy-source.ts), asked for only when the file is written.
 */
export function writeSourceKeys(
  projectDir: string,
  fingerprint: string,
  items: readonly SourceKey[],
  texts?: string,
  starts?: () => Float64Array | undefined,
): void {
  const file = path.join(projectDir, SOURCE_KEYS_FILE);
  const header = headerOf(file);
  if (header?.fingerprint === fingerprint && header.texts === texts && (starts === undefined || header.lines)) return;
  // '' when they cannot be kept: the header still says they were looked for, so the next full read does not scan again.
  const lines = starts && (encodeStarts(starts(), items.length) ?? '');
  let text = `${JSON.stringify({ fingerprint, items: items.length, ...(texts === undefined ? {} : { texts }), ...(lines === undefined ? {} : { lines }) })}\n`;
  for (const i of items) text += `[${jsonString(i.id)},${jsonString(i.sourceHash)}]\n`;
  writeDerivedFile(file, text);
}

/**
 * The snapshot file (project/source-snapshot.ts) as a key: its inode and size.
 * It is only appended to, so while its inode is the same and it is no
 * shorter, every text it held then it holds still.
 */
export function sourceTextsFile(snapshotFile: string): string | undefined {
  try {
    const st = statSync(snapshotFile);
    return `${st.ino}:${st.size}`;
  } catch {
    return undefined;
  }
}

/**
 * Whether the snapshot still holds every key's texts: it is the file the keys were written after (`texts`, their
 * header's sourceTextsFile, as readSourceKeys gives it), or that file grown.
 */
export function keyTextsRecorded(texts: string | undefined, snapshotFile: string): boolean {
  const then = texts?.split(':');
  const now = sourceTextsFile(snapshotFile)?.split(':');
  return then !== undefined && now !== undefined && then[0] === now[0] && Number(now[1]) >= Number(then[1]);
}

/** JSON.stringify of a string, without its call for printable ASCII with nothing to escape (most IDs, every hash). */
function jsonString(s: string): string {
  return PLAIN.test(s) ? `"${s}"` : JSON.stringify(s);
}

const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/**
 * Line starts as base64 of their differences (uint32, little-endian): 4 bytes a key in the header rather than a
 * number on each key's line, which every reader of the keys would parse. Undefined when they cannot be kept so.
 */
function encodeStarts(starts: Float64Array | undefined, items: number): string | undefined {
  if (starts?.length !== items) return undefined;
  const deltas = Buffer.alloc(4 * items);
  let last = 0;
  for (let i = 0; i < items; i++) {
    const d = starts[i]! - last;
    if (d < 0 || d > 0xffffffff) return undefined;
    deltas.writeUInt32LE(d, 4 * i);
    last = starts[i]!;
  }
  return deltas.toString('base64');
}

function decodeStarts(lines: string, items: number): Float64Array | undefined {
  const deltas = Buffer.from(lines, 'base64');
  if (deltas.length !== 4 * items) return undefined;
  const starts = new Float64Array(items);
  let at = 0;
  for (let i = 0; i < items; i++) starts[i] = at += deltas.readUInt32LE(4 * i);
  return starts;
}

function headerOf(file: string): { fingerprint?: string; texts?: string; lines?: true } | undefined {
  try {
    const fd = openSync(file, 'r');
    try {
      const buf = Buffer.alloc(512);
      const n = readSync(fd, buf, 0, buf.length, 0);
      const line = buf.toString('utf8', 0, n);
      const fingerprint = /"fingerprint":"([0-9a-f]+)"/.exec(line)?.[1];
      const texts = /"texts":"(\d+:\d+)"/.exec(line)?.[1];
      return {
        ...(fingerprint === undefined ? {} : { fingerprint }),
        ...(texts === undefined ? {} : { texts }),
        ...(line.includes('"lines":"') ? { lines: true as const } : {}),
      };
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
}
