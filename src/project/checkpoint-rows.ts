/**
 * The item rows of a checkpoint (journal-fold.ts) held as the file's bytes, each row known by the byte where its line
 * starts and found by its item ID, read from the line's first bytes (the writer starts each row with the JSON of its ID)
 * without parsing the rest: a session or `status` asks few rows' folds, and at 100k items parsing all 9 MB of rows up
 * front was a third of a session's start-up. A row is parsed when its item is first asked for, and written back as read.
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ProjectError } from '../errors.js';
import { checkpointRowBroken } from './messages.js';
import { CHECKPOINT_FILE } from './journal.js';
import type { FoldKey, FoldRows, ItemFold } from './state.js';

const NL = 0x0a;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const BRACKET = 0x5b;

/** How a row holding each key spells it (a stored row's keys: journal-fold.ts Stored); a match elsewhere only costs a decode. */
const KEY_BYTES: Record<FoldKey, Buffer> = {
  heads: Buffer.from('"heads":'),
  added: Buffer.from('"added":'),
  assignees: Buffer.from('"assignees":'),
};

export class CheckpointRows implements FoldRows {
  /** Per key, the line starts of the rows whose bytes spell it, found by one search of the file when first asked. */
  private readonly holding = new Map<FoldKey, Set<number>>();

  constructor(
    private readonly projectDir: string,
    /** Bytes of the header line: the rows follow. */
    private readonly from: number,
    private readonly decodeRow: (row: unknown) => ItemFold,
    private readonly buf = readFileSync(path.join(projectDir, CHECKPOINT_FILE)),
  ) {}

  /**
   * Gives each row to `add` with its item ID; false when the file no longer starts with `header` (rewritten since it
   * was read), a line is not a row's start (`["ID",`) or the file does not end with a newline (cut short).
   */
  scan(header: string, add: (id: string, row: number) => void): boolean {
    const buf = this.buf;
    if (buf.indexOf(NL) !== this.from - 1 || buf.toString('utf8', 0, this.from - 1) !== header) return false;
    if (buf.length > this.from && buf[buf.length - 1] !== NL) return false;
    // Uint8Array's indexOf: Buffer's, called once per row, cost twice as much at 100k rows.
    const bytes = new Uint8Array(buf.buffer, buf.byteOffset, buf.length);
    for (let start = this.from; start < buf.length;) {
      const end = bytes.indexOf(NL, start);
      const id = idOf(buf, start, end);
      if (id === undefined) return false;
      add(id, start);
      start = end + 1;
    }
    return true;
  }

  decode(row: number): ItemFold {
    const text = this.text(row);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw this.broken(row);
    }
    if (!Array.isArray(parsed) || typeof parsed[0] !== 'string') throw this.broken(row);
    return this.decodeRow(parsed);
  }

  holds(row: number, key: FoldKey): boolean {
    return this.rowsHolding(key).has(row);
  }

  holdsNone(key: FoldKey): boolean {
    return this.rowsHolding(key).size === 0;
  }

  private rowsHolding(key: FoldKey): Set<number> {
    let rows = this.holding.get(key);
    if (!rows) {
      rows = new Set();
      const bytes = KEY_BYTES[key];
      for (let at = this.buf.indexOf(bytes, this.from); at !== -1; at = this.buf.indexOf(bytes, this.buf.indexOf(NL, at) + 1)) {
        rows.add(this.buf.lastIndexOf(NL, at) + 1);
      }
      this.holding.set(key, rows);
    }
    return rows;
  }

  text(row: number): string {
    return this.buf.toString('utf8', row, this.buf.indexOf(NL, row));
  }

  /** A row that does not parse (the file changed on disk since it was read): the checkpoint is removed, so that the next run folds the journal. */
  private broken(row: number): Error {
    try {
      rmSync(path.join(this.projectDir, CHECKPOINT_FILE), { force: true });
    } catch {
      // Best effort: the error below stands either way.
    }
    let line = 1;
    for (let nl = this.buf.indexOf(NL); nl !== -1 && nl < row; nl = this.buf.indexOf(NL, nl + 1)) line++;
    return new ProjectError(checkpointRowBroken(CHECKPOINT_FILE, line));
  }
}

/** The ID a row's line starts with (`["ID",`), read from its bytes; undefined when the line does not start so. */
function idOf(buf: Buffer, start: number, end: number): string | undefined {
  if (end === -1 || buf[start] !== BRACKET || buf[start + 1] !== QUOTE) return undefined;
  let ascii = true;
  for (let i = start + 2; i < end; i++) {
    const b = buf[i]!;
    if (b === QUOTE) return buf.toString(ascii ? 'latin1' : 'utf8', start + 2, i);
    if (b === BACKSLASH) return escapedId(buf.toString('utf8', start, end));
    if (b >= 0x80) ascii = false;
  }
  return undefined;
}

/** An ID with an escape in its JSON: the row parsed for it (rare). */
function escapedId(line: string): string | undefined {
  try {
    const row = JSON.parse(line) as unknown;
    return Array.isArray(row) && typeof row[0] === 'string' ? row[0] : undefined;
  } catch {
    return undefined;
  }
}
