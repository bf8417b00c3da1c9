/**
 * What a streamed QA run learns from the whole dataset before it can check any
 * item (cache/qa/dataset-context.json): the length statistics, the digest of
 * the indexed item set (near-copies.ts, IndexKey) and the number of items.
 * With it, export and report read the source once instead of twice. Keyed as
 * length-stats-cache.ts keys (source fingerprint, journal files as folded,
 * languages). Derived: safe to delete; an outdated or unreadable file is
 * ignored and rewritten.
 */
import path from 'node:path';
import type { Project } from '../project/project.js';
import { lengthStatsKey } from './length-stats-cache.js';
import { readKeyedFile, writeKeyedFile } from './cache-entries.js';
import type { LengthStats } from './types.js';

export const DATASET_CONTEXT_FILE = path.join('cache', 'qa', 'dataset-context.json');
/** Bump when what is kept, or how it is computed, changes. */
const VERSION = 2;

export interface DatasetContext {
  /** `null`: no item had a pair of texts to measure. */
  lengthStats: LengthStats | null;
  /** IndexKey's digest over the items (without the overflow mark). */
  indexDigest: string;
  /** Items: the source's and those the journal adds. */
  items: number;
}

/** The key of a project as folded to `ends`, or undefined when a journal file changed since (or the source has no fingerprint). */
export function datasetContextKey(project: Project, ends: ReadonlyMap<string, number>): string | undefined {
  const key = lengthStatsKey(project, ends);
  return key === undefined ? undefined : JSON.stringify([VERSION, key]);
}

/** How often a run found the context cached and how often it measured it, in this process (for tests and benchmarks). */
export const datasetContextCounters = { hits: 0, misses: 0 };

export function readDatasetContext(projectDir: string, key: string): DatasetContext | undefined {
  const context = readContext(projectDir, key);
  datasetContextCounters[context ? 'hits' : 'misses']++;
  return context;
}

function readContext(projectDir: string, key: string): DatasetContext | undefined {
  const c = readKeyedFile<DatasetContext>(path.join(projectDir, DATASET_CONTEXT_FILE), key);
  return c && typeof c.indexDigest === 'string' && typeof c.items === 'number' && c.lengthStats !== undefined ? c : undefined;
}

export function writeDatasetContext(projectDir: string, key: string, context: DatasetContext): void {
  writeKeyedFile(path.join(projectDir, DATASET_CONTEXT_FILE), key, context);
}
