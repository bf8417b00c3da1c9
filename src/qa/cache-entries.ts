/**
 * The entry storage both QA caches share (qa-cache.ts, near-copy-cache.ts):
 * a JSONL file whose first line is a header and every other line
 * `["<id>","<hash>",<JSON>]`. Entries are kept as "<hash>\t<JSON>" and parsed
 * only by their user; an entry as read is just the offset of its line in the
 * file's text, kept whole (one number per item rather than a string: memory
 * at 100k items). Written atomically, in a folder that ignores itself in git.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';

/** Length of an entry's hash (base64url of sha256, cut). */
export const HASH_LENGTH = 22;

/** Creates the cache's folder with its .gitignore: the files are rewritten whole and would conflict in every merge. */
export function cacheFolder(file: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const ignore = path.join(path.dirname(file), '.gitignore');
  if (!existsSync(ignore)) writeFileSync(ignore, '*\n');
}

/** Index of the quote closing the JSON string that opens at `start`, or -1. */
function stringEnd(line: string, start: number): number {
  for (let j = line.indexOf('"', start + 1); j !== -1; j = line.indexOf('"', j + 1)) {
    let backslashes = 0;
    while (line[j - 1 - backslashes] === '\\') backslashes++;
    if (backslashes % 2 === 0) return j;
  }
  return -1;
}

/** The ID and entry text of one line `["<id>","<hash>",<JSON array>]`, read without parsing the JSON; throws when the line is not one. */
function parseLine(line: string, n: number): [string, string] {
  const q = line.startsWith('["') ? stringEnd(line, 1) : -1;
  const h = q + 3;
  const f = h + HASH_LENGTH + 2;
  if (q === -1 || line.slice(q + 1, h) !== ',"' || line.slice(f - 2, f + 1) !== '",[' || !line.endsWith(']]'))
    throw new Error(`line ${n} is not a cache entry`);
  const quoted = line.slice(1, q + 1);
  const id = quoted.includes('\\') ? (JSON.parse(quoted) as string) : quoted.slice(1, -1);
  return [id, `${line.slice(h, h + HASH_LENGTH)}\t${line.slice(f, -1)}`];
}

export class CacheEntries {
  /** ID -> entry text, or the offset of its line in `text` for an entry as read. */
  private readonly entries = new Map<string, string | number>();
  private text = '';

  get size(): number {
    return this.entries.size;
  }

  /**
   * Reads `file`, when it exists, and returns its parsed header; its entries
   * are kept only when `accept(header)` says so. Throws on a corrupt file
   * (the caller warns and starts empty).
   */
  read(file: string, accept: (header: unknown) => boolean): unknown {
    if (!existsSync(file)) return undefined;
    const text = readFileSync(file, 'utf8');
    let end = text.indexOf('\n');
    const header = JSON.parse(end === -1 ? text : text.slice(0, end)) as unknown;
    if (!accept(header)) return header;
    try {
      for (let n = 2, start = end + 1; end !== -1 && start < text.length; n++, start = end + 1) {
        end = text.indexOf('\n', start);
        const line = text.slice(start, end === -1 ? undefined : end);
        if (line === '') continue;
        this.entries.set(parseLine(line, n)[0], start);
      }
    } catch (err) {
      this.clear();
      throw err;
    }
    this.text = text;
    return header;
  }

  /** The entry's JSON when it was stored with this hash, else undefined. */
  get(id: string, hash: string): string | undefined {
    const entry = this.entryText(id);
    return entry === undefined || !entry.startsWith(hash) || entry[HASH_LENGTH] !== '\t' ? undefined : entry.slice(HASH_LENGTH + 1);
  }

  set(id: string, hash: string, json: string): void {
    this.entries.set(id, `${hash}\t${json}`);
  }

  clear(): void {
    this.entries.clear();
    this.text = '';
  }

  /** Writes the header and every entry to `file` atomically; throws when it cannot. */
  write(file: string, header: object): void {
    const lines = [JSON.stringify(header)];
    for (const id of this.entries.keys()) {
      const entry = this.entryText(id)!;
      lines.push(`[${JSON.stringify(id)},"${entry.slice(0, HASH_LENGTH)}",${entry.slice(HASH_LENGTH + 1)}]`);
    }
    cacheFolder(file);
    writeFileAtomic.sync(file, `${lines.join('\n')}\n`);
  }

  private entryText(id: string): string | undefined {
    const entry = this.entries.get(id);
    if (typeof entry !== 'number') return entry;
    // An entry as read: its line, checked when the file was read.
    const end = this.text.indexOf('\n', entry);
    return parseLine(this.text.slice(entry, end === -1 ? undefined : end), 0)[1];
  }
}
