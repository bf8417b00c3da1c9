/**
 * The append-only journal: one file per author (journal/<author>.jsonl), so
 * localizers working in parallel merge with plain git. State is a fold over
 * all files (project/state.ts).
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { appendLines, parseJsonLines, type AppendOptions } from './append-file.js';
import type { JournalEvent, NewEvent } from './events.js';
import { eventProblem } from './event-schema.js';
import { journalEventIgnored, journalUnitCut } from './messages.js';
import { compareStamps, eventId, HybridClock, isPrimaryDecision, nextHeads, type DecisionHeads, type Stamp } from './event-order.js';

export const JOURNAL_DIR = 'journal';
/** The fold's checkpoint (journal-fold.ts), relative to the project folder; listed in the .gitignore `init` writes. */
export const CHECKPOINT_FILE = path.join('cache', 'journal-state.jsonl');

/** Author names become file names: keep them portable. */
export function authorFileName(author: string): string {
  const safe = author
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/^[-.]+|-+$/g, '');
  return `${safe || 'anonymous'}.jsonl`;
}

export interface JournalRead {
  /** Events of all authors, in causal order (hybrid logical clock; ties: file name, then line). */
  events: JournalEvent[];
  warnings: string[];
  /** Lines not used: torn, not JSON, not a valid event, or part of a unit not whole on disk. */
  skipped: number;
  /** Bytes read of each file. */
  ends: Map<string, number>;
}

export interface ReadJournalOptions {
  /** Read each file only up to this many bytes, and no file not listed (the journal as it was when these were taken). */
  upTo?: ReadonlyMap<string, number>;
}

interface Read {
  e: JournalEvent;
  file: string;
  line: number;
}

export function readJournal(projectDir: string, opts: ReadJournalOptions = {}): JournalRead {
  const dir = path.join(projectDir, JOURNAL_DIR);
  const warnings: string[] = [];
  let skipped = 0;
  const all: Read[] = [];
  const ends = new Map<string, number>();
  if (!existsSync(dir)) return { events: [], warnings, skipped, ends };
  for (const name of readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl') && (!opts.upTo || opts.upTo.has(f)))
    .sort()) {
    const file = path.join(dir, name);
    const rel = path.join(JOURNAL_DIR, name);
    const skip = (message: string, lines = 1) => {
      skipped += lines;
      warnings.push(message);
    };
    let bytes = readFileSync(file);
    const upTo = opts.upTo?.get(name);
    if (upTo !== undefined && upTo < bytes.length) bytes = bytes.subarray(0, upTo);
    ends.set(name, bytes.length);
    const lines = parseJsonLines<unknown>(
      bytes.toString('utf8'),
      (line) =>
        skip(`${rel}, line ${line}: an unfinished last event (the program was stopped while writing it) is ignored; it will be removed on the next write.`),
      (line, reason) =>
        skip(`${rel}, line ${line}: not valid JSON (${reason}); this event is ignored. Was the file edited by hand or merged with conflict markers?`),
    );
    const valid: Read[] = [];
    for (const { value, line } of lines) {
      const problem = eventProblem(value);
      if (!problem) valid.push({ e: value as JournalEvent, file: name, line });
      else skip(journalEventIgnored(rel, line, problem.field, problem.message));
    }
    const whole = wholeUnits(valid, rel, skip);
    for (const r of valid) if (r.e.unit === undefined || whole.has(r.e.unit)) all.push(r);
  }
  all.sort(journalOrder((r) => r.line));
  return { events: all.map((x) => x.e), warnings, skipped, ends };
}

/** Journal order, as readJournal sorts events: stamp, then file name, then place in the file (`place`: a line number or byte offset). */
export function journalOrder<T extends { e: Stamp; file: string }>(place: (r: T) => number): (a: T, b: T) => number {
  return (a, b) => compareStamps(a.e, b.e) || (a.file < b.file ? -1 : a.file > b.file ? 1 : place(a) - place(b));
}

