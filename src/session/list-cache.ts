/**
 * `list`'s rows for every item, kept in cache/list.json while nothing they
 * depend on changed: the source and journal (its fingerprint; each journal
 * file's size and last bytes), the project config (languages, pack,
 * register) and the QA context (check set, locale pack files). Derived and
 * rebuildable: deleting it changes nothing but time.
 *
 * The file is lines: a header (the key, warnings, length statistics, the
 * rows' byte count), then each row exactly as `list --json` prints it
 * (src/json-rows.ts), then the filters' facets (taxonomy labels) of every
 * row. An unfiltered `list --json` checks the key and copies the rows'
 * bytes; only filters and the table parse them.
 *
 * When only the journal grew (appends, new files: the bytes read before are
 * unchanged), the rows are updated rather than rebuilt: the items the new
 * events name are computed again, the others kept, as long as the dataset's
 * length statistics (stored with the rows) come out the same; their QA
 * counts depend on those (and on the unchanged sources), the rest of a row
 * only on the item's own events. New items (`new`) and undos rebuild all.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, closeSync, openSync, readFileSync, readSync } from 'node:fs';
import path from 'node:path';
import { JSON_ROW_INDENT, jsonRowLine } from '../json-rows.js';
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
import { safeJson } from '../text-safety.js';
import type { FilterFacets } from './filters.js';

export { LIST_CACHE_FILE };
const FORMAT = 4;
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

/**
 * Rows made before the journal grew: all but the `touched` items' rows still hold, if the length statistics (in the
 * header, with CachedList.indexDigest) did not change; `stored.journal` is the journal as the rows saw it.
 */
export interface EarlierList {
  stored: StoredList;
  /** The items the new journal events name. */
  touched: ReadonlySet<string>;
}

/** A row found among the stored ones: the byte place of its line among the rows, its index, and the row (facets left out). */
export interface FoundRow {
  at: number;
  index: number;
  row: ListRow;
}

export interface ListKey {
  /** Everything the rows depend on. */
  key: string;
  /** All of it but the journal. */
  base: string;
  journal: JournalMark[];
}

/** The file's first line. */
interface Header {
  format: number;
  key: string;
  base: string;
  journal: JournalMark[];
  lengthStats: LengthStats | null;
  indexDigest?: string;
  warnings: string[];
  /** Rows, and the bytes of their lines (after the header line). */
  count: number;
  bytes: number;
}

/** The last line: each row's taxonomy labels (indexes into `labels`, -1: none) and Japan-specific flag (1, 0, -1: none), three numbers a row. */
interface Facets {
  labels: string[];
  facets: number[];
}

/** A row as `list --json` prints it (and `list` lists it). */
export interface ListedItem {
  id: string;
  state: ItemStateName;
  decision: Decision | null;
  /** Everyone who wrote an event on the item (translation, edits, decisions, reviews). */
  authors: string[];
  flags: number;
  qa: Record<Severity, number>;
  stale: boolean;
}

/** The row as `list --json` prints it. */
export const printed = (r: ListRow): ListedItem => ({
  id: r.id,
  state: r.state,
  decision: r.decision,
  authors: r.authors,
  flags: r.flags,
  qa: r.qa,
  stale: r.state === 'stale',
});

/**
 * Rows updated after journal appends, appended to the file rather than written again with it: the new key, journal and
 * warnings, and every row replaced so far (cumulative: the last patch line holds them all), by the byte place of its
 * line among the rows. `of` names the header the places belong to.
 */
interface Patch {
  of: string;
  key: string;
  journal: JournalMark[];
  warnings: string[];
  rows: [at: number, line: string][];
}

/** Past this many rows replaced, or patch lines this many bytes in all, the file is written again whole. */
const MAX_PATCHED_ROWS = 512;
const MAX_PATCH_BYTES = 4 << 20;

/**
 * The cache file's bytes: the header, the rows as printed, their facets, and
 * the patches appended after journal appends (see Patch).
 */
export class StoredList {
  private constructor(
    readonly header: Header,
    private readonly buf: Buffer,
    /** Where the rows' lines start, and where the patches start. */
    private readonly start: number,
    private readonly patchesAt: number,
    private readonly patch: Patch | undefined,
    /** A patch line not in `buf` (the file as read): appended to the file rather than the file written. */
    private readonly append?: Buffer,
  ) {}

