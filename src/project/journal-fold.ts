/**
 * The journal folded while it is read (journal-stream.ts), starting from a
 * checkpoint when one fits: cache/journal-state.jsonl holds the folds of
 * every item and where each journal file was read up to. It is derived data:
 * a checkpoint that does not fit (a file shrank or its bytes before that point
 * changed, a file vanished, the new events would sort before ones already
 * folded, another program version) or does not parse is ignored, and the
 * journal is read from the start. Deleting cache/ changes nothing but time.
 *
 * The folds do not depend on the source: staleness is decided when an item's
 * state is finished against its current hash, so a new source release keeps
 * the checkpoint.
 *
 * The checkpoint is compact: where an MT or edit event set an item's texts,
 * it holds the event's place in the journal (journal-lines.ts), not the texts,
 * so it stays small even at one event per item. A fold started from it reads
 * the texts back when a state is asked for. A place that no longer holds its
 * event (the journal rewritten, before the fold with its sizes and tails kept,
 * or while the command ran) stops the command with an error naming the file
 * and line, and removes the checkpoint: run again, the command folds from the
 * journal's start (journal-lines.ts).
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { EVENT_TYPES, type JournalEvent, type UndoEvent } from './events.js';
import { compareStamps, stampOfId, type Stamp } from './event-order.js';
import { CHECKPOINT_FILE, JOURNAL_DIR, readJournal } from './journal.js';
import { JournalLines } from './journal-lines.js';
import { CheckpointRows } from './checkpoint-rows.js';
import { ESCAPE, eventOf, linesHolding, wholeUnits } from './journal-search.js';
import { undoTargets, type UndoTargets } from './undo.js';
import {
  before,
  journalFiles,
  lineBlocks,
  mergedEvents,
  NotStreamable,
  progressWarnings,
  startProgress,
  type FileProgress,
  type StreamedEvent,
} from './journal-stream.js';
import { emptyState, folderOf, headOf, LazyFolds, NONE, PLACED_MT, StateFolder, withName, type EventPlaces, type ItemFold, type ItemState } from './state.js';

// Defined beside JOURNAL_DIR so journal-lines.ts (which removes it when a place no longer holds its event) need not import this module.
export { CHECKPOINT_FILE };
/** A checkpoint is rewritten once this many events were read past it (or after a read from the start). */
export const CHECKPOINT_EVERY = 1000;
/**
 * Bumped whenever the fold's meaning changes; derived caches of folded results
 * (status, list) key on it too. 2: checklist answers folded under renamed
 * question IDs (checklist-aliases.ts); a format-1 checkpoint holds the old IDs.
 * 3: the `new` event of an added item is kept (format 2 lost added items).
 * 4: the checkpoint holds places of MT and edit events rather than their texts.
 */
export const FOLD_FORMAT = 4;
/**
 * A checkpoint larger than this share of the journal bytes it stands for is
 * not written (and one on disk is not read): reading it would cost about as
 * much as folding the journal, and hold the whole file in memory besides. At
 * 100k items with a team's two to three events per item, a checkpoint holding
 * the texts was 1.25x the journal and read 1.3x slower than the journal itself.
 */
export const MAX_CHECKPOINT_SHARE = 0.5;
/**
 * Below this many events per item, a fold whose caller asks every item's texts (FoldJournalOptions.everyText) reads
 * the journal from its start rather than the checkpoint: reading each text back costs a journal line's parse, and
 * at 100k items with one MT each the checkpoint and the read-backs took 0.5 s more CPU than the fold (adapt).
 */
const MIN_EVENTS_PER_ITEM = 2;
/** Bytes before each file's read position that must be unchanged for the checkpoint to fit. */
const TAIL_BYTES = 4096;

