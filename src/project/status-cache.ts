/**
 * `status` from cache/status.json when neither the journal nor the source
 * changed since the last `status`: the summary is a function of the source's
 * item keys and the journal, so it is kept with a key naming both (the source
 * fingerprint of source-keys.ts; each journal file's name, size and a hash of
 * its last bytes, as the checkpoint checks them). Any append, a new file or a
 * new source release gives another key, and the state is folded again.
 * Derived and rebuildable: deleting it changes nothing but time.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { writeDerivedFile } from './derived-file.js';
import { EVENT_TYPES } from './events.js';
import { FOLD_FORMAT, journalMarks } from './journal-fold.js';
import type { RoleMapping } from '../dataset/item.js';
import { sourceFingerprint } from './source-keys.js';
import type { StatusSummary } from './state.js';

/** Relative to the project folder; listed in the .gitignore `init` writes. */
export const STATUS_CACHE_FILE = path.join('cache', 'status.json');
/** `list`'s rows (session/list-cache.ts); named here so `init` can keep it out of git. */
export const LIST_CACHE_FILE = path.join('cache', 'list.json');
const FORMAT = 1;

export interface StatusResult {
  summary: StatusSummary;
  /** Journal and orphan warnings, as loadStatesOnly gives them. */
  warnings: string[];
}

/** What the summary depends on, hashed; undefined when the source is not a regular file (it is then read, and its problem reported). */
export function statusKey(projectDir: string, sourcePath: string, mapping: RoleMapping): string | undefined {
  const fingerprint = sourceFingerprint(sourcePath, mapping);
  if (!fingerprint) return undefined;
  return createHash('sha256')
    .update(JSON.stringify([FORMAT, FOLD_FORMAT, EVENT_TYPES, fingerprint, journalMarks(projectDir)]))
    .digest('hex');
}

/** The cached result when it was written under `key`. */
export function readStatusCache(projectDir: string, key: string): StatusResult | undefined {
  try {
    const stored = JSON.parse(readFileSync(path.join(projectDir, STATUS_CACHE_FILE), 'utf8')) as Partial<StatusResult> & { key?: string };
    if (stored.key !== key || typeof stored.summary !== 'object' || !Array.isArray(stored.warnings)) return undefined;
    return { summary: stored.summary, warnings: stored.warnings };
  } catch {
    return undefined; // missing or corrupt: folded again
  }
}

/** Best effort and atomic: a project that cannot be written to just has no cache. */
export function writeStatusCache(projectDir: string, key: string, result: StatusResult): void {
  writeDerivedFile(path.join(projectDir, STATUS_CACHE_FILE), `${JSON.stringify({ key, ...result })}\n`);
}
