/**
 * Source items read by their keys (source-keys.ts), each record parsed only
 * when one of its fields is first read: a session shows one item, yet reading
 * every record of a 100k source was most of its start-up.
 *
 * Only for a JSONL source whose keys are trusted (fingerprint unchanged since
 * a full valid read, texts in the snapshot) and record the byte offset of each
 * record's line. A record parsed here must still have its key's ID and source
 * hash: if not, the file changed without its fingerprint (size, date, first
 * and last 64 KiB) showing it, so the keys are dropped and the command stops
 * (ProjectError, exit 2); run again, it reads the source in full.
 */
import { closeSync, openSync, readSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ProjectError } from '../errors.js';
import type { RoleMapping, SourceItem } from '../dataset/item.js';
import { parseRecordText } from '../dataset/read-records.js';
import { itemOfRecord } from '../dataset/profile.js';
import { SOURCE_KEYS_FILE, type SourceKey } from './source-keys.js';
import { sourceChangedWhileRead } from './messages.js';

/** Bytes read at once: items read in source order then cost one read per window. */
const WINDOW = 1 << 18;
const NEWLINE = 0x0a;

/** How many records were parsed lazily in this process (tests: what a session's start-up reads). */
export const lazySourceCounters = { parsed: 0 };

/**
 * Where each record's line starts in a JSONL file, as readRecords counts records (lines blank once trimmed are
 * none), skipping a leading BOM; undefined when a line is not one record, or the count is not `records`.
 */
export function jsonlRecordStarts(file: string, records: number): Float64Array | undefined {
  const starts = new Float64Array(records);
  let n = 0;
  const take = (head: Buffer, lineStart: number): boolean => {
    const kind = lineKind(head);
    if (kind === 'other' || (kind === 'record' && n === records)) return false;
    if (kind === 'record') starts[n++] = lineStart;
    return true;
  };
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    let at = 0; // file offset of buf[0]
    let got = readSync(fd, buf, 0, buf.length, 0);
    let from = got >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
    let lineStart = from;
    let carry: Buffer | undefined; // the head of a line begun in an earlier buffer
    for (;;) {
      for (let nl = buf.indexOf(NEWLINE, from); nl !== -1 && nl < got; nl = buf.indexOf(NEWLINE, from)) {
        if (!take(carry ? Buffer.concat([carry, buf.subarray(0, nl)]) : buf.subarray(from, nl), lineStart)) return undefined;
        carry = undefined;
        from = nl + 1;
        lineStart = at + from;
      }
      const rest = buf.subarray(from, got);
      if (got < buf.length) return take(carry ? Buffer.concat([carry, rest]) : rest, lineStart) && n === records ? starts : undefined;
      carry = carry ? Buffer.concat([carry, rest]) : Buffer.from(rest);
      // Its first bytes tell a record: keep no more once they hold more than spaces.
      if (carry.length > 64 && lineKind(carry.subarray(0, 64)) !== 'blank') carry = carry.subarray(0, 64);
      at += got;
      from = 0;
      got = readSync(fd, buf, 0, buf.length, at);
    }
  } finally {
    closeSync(fd);
  }
}

/** A record line starts with "{" after JSON's spaces; a line with nothing but spaces (JavaScript's trim) is blank. */
function lineKind(head: Buffer): 'record' | 'blank' | 'other' {
  for (const c of head) {
    if (c === 0x20 || c === 0x09 || c === 0x0d) continue;
    if (c === 0x7b) return 'record';
    return head.toString('utf8').trim() === '' ? 'blank' : 'other';
  }
  return 'blank';
}

/** The source file's record lines, read back by index through a window. */
export class LazySource {
  private window = Buffer.alloc(0);
  private windowAt = 0;
  private windowLength = 0;

  constructor(
    readonly file: string,
    readonly mapping: RoleMapping,
    private readonly starts: Float64Array,
    private readonly projectDir: string,
  ) {}

  /** The items of `keys` (in source order, one per start), each parsed when first read. */
  items(keys: readonly SourceKey[]): SourceItem[] {
    const items: SourceItem[] = new Array<SourceItem>(keys.length);
    for (let i = 0; i < keys.length; i++) items[i] = new LazySourceItem(this, i, keys[i]!.id, keys[i]!.sourceHash);
    return items;
  }