export interface JournalFold {
  folder: StateFolder;
  /** As readJournal gives them. */
  warnings: string[];
  skipped: number;
  /** How the journal was read: on from a checkpoint, from the start, or whole (a file not in order). */
  from: 'checkpoint' | 'start' | 'whole';
  /** Events folded in this read (after the checkpoint, when from one). */
  eventsRead: number;
  /** The stamp of the latest event folded (journal order), when there is one. */
  last?: Stamp;
  /** Bytes of each journal file the fold covers (what a session read at its start). */
  ends: ReadonlyMap<string, number>;
  /** Every event, in journal order, when the journal had to be read whole (`from: 'whole'`). */
  events?: JournalEvent[];
}

export interface FoldJournalOptions {
  /** Read and write the checkpoint (default true). */
  checkpoint?: boolean;
  checkpointEvery?: number;
  /**
   * Makes the fold compact: texts stay in the journal, read back from these places by `state`. Without it, a fold
   * that reads and writes the checkpoint records places beside its texts; one started from the checkpoint is compact.
   */
  places?: EventPlaces;
  /**
   * The caller asks every item's state with its texts (`list`, loadState): a checkpoint is started from only at
   * MIN_EVENTS_PER_ITEM events per item or more, where reading each item's texts back costs less than the fold.
   */
  everyText?: boolean;
  /**
   * Rows read from the checkpoint kept as read until an item's fold is used (LazyFolds, checkpoint-rows.ts): for a
   * caller that asks few items' folds, or asks each once without keeping it (a session's start, `status`, export and
   * report, which drop each fold once used; report also collects its garbage itself: src/collect-garbage.ts).
   * Check reads every row decoded up front: the live folds also make V8 collect the garbage of its pass early.
   */
  lazyRows?: boolean;
}

interface Header {
  format: number;
  eventTypes: string;
  order: number;
  /** Item folds that follow the header (fewer: the file was cut short). */
  items: number;
  /** The journal files in the order of the places' numbers (EventPlaces.files). */
  placeFiles: string[];
  last?: Pick<StreamedEvent, 'file' | 'line'> & { ts: string; c?: number };
  files: (Omit<FileProgress, 'openEnd'> & { tail: string })[];
  /** What undone primary decisions had seen (StateFolder.undoneSaw), when any was undone. */
  undoneSaw?: [string, readonly string[]][];
}

function undoneSaw(header: Header): Map<string, readonly string[]> {
  return new Map(Array.isArray(header.undoneSaw) ? header.undoneSaw : []);
}

export function foldJournal(projectDir: string, opts: FoldJournalOptions = {}): JournalFold {
  const useCheckpoint = opts.checkpoint ?? true;
  // The checkpoint stores places: a fold that keeps its texts records them too, to write one.
  let places = opts.places ?? (useCheckpoint ? new JournalLines(projectDir) : undefined);
  const checkpoint = places && useCheckpoint ? readCheckpoint(projectDir, places, opts.everyText === true, opts.lazyRows === true) : undefined;
  // A fitting checkpoint not worth starting from for this fold: the fold is plain (as with no checkpoint) and leaves it as it is.
  const keep = checkpoint === 'not worth it';
  if (keep) places = undefined;
  const saved = keep ? undefined : checkpoint;
  if (saved) {
    try {
      const r = foldFrom(projectDir, saved.folder, saved.header.files, saved.header.last);
      if (r) {
        if (r.eventsRead >= (opts.checkpointEvery ?? CHECKPOINT_EVERY)) writeCheckpoint(projectDir, r.folder, r.progress, r.last);
        return { ...result(r), from: 'checkpoint' };
      }
    } catch (e) {
      if (!(e instanceof NotStreamable)) throw e;
    }
  }
  try {
    const r = foldFrom(projectDir, new StateFolder(new Map(), 0, new Map(), places, places !== undefined && !opts.places), [], undefined)!;
    if (useCheckpoint && !keep) writeCheckpoint(projectDir, r.folder, r.progress, r.last);
    return { ...result(r), from: 'start' };
  } catch (e) {
    if (!(e instanceof NotStreamable)) throw e;
  }
  const { events, warnings, skipped, ends } = readJournal(projectDir);
  const folder = folderOf(events);
  const last = events.at(-1);
  return { folder, warnings, skipped, from: 'whole', eventsRead: events.length, ends, events, ...(last ? { last: stampOf(last) } : {}) };
}

