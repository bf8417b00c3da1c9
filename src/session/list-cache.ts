/**
 * `list`'s rows for every item, kept in cache/list.json while nothing they
 * depend on changed: the source and journal (its fingerprint; each journal
 * file's size and last bytes), the project config (languages, pack,
 * register) and the QA context (check set, locale pack files). Rows are
 * stored as arrays, taxonomy labels as indexes into one table: the file is
 * read whole on every `list`. Derived and rebuildable: deleting it changes
 * nothing but time.
 *
 * When only the journal grew (appends, new files: the bytes read before are
 * unchanged), the rows are updated rather than rebuilt: the items the new
 * events name are computed again, the others kept, as long as the dataset's
 * length statistics (stored with the rows) come out the same; their QA
 * counts depend on those (and on the unchanged sources), the rest of a row
 * only on the item's own events. New items (`new`) and undos rebuild all.
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import path from 'node:path';
import { writeDerivedFile } from '../project/derived-file.js';
import { CONFIG_FILE } from '../project/config.js';
import { EVENT_TYPES, type Decision } from '../project/events.js';
import { JOURNAL_DIR } from '../project/journal.js';
import { FOLD_FORMAT, journalMarks, unchangedUpTo, type JournalMark } from '../project/journal-fold.js';
import type { Project } from '../project/project.js';
import { sourceFingerprint } from '../project/source-keys.js';
import type { ItemStateName } from '../project/state.js';
import { LIST_CACHE_FILE } from '../project/status-cache.js';
import type { LengthStats, Severity } from '../qa/types.js';
import type { FilterFacets } from './filters.js';

export { LIST_CACHE_FILE };
const FORMAT = 3;
/** New journal bytes past which the rows are rebuilt rather than updated (the events are read into memory). */
const MAX_NEW_BYTES = 16 << 20;

/** One item as `list` shows it, with what the filters read of it. */
export interface ListRow extends FilterFacets {
  state: ItemStateName;
  decision: Decision | null;
  authors: string[];
  flags: number;
  qa: Record<Severity, number>;
}

export interface CachedList {
  rows: ListRow[];
  warnings: string[];
  /** The dataset's length statistics the QA counts were computed with (null: none). */
  lengthStats: LengthStats | null;
  /** ProjectQa.indexDigest of the items (the near-copy verdicts' key); kept so that rows can be updated without every item. */
  indexDigest?: string;
}

/** Rows made before the journal grew: all but the `touched` items' rows still hold, if the length statistics did not change. */
export interface EarlierList {
  rows: ListRow[];
  lengthStats: LengthStats | null;
  /** The items the new journal events name. */
  touched: ReadonlySet<string>;
  /** The journal as the rows saw it, their warnings, and their CachedList.indexDigest (list-update.ts). */
  journal: JournalMark[];
  warnings: string[];
  indexDigest?: string;
}

export interface ListKey {
  /** Everything the rows depend on. */
  key: string;
  /** All of it but the journal. */
  base: string;
  journal: JournalMark[];
}

type StoredRow = [
  id: string,
  state: ItemStateName,
  decision: Decision | null,
  authors: string[],
  flags: number,
  e: number,
  w: number,
  i: number,
  risk: number,
  harm: number,
  japan: 0 | 1 | null,
];

interface Stored {
  key?: string;
  base?: string;
  journal?: JournalMark[];
  lengthStats?: LengthStats | null;
  indexDigest?: string;
  labels: string[];
  rows: StoredRow[];
  warnings: string[];
}

