/**
 * What a streamed QA run learns from the whole dataset before it can check any
 * item (cache/qa/dataset-context.json): the length statistics, the digest of
 * the indexed item set (near-copies.ts, IndexKey) and the number of items.
 * With it, export and report read the source once instead of twice. Keyed like
 * length-stats-cache.ts (source fingerprint, journal files as folded) plus the
 * project's languages, which choose the texts measured. Derived: safe to
 * delete; an outdated or unreadable file is ignored and rewritten.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { writeDerivedFile } from '../project/derived-file.js';
import { sourceFingerprint } from '../project/source-keys.js';
import type { Project } from '../project/project.js';
import { lengthStatsKey } from './length-stats-cache.js';
import { cacheFolder } from './cache-entries.js';
import type { LengthStats } from './types.js';

export const DATASET_CONTEXT_FILE = path.join('cache', 'qa', 'dataset-context.json');
/** Bump when what is kept, or how it is computed, changes. */
const VERSION = 1;

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
  const key = lengthStatsKey(project.dir, sourceFingerprint(project.sourcePath, project.mapping), ends);
  return key === undefined ? undefined : JSON.stringify([VERSION, key, project.config.languages.from, project.config.languages.to]);
}

/** How often a run found the context cached and how often it measured it, in this process (for tests and benchmarks). */
export const datasetContextCounters = { hits: 0, misses: 0 };

export function readDatasetContext(projectDir: string, key: string): DatasetContext | undefined {
  const context = readContext(projectDir, key);
  datasetContextCounters[context ? 'hits' : 'misses']++;
  return context;
}

function readContext(projectDir: string, key: string): DatasetContext | undefined {
  try {
    const cached = JSON.parse(readFileSync(path.join(projectDir, DATASET_CONTEXT_FILE), 'utf8')) as { key?: unknown; context?: DatasetContext };
    const c = cached.context;
    return cached.key === key && c && typeof c.indexDigest === 'string' && typeof c.items === 'number' && c.lengthStats !== undefined ? c : undefined;
  } catch {
    return undefined;
  }
}

export function writeDatasetContext(projectDir: string, key: string, context: DatasetContext): void {
  const file = path.join(projectDir, DATASET_CONTEXT_FILE);
  try {
    cacheFolder(file); // with its .gitignore: the file is never committed
  } catch {
    return; // a project that cannot be written to just has no cache
  }
  writeDerivedFile(file, `${JSON.stringify({ key, context })}\n`);
}