interface Folded {
  folder: StateFolder;
  progress: FileProgress[];
  last: Header['last'];
  eventsRead: number;
}

function result(r: Folded): Omit<JournalFold, 'from'> {
  const ends = new Map(r.progress.map((p) => [p.name, p.offset]));
  return { folder: r.folder, ...progressWarnings(r.progress), eventsRead: r.eventsRead, ends, ...(r.last ? { last: stampOf(r.last) } : {}) };
}

function stampOf(s: Stamp): Stamp {
  return { ts: s.ts, ...(s.c !== undefined ? { c: s.c } : {}) };
}

/** Fold the events after `known` (files not listed start at 0); undefined when the new events do not all come after `last`. */
function foldFrom(projectDir: string, folder: StateFolder, known: readonly Omit<FileProgress, 'openEnd'>[], last: Header['last']): Folded | undefined {
  const progress = progressFrom(projectDir, known);
  let eventsRead = 0;
  let latest: StreamedEvent | undefined;
  const undos = undosAfter(projectDir, progress, last);
  folder.expectUndos(undos);
  for (const r of mergedEvents(projectDir, progress)) {
    if (!followsOn(r, eventsRead === 0, last, undos)) return undefined;
    folder.apply(r.e, r);
    latest = r;
    eventsRead++;
  }
  if (latest) last = { file: latest.file, line: latest.line, ts: latest.e.ts, ...(latest.e.c !== undefined ? { c: latest.e.c } : {}) };
  return { folder, progress, last, eventsRead };
}

/**
 * The undo events after each file's read position, found by a byte search for the lines that may hold one (a fold must
 * know an undo before it folds the event the undo takes back). Throws NotStreamable when one may name an event at or
 * before `last` (folded already, by a checkpoint): only a fold from the start can leave that event out.
 */
function undosAfter(projectDir: string, progress: readonly FileProgress[], last: Header['last']): UndoTargets {
  const undos: UndoEvent[] = [];
  for (const p of progress) {
    const file = path.join(projectDir, JOURNAL_DIR, p.name);
    const size = statSync(file).size;
    const found: UndoEvent[] = [];
    for (const { raw } of linesHolding(file, size, ['"undo"', ESCAPE], p.offset)) {
      const e = eventOf(raw);
      if (e?.type === 'undo') found.push(e);
    }
    // An undo in a unit cut short is skipped, as the fold skips the unit (journal-stream.ts).
    const units = new Set(found.flatMap((u) => (u.unit === undefined ? [] : [u.unit])));
    const whole = units.size === 0 ? units : wholeUnits(file, size, units);
    for (const u of found) {
      if (u.unit !== undefined && !whole.has(u.unit)) continue;
      if (last && !namesLater(u.undoes, last)) throw new NotStreamable(`${p.name}: an undo of an event before the checkpoint`);
      undos.push(u);
    }
  }
  return undoTargets(undos);
}

/** Whether the event an ID names (eventId) sorts after `last`. */
function namesLater(id: string, last: Stamp): boolean {
  const stamp = stampOfId(id);
  return stamp !== undefined && compareStamps(stamp, last) > 0;
}

/**
 * Whether `r`, read after `last` (a checkpoint's), may be folded on: not when it is the first (`first`) and does not come
 * after `last`. Throws NotStreamable on an undo that `undos` (undosAfter) does not hold: one appended since they were
 * found, whose event may have been folded already.
 */
function followsOn(r: StreamedEvent, first: boolean, last: Header['last'], undos: UndoTargets): boolean {
  if (first && last && !before({ e: last, file: last.file, line: last.line }, r)) return false;
  const e = r.e;
  if (e.type === 'undo' && !undos.get(e.undoes)?.some((u) => u.author === e.author && compareStamps(u, e) === 0)) {
    throw new NotStreamable(`${r.file} line ${r.line}: an undo written while the journal was read`);
  }
  return true;
}

