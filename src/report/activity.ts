/**
 * Journal activity per day and author: every valid event of every journal
 * file, read as the streamed fold reads it (journal-stream.ts: lines that are
 * not a valid event, and units cut short, are left out). Nothing per event is
 * held in memory.
 *
 * The counts of each file up to where it was read are kept in
 * cache/report/activity.json (derived, safe to delete; its folder ignores
 * itself in git), so a later report reads only what was appended since. An
 * entry is used only while the file's bytes before that point are unchanged
 * (its size and a hash of the bytes just before it, as the journal checkpoint
 * checks them); otherwise the file is read from the start.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { eventProblem } from '../project/event-schema.js';
import type { JournalEvent } from '../project/events.js';
import { JOURNAL_DIR } from '../project/journal.js';
import { journalFiles, mergedEvents, NotStreamable, startProgress } from '../project/journal-stream.js';
import { tailHash, unchangedUpTo } from '../project/journal-fold.js';

export interface ActivityRow {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  author: string;
  events: number;
}

export const ACTIVITY_CACHE_FILE = path.join('cache', 'report', 'activity.json');
const FORMAT = 1;

interface FileCounts {
  name: string;
  /** Bytes read (whole lines and whole units only). */
  offset: number;
  /** Lines before `offset`. */
  line: number;
  /** tailHash of the bytes before `offset` (journal-fold.ts: what the checkpoint checks too). */
  tail: string;
  /** [day, author, events] */
  counts: [string, string, number][];
}

function readCache(file: string): Map<string, FileCounts> {
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { format?: unknown; files?: FileCounts[] };
    if (saved.format !== FORMAT || !Array.isArray(saved.files)) return new Map();
    return new Map(saved.files.map((f) => [f.name, f]));
  } catch {
    return new Map(); // absent or corrupt: counted again
  }
}

/** Best effort: a project that cannot be written to just counts again next time. */
function writeCache(file: string, files: FileCounts[]): void {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    const ignore = path.join(path.dirname(file), '.gitignore');
    if (!existsSync(ignore)) writeFileSync(ignore, '*\n');
    writeFileAtomic.sync(file, JSON.stringify({ format: FORMAT, files }));
  } catch {
    // nothing lost but time
  }
}

/** The cached counts of a journal file when they still fit the file on disk. */
function fits(journal: string, cached: FileCounts | undefined): cached is FileCounts {
  if (!cached || typeof cached.offset !== 'number' || !Array.isArray(cached.counts)) return false;
  return unchangedUpTo(journal, cached.offset, cached.tail);
}

function bump(rows: Map<string, ActivityRow>, day: string, author: string, events: number): void {
  const key = `${day}\u0000${author}`;
  const row = rows.get(key);
  if (row) row.events += events;
  else rows.set(key, { day, author, events });
}

/** One file's counts added to `counts`, from `from` on (its cached entry) or from the start; returns the entry to cache, none when the file ends mid-write. */
function countFile(projectDir: string, name: string, from: FileCounts | undefined, counts: Map<string, ActivityRow>): FileCounts | undefined {
  const mine = new Map<string, ActivityRow>();
  for (const [day, author, events] of from?.counts ?? []) bump(mine, day, author, events);
  const p = { ...startProgress(name), ...(from ? { offset: from.offset, line: from.line } : {}) };
  try {
    for (const { e } of mergedEvents(projectDir, [p])) bump(mine, e.ts.slice(0, 10), e.author, 1);
  } catch (err) {
    if (!(err instanceof NotStreamable)) throw err;
    // Not a plain append log (events out of order, a unit twice): every valid line counts, and nothing is cached.
    if (from) return countFile(projectDir, name, undefined, counts);
    countWhole(path.join(projectDir, JOURNAL_DIR, name), counts);
    return undefined;
  }
  for (const r of mine.values()) bump(counts, r.day, r.author, r.events);
  if (p.openEnd) return undefined;
  return {
    name,
    offset: p.offset,
    line: p.line,
    tail: tailHash(path.join(projectDir, JOURNAL_DIR, name), p.offset),
    counts: [...mine.values()].map((r) => [r.day, r.author, r.events]),
  };
}

function countWhole(file: string, counts: Map<string, ActivityRow>): void {
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      continue;
    }
    if (eventProblem(value)) continue;
    const e = value as JournalEvent;
    bump(counts, e.ts.slice(0, 10), e.author, 1);
  }
}

/** Events per UTC day and author, sorted by day then author. */
export function journalActivity(projectDir: string): ActivityRow[] {
  const cacheFile = path.join(projectDir, ACTIVITY_CACHE_FILE);
  const cached = readCache(cacheFile);
  const counts = new Map<string, ActivityRow>();
  const files: FileCounts[] = [];
  let changed = false;
  for (const name of journalFiles(projectDir)) {
    const entry = cached.get(name);
    const from = fits(path.join(projectDir, JOURNAL_DIR, name), entry) ? entry : undefined;
    const next = countFile(projectDir, name, from, counts);
    if (next) files.push(next);
    if (!from || !next || next.offset !== from.offset) changed = true;
  }
  if (changed || files.length !== cached.size) writeCache(cacheFile, files);
  return [...counts.values()].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.author < b.author ? -1 : a.author > b.author ? 1 : 0));
}
