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
import { writeDerivedFile } from '../project/derived-file.js';

/** Length of an entry's hash (base64url of sha256, cut). */
export const HASH_LENGTH = 22;

/** Creates the cache's folder with its .gitignore: the files are rewritten whole and would conflict in every merge. */
export function cacheFolder(file: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const ignore = path.join(path.dirname(file), '.gitignore');
  if (!existsSync(ignore)) writeFileSync(ignore, '*\n');
}

/** The value a keyed cache file (`{"key":…,"value":…}`) holds under `key`, or undefined (another key, missing, unreadable). */
export function readKeyedFile<T>(file: string, key: string): T | undefined {
  try {
    const cached = JSON.parse(readFileSync(file, 'utf8')) as { key?: unknown; value?: T };
    return cached.key === key ? cached.value : undefined;
  } catch {
    return undefined;
  }
}

/** Best effort and atomic, in the cache's self-ignoring folder: a project that cannot be written to just has no cache. */
export function writeKeyedFile(file: string, key: string, value: unknown): void {
  try {
    cacheFolder(file);
  } catch {
    return;
  }
  writeDerivedFile(file, `${JSON.stringify({ key, value })}\n`);
}

/** Index of the quote closing the JSON string that opens at `start`, or -1 (none before `end`, when given). */
function stringEnd(line: string, start: number, end = line.length): number {
  for (let j = line.indexOf('"', start + 1); j !== -1 && j < end; j = line.indexOf('"', j + 1)) {
    let backslashes = 0;
    while (line[j - 1 - backslashes] === '\\') backslashes++;
    if (backslashes % 2 === 0) return j;
  }
  return -1;
}

/**
 * Where the ID string of the line text[start, end) `["<id>","<hash>",<JSON array>]`
 * closes (its quote's index), or -1 when the line is not one: checked in
 * place, without copying the line (a warm run reads 100k of them per cache).
 */
function entryIdEnd(text: string, start: number, end: number): number {
  const q = text.startsWith('["', start) ? stringEnd(text, start + 1, end) : -1;
  const f = q + 3 + HASH_LENGTH + 2;
  const shaped = q !== -1 && f + 1 <= end && end - start >= 2;
  return shaped && text.startsWith(',"', q + 1) && text.startsWith('",[', f - 2) && text.startsWith(']]', end - 2) ? q : -1;
}

/** Whether text[from, to) holds a backslash (looked for within those bounds only). */
function escapes(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 92) return true;
  return false;
}

/** The ID of an entry line whose ID string closes at `q`. */
function entryId(text: string, start: number, q: number): string {
  const quoted = text.slice(start + 1, q + 1);
  return quoted.includes('\\') ? (JSON.parse(quoted) as string) : quoted.slice(1, -1);
}

/** The ID and entry text of one line `["<id>","<hash>",<JSON array>]`, read without parsing the JSON; throws when the line is not one. */
function parseLine(line: string): [string, string] {
  const q = entryIdEnd(line, 0, line.length);
  if (q === -1) throw new Error('not a cache entry');
  const h = q + 3;
  const f = h + HASH_LENGTH + 2;
  return [entryId(line, 0, q), `${line.slice(h, h + HASH_LENGTH)}\t${line.slice(f, -1)}`];
}

export class CacheEntries {
  /** ID -> entry text, or the offset of its line in `text` for an entry as read. */
  private readonly entries = new Map<string, string | number>();
  private text = '';
  /**
   * While IDs are asked in the file's order (a warm run), the lines as read are
   * met one after the other and no Map is built: `next` is the offset of the
   * next line to compare, `first` that of the first entry; -1 once the Map
   * holds every entry (an ID asked out of order, a `set`, a write).
   */
  private next = -1;
  private first = -1;

  get size(): number {
    this.index();
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
        const lineEnd = end === -1 ? text.length : end;
        if (lineEnd === start) continue;
        const q = entryIdEnd(text, start, lineEnd);
        if (q === -1) throw new Error(`line ${n} is not a cache entry`);
        if (escapes(text, start + 2, q)) entryId(text, start, q); // an escaped ID must parse
      }
    } catch (err) {
      this.clear();
      throw err;
    }
    this.text = text;
    this.first = this.next = text.indexOf('\n') + 1 || text.length;
    return header;
  }

  /** Puts every entry as read in the Map (once). */
  private index(): void {
    if (this.next === -1) return;
    const { text } = this;
    for (let start = this.first, end = 0; start < text.length; start = end + 1) {
      end = text.indexOf('\n', start);
      if (end === -1) end = text.length;
      if (end > start) this.entries.set(entryId(text, start, entryIdEnd(text, start, end)), start);
    }
    this.next = -1;
  }

  /** The offset of the next line as read when it is the entry of `id` (an ID needing no escape), else -1. */
  private nextLine(id: string): number {
    const { text } = this;
    let at = this.next;
    while (text.charCodeAt(at) === 10) at++;
    if (at >= text.length || !text.startsWith(id, at + 2) || text.charCodeAt(at + 2 + id.length) !== 34 || id.includes('"') || id.includes('\\')) return -1;
    const end = text.indexOf('\n', at);
    this.next = end === -1 ? text.length : end + 1;
    return at;
  }

  /** The entry's JSON when it was stored with this hash, else undefined. */
  get(id: string, hash: string): string | undefined {
    let at: string | number | undefined = this.next === -1 ? undefined : this.nextLine(id);
    if (at === undefined || at === -1) {
      this.index();
      at = this.entries.get(id);
    }
    if (typeof at === 'number') {
      // An entry as read, its line checked then: the hash compared and the JSON cut out in place.
      const h = stringEnd(this.text, at + 1) + 3;
      if (hash.length > HASH_LENGTH || !this.text.startsWith(hash, h)) return undefined;
      const end = this.text.indexOf('\n', h);
      return this.text.slice(h + HASH_LENGTH + 2, (end === -1 ? this.text.length : end) - 1);
    }
    const entry = this.entryText(id);
    return entry === undefined || !entry.startsWith(hash) || entry[HASH_LENGTH] !== '\t' ? undefined : entry.slice(HASH_LENGTH + 1);
  }

  set(id: string, hash: string, json: string): void {
    this.index();
    this.entries.set(id, `${hash}\t${json}`);
  }

  clear(): void {
    this.entries.clear();
    this.text = '';
    this.next = -1;
  }

  /** Writes the header and every entry to `file` atomically; throws when it cannot. */
  write(file: string, header: object): void {
    this.index();
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
    return parseLine(this.text.slice(entry, end === -1 ? undefined : end))[1];
  }
}