/** Every journal file's read position: as `known` left it (copied), else its start. */
function progressFrom(projectDir: string, known: readonly Omit<FileProgress, 'openEnd'>[]): FileProgress[] {
  const byName = new Map(known.map((p) => [p.name, p]));
  return journalFiles(projectDir).map((name) => {
    const p = byName.get(name);
    return p
      ? { ...p, openEnd: false, jsonWarnings: [...p.jsonWarnings], eventWarnings: [...p.eventWarnings], unitWarnings: [...p.unitWarnings], units: [...p.units] }
      : startProgress(name);
  });
}

/** A checkpoint's identity: a hash of its header line. */
function checkpointId(headerText: string): string {
  return createHash('sha256').update(headerText).digest('hex').slice(0, 32);
}

/** The folds at a checkpoint and now of the items the events after it name (CheckpointTail). */
export interface CheckpointTail {
  /** Each named item's fold at the checkpoint (none: its first event came after it); ask `state(item, false)`. */
  atCheckpoint: StateFolder;
  /** The same items' folds with the events after the checkpoint applied. */
  now: StateFolder;
  named: ReadonlySet<string>;
  /** Of the whole journal, as a fold from the checkpoint gives them. */
  warnings: string[];
  skipped: number;
  /** The checkpoint's ID: a hash of its header line (which names the journal bytes it stands for). */
  checkpoint: string;
  /** Bytes of each journal file read (as JournalFold.ends). */
  ends: ReadonlyMap<string, number>;
}

/**
 * Only the items that the events after the checkpoint name, folded at the checkpoint and now, without reading the other
 * items' folds: what a count kept from the checkpoint needs to be brought up to date (status-cache.ts). Undefined when
 * there is no checkpoint that fits the journal (or it is not `id`, when given), or when a fold of the whole would not go
 * on from it (an event sorting before its last, an undo of an event before it), or the events after it add an item or
 * number more than `maxEvents`.
 */
export function foldAfterCheckpoint(projectDir: string, id: string | undefined, maxEvents: number): CheckpointTail | undefined {
  const places = new JournalLines(projectDir);
  try {
    const head = fittingHeader(projectDir, places);
    const checkpoint = head && checkpointId(head.text);
    if (!head || !checkpoint || (id !== undefined && checkpoint !== id)) return undefined;
    const { header } = head;
    const progress = progressFrom(projectDir, header.files);
    const events: StreamedEvent[] = [];
    const last = header.last;
    const undos = undosAfter(projectDir, progress, last);
    for (const r of mergedEvents(projectDir, progress)) {
      if (!followsOn(r, events.length === 0, last, undos) || r.e.type === 'new' || events.length === maxEvents) return undefined;
      events.push(r);
    }
    const named = new Set(events.map((r) => r.e.item));
    const rows = checkpointRows(path.join(projectDir, CHECKPOINT_FILE), head.text, header.items, named);
    if (!rows) return undefined;
    const folds = () => new Map([...rows].map(([item, row]) => [item, decodeRow(row)]));
    const atCheckpoint = new StateFolder(folds(), header.order, new Map(), places, false);
    const now = new StateFolder(folds(), header.order, undos, places, false, undoneSaw(header));
    for (const r of events) now.apply(r.e, r);
    const ends = new Map(progress.map((p) => [p.name, p.offset]));
    return { atCheckpoint, now, named, ...progressWarnings(progress), checkpoint, ends };
  } catch {
    return undefined; // corrupt, or changed while read: the caller folds the whole journal
  }
}

/**
 * The rows of the named items in the checkpoint file, found by a byte search for the start of their line (the writer
 * starts each with the JSON of its ID); undefined unless the file still has `headerText` and all its `items` rows whole.
 */
