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
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import path from 'node:path';
import type { SourceItem } from '../dataset/item.js';
import { isDelimited } from '../dataset/read-delimited.js';
import { isParquet } from '../dataset/read-parquet.js';
import { itemOfRecord } from '../dataset/profile.js';
import { ESCAPE, eventOf, linesHolding, occurrences, wholeUnits } from '../project/journal-search.js';
import type { JournalEvent } from '../project/events.js';
import { JOURNAL_DIR, journalOrder } from '../project/journal.js';
import type { JournalMark } from '../project/journal-fold.js';
import type { Project } from '../project/project.js';
import { sourceFingerprint } from '../project/source-keys.js';
import { foldState, type ItemState } from '../project/state.js';
import { qaContextBuilder, qaInputFor, type ProjectQa, type ProjectQaEnv } from '../qa/project-qa.js';
import { NEAR_COPY_CACHE_FILE, NearCopyCache } from '../qa/near-copy-cache.js';
import { sourceIndexOverflows } from '../qa/qa-cache.js';
import { lengthPairs } from '../qa/length-stats.js';
import type { EarlierList, ListRow } from './list-cache.js';

/** Past this many items named by the new events, the rows are computed the usual way. */
const MAX_TOUCHED = 64;
/** Lines holding a `\u` escape are parsed whatever they hold (an ID may be written escaped); past this many, the usual way. */
const MAX_ESCAPED_LINES = 1000;
/** A source record not within a window this wide around where its index puts it is left to the usual way (which reads the source anyway). */
const MAX_WINDOW = 4 << 20;

/** The ID's row computed anew; the caller finishes it (rowOf). */
export type RowOf = (item: SourceItem, state: ItemState, qa: ProjectQa) => ListRow;

class NeedsFullRead extends Error {}

/** The rows of the items the new events name, by the byte place of their line among the stored rows (FoundRow.at), and the warnings of all rows. */
export interface UpdatedRows {
  rows: Map<number, ListRow>;
  warnings: string[];
}

/**
 * The rows of the items the new events name (`touched`) computed again from
 * the journal as it is now (`now`), or undefined when only a full read gives
 * them exactly.
 */
export async function updateTouchedRows(
  project: Project,
  env: ProjectQaEnv,
  before: EarlierList,
  now: readonly JournalMark[],
  rowOf: RowOf,
): Promise<UpdatedRows | undefined> {
  const { stored, touched } = before;
  const { indexDigest, lengthStats, count } = stored.header;
  // The near-copy verdicts' key (ProjectQa.indexDigest of the rows' items): rows cached without it are made again.
  if (indexDigest === undefined || touched.size === 0 || touched.size > MAX_TOUCHED) return undefined;
  const found = stored.find(touched); // an item the rows do not have: undefined
  if (!found) return undefined;
  const items = sourceRecords(project, new Map([...found].map(([id, { index }]) => [id, index])), count);
  if (!items) return undefined;
  const events = itemEvents(project.dir, stored.journal, now, touched);
  if (!events) return undefined;
  const states = new Map<string, ItemState>();
  for (const [id, { row }] of found) {
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
    if (!sameFacts(row, old) || lengthsOf(item, old, env) !== lengthsOf(item, state, env)) return undefined;
    states.set(id, state);
  }
  // Read only once the conditions above hold: when they do not, the full read reads it.
  const nearCopyCache = new NearCopyCache(path.join(project.dir, NEAR_COPY_CACHE_FILE), [...found.keys()]);
  // Its warnings (a corrupt file ignored) are reported with the earlier rows' ones, as a full read reports them.
  const cacheWarnings = nearCopyCache.warnings.splice(0);
  const updating: ProjectQaEnv = { ...env, warnings: [...env.warnings], nearCopyCache };
  const fingerprint = sourceFingerprint(project.sourcePath, project.mapping);
  const builder = qaContextBuilder(updating, {
    lengthStats,
    indexDigest,
    indexOverflows: fingerprint !== undefined && sourceIndexOverflows(project.dir, fingerprint),
    // The cross-item index needs every source record: that is the full read.
    reread: () => Promise.reject(new NeedsFullRead()),
  });
  const qa = builder.done();
  const rows = new Map<number, ListRow>();
  for (const [id, { at }] of found) {
    const item = items.get(id)!;
    const state = states.get(id)!;
    try {
      await qa.nearCopyVerdict(item, state);
    } catch (e) {
      if (e instanceof NeedsFullRead) return undefined;
      throw e;
    }
    rows.set(at, rowOf(item, state, qa));
  }
  cacheWarnings.push(...qa.saveCache());
  // Not twice: the earlier rows' warnings may hold the same (a file that cannot be written).
  const earlier = stored.warnings;
  const warnings = [...earlier, ...cacheWarnings.filter((w) => !earlier.includes(w))];
  return { rows, warnings };
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
  return JSON.stringify(input ? [...lengthPairs([input])] : []);
}

