/**
 * The entry storage both QA caches share (qa-cache.ts, near-copy-cache.ts):
 * a JSONL file whose first line is a header and every other line
 * `["<id>","<hash>",<JSON>]`. Entries are kept as "<hash>\t<JSON>" and parsed
 * only by their user; an entry as read is just the offset of its line in the
 * file's text (one number per item rather than a string: memory at 100k
 * items). While IDs are asked in the file's order (a warm run), the file is
 * read in chunks alongside the pass rather than held whole; the first ID asked
 * out of order, or a `set`, reads it whole. Written atomically, in a folder
 * that ignores itself in git.
 */
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
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

/** Closes the file of a CacheEntries dropped before its pass ended. */
const closer = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd);
  } catch {
    // already closed
  }
});

/**
 * A file's lines read forward in chunks, as bytes: `bytes` holds the file
 * from byte `base` on, to at least the end of the line asked for. Positions
 * are the file's byte offsets; `lineEnd(start)` drops what is before `start`
 * when it must read more. Bytes rather than decoded text: newlines are found
 * with a memchr (Buffer.indexOf) and a warm run decodes only what it returns.
 */
class ChunkedLines {
  /** The bytes read and kept: the file's bytes [base, base + bytes.length). */
  bytes: Buffer;
  base = 0;
  private backing: Buffer;
  private position = 0;
  /** Open until the end of the file is read. */
  fd: number | undefined;

  /** `closeAtEnd`: the file is closed once read to its end (else it stays open for the caller, and `fd` only turns undefined). */
  constructor(
    fd: number,
    chunk: number,
    private readonly closeAtEnd: boolean,
  ) {
    this.fd = fd;
    this.backing = Buffer.alloc(Math.max(1, chunk));
    this.bytes = this.backing.subarray(0, 0);
  }

  /** The end of the bytes read so far (the file's end once `fd` is undefined). */
  get end(): number {
    return this.base + this.bytes.length;
  }

  /** Whether the file has a byte at `at` (reading on as needed). */
  has(at: number): boolean {
    while (at >= this.end && this.fd !== undefined) this.more(at);
    return at < this.end;
  }

  /** Position of the newline ending the line that starts at `start`, or the file's end for its last line without one. */
  lineEnd(start: number): number {
    for (let from = start; ;) {
      const end = this.bytes.indexOf(NEWLINE, from - this.base);
      if (end !== -1) return end + this.base;
      if (this.fd === undefined) return this.end;
      from = this.end;
      this.more(start);
    }
  }

  /** The byte at `at` (which must be held). */
  byte(at: number): number {
    return this.bytes[at - this.base]!;
  }

  /** The text of bytes [from, to) (which must be held). */
  text(from: number, to: number): string {
    return this.bytes.toString('utf8', from - this.base, to - this.base);
  }

  close(): void {
    if (this.fd === undefined) return;
    closer.unregister(this);
    closeSync(this.fd);
    this.fd = undefined;
  }

  /** Reads the next chunk, dropping the bytes before `keep` (the start of the line being read) first. */
  private more(keep: number): void {
    const kept = Math.max(0, this.end - Math.max(keep, this.base));
    const from = this.bytes.length - kept;
    // A line longer than the buffer: a larger one; else what is kept moves to the front.
    if (kept > this.backing.length >> 1) {
      const larger = Buffer.alloc(2 * this.backing.length);
      this.bytes.copy(larger, 0, from);
      this.backing = larger;
    } else if (from > 0) this.bytes.copy(this.backing, 0, from);
    this.base = this.end - kept;
    const n = readSync(this.fd!, this.backing, kept, this.backing.length - kept, this.position);
    this.position += n;
    this.bytes = this.backing.subarray(0, kept + n);
    if (n === 0) {
      if (this.closeAtEnd) this.close();
      else this.fd = undefined;
    }
  }
}