function checkpointRows(file: string, headerText: string, items: number, named: ReadonlySet<string>): Map<string, Row> | undefined {
  const buf = readFileSync(file);
  const headEnd = buf.indexOf(0x0a);
  if (headEnd === -1 || buf.toString('utf8', 0, headEnd) !== headerText || buf[buf.length - 1] !== 0x0a) return undefined;
  let lines = 0;
  for (let nl = headEnd; nl !== -1; nl = buf.indexOf(0x0a, nl + 1)) lines++;
  if (lines !== items + 1) return undefined; // cut short
  const rows = new Map<string, Row>();
  for (const item of named) {
    const at = buf.indexOf(`\n[${JSON.stringify(item)},`, headEnd);
    if (at === -1) continue; // no fold at the checkpoint
    const row = JSON.parse(buf.toString('utf8', at + 1, buf.indexOf(0x0a, at + 1))) as Row;
    if (row[0] !== item) return undefined;
    rows.set(item, row);
  }
  return rows;
}

/** A hash of the bytes of `file` just before `end`: what a checkpoint checks to know the journal before its read position is unchanged. */
export function tailHash(file: string, end: number): string {
  const fd = openSync(file, 'r');
  try {
    const start = Math.max(0, end - TAIL_BYTES);
    const buf = Buffer.alloc(end - start);
    readSync(fd, buf, 0, buf.length, start);
    return createHash('sha256').update(buf).digest('hex').slice(0, 32);
  } finally {
    closeSync(fd);
  }
}

/** Whether `file` still holds the bytes a reader saw up to `end` (it was only appended to since): its size and tailHash. */
export function unchangedUpTo(file: string, end: number, tail: string): boolean {
  return statSync(file).size >= end && tailHash(file, end) === tail;
}

/** A journal file as a reader saw it: name, size, tailHash of its bytes. */
export type JournalMark = [name: string, size: number, tail: string];

/** Every journal file's mark now (what a cache keyed by the journal records). */
export function journalMarks(projectDir: string): JournalMark[] {
  return journalFiles(projectDir).map((name): JournalMark => {
    const file = path.join(projectDir, JOURNAL_DIR, name);
    const { size } = statSync(file);
    return [name, size, tailHash(file, size)];
  });
}

/** The checkpoint when it fits the journal on disk now, else undefined; `places` must have given none yet. */
function readCheckpoint(
  projectDir: string,
  places: EventPlaces,
  everyText: boolean,
  lazyRows: boolean,
): { header: Header; folder: StateFolder } | 'not worth it' | undefined {
  const file = path.join(projectDir, CHECKPOINT_FILE);
  try {
    const head = fittingHeader(projectDir, places);
    if (!head) return undefined;
    const { header } = head;
    // Every text read back costs one journal line's parse: with fewer events per item, folding the journal costs no more.
    if (everyText && header.order < MIN_EVENTS_PER_ITEM * header.items) return 'not worth it';
    let folds: Map<string, ItemFold>;
    if (lazyRows) {
      // Rows kept as bytes, found by their IDs, parsed when an item's fold is used (LazyFolds, checkpoint-rows.ts).
      const rows = new CheckpointRows(projectDir, head.bytes, (row) => decodeRow(row as Row));
      const lazy = new LazyFolds(rows);
      if (!rows.scan(head.text, (id, at) => lazy.setRow(id, at))) return undefined;
      folds = lazy;
    } else {
      folds = new Map<string, ItemFold>();
      // Item lines read a megabyte at a time and parsed as one array (a JSON string holds no raw newline): at 100k items,
      // one parse per line cost twice as much, and the whole file as one string held 9 MB more at the peak.
      for (const lines of lineChunks(file, head.bytes)) {
        const rows = JSON.parse(`[${lines.replaceAll('\n', ',')}]`) as Row[];
        for (const row of rows) folds.set(row[0], decodeRow(row));
      }
    }
    if (folds.size !== header.items) return undefined; // cut short
    return { header, folder: new StateFolder(folds, header.order, new Map(), places, false, undoneSaw(header)) };
  } catch {
    return undefined; // corrupt: rebuilt from the journal
  }
}