/**
 * The source records of the IDs (`at`: their index among the `count` rows),
 * from a JSONL source; undefined when one is not found that way. Each record
 * is looked for around where its index puts it, in a window that doubles
 * until it holds the record, up to MAX_WINDOW. The source is the one the cached rows were made
 * from (their key holds its fingerprint), so it was valid: its IDs are unique.
 */
function sourceRecords(project: Project, at: ReadonlyMap<string, number>, count: number): Map<string, SourceItem> | undefined {
  const file = project.sourcePath;
  if (isParquet(file) || isDelimited(file)) return undefined;
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const size = fstatSync(fd).size;
    const first = readRange(fd, 0, Math.min(size, 64)).toString('utf8').trimStart();
    if (!first.startsWith('{')) return undefined; // a JSON array: records are not lines
    const found = new Map<string, SourceItem>();
    for (const [id, index] of at) {
      const item = findRecord(
        fd,
        size,
        Math.floor((size * index) / Math.max(count, 1)),
        (line) => {
          let record: unknown;
          try {
            record = JSON.parse(line);
          } catch {
            return undefined;
          }
          const item = itemOfRecord(record, project.mapping, index);
          return item?.id === id ? item : undefined;
        },
        JSON.stringify(id),
      );
      if (!item) return undefined;
      found.set(id, item);
    }
    return found;
  } finally {
    closeSync(fd);
  }
}

/** The first whole line holding `needle` that `accept` takes, searched in windows around `center` growing to the whole file or MAX_WINDOW. */
function findRecord<T>(fd: number, size: number, center: number, accept: (line: string) => T | undefined, needle: string): T | undefined {
  const bytes = Buffer.from(needle);
  for (let radius = 1 << 16; ; radius *= 2) {
    const from = Math.max(0, center - radius);
    const to = Math.min(size, center + radius);
    const buf = readRange(fd, from, to);
    for (const pos of occurrences(buf, bytes)) {
      const nl = buf.lastIndexOf(0x0a, pos);
      const end = buf.indexOf(0x0a, pos);
      // A line cut by the window is read whole from a larger one.
      if ((nl === -1 && from > 0) || (end === -1 && to < size)) continue;
      const value = accept(buf.toString('utf8', nl + 1, end === -1 ? buf.length : end));
      if (value !== undefined) return value;
    }
    if ((from === 0 && to === size) || 2 * radius >= MAX_WINDOW) return undefined;
  }
}

function readRange(fd: number, from: number, to: number): Buffer {
  const buf = Buffer.allocUnsafe(to - from);
  const n = readSync(fd, buf, 0, buf.length, from);
  return buf.subarray(0, n);
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
  const needles = [...[...touched].map((id) => JSON.stringify(id)), ESCAPE];
  let candidates = 0;
  for (const [name, size] of now) {
    const file = path.join(projectDir, JOURNAL_DIR, name);
    const boundary = oldSize.get(name) ?? 0;
    const found: Found[] = [];
    for (const { raw, start } of linesHolding(file, size, needles)) {
      if (++candidates > MAX_ESCAPED_LINES + touched.size * 1000) return undefined;
      const old = start < boundary;
      const value = eventOf(raw);
      if (!value) {
        if (old) continue; // skipped by the fold too (its warning is among the cached ones)
        return undefined;
      }
      if (touched.has(value.item)) found.push({ e: value, file: name, offset: start, old });
    }
    // Events of a unit count only when the whole unit is on disk (journal.ts wholeUnits); a cut one is skipped, with a warning the rows hold when it is old.
    const units = new Set(found.flatMap((f) => (f.e.unit === undefined ? [] : [f.e.unit])));
    const whole = units.size === 0 ? units : wholeUnits(file, size, units);
    for (const f of found) {
      if (f.e.unit !== undefined && !whole.has(f.e.unit)) {
        if (f.old) continue;
        return undefined;
      }
      const list = byItem.get(f.e.item) ?? [];
      list.push(f);
      byItem.set(f.e.item, list);
    }
  }
  for (const list of byItem.values()) list.sort(journalOrder((f) => f.offset));
  return byItem;
}