  /** The record at `index` as an item, checked against its key. */
  parse(index: number, id: string, hash: string): SourceItem {
    lazySourceCounters.parsed++;
    let item: SourceItem | undefined;
    try {
      const text = this.line(index);
      item = text === undefined ? undefined : itemOfRecord(parseRecordText(text, { file: this.file, index }), this.mapping, index);
    } catch {
      item = undefined; // not JSON any more: the file changed
    }
    if (item?.id !== id || item.sourceHash !== hash) throw this.changed(index, id);
    return item;
  }

  private changed(index: number, id: string): Error {
    rmSync(path.join(this.projectDir, SOURCE_KEYS_FILE), { force: true });
    return new ProjectError(sourceChangedWhileRead(this.file, index, id));
  }

  /** The record line's text (without its line end), or undefined when the file ends before it. */
  private line(index: number): string | undefined {
    const start = this.starts[index]!;
    if (start < this.windowAt || start >= this.windowAt + this.windowLength) this.fill(start, WINDOW);
    for (;;) {
      const from = start - this.windowAt;
      if (from >= this.windowLength) return undefined;
      let end = this.window.indexOf(NEWLINE, from);
      const atEnd = this.windowLength < this.window.length;
      if (end === -1 || end >= this.windowLength) {
        if (!atEnd) {
          this.fill(start, 2 * this.window.length); // the line goes on past the window
          continue;
        }
        end = this.windowLength;
      }
      if (end > from && this.window[end - 1] === 0x0d) end--;
      return this.window.toString('utf8', from, end);
    }
  }

  private fill(at: number, size: number): void {
    if (this.window.length !== size) this.window = Buffer.allocUnsafe(size);
    const fd = openSync(this.file, 'r');
    try {
      this.windowAt = at;
      this.windowLength = readSync(fd, this.window, 0, size, at);
    } finally {
      closeSync(fd);
    }
  }
}

/**
 * A source item whose record is parsed when a field other than its index, ID and source hash is first read. Once
 * parsed, it is a plain object with the fields as own properties, as an item read in full (handlebars reads only
 * those, and so do spreads); before, they are getters: JSON.stringify still gives them (toJSON), a spread would not
 * (no code copies items so).
 */
class LazySourceItem implements SourceItem {
  readonly #source: LazySource;

  constructor(
    source: LazySource,
    readonly index: number,
    readonly id: string,
    readonly sourceHash: string,
  ) {
    this.#source = source;
  }

  /** Whether `item` was made as one (its private field stays when it becomes a plain object). */
  static made(item: object): boolean {
    return #source in item;
  }

  private get record(): SourceItem {
    const parsed = this.#source.parse(this.index, this.id, this.sourceHash);
    for (const [key, value] of Object.entries(parsed)) Object.defineProperty(this, key, { value, enumerable: true, writable: true, configurable: true });
    // A plain object from now on, as an item read in full is (its getters are shadowed; a comparison sees no other class).
    Object.setPrototypeOf(this, Object.prototype);
    return parsed;
  }

  get question(): string {
    return this.record.question;
  }
  get answer(): string {
    return this.record.answer;
  }
  get questionEn(): string | undefined {
    return this.record.questionEn;
  }
  get answerEn(): string | undefined {
    return this.record.answerEn;
  }
  get riskArea(): string | undefined {
    return this.record.riskArea;
  }
  get harmType(): string | undefined {
    return this.record.harmType;
  }
  get specificHarm(): string | undefined {
    return this.record.specificHarm;
  }
  get japanSpecific(): boolean | undefined {
    return this.record.japanSpecific;
  }
  get annotations(): Record<string, unknown> | undefined {
    return this.record.annotations;
  }

  toJSON(): SourceItem {
    void this.question; // parsed, so the spread below has every field
    return { ...this };
  }
}

/** Whether an item was made from its key (its record parsed since, or not yet). */
export function isLazySourceItem(item: SourceItem): boolean {
  return LazySourceItem.made(item);
}
