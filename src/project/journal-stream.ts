/**
 * The journal read as a stream: each author's file is already in causal
 * order (its writer's hybrid logical clock only moves forward), so the files
 * are merged (k-way, by the same order readJournal sorts by: stamp, then file
 * name, then line) and each event is handed on as it is read. Memory does not
 * grow with the number of events.
 *
 * The result equals readJournal's on every journal. Where a file breaks the
 * assumptions the merge rests on (events out of order, a unit whose events are
 * not adjacent or that appears twice), the stream reports it and the caller
 * reads the whole journal the old way instead.
 */
import { closeSync, existsSync, openSync, readdirSync, readSync } from 'node:fs';
import path from 'node:path';
import type { JournalEvent } from './events.js';
import { eventProblem } from './event-schema.js';
import { compareStamps, type Stamp } from './event-order.js';
import { JOURNAL_DIR, unitSize } from './journal.js';
import { journalEventIgnored, journalLineNotJson, journalLineTorn, journalUnitCut } from './messages.js';

/** Where reading a file goes on from: a byte offset at a line start, and the lines before it. */
export interface FilePosition {
  offset: number;
  line: number;
}

/** What reading one file found, carried across checkpoints. */
export interface FileProgress extends FilePosition {
  name: string;
  /** Warnings as readJournal orders them: lines not JSON (torn or broken), then invalid events, then cut units. */
  jsonWarnings: string[];
  eventWarnings: string[];
  unitWarnings: string[];
  skipped: number;
  /** Units already seen whole or cut: seeing one again means the file is not a plain append log. */
  units: string[];
  /** The last event read, for the order check. */
  last?: { ts: string; c?: number };
  /** The file ends in a line or unit that may still be being written: no checkpoint is taken over it. */
  openEnd: boolean;
}

/** The merge could not stand in for the whole-journal read: the caller falls back to readJournal. */
export class NotStreamable extends Error {}

interface Line {
  raw: string;
  /** Byte offset just after the line (and its newline). */
  end: number;
  terminated: boolean;
}

const CHUNK = 1 << 20;

/**
 * A file from a byte offset in blocks of whole lines, about CHUNK bytes each: every block ends just after a newline
 * byte (which UTF-8 never uses inside a character) but the last, which holds a last line without one. `at` is the
 * block's offset in the file. A block is only valid until the next is asked for (its bytes are reused).
 */
export function* lineBlocks(file: string, from: number): Generator<{ data: Buffer; at: number }> {
  const fd = openSync(file, 'r');
  try {
    // One buffer for the whole read: the bytes after a block's last newline are moved to its front (a new buffer per
    // block cost more than the read itself, at 100k items, in page faults).
    let buf = Buffer.allocUnsafe(CHUNK);
    let carry = 0;
    let pos = from;
    for (;;) {
      // Grown only for a line longer than half a chunk.
      if (buf.length - carry < CHUNK / 2) {
        const grown = Buffer.allocUnsafe(2 * buf.length);
        buf.copy(grown, 0, 0, carry);
        buf = grown;
      }
      const n = readSync(fd, buf, carry, buf.length - carry, pos);
      if (n === 0) break;
      const at = pos - carry;
      pos += n;
      const length = carry + n;
      const nl = buf.subarray(0, length).lastIndexOf(0x0a);
      if (nl !== -1) yield { data: buf.subarray(0, nl + 1), at };
      buf.copyWithin(0, nl + 1, length);
      carry = length - (nl + 1);
    }
    if (carry > 0) yield { data: buf.subarray(0, carry), at: pos - carry };
  } finally {
    closeSync(fd);
  }
}

/** The lines of a file from a byte offset, read in blocks (lineBlocks). */
function* readLines(file: string, from: number): Generator<Line> {
  for (const { data, at } of lineBlocks(file, from)) {
    let start = 0;
    for (let nl = data.indexOf(0x0a); nl !== -1; nl = data.indexOf(0x0a, start)) {
      yield { raw: data.toString('utf8', start, nl), end: at + nl + 1, terminated: true };
      start = nl + 1;
    }
    if (start < data.length) yield { raw: data.toString('utf8', start), end: at + data.length, terminated: false };
  }
}

export interface StreamedEvent {
  e: JournalEvent;
  file: string;
  line: number;
  /** Byte offset of the line's start. */
  start: number;
}

/**
 * The valid events of one file from `p`, in file order, with its problems
 * recorded in `p` as readJournal words them. Events of a unit come out once
 * all of the unit is read; a unit cut short is skipped with one warning.
 */
