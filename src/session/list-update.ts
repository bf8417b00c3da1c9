/**
 * `list` after journal appends, without the whole source and journal: the
 * rows of the few items the new events name are computed from those items'
 * own journal lines and source records, found by a byte search for the
 * item's JSON-encoded ID, and the other rows are kept. An item's state
 * depends only on its own events (state.ts), and the cached rows' key holds
 * the source fingerprint, so the source is the one the rows were made from.
 *
 * Whenever that shortcut could differ from a full update it gives up
 * (undefined) and the caller reads everything, as before: a source that is
 * not JSONL, an item not found in it (an added item), a new line that is
 * not a valid event (or an event of a unit not whole on disk), an item whose earlier lines do not
 * give its cached row back, a change in what the dataset's length statistics
 * are measured on, or a near-copy verdict that needs the cross-item index.
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import path from 'node:path';
import type { SourceItem } from '../dataset/item.js';
import { isDelimited } from '../dataset/read-delimited.js';
import { isParquet } from '../dataset/read-parquet.js';
import { roleView, toSourceItem } from '../dataset/profile.js';
import { eventProblem } from '../project/event-schema.js';
import { compareStamps } from '../project/event-order.js';
import type { JournalEvent } from '../project/events.js';
import { JOURNAL_DIR } from '../project/journal.js';
import type { JournalMark } from '../project/journal-fold.js';
import type { Project } from '../project/project.js';
import { sourceFingerprint } from '../project/source-keys.js';
import { foldState, type ItemState } from '../project/state.js';
import { qaContextBuilder, qaInputFor, type ProjectQa, type ProjectQaEnv } from '../qa/project-qa.js';
import { sourceIndexOverflows } from '../qa/qa-cache.js';
import { lengthPairs } from '../qa/length-stats.js';
import type { ListRow } from './list-cache.js';

/** Past this many items named by the new events, the rows are computed the usual way. */
export const MAX_TOUCHED = 64;
/** Lines holding a `\u` escape are parsed whatever they hold (an ID may be written escaped); past this many, the usual way. */
const MAX_ESCAPED_LINES = 1000;

/** What the cached rows were made from, and the rows. */
export interface RowsBefore {
  rows: readonly ListRow[];
  /** The journal as the rows saw it. */
  journal: readonly JournalMark[];
  lengthStats: ProjectQa['ctx']['lengthStats'] | null;
  /** ProjectQa.indexDigest of the rows' items (the near-copy verdicts' key). */
  indexDigest: string;
}

/** The ID's row computed anew; the caller finishes it (rowOf). */
export type RowOf = (item: SourceItem, state: ItemState, qa: ProjectQa) => ListRow;

class NeedsFullRead extends Error {}

/**
 * The rows with the `touched` items' rows computed again from the journal as
 * it is now (`now`), or undefined when only a full read gives them exactly.
 */
export async function updateTouchedRows(
  project: Project,
  env: ProjectQaEnv,
  before: RowsBefore,
  now: readonly JournalMark[],
  touched: ReadonlySet<string>,
  rowOf: RowOf,
): Promise<ListRow[] | undefined> {
  if (touched.size === 0 || touched.size > MAX_TOUCHED) return undefined;
  const at = new Map<string, number>();
  before.rows.forEach((r, i) => {
    if (touched.has(r.id)) at.set(r.id, i);
  });
  if (at.size !== touched.size) return undefined; // an item the rows do not have
  const items = sourceRecords(project, at);
  if (!items) return undefined;
  const events = itemEvents(project.dir, before.journal, now, touched);
  if (!events) return undefined;
  const fingerprint = sourceFingerprint(project.sourcePath, project.mapping);
  const builder = qaContextBuilder(env, {
    lengthStats: before.lengthStats,
    indexDigest: before.indexDigest,
    indexOverflows: fingerprint !== undefined && sourceIndexOverflows(project.dir, fingerprint),
    // The cross-item index needs every source record: that is the full read.
    reread: () => Promise.reject(new NeedsFullRead()),
  });
  const qa = builder.done();
  const rows = [...before.rows];
  for (const [id, i] of at) {
    const item = items.get(id)!;
    const list = events.get(id) ?? [];
    const old = foldState(
      [item],
      list.filter((r) => r.old).map((r) => r.e),
    ).states.get(id)!;
    const state = foldState(
      [item],
      list.map((r) => r.e),
    ).states.get(id)!;
    // The earlier lines must give the cached row back (else a line was missed), and the lengths measured must not change.
    if (!sameFacts(rows[i]!, old) || lengthsOf(item, old, env) !== lengthsOf(item, state, env)) return undefined;
    try {
      await qa.nearCopies(item, state);
    } catch (e) {
      if (e instanceof NeedsFullRead) return undefined;
      throw e;
    }
    rows[i] = rowOf(item, state, qa);
  }
  qa.saveCache();
  return rows;
}

function sameFacts(row: ListRow, s: ItemState): boolean {
  return (
    row.state === s.state &&
    row.decision === (s.decision?.decision ?? null) &&
    row.flags === s.flags.length &&
    row.authors.length === s.authors.length &&
    row.authors.every((a, i) => a === s.authors[i])
  );
}

/** What the dataset's length statistics measure of the item. */
function lengthsOf(item: SourceItem, s: ItemState, env: ProjectQaEnv): string {
  const input = qaInputFor(item, s, env, { intendedChanges: false });
  return JSON.stringify(input ? lengthPairs([input]) : []);
}

