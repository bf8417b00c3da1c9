/**
 * `status` from cache/status.json when neither the journal nor the source
 * changed since the last `status`: the summary is a function of the source's
 * item keys and the journal, so it is kept with a key naming both (the source
 * fingerprint of source-keys.ts; each journal file's name, size and a hash of
 * its last bytes, as the checkpoint checks them). Any append, a new file or a
 * new source release gives another key. After appends, the summary kept at the
 * journal checkpoint is brought up to date from the few items the events after
 * the checkpoint name (StatusBase); anything else folds the whole journal.
 * Derived and rebuildable: deleting it changes nothing but time.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { writeDerivedFile } from './derived-file.js';
import { EVENT_TYPES } from './events.js';
import { FOLD_FORMAT, journalMarks } from './journal-fold.js';
import { DECISIONS } from './decisions.js';
import { ITEM_STATES, type ItemState, type StatusSummary } from './state.js';

/** Relative to the project folder; listed in the .gitignore `init` writes. */
export const STATUS_CACHE_FILE = path.join('cache', 'status.json');
/** `list`'s rows (session/list-cache.ts); named here so `init` can keep it out of git. */
export const LIST_CACHE_FILE = path.join('cache', 'list.json');
/** 2: the summary at the journal checkpoint is kept beside the latest (StatusBase). 3: with the items by state and decision (StateDecisionCounts). */
const FORMAT = 3;

export interface StatusResult {
  summary: StatusSummary;
  /** Journal and orphan warnings, as loadStatesOnly gives them. */
  warnings: string[];
}

/**
 * Items by state and decision, keyed "adapted transfer", "translated none": what an adapt session's progress counts
 * (session/queue-session.ts), kept beside the summary, which does not tell decided items from stale or rejected ones.
 */
export type StateDecisionCounts = Record<string, number>;

/** Adds one item's state to `counts` (`by` -1 takes it out again, as countState does). */
export function countStateDecision(counts: StateDecisionCounts, s: Pick<ItemState, 'state' | 'decision'>, by: 1 | -1 = 1): void {
  const key = `${s.state} ${s.decision?.decision ?? 'none'}`;
  counts[key] = (counts[key] ?? 0) + by;
}

/** Every state's count by state and decision (a Map by state, then by decision, while counting: a key string per item at 100k cost more). */
export function stateDecisionCounts(states: Iterable<Pick<ItemState, 'state' | 'decision'>>): StateDecisionCounts {
  const byState = new Map<string, Map<string, number>>();
  for (const s of states) {
    let byDecision = byState.get(s.state);
    if (!byDecision) byState.set(s.state, (byDecision = new Map<string, number>()));
    const decision = s.decision?.decision ?? 'none';
    byDecision.set(decision, (byDecision.get(decision) ?? 0) + 1);
  }
  const counts: StateDecisionCounts = {};
  for (const [state, byDecision] of byState) for (const [decision, n] of byDecision) counts[`${state} ${decision}`] = n;
  return counts;
}

/** What the summary depends on, hashed; undefined when the source is not a regular file (it is then read, and its problem reported). */
export function statusKey(projectDir: string, fingerprint: string | undefined, marks = journalMarks(projectDir)): string | undefined {
  if (!fingerprint) return undefined;
  return hashOf([FORMAT, FOLD_FORMAT, EVENT_TYPES, fingerprint, marks]);
}

/** The key of a summary taken at the journal checkpoint `checkpoint` (journal-fold.ts checkpointAt) of the source `fingerprint`. */
export function baseKey(fingerprint: string, checkpoint: string): string {
  return hashOf([FORMAT, FOLD_FORMAT, EVENT_TYPES, fingerprint, checkpoint]);
}

function hashOf(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

/**
 * The summary at the journal checkpoint (its key: baseKey), which a later `status` brings up to date from the items the
 * events after the checkpoint name, without reading the others (project.ts loadStatusSummary).
 */
export interface StatusBase {
  /** The checkpoint's ID (checkpointAt). */
  checkpoint: string;
  key: string;
  summary: StatusSummary;
  counts: StateDecisionCounts;
  /** The warnings about journal items no longer in the source, which the fold's warnings are followed by. */
  orphanWarnings: string[];
}

export interface StoredStatus extends StatusResult {
  key: string;
  counts: StateDecisionCounts;
  base?: StatusBase;
}

/** The stored entry, whatever its key; undefined when missing or corrupt. */
export function readStatusCache(projectDir: string): StoredStatus | undefined {
  try {
    const stored = JSON.parse(readFileSync(path.join(projectDir, STATUS_CACHE_FILE), 'utf8')) as Partial<StoredStatus>;
    if (typeof stored.key !== 'string' || typeof stored.summary !== 'object' || !isCounts(stored.counts) || !Array.isArray(stored.warnings)) return undefined;
    const base = stored.base;
    const baseOk =
      typeof base?.key === 'string' &&
      typeof base.checkpoint === 'string' &&
      typeof base.summary === 'object' &&
      isCounts(base.counts) &&
      Array.isArray(base.orphanWarnings);
    return { key: stored.key, summary: stored.summary, counts: stored.counts, warnings: stored.warnings, ...(baseOk ? { base } : {}) };
  } catch {
    return undefined; // missing or corrupt: folded again
  }
}

/** Counts keyed by a known state and decision (or none), none negative: what a session's progress may start from. */
function isCounts(v: unknown): v is StateDecisionCounts {
  return typeof v === 'object' && v !== null && Object.entries(v).every(([key, n]) => isCountKey(key) && Number.isSafeInteger(n) && (n as number) >= 0);
}

function isCountKey(key: string): boolean {
  const [state, decision, ...rest] = key.split(' ');
  return (
    rest.length === 0 &&
    (ITEM_STATES as readonly (string | undefined)[]).includes(state) &&
    (decision === 'none' || (DECISIONS as readonly (string | undefined)[]).includes(decision))
  );
}

/** Best effort and atomic: a project that cannot be written to just has no cache. */
export function writeStatusCache(projectDir: string, stored: StoredStatus): void {
  writeDerivedFile(path.join(projectDir, STATUS_CACHE_FILE), `${JSON.stringify(stored)}\n`);
}