type Row = [string, Stored] | Simple;

function decodeRow(row: Row): ItemFold {
  return row.length === 2 ? decode(row[0], row[1]) : decodeSimple(row);
}

/**
 * The checkpoint's header when the checkpoint fits the journal on disk now (each file it read is unchanged up to where it
 * read it; same format; its places' numbers given to `places` in its order), with the header line's text and bytes.
 * Throws when the header does not parse.
 */
function fittingHeader(projectDir: string, places: EventPlaces): { header: Header; text: string; bytes: number } | undefined {
  const file = path.join(projectDir, CHECKPOINT_FILE);
  if (!existsSync(file)) return undefined;
  const listed = journalFiles(projectDir);
  const journalBytes = listed.reduce((n, name) => n + statSync(path.join(projectDir, JOURNAL_DIR, name)).size, 0);
  const head = firstLine(file);
  // One left by an older version, too large to pay (MAX_CHECKPOINT_SHARE): not read.
  if (statSync(file).size - head.bytes > MAX_CHECKPOINT_SHARE * journalBytes) return undefined;
  const header = JSON.parse(head.text) as Header;
  if (header.format !== FOLD_FORMAT || header.eventTypes !== EVENT_TYPES.join(',') || !Array.isArray(header.files)) return undefined;
  const names = new Set(listed);
  for (const f of header.files) {
    if (!names.has(f.name) || !unchangedUpTo(path.join(projectDir, JOURNAL_DIR, f.name), f.offset, f.tail)) return undefined;
  }
  // The places' numbers stand for the same files as when they were written.
  if (!Array.isArray(header.placeFiles) || header.placeFiles.some((name, i) => !names.has(name) || places.place(name, 0) !== i)) return undefined;
  return { header, ...head };
}

/** The file's lines from byte `from`, about a megabyte of them at a time (lineBlocks), joined by newlines (blank lines at the ends left out). */
function* lineChunks(file: string, from: number): Generator<string> {
  // The last block may end in a line without its newline (cut short: then its parse or the count of items fails).
  for (const { data } of lineBlocks(file, from)) {
    const lines = data.toString('utf8').trim(); // rows are JSON arrays: what is trimmed at the ends is newlines
    if (lines !== '') yield lines;
  }
}

/** The file's first line (without its newline), and its bytes with the newline (the whole file when it has none). */
function firstLine(file: string): { text: string; bytes: number } {
  const fd = openSync(file, 'r');
  try {
    const read: Buffer[] = [];
    for (let at = 0; ;) {
      const buf = Buffer.allocUnsafe(1 << 16);
      const n = readSync(fd, buf, 0, buf.length, at);
      const nl = buf.subarray(0, n).indexOf(0x0a);
      read.push(buf.subarray(0, nl >= 0 ? nl : n));
      if (nl >= 0) return { text: Buffer.concat(read).toString('utf8'), bytes: at + nl + 1 };
      at += n;
      if (n < buf.length) return { text: Buffer.concat(read).toString('utf8'), bytes: at };
    }
  } finally {
    closeSync(fd);
  }
}

