/**
 * The dataset's length statistics (length-stats.ts) as a session last
 * computed them (cache/qa/length-stats.json), keyed by what they depend on:
 * the source (its fingerprint) and the journal as folded (each file's name,
 * the offset read to and its modification time). A session opened again on
 * an unchanged project reads them instead of measuring every item.
 */
import { readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { writeDerivedFile } from '../project/derived-file.js';
import { JOURNAL_DIR } from '../project/journal.js';
import type { LengthStats } from './types.js';

export const LENGTH_STATS_FILE = path.join('cache', 'qa', 'length-stats.json');
/** Bump when what the statistics are computed from changes (length-stats.ts). */
const VERSION = 1;

/**
 * The key of a fold that read each journal file to its end (`ends`: file name to offset),
 * or undefined when one has changed since (a writer appended: the stats would not match the file).
 */
export function lengthStatsKey(projectDir: string, sourceFingerprint: string | undefined, ends: ReadonlyMap<string, number>): string | undefined {
  if (sourceFingerprint === undefined) return undefined;
  const files: [string, number, number][] = [];
  for (const [name, end] of [...ends].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    try {
      const st = statSync(path.join(projectDir, JOURNAL_DIR, name));
      if (st.size !== end) return undefined;
      files.push([name, end, st.mtimeMs]);
    } catch {
      return undefined;
    }
  }
  return createHash('sha256')
    .update(JSON.stringify([VERSION, sourceFingerprint, files]))
    .digest('base64url');
}

/** The cached statistics for `key`: `null` when there were none (no pair to measure), undefined when not cached. */
export function readLengthStats(projectDir: string, key: string): LengthStats | null | undefined {
  try {
    const cached = JSON.parse(readFileSync(path.join(projectDir, LENGTH_STATS_FILE), 'utf8')) as { key?: unknown; stats?: LengthStats | null };
    return cached.key === key && cached.stats !== undefined ? cached.stats : undefined;
  } catch {
    return undefined;
  }
}

export function writeLengthStats(projectDir: string, key: string, stats: LengthStats | undefined): void {
  writeDerivedFile(path.join(projectDir, LENGTH_STATS_FILE), `${JSON.stringify({ key, stats: stats ?? null })}\n`);
}
