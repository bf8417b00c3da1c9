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

/** The cached keys when the cache was written for this fingerprint, else undefined. */
export function readSourceKeys(projectDir: string, fingerprint: string): SourceKey[] | undefined {
  try {
    const lines = readFileSync(path.join(projectDir, SOURCE_KEYS_FILE), 'utf8').split('\n');
    const header = JSON.parse(lines[0]!) as { fingerprint?: string; items?: number };
    if (header.fingerprint !== fingerprint) return undefined; // rewritten after the full read
    const keys: SourceKey[] = [];
    for (let i = 1; i < lines.length; i++) {
      if (lines[i] === '') continue;
      const [id, sourceHash] = JSON.parse(lines[i]!) as [string, string];
      keys.push({ id, sourceHash });
    }
    if (keys.length === header.items) return keys;
  } catch {
    // missing or corrupt: the source is read in full
  }
  rmSync(path.join(projectDir, SOURCE_KEYS_FILE), { force: true }); // so the full read writes it again
  return undefined;
}

/** Best effort and atomic; nothing is written when the cache already has this fingerprint. */
export function writeSourceKeys(projectDir: string, fingerprint: string, items: readonly SourceKey[]): void {
  const file = path.join(projectDir, SOURCE_KEYS_FILE);
  if (headerFingerprint(file) === fingerprint) return;
  let text = `${JSON.stringify({ fingerprint, items: items.length })}\n`;
  for (const i of items) text += `[${jsonString(i.id)},${jsonString(i.sourceHash)}]\n`;
  writeDerivedFile(file, text);
}

/** JSON.stringify of a string, without its call for printable ASCII with nothing to escape (most IDs, every hash). */
function jsonString(s: string): string {
  return PLAIN.test(s) ? `"${s}"` : JSON.stringify(s);
}

const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

function headerFingerprint(file: string): string | undefined {
  try {
    const fd = openSync(file, 'r');
    try {
      const buf = Buffer.alloc(256);
      const n = readSync(fd, buf, 0, buf.length, 0);
      return /"fingerprint":"([0-9a-f]+)"/.exec(buf.toString('utf8', 0, n))?.[1];
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
}