/** Best effort and atomic (a temporary file renamed over the old one): a project that cannot be written to just has no checkpoint. */
function writeCheckpoint(projectDir: string, folder: StateFolder, progress: readonly FileProgress[], last: Header['last']): void {
  const places = folder.places;
  if (progress.some((p) => p.openEnd) || !places) return;
  const file = path.join(projectDir, CHECKPOINT_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    // A position read from a checkpoint still has its old tail: left out, so that the keys come in one order.
    const files = progress.map(({ openEnd: _openEnd, last: l, tail: _tail, ...p }: FileProgress & { tail?: string }) => ({
      ...p,
      ...(l ? { last: { ts: l.ts, ...(l.c !== undefined ? { c: l.c } : {}) } } : {}),
      tail: tailHash(path.join(projectDir, JOURNAL_DIR, p.name), p.offset),
    }));
    const header: Header = {
      format: FOLD_FORMAT,
      eventTypes: EVENT_TYPES.join(','),
      order: folder.order,
      items: folder.folds.size,
      placeFiles: [...places.files()],
      ...(last ? { last } : {}),
      files,
      ...(folder.undoneSaw().size > 0 ? { undoneSaw: [...folder.undoneSaw()] } : {}),
    };
    const limit = MAX_CHECKPOINT_SHARE * progress.reduce((n, p) => n + p.offset, 0);
    const fd = openSync(tmp, 'w');
    try {
      let batch = `${JSON.stringify(header)}\n`;
      // The header (per file: positions, warnings) is not counted: the item folds are what grows with the project.
      let written = -Buffer.byteLength(batch);
      let folds = 0;
      for (const [id, fold] of storedFolds(folder.folds)) {
        // A row read from the checkpoint and not decoded since is written back as it was.
        batch += `${typeof fold === 'string' ? fold : JSON.stringify(simple(id, fold) ?? [id, encode(fold)])}\n`;
        folds++;
        if (batch.length > 1 << 20) {
          written += writeSync(fd, batch);
          // Too large to pay (MAX_CHECKPOINT_SHARE), or bound to be at this rate: given up, and an older one removed so that it is not read either.
          if ((written / folds) * folder.folds.size > limit) throw new TooLarge();
          batch = '';
        }
      }
      if (written + Buffer.byteLength(batch) > limit) throw new TooLarge();
      writeSync(fd, batch);
      if (fstatSync(fd).size === 0) throw new Error('empty');
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    if (e instanceof TooLarge) rmSync(file, { force: true });
  }
}

class TooLarge extends Error {}

/** Each item's fold, or the text of its row read from the checkpoint and not decoded since (LazyFolds). */
function storedFolds(folds: Map<string, ItemFold>): Iterable<[string, ItemFold | string]> {
  return folds instanceof LazyFolds ? folds.stored() : folds;
}

/**
 * A fold as stored: keys still at their empty value left out, texts equal to the MT's as null, `mt` and texts
 * whose event has a place as 0 (read back from `at`: the places of the MT, question and answer events).
 */
type Stored = {
  s: Partial<Record<keyof ItemState, unknown>>;
  lastChange?: number;
  reviewAt?: number;
  /** The last head, the current decision's, as its ID only when it is s.decision's (as it is but after an undo). */
  heads?: readonly (ItemFold['heads'][number] | string)[];
  added?: ItemFold['added'];
  at?: [number | null, number | null, number | null];
  /** mtHash, when the MT is placed and its hash is not the decision's. */
  h?: string;
};

/**
 * Most folds at scale: one MT event's, placed: [id, lastChange, place, author, firstTs, lastTs (0: firstTs), MT source hash].
 * Read back without building a stored form first.
 */
type Simple = [id: string, lastChange: number, place: number, author: string, firstTs: string, lastTs: string | 0, mtHash: string];

/** An item's empty state (its ID aside), which simple and encode compare a fold's keys with: its values are shared by every empty state. */
const EMPTY = Object.freeze(emptyState('')) as unknown as Readonly<Record<string, unknown>>;

/** The keys of a simple fold's state that are not at their empty value, in the order apply sets them. */
const SIMPLE_KEYS = 'authors,firstTs,lastTs,mt,question,answer';

function simple(id: string, f: ItemFold): Simple | undefined {
  const s = f.s;
  if (f.mtAt === undefined || f.questionAt !== f.mtAt || f.answerAt !== f.mtAt || f.mtHash === undefined) return undefined;
  if (f.reviewAt !== -1 || f.heads.length > 0 || f.added || s.authors.length !== 1 || s.firstTs === undefined || s.lastTs === undefined) return undefined;
  const keys = Object.keys(s).filter((k) => k !== 'id' && k !== 'state' && (s as unknown as Record<string, unknown>)[k] !== EMPTY[k]);
  if (keys.join(',') !== SIMPLE_KEYS) return undefined;
  return [id, f.lastChange, f.mtAt, s.authors[0]!, s.firstTs, s.lastTs === s.firstTs ? 0 : s.lastTs, f.mtHash];
}

function decodeSimple([id, lastChange, place, author, firstTs, lastTs, mtHash]: Simple): ItemFold {
  const s = emptyState(id);
  s.authors = withName(s.authors, author);
  s.firstTs = firstTs;
  s.lastTs = lastTs === 0 ? firstTs : lastTs;
  s.mt = PLACED_MT;
  s.question = s.answer = '';
  return { s, lastChange, reviewAt: -1, heads: NONE, mtAt: place, questionAt: place, answerAt: place, mtHash };
}

function encode(f: ItemFold): Stored {
  const s: Stored['s'] = {};
  const placed = { mt: f.mtAt, question: f.questionAt, answer: f.answerAt } as Record<string, number | undefined>;
  for (const [k, v] of Object.entries(f.s)) {
    if (k === 'id' || k === 'state') continue;
    if (k in EMPTY && JSON.stringify(v) === JSON.stringify(EMPTY[k])) continue;
    // 0 keeps the key's place in the state's key order.
    if (placed[k] !== undefined) s[k as keyof ItemState] = 0;
    else s[k as keyof ItemState] = (k === 'question' || k === 'answer') && f.mtAt === undefined && f.s.mt?.[k] === v ? null : v;
  }
  const at = [f.mtAt ?? null, f.questionAt ?? null, f.answerAt ?? null] as NonNullable<Stored['at']>;
  return {
    s,
    ...(f.lastChange !== -1 ? { lastChange: f.lastChange } : {}),
    ...(f.reviewAt !== -1 ? { reviewAt: f.reviewAt } : {}),
    ...(f.heads.length ? { heads: storedHeads(f) } : {}),
    ...(f.added ? { added: f.added } : {}),
    ...(at.some((p) => p !== null) ? { at } : {}),
    // Most often the decision's too: then left out.
    ...(f.mtHash !== undefined && f.mtHash !== f.s.decision?.sourceHash ? { h: f.mtHash } : {}),
  };
}

function storedHeads(f: ItemFold): NonNullable<Stored['heads']> {
  const last = f.heads.at(-1)!;
  const current = f.s.decision && headOf(f.s.decision, last.id);
  return current && JSON.stringify(current) === JSON.stringify(last) ? [...f.heads.slice(0, -1), last.id] : f.heads;
}

/** A compact fold (state.ts: texts of placed events as '', `mt` as PLACED_MT). */
function decode(id: string, stored: Stored): ItemFold {
  // Keys come back in the order they were first set: the empty state's, then the others as stored.
  const s: ItemState = Object.assign<ItemState, Stored['s']>(emptyState(id), stored.s);
  const raw = s as unknown as Record<'mt' | 'question' | 'answer', unknown>;
  if (raw.mt === 0) s.mt = PLACED_MT;
  for (const k of ['question', 'answer'] as const) {
    if (raw[k] === 0) s[k] = '';
    else if (raw[k] === null) s[k] = s.mt![k];
  }
  const [mtAt, questionAt, answerAt] = stored.at ?? [null, null, null];
  const heads = (stored.heads ?? []).map((h) => (typeof h === 'string' ? headOf(s.decision!, h) : h));
  const fold: ItemFold = { s, lastChange: stored.lastChange ?? -1, reviewAt: stored.reviewAt ?? -1, heads };
  // The keys a compact fold's apply gives every fold, in its order.
  fold.mtAt = mtAt ?? undefined;
  fold.questionAt = questionAt ?? undefined;
  fold.answerAt = answerAt ?? undefined;
  fold.mtHash = stored.h ?? (mtAt !== null ? s.decision?.sourceHash : undefined);
  if (stored.added) fold.added = stored.added;
  return fold;
}