/** The key of the rows; undefined when the source is not a regular file (then nothing is cached). */
export function listKey(project: Project, qaContext: string): ListKey | undefined {
  const fingerprint = sourceFingerprint(project.sourcePath, project.mapping);
  if (fingerprint === undefined) return undefined;
  let config: string;
  let journal: JournalMark[];
  try {
    config = readFileSync(path.join(project.dir, CONFIG_FILE), 'utf8');
    journal = journalMarks(project.dir);
  } catch {
    return undefined;
  }
  const base = sha256(JSON.stringify([FORMAT, FOLD_FORMAT, EVENT_TYPES, fingerprint, config, qaContext]));
  return { key: sha256(JSON.stringify([base, journal])), base, journal };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The cached rows when they were made under `key` (`current`); else, when
 * only the journal grew since, those rows with the items the new events name
 * (`earlier`); else nothing.
 */
export function readListCache(projectDir: string, key: ListKey): { current: CachedList } | { earlier: EarlierList } | undefined {
  try {
    const stored = JSON.parse(readFileSync(path.join(projectDir, LIST_CACHE_FILE), 'utf8')) as Stored;
    if (!Array.isArray(stored.labels) || !Array.isArray(stored.rows) || !Array.isArray(stored.warnings) || stored.lengthStats === undefined) return undefined;
    const indexDigest = typeof stored.indexDigest === 'string' ? { indexDigest: stored.indexDigest } : {};
    if (stored.key === key.key) return { current: { rows: rowsOf(stored), warnings: stored.warnings, lengthStats: stored.lengthStats, ...indexDigest } };
    if (stored.base !== key.base || !Array.isArray(stored.journal)) return undefined;
    const touched = newEventItems(projectDir, stored.journal, key.journal);
    return (
      touched && {
        earlier: { rows: rowsOf(stored), lengthStats: stored.lengthStats, touched, journal: stored.journal, warnings: stored.warnings, ...indexDigest },
      }
    );
  } catch {
    return undefined; // missing or corrupt: computed again
  }
}

function rowsOf({ labels, rows }: Stored): ListRow[] {
  return rows.map(([id, state, decision, authors, flags, error, warning, info, risk, harm, japan]): ListRow => {
    const row: ListRow = { id, state, decision, authors, flags, qa: { error, warning, info } };
    if (risk >= 0) row.riskArea = labels[risk]!;
    if (harm >= 0) row.harmType = labels[harm]!;
    if (japan !== null) row.japanSpecific = japan === 1;
    return row;
  });
}

/**
 * The items named by the events appended since `before` (every file's earlier
 * bytes unchanged, whole lines added), or undefined when the journal changed
 * otherwise, or holds a torn line, an undo or a new item (then all is rebuilt).
 */
function newEventItems(projectDir: string, before: readonly JournalMark[], now: readonly JournalMark[]): Set<string> | undefined {
  const nowByName = new Map(now.map((m) => [m[0], m]));
  const from = new Map<string, number>();
  for (const [name, size, tail] of before) {
    const mark = nowByName.get(name);
    if (!mark || !unchangedUpTo(path.join(projectDir, JOURNAL_DIR, name), size, tail)) return undefined;
    from.set(name, size);
  }
  const items = new Set<string>();
  let budget = MAX_NEW_BYTES;
  for (const [name, size] of now) {
    const start = from.get(name) ?? 0;
    if (size === start) continue;
    budget -= size - start;
    if (budget < 0) return undefined;
    const text = readRange(path.join(projectDir, JOURNAL_DIR, name), start === 0 ? 0 : start - 1, size);
    // The earlier bytes must end a line, and so must the new ones: a line being written is read whole next time.
    if ((start > 0 && !text.startsWith('\n')) || !text.endsWith('\n')) return undefined;
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      const e = JSON.parse(line) as { item?: unknown; type?: unknown } | null;
      if (typeof e?.item !== 'string' || e.type === 'new' || e.type === 'undo') return undefined;
      items.add(e.item);
    }
  }
  return items;
}

function readRange(file: string, start: number, end: number): string {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(end - start);
    readSync(fd, buf, 0, buf.length, start);
    return buf.toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** Best effort and atomic: a project that cannot be written to just has no cache. */
export function writeListCache(projectDir: string, key: ListKey, list: CachedList): void {
  const file = path.join(projectDir, LIST_CACHE_FILE);
  const labels = new Map<string, number>();
  const label = (l: string | undefined) => (l === undefined ? -1 : (labels.get(l) ?? labels.set(l, labels.size).get(l)!));
  const rows = list.rows.map((r): StoredRow => [
    r.id,
    r.state,
    r.decision,
    r.authors,
    r.flags,
    r.qa.error,
    r.qa.warning,
    r.qa.info,
    label(r.riskArea),
    label(r.harmType),
    r.japanSpecific === undefined ? null : r.japanSpecific ? 1 : 0,
  ]);
  const stored: Stored = {
    ...key,
    lengthStats: list.lengthStats,
    ...(list.indexDigest === undefined ? {} : { indexDigest: list.indexDigest }),
    labels: [...labels.keys()],
    warnings: list.warnings,
    rows,
  };
  writeDerivedFile(file, `${JSON.stringify(stored)}\n`);
}