const NEWLINE = 0x0a;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * `entryIdEnd` on the line's bytes [start, end): the position of the quote
 * closing its ID, or -1 when the line is not shaped as an entry with an ASCII
 * hash (the caller then asks `entryIdEnd` of its text, which decides).
 */
function entryIdEndBytes(lines: ChunkedLines, start: number, end: number): number {
  if (end - start < 4 || lines.byte(start) !== 0x5b || lines.byte(start + 1) !== QUOTE) return -1;
  let q = start + 2;
  for (;;) {
    q = lines.bytes.indexOf(QUOTE, q - lines.base);
    if (q === -1) return -1;
    q += lines.base;
    if (q >= end) return -1;
    let backslashes = 0;
    while (lines.byte(q - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) break;
    q++;
  }
  const h = q + 3;
  const f = h + HASH_LENGTH + 2;
  if (f + 1 > end) return -1;
  if (lines.byte(q + 1) !== 0x2c || lines.byte(q + 2) !== QUOTE) return -1;
  for (let i = h; i < h + HASH_LENGTH; i++) if (lines.byte(i) >= 0x80) return -1;
  if (lines.byte(f - 2) !== QUOTE || lines.byte(f - 1) !== 0x2c || lines.byte(f) !== 0x5b) return -1;
  return lines.byte(end - 2) === 0x5d && lines.byte(end - 1) === 0x5d ? q : -1;
}

/** Whether bytes [from, to) hold a backslash. */
function escapedBytes(lines: ChunkedLines, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (lines.byte(i) === BACKSLASH) return true;
  return false;
}

/** The JSON of the entry line [at, end) whose ID closes at `q` (checked when read) when it was stored with this hash, else undefined. */
function bytesJson(lines: ChunkedLines, at: number, q: number, end: number, hash: string): string | undefined {
  const h = q + 3;
  if (hash.length !== HASH_LENGTH) return lineJson(lines.text(at, end), 0, hash);
  for (let i = 0; i < HASH_LENGTH; i++) {
    const c = hash.charCodeAt(i);
    if (c >= 0x80) return lineJson(lines.text(at, end), 0, hash);
    if (lines.byte(h + i) !== c) return undefined;
  }
  const from = h + HASH_LENGTH + 2;
  // Most entries hold no finding: no text decoded.
  if (end - 1 - from === 2 && lines.byte(from) === 0x5b && lines.byte(from + 1) === 0x5d) return '[]';
  return lines.text(from, end - 1);
}

/** The JSON of the entry line at `at` (checked when read) when it was stored with this hash, else undefined. */
function lineJson(text: string, at: number, hash: string): string | undefined {
  const h = stringEnd(text, at + 1) + 3;
  if (hash.length > HASH_LENGTH || !text.startsWith(hash, h)) return undefined;
  const end = text.indexOf('\n', h);
  return text.slice(h + HASH_LENGTH + 2, (end === -1 ? text.length : end) - 1);
}

/**
 * How many bytes from `from` hold `id`, when they do (they then end before `end`), else -1. An ASCII ID is
 * compared byte by byte; another is compared with the text up to the next quote.
 */
function idBytes(lines: ChunkedLines, from: number, end: number, id: string): number {
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (c >= 0x80) {
      const q = lines.bytes.indexOf(QUOTE, from - lines.base);
      return q === -1 || q + lines.base >= end || lines.text(from, q + lines.base) !== id ? -1 : q + lines.base - from;
    }
    if (from + i >= end || lines.byte(from + i) !== c) return -1;
  }
  return id.length;
}

/** Characters written at a time by `write`. */
const WRITE_CHUNK = 1 << 20;

/** The line (with its newline) of an entry `"<hash>\t<JSON>"`. */
function entryLine(id: string, entry: string): string {
  return `[${JSON.stringify(id)},"${entry.slice(0, HASH_LENGTH)}",${entry.slice(HASH_LENGTH + 1)}]\n`;
}