  /** The file's bytes as a StoredList, or undefined when they are not one (another format, cut short, a torn or foreign patch). */
  static parse(buf: Buffer): StoredList | undefined {
    const nl = buf.indexOf(0x0a);
    if (nl === -1) return undefined;
    const headerLine = buf.toString('utf8', 0, nl);
    const header = JSON.parse(headerLine) as Partial<Header> | null;
    if (
      header?.format !== FORMAT ||
      typeof header.key !== 'string' ||
      typeof header.base !== 'string' ||
      !Array.isArray(header.journal) ||
      !Array.isArray(header.warnings) ||
      header.lengthStats === undefined ||
      typeof header.count !== 'number' ||
      typeof header.bytes !== 'number'
    )
      return undefined;
    const end = nl + 1 + header.bytes;
    // The rows end a line, the facets' line follows, whole, and so does every patch.
    if (end >= buf.length || (header.bytes > 0 && buf[end - 1] !== 0x0a) || buf[buf.length - 1] !== 0x0a) return undefined;
    const patchesAt = buf.indexOf(0x0a, end) + 1;
    let patch: Patch | undefined;
    if (patchesAt < buf.length) {
      patch = JSON.parse(buf.toString('utf8', buf.lastIndexOf(0x0a, buf.length - 2) + 1, buf.length - 1)) as Patch;
      if (patch.of !== headerId(headerLine) || !Array.isArray(patch.rows) || !Array.isArray(patch.warnings)) return undefined;
    }
    return new StoredList(header as Header, buf, nl + 1, patchesAt, patch);
  }

  /** Rows made anew: the file's bytes. */
  static of(key: ListKey, list: CachedList): StoredList {
    const labels = new Map<string, number>();
    const label = (l: string | undefined) => (l === undefined ? -1 : (labels.get(l) ?? labels.set(l, labels.size).get(l)!));
    const facets: number[] = [];
    for (const r of list.rows) facets.push(label(r.riskArea), label(r.harmType), r.japanSpecific === undefined ? -1 : r.japanSpecific ? 1 : 0);
    const trailer: Facets = { labels: [...labels.keys()], facets };
    return StoredList.assemble(headerOf(key, list, list.rows.length), [rowLines(list.rows)], Buffer.from(`${JSON.stringify(trailer)}\n`));
  }

  private static assemble(header: Header, lines: Buffer[], facets: Buffer): StoredList {
    header.bytes = lines.reduce((n, p) => n + p.length, 0);
    const head = Buffer.from(`${JSON.stringify(header)}\n`);
    const buf = Buffer.concat([head, ...lines, facets]);
    return new StoredList(header, buf, head.length, buf.length, undefined);
  }

  /** The key the rows were made under. */
  get key(): string {
    return this.patch?.key ?? this.header.key;
  }

  get journal(): JournalMark[] {
    return this.patch?.journal ?? this.header.journal;
  }

  get warnings(): string[] {
    return this.patch?.warnings ?? this.header.warnings;
  }

  /** The rows' lines, as `list --json` prints them (src/json-rows.ts), in parts (whole lines each). */
  lines(): Buffer[] {
    const parts: Buffer[] = [];
    let pos = this.start;
    for (const [at, line] of this.patch?.rows ?? []) {
      parts.push(this.buf.subarray(pos, this.start + at), Buffer.from(line));
      pos = this.buf.indexOf(0x0a, this.start + at) + 1;
    }
    parts.push(this.buf.subarray(pos, this.start + this.header.bytes));
    return parts;
  }

  /** Every row, parsed; undefined when the lines are not what the header says (then the rows are made again). */
  rows(): ListRow[] | undefined {
    try {
      const end = this.start + this.header.bytes;
      const { labels, facets } = JSON.parse(this.buf.toString('utf8', end, this.buf.indexOf(0x0a, end))) as Facets;
      const text = Buffer.concat(this.lines()).toString('utf8');
      const rows: ListRow[] = [];
      for (let at = 0; at < text.length;) {
        const nl = text.indexOf('\n', at);
        const f = 3 * rows.length;
        rows.push(rowOf(text.slice(at, nl), labels[facets[f]!], labels[facets[f + 1]!], facets[f + 2]));
        at = nl + 1;
      }
      return rows.length === this.header.count && facets.length === 3 * rows.length ? rows : undefined;
    } catch {
      return undefined;
    }
  }

  /** Where the IDs' lines start among the rows, found by a byte search for the start of each; undefined when one is not there. */
  private places(ids: Iterable<string>): Map<string, number> | undefined {
    const found = new Map<string, number>();
    const end = this.start + this.header.bytes;
    for (const id of ids) {
      // The line before ends just before the row's (the header's newline before the first).
      const at = this.buf.indexOf(`\n${JSON_ROW_INDENT}{"id":${safeJson(id)},`, this.start - 1) + 1;
      if (at === 0 || at >= end) return undefined;
      found.set(id, at - this.start);
    }
    return found;
  }