/** Byte positions of every occurrence of `text` (searched as bytes: several times faster than a string needle). */
function* occurrences(buf: Buffer, text: string): Generator<number> {
  const needle = Buffer.from(text);
  for (let i = buf.indexOf(needle); i !== -1; i = buf.indexOf(needle, i + 1)) yield i;
}

/** The line around byte `pos`: [start, end) without its newline. */
function lineAt(buf: Buffer, pos: number): [number, number] {
  const start = buf.lastIndexOf(0x0a, pos) + 1;
  const nl = buf.indexOf(0x0a, pos);
  return [start, nl === -1 ? buf.length : nl];
}

/** The source records of the IDs (`at`: their index in the source), from a JSONL source; undefined when one is not found that way. */
function sourceRecords(project: Project, at: ReadonlyMap<string, number>): Map<string, SourceItem> | undefined {
  const file = project.sourcePath;
  if (isParquet(file) || isDelimited(file)) return undefined;
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch {
    return undefined;
  }
  const first = buf.toString('utf8', 0, Math.min(buf.length, 64)).trimStart();
  if (!first.startsWith('{')) return undefined; // a JSON array: records are not lines
  const found = new Map<string, SourceItem>();
  for (const [id, index] of at) {
    const seen = new Set<number>();
    for (const pos of occurrences(buf, JSON.stringify(id))) {
      const [start, end] = lineAt(buf, pos);
      if (seen.has(start)) continue;
      seen.add(start);
      let record: unknown;
      try {
        record = JSON.parse(buf.toString('utf8', start, end));
      } catch {
        continue; // the ID inside a record spanning lines: not JSONL after all
      }
      const view = roleView(record, project.mapping);
      if (view.id !== id || typeof view.question !== 'string' || typeof view.answer !== 'string') continue;
      if (found.has(id)) return undefined;
      found.set(id, toSourceItem(view, index));
    }
    if (!found.has(id)) return undefined;
  }
  return found;
}

interface Found {
  e: JournalEvent;
  file: string;
  offset: number;
  /** Read before (the cached rows include it). */
  old: boolean;
}

/**
 * The events of the touched items in journal order (stamp, file, position),
 * each marked old or new; undefined when a new line is not a valid event or
 * belongs to a unit not whole on disk.
 */
function itemEvents(
  projectDir: string,
  before: readonly JournalMark[],
  now: readonly JournalMark[],
  touched: ReadonlySet<string>,
): Map<string, Found[]> | undefined {
  const oldSize = new Map(before.map(([name, size]) => [name, size]));
  const byItem = new Map<string, Found[]>();
  let escaped = 0;
  for (const [name, size] of now) {
    const buf = readUpTo(path.join(projectDir, JOURNAL_DIR, name), size);
    const boundary = oldSize.get(name) ?? 0;
    const starts = new Set<number>();
    const units = new Map<string, boolean>();
    const addLine = (pos: number) => starts.add(buf.lastIndexOf(0x0a, pos) + 1);
    for (const id of touched) for (const pos of occurrences(buf, JSON.stringify(id))) addLine(pos);
    for (const pos of occurrences(buf, '\\u')) {
      if (++escaped > MAX_ESCAPED_LINES) return undefined;
      addLine(pos);
    }
    for (const start of starts) {
      const nl = buf.indexOf(0x0a, start);
      const end = nl === -1 ? buf.length : nl;
      const old = start < boundary;
      const raw = buf.toString('utf8', start, end);
      if (raw.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch {
        if (old) continue; // skipped by the fold too (its warning is among the cached ones)
        return undefined;
      }
      if (eventProblem(value)) {
        if (old) continue;
        return undefined;
      }
      const e = value as JournalEvent;
      if (!touched.has(e.item)) continue;
      if (e.unit !== undefined) {
        // Read only when the whole unit is on disk (journal.ts wholeUnits): a cut one is skipped, with a warning the rows hold when it is old.
        const whole = (units.get(e.unit) ?? units.set(e.unit, unitIsWhole(buf, e.unit)).get(e.unit))!;
        if (!whole) {
          if (old) continue;
          return undefined;
        }
      }
      const list = byItem.get(e.item) ?? [];
      list.push({ e, file: name, offset: start, old });
      byItem.set(e.item, list);
    }
  }
  for (const list of byItem.values()) list.sort((a, b) => compareStamps(a.e, b.e) || (a.file < b.file ? -1 : a.file > b.file ? 1 : a.offset - b.offset));
  return byItem;
}

/** Whether the file holds as many valid events of the unit as its name says (`<unit ID>/<event count>`). */
function unitIsWhole(buf: Buffer, unit: string): boolean {
  const expected = Number(unit.slice(unit.lastIndexOf('/') + 1));
  const lines = new Set<number>();
  for (const needle of [JSON.stringify(unit), '\\u']) for (const pos of occurrences(buf, needle)) lines.add(buf.lastIndexOf(0x0a, pos) + 1);
  let count = 0;
  for (const start of lines) {
    const nl = buf.indexOf(0x0a, start);
    try {
      const value: unknown = JSON.parse(buf.toString('utf8', start, nl === -1 ? buf.length : nl));
      if (!eventProblem(value) && (value as JournalEvent).unit === unit) count++;
    } catch {
      // not an event
    }
  }
  return count === expected;
}

function readUpTo(file: string, size: number): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(size);
    const n = readSync(fd, buf, 0, size, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}