function* fileEvents(dir: string, p: FileProgress): Generator<StreamedEvent> {
  const rel = path.join(JOURNAL_DIR, p.name);
  const seenUnits = new Set(p.units);
  let open: { unit: string; expected: number; rows: StreamedEvent[] } | undefined;
  const closeUnit = () => {
    if (!open) return;
    const { rows, expected } = open;
    p.unitWarnings.push(journalUnitCut(rel, rows[0]!.line, rows.at(-1)!.line, rows.length, expected, rows[0]!.e.ts));
    p.skipped += rows.length;
    open = undefined;
  };
  p.openEnd = false;
  for (const { raw, end, terminated } of readLines(path.join(dir, p.name), p.offset)) {
    const line = ++p.line;
    const start = p.offset;
    p.offset = end;
    // An unterminated last line may be a write in progress (or get its newline from the next append): no checkpoint over it.
    if (!terminated) p.openEnd = true;
    if (raw.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (err) {
      p.skipped++;
      if (!terminated) {
        p.jsonWarnings.push(journalLineTorn(rel, line));
      } else p.jsonWarnings.push(journalLineNotJson(rel, line, (err as Error).message));
      continue;
    }
    const problem = eventProblem(value);
    if (problem) {
      p.skipped++;
      p.eventWarnings.push(journalEventIgnored(rel, line, problem.field, problem.message));
      continue;
    }
    const e = value as JournalEvent;
    if (p.last && compareStamps(p.last, e) > 0) throw new NotStreamable(`${rel} line ${line} is out of order`);
    p.last = e; // kept as is: only ts and c are compared (and stored in a checkpoint)
    const read = { e, file: p.name, line, start };
    if (open && e.unit !== open.unit) closeUnit();
    if (e.unit === undefined) {
      yield read;
      continue;
    }
    if (!open) {
      if (seenUnits.has(e.unit)) throw new NotStreamable(`${rel} line ${line}: unit ${e.unit} appears twice`);
      seenUnits.add(e.unit);
      p.units.push(e.unit);
      open = { unit: e.unit, expected: unitSize(e.unit), rows: [] };
    }
    open.rows.push(read);
    if (open.rows.length === open.expected) {
      const rows = open.rows;
      open = undefined;
      yield* rows;
    }
  }
  // A unit still open at the end may be a write in progress: it is cut for now, and no checkpoint keeps it so.
  if (open) {
    closeUnit();
    p.openEnd = true;
  }
}

/** The journal's file names, sorted (the tie-break readJournal uses). */
export function journalFiles(projectDir: string): string[] {
  const dir = path.join(projectDir, JOURNAL_DIR);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort();
}

export function startProgress(name: string): FileProgress {
  return { name, offset: 0, line: 0, jsonWarnings: [], eventWarnings: [], unitWarnings: [], skipped: 0, units: [], openEnd: false };
}

/**
 * The events of all files merged in journal order, each file read from its
 * progress entry (which is updated as the file is read). Throws NotStreamable
 * when a file is not in order.
 */
export function* mergedEvents(projectDir: string, progress: readonly FileProgress[]): Generator<StreamedEvent> {
  const dir = path.join(projectDir, JOURNAL_DIR);
  const heads: { it: Generator<StreamedEvent>; cur: StreamedEvent }[] = [];
  for (const p of progress) {
    const it = fileEvents(dir, p);
    const first = it.next();
    if (!first.done) heads.push({ it, cur: first.value });
  }
  // Few files (one per author): a linear scan for the smallest head is enough.
  while (heads.length > 0) {
    let min = 0;
    for (let i = 1; i < heads.length; i++) if (before(heads[i]!.cur, heads[min]!.cur)) min = i;
    const h = heads[min]!;
    yield h.cur;
    const next = h.it.next();
    if (next.done) heads.splice(min, 1);
    else h.cur = next.value;
  }
}

type Ordered = { e: Stamp; file: string; line: number };

/** Journal order: stamp, then file name, then line. */
export function before(a: Ordered, b: Ordered): boolean {
  const c = compareStamps(a.e, b.e);
  if (c !== 0) return c < 0;
  if (a.file !== b.file) return a.file < b.file;
  return a.line < b.line;
}

/** The warnings of all files, in readJournal's order. */
export function progressWarnings(progress: readonly FileProgress[]): { warnings: string[]; skipped: number } {
  const warnings: string[] = [];
  let skipped = 0;
  for (const p of progress) {
    warnings.push(...p.jsonWarnings, ...p.eventWarnings, ...p.unitWarnings);
    skipped += p.skipped;
  }
  return { warnings, skipped };
}