  /** The rows of the IDs, where they are; undefined when one is not there. */
  find(ids: Iterable<string>): Map<string, FoundRow> | undefined {
    const places = this.places(ids);
    if (!places) return undefined;
    const patched = new Map(this.patch?.rows);
    const found = new Map<string, FoundRow>();
    // The indexes: newlines counted up to each line, in file order.
    let index = 0;
    let pos = this.start;
    for (const [id, at] of [...places].sort((a, b) => a[1] - b[1])) {
      for (; pos < this.start + at; pos = this.buf.indexOf(0x0a, pos) + 1) index++;
      const line = patched.get(at)?.slice(0, -1) ?? this.buf.toString('utf8', this.start + at, this.buf.indexOf(0x0a, this.start + at));
      found.set(id, { at, index, row: rowOf(line) });
    }
    return found;
  }

  /**
   * These rows with those of `replaced` (by the byte place of their line, FoundRow.at) put in their lines, under
   * `key`, with `warnings`: a patch to append, or the file anew once the patches grow past their bounds.
   */
  replace(key: ListKey, replaced: ReadonlyMap<number, ListRow>, warnings: string[]): StoredList {
    const rows = new Map(this.patch?.rows);
    for (const [at, row] of replaced) rows.set(at, jsonRowLine(printed(row)));
    const patch: Patch = {
      of: headerId(this.buf.toString('utf8', 0, this.start - 1)),
      key: key.key,
      journal: key.journal,
      warnings,
      rows: [...rows].sort((a, b) => a[0] - b[0]),
    };
    const line = Buffer.from(`${JSON.stringify(patch)}\n`);
    const end = this.start + this.header.bytes;
    const facets = this.buf.subarray(end, this.patchesAt);
    if (rows.size > MAX_PATCHED_ROWS || this.buf.length - this.patchesAt + line.length > MAX_PATCH_BYTES) {
      const patched = new StoredList(this.header, this.buf, this.start, this.patchesAt, patch);
      return StoredList.assemble(headerOf(key, { ...this.header, warnings }, this.header.count), patched.lines(), facets);
    }
    return new StoredList(this.header, this.buf, this.start, this.patchesAt, patch, line);
  }

  /** Best effort: a new patch appended, or the whole file written atomically; a project that cannot be written to just has no cache. */
  write(file: string): void {
    if (this.append === undefined) return writeDerivedFile(file, this.buf);
    try {
      appendFileSync(file, this.append);
    } catch {
      // not cached
    }
  }
}

/** What a patch names its header by. */
const headerId = (line: string) => sha256(line).slice(0, 16);

/** The rows' lines as `list --json` prints them. */
export function rowLines(rows: readonly ListRow[]): Buffer {
  return Buffer.from(rows.map((r) => jsonRowLine(printed(r))).join(''));
}

function headerOf(key: ListKey, list: Pick<CachedList, 'warnings' | 'lengthStats' | 'indexDigest'>, count: number): Header {
  return {
    format: FORMAT,
    ...key,
    lengthStats: list.lengthStats,
    ...(list.indexDigest === undefined ? {} : { indexDigest: list.indexDigest }),
    warnings: list.warnings,
    count,
    bytes: 0, // set by assemble
  };
}

/** A printed row's line (indented, a comma after) as a ListRow with the facets given. */
function rowOf(line: string, riskArea?: string, harmType?: string, japan = -1): ListRow {
  const p = JSON.parse(line.slice(JSON_ROW_INDENT.length, line.endsWith(',') ? -1 : undefined)) as ListedItem;
  const row: ListRow = { id: p.id, state: p.state, decision: p.decision, authors: p.authors, flags: p.flags, qa: p.qa };
  if (riskArea !== undefined) row.riskArea = riskArea;
  if (harmType !== undefined) row.harmType = harmType;
  if (japan !== -1) row.japanSpecific = japan === 1;
  return row;
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
export function readListCache(projectDir: string, key: ListKey): { current: StoredList } | { earlier: EarlierList } | undefined {
  try {
    const stored = StoredList.parse(readFileSync(path.join(projectDir, LIST_CACHE_FILE)));
    if (!stored) return undefined;
    const { header } = stored;
    if (stored.key === key.key) return { current: stored };
    if (header.base !== key.base) return undefined;
    const touched = newEventItems(projectDir, stored.journal, key.journal);
    return touched && { earlier: { stored, touched } };
  } catch {
    return undefined; // missing or corrupt: computed again
  }
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

/** Best effort: a project that cannot be written to just has no cache. */
export function writeListCache(projectDir: string, list: StoredList): void {
  list.write(path.join(projectDir, LIST_CACHE_FILE));
}
