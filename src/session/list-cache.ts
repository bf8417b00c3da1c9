/**
 * `list`'s rows for every item, kept in cache/list.json while nothing they
 * depend on changed: the source and journal (the key `status` uses,
 * project/status-cache.ts), the project config (languages, pack, register)
 * and the QA context (check set, locale pack files). QA counts of an item
 * depend on the whole dataset (length statistics, near copies of other
 * items' sources), so any change anywhere folds and checks everything again.
 * Derived and rebuildable: deleting it changes nothing but time.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_FILE } from '../project/config.js';
import type { Project } from '../project/project.js';
import { LIST_CACHE_FILE, statusKey } from '../project/status-cache.js';
import type { FilterFacets } from './filters.js';

export { LIST_CACHE_FILE };
const FORMAT = 1;

export interface CachedList<Row> {
  facets: FilterFacets[];
  rows: Row[];
  warnings: string[];
}

/** The key of the rows; undefined when the source is not a regular file (then nothing is cached). */
export function listKey(project: Project, qaContext: string): string | undefined {
  const status = statusKey(project.dir, project.sourcePath, project.mapping);
  if (status === undefined) return undefined;
  let config: string;
  try {
    config = readFileSync(path.join(project.dir, CONFIG_FILE), 'utf8');
  } catch {
    return undefined;
  }
  return createHash('sha256')
    .update(JSON.stringify([FORMAT, status, config, qaContext]))
    .digest('hex');
}

export function readListCache<Row>(projectDir: string, key: string): CachedList<Row> | undefined {
  try {
    const stored = JSON.parse(readFileSync(path.join(projectDir, LIST_CACHE_FILE), 'utf8')) as Partial<CachedList<Row>> & { key?: string };
    if (stored.key !== key || !Array.isArray(stored.facets) || !Array.isArray(stored.rows) || !Array.isArray(stored.warnings)) return undefined;
    if (stored.facets.length !== stored.rows.length) return undefined;
    return { facets: stored.facets, rows: stored.rows, warnings: stored.warnings };
  } catch {
    return undefined; // missing or corrupt: computed again
  }
}

/** Best effort and atomic: a project that cannot be written to just has no cache. */
export function writeListCache<Row>(projectDir: string, key: string, list: CachedList<Row>): void {
  const file = path.join(projectDir, LIST_CACHE_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(tmp, `${JSON.stringify({ key, ...list })}\n`);
    renameSync(tmp, file);
  } catch {
    rmSync(tmp, { force: true });
  }
}