export class CacheEntries {
  /** ID -> entry text, or the offset of its line in `text` for an entry as read. */
  private readonly entries = new Map<string, string | number>();
  /** The whole file as read, once an ID was asked out of order (or a `set`, a write). */
  private text = '';
  /**
   * While IDs are asked in the file's order (a warm run), the lines are read
   * in chunks and met one after the other, and no Map is built: `next` is the
   * file byte offset of the next line to compare. `lines` is undefined
   * once the Map holds every entry.
   */
  private lines: ChunkedLines | undefined;
  private next = 0;
  /** The file as opened: read whole again (the same file, even if replaced since) when the Map is built. */
  private file: { path: string; dev: number; ino: number; size: number; mtimeMs: number } | undefined;

  /** `chunk`: bytes read at a time (small in tests, to cross chunk boundaries). */
  constructor(private readonly chunk = 1 << 18) {}

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
    this.clear();
    const fd = openSync(file, 'r');
    let kept = false;
    try {
      let lines = new ChunkedLines(fd, this.chunk, false);
      let end = lines.lineEnd(0);
      const header = JSON.parse(lines.text(0, end)) as unknown;
      if (!accept(header)) return header;
      // Every line checked now, chunk by chunk (a corrupt file is refused whole); the pass reads them again.
      for (let n = 2, start = end + 1; lines.has(start); n++, start = end + 1) {
        end = lines.lineEnd(start);
        if (end === start) continue;
        const q = entryIdEndBytes(lines, start, end);
        // Not the common shape, or an escaped ID (which must parse): the text's check decides.
        if (q === -1 || escapedBytes(lines, start + 2, q)) {
          try {
            parseLine(lines.text(start, end));
          } catch {
            throw new Error(`line ${n} is not a cache entry`);
          }
        }
      }
      const st = fstatSync(fd);
      this.file = { path: file, dev: st.dev, ino: st.ino, size: st.size, mtimeMs: st.mtimeMs };
      lines = new ChunkedLines(fd, this.chunk, true);
      this.next = lines.lineEnd(0) + 1;
      this.lines = lines;
      if (lines.fd !== undefined) closer.register(lines, fd, lines);
      kept = true;
      return header;
    } finally {
      if (!kept) closeSync(fd);
    }
  }

  /**
   * Like `read`, but only the entries of `ids` are kept, each found by a byte
   * search for the start of its line (a few items' look-up costs what it
   * reads, not an index of the file). Returns undefined whenever in doubt
   * (a file not ending in a newline, an ID needing a JSON escape, absent or
   * on more than one line, a line not shaped as an entry): the caller then
   * reads the file whole. The entries kept are all there is until `clear`.
   */
  readFew(file: string, accept: (header: unknown) => boolean, ids: readonly string[]): { header: unknown } | undefined {
    let buf: Buffer;
    try {
      buf = readFileSync(file);
    } catch {
      return undefined;
    }
    const nl = buf.indexOf(10);
    if (nl === -1 || buf[buf.length - 1] !== 10) return undefined;
    let header: unknown;
    try {
      header = JSON.parse(buf.toString('utf8', 0, nl)) as unknown;
      if (!accept(header)) return undefined;
    } catch {
      return undefined;
    }
    const found = new Map<string, string>();
    for (const id of ids) {
      if (JSON.stringify(id) !== `"${id}"`) return undefined;
      const needle = Buffer.from(`\n["${id}","`);
      const at = buf.indexOf(needle, nl);
      if (at === -1 || buf.indexOf(needle, at + 1) !== -1) return undefined;
      const line = buf.toString('utf8', at + 1, buf.indexOf(10, at + 1));
      if (entryIdEnd(line, 0, line.length) !== id.length + 2) return undefined;
      found.set(id, parseLine(line)[1]);
    }
    this.clear();
    for (const [id, entry] of found) this.entries.set(id, entry);
    return { header };
  }

  /** Puts every entry as read in the Map (once): the file read whole. */
  private index(): void {
    const { lines, file } = this;
    if (!lines) return;
    lines.close();
    this.lines = undefined;
    this.file = undefined;
    let text = '';
    try {
      const st = statSync(file!.path);
      // Only a file replaced since (another run's rewrite) differs: its entries are then not this run's, and it starts empty.
      if (st.dev === file!.dev && st.ino === file!.ino && st.size === file!.size && st.mtimeMs === file!.mtimeMs) text = readFileSync(file!.path, 'utf8');
    } catch {
      // gone: starts empty, like a missing file
    }
    this.text = text;
    const first = text.indexOf('\n') + 1 || text.length;
    for (let start = first, end = 0; start < text.length; start = end + 1) {
      end = text.indexOf('\n', start);
      if (end === -1) end = text.length;
      if (end > start) this.entries.set(entryId(text, start, entryIdEnd(text, start, end)), start);
    }
  }

  /** The entry's JSON (by `bytesJson`) when the next line as read is the entry of `id` (an ID needing no escape), else -1 (not that entry). */
  private nextLine(id: string, hash: string): string | undefined | -1 {
    const lines = this.lines!;
    let at = this.next;
    if (!lines.has(at)) return -1;
    let end = lines.lineEnd(at);
    while (end === at && lines.has(at + 1)) end = lines.lineEnd(++at);
    this.next = at;
    if (end === at || id.includes('"') || id.includes('\\')) return -1;
    const q = at + 2 + idBytes(lines, at + 2, end, id);
    if (q < at + 2 || q >= end || lines.byte(q) !== QUOTE) return -1;
    this.next = end + 1;
    return bytesJson(lines, at, q, end, hash);
  }

  /** The entry's JSON when it was stored with this hash, else undefined. */
  get(id: string, hash: string): string | undefined {
    if (this.lines) {
      const json = this.nextLine(id, hash);
      if (json !== -1) return json;
      this.index();
    }
    const at = this.entries.get(id);
    if (typeof at === 'number') return lineJson(this.text, at, hash);
    return at === undefined || !at.startsWith(hash) || at[HASH_LENGTH] !== '\t' ? undefined : at.slice(HASH_LENGTH + 1);
  }

  set(id: string, hash: string, json: string): void {
    this.index();
    this.entries.set(id, `${hash}\t${json}`);
  }

  clear(): void {
    this.lines?.close();
    this.lines = undefined;
    this.file = undefined;
    this.entries.clear();
    this.text = '';
  }

  /**
   * Writes the header and every entry to `file` atomically (a temporary file
   * renamed over it; not synced: a cache lost in a crash is only rebuilt);
   * throws when it cannot. Streamed in chunks: at 100k items, the file's
   * lines and their join were 40 MB of heap at the end of a cold run.
   */
  write(file: string, header: object): void {
    this.index();
    cacheFolder(file);
    const tmp = `${file}.${process.pid}.tmp`;
    try {
      const fd = openSync(tmp, 'w');
      try {
        let chunk = `${JSON.stringify(header)}\n`;
        for (const [id, entry] of this.entries) {
          chunk += typeof entry === 'number' ? this.lineAsRead(entry) : entryLine(id, entry);
          if (chunk.length >= WRITE_CHUNK) {
            writeFileSync(fd, chunk);
            chunk = '';
          }
        }
        writeFileSync(fd, chunk);
      } finally {
        closeSync(fd);
      }
      renameSync(tmp, file);
    } catch (err) {
      rmSync(tmp, { force: true });
      throw err;
    }
  }

  /** The line (with its newline) an entry as read at `start` is written as: its bytes as read unless its ID is written otherwise by JSON.stringify. */
  private lineAsRead(start: number): string {
    const text = this.text;
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const q = entryIdEnd(text, start, end);
    for (let i = start + 2; i < q; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x5c || c < 0x20) return entryLine(...parseLine(text.slice(start, end)));
    }
    return `${text.slice(start, end)}\n`;
  }
}
