/**
 * The dataset's length statistics (length-stats.ts) as a session last
 * computed them (cache/qa/length-stats.json), keyed by what they depend on:
 * the source (its fingerprint) and the journal as folded (each file's name,
 * the offset read to and its modification time). A session opened again on
 * an unchanged project reads them instead of measuring every item.
 */
import { statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { JOURNAL_DIR } from '../project/journal.js';
import type { Project } from '../project/project.js';
import { sourceFingerprint } from '../project/source-keys.js';
import { readKeyedFile, writeKeyedFile } from './cache-entries.js';
import type { LengthStats } from './types.js';

export const LENGTH_STATS_FILE = path.join('cache', 'qa', 'length-stats.json');
/** Bump when what the statistics are computed from changes (length-stats.ts), or how they are stored. */
const VERSION = 2;

/**
 * The key of a project folded to each journal file's end (`ends`: file name to offset), with its
 * languages (they choose the texts measured); undefined when a journal file has changed since (a
 * writer appended: the stats would not match the file) or the source has no fingerprint.
 */
export function lengthStatsKey(project: Project, ends: ReadonlyMap<string, number>): string | undefined {
  const fingerprint = sourceFingerprint(project.sourcePath, project.mapping);
  if (fingerprint === undefined) return undefined;
  const files: [string, number, number][] = [];
  for (const [name, end] of [...ends].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    try {
      const st = statSync(path.join(project.dir, JOURNAL_DIR, name));
      if (st.size !== end) return undefined;
      files.push([name, end, st.mtimeMs]);
    } catch {
      return undefined;
    }
  }
  return createHash('sha256')
    .update(JSON.stringify([VERSION, fingerprint, files, project.config.languages.from, project.config.languages.to]))
    .digest('base64url');
}

/** The cached statistics for `key`: `null` when there were none (no pair to measure), undefined when not cached. */
export function readLengthStats(projectDir: string, key: string): LengthStats | null | undefined {
  return readKeyedFile<LengthStats | null>(path.join(projectDir, LENGTH_STATS_FILE), key);
}

export function writeLengthStats(projectDir: string, key: string, stats: LengthStats | undefined): void {
  writeKeyedFile(path.join(projectDir, LENGTH_STATS_FILE), key, stats ?? null);
}