/** The number of events a unit holds, from its name (`<unit ID>/<event count>`, JournalWriter). */
export function unitSize(unit: string): number {
  return Number(unit.slice(unit.lastIndexOf('/') + 1));
}

/** The units of one file whose every event is on disk; each cut unit gets one warning and counts all its lines as skipped. */
function wholeUnits(read: readonly Read[], rel: string, skip: (message: string, lines: number) => void): Set<string> {
  const found = new Map<string, Read[]>();
  for (const r of read) {
    if (r.e.unit === undefined) continue;
    const rows = found.get(r.e.unit);
    if (rows) rows.push(r);
    else found.set(r.e.unit, [r]);
  }
  const whole = new Set<string>();
  for (const [unit, rows] of found) {
    const expected = unitSize(unit);
    if (rows.length === expected) {
      whole.add(unit);
      continue;
    }
    skip(journalUnitCut(rel, rows[0]!.line, rows.at(-1)!.line, rows.length, expected, rows[0]!.e.ts), rows.length);
  }
  return whole;
}

export interface AppendEventsOptions {
  /** Write the events as one unit: readers ignore all of them unless every one is on disk (an answers file). */
  unit?: boolean;
}

/**
 * Appends events for one author; each call is one write, fsynced before it
 * returns, and on failure leaves the file as it was. Stamps come from a
 * hybrid logical clock that has seen every event passed to `observe` (a
 * session passes what it read; without that, the first decision written reads
 * the journal).
 */
export class JournalWriter {
  readonly file: string;
  private readonly clock: HybridClock;
  /** Per item, the primary decisions this writer's author saw as current: a new decision records them in `after`. */
  private heads = new Map<string, DecisionHeads<object>>();
  private observed = false;
  constructor(
    private readonly projectDir: string,
    readonly author: string,
    now: () => Date = () => new Date(),
    private readonly io: AppendOptions = {},
  ) {
    this.file = path.join(projectDir, JOURNAL_DIR, authorFileName(author));
    this.clock = new HybridClock(now);
  }

  /** Take in events the author has seen (read from the journal, in journal order). */
  observe(events: Iterable<JournalEvent>): void {
    this.observed = true;
    for (const e of events) {
      this.clock.observe(e);
      if (isPrimaryDecision(e)) this.heads.set(e.item, nextHeads(this.heads.get(e.item) ?? [], e, { id: eventId(e) }));
    }
  }

  /**
   * Take in a fold of the journal instead of its events: the latest stamp, and
   * per item the IDs of its current primary decisions (undone ones left out).
   */
  observeFold(last: Stamp | undefined, heads: Iterable<[item: string, ids: readonly string[]]>): void {
    this.observed = true;
    if (last) this.clock.observe(last);
    for (const [item, ids] of heads)
      if (ids.length > 0)
        this.heads.set(
          item,
          ids.map((id) => ({ id })),
        );
  }

  async append(events: readonly NewEvent[], opts: AppendEventsOptions = {}): Promise<JournalEvent[]> {
    // A writer no session fed (a script, a test) decides after what is on disk now.
    if (!this.observed && events.some((e) => e.type === 'decision' && !e.secondary)) this.observe(readJournal(this.projectDir).events);
    const heads = new Map<string, DecisionHeads<object>>();
    const full = events.map((e) => {
      const out = { v: 2, ...this.clock.next(), author: this.author, ...e } as JournalEvent;
      if (isPrimaryDecision(out)) {
        const seen = heads.get(out.item) ?? this.heads.get(out.item) ?? [];
        if (seen.length > 0) out.after = seen.map((h) => h.id);
        heads.set(out.item, nextHeads(seen, out, { id: eventId(out) }));
      }
      return out;
    });
    if (opts.unit && full.length > 0) {
      const unit = `${eventId(full[0]!)}/${full.length}`;
      for (const e of full) e.unit = unit;
    }
    await appendLines(
      this.file,
      full.map((e) => JSON.stringify(e)),
      this.io,
    );
    for (const [item, h] of heads) this.heads.set(item, h);
    return full;
  }
}
