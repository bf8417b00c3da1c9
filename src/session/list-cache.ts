/**
 * `list`'s rows for every item, kept in cache/list.json while nothing they
 * depend on changed: the source and journal (the key `status` uses,
 * project/status-cache.ts), the project config (languages, pack, register)
 * and the QA context (check set, locale pack files). QA counts of an item
 * depend on the whole dataset (length statistics, near copies of other
 * items' sources), so any change anywhere folds and checks everything again.
 * Rows are stored as arrays, taxonomy labels as indexes into one table: the
 * file is read whole on every `list`. Derived and rebuildable: deleting it
 * changes nothing but time.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { writeDerivedFile } from '../project/derived-file.js';
import { CONFIG_FILE } from '../project/config.js';
import type { Decision } from '../project/events.js';
import type { Project } from '../project/project.js';
import type { ItemStateName } from '../project/state.js';
import { LIST_CACHE_FILE, statusKey } from '../project/status-cache.js';
import type { Severity } from '../qa/types.js';
import type { FilterFacets } from './filters.js';

export { LIST_CACHE_FILE };
const FORMAT = 2;

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
}

type StoredRow = [
  id: string,
  state: ItemStateName,
  decision: Decision | null,
  authors: string[],
  flags: number,
  e: number,
  w: number,
  i: number,
  risk: number,
  harm: number,
  japan: 0 | 1 | null,
];

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

export function readListCache(projectDir: string, key: string): CachedList | undefined {
  try {
    const stored = JSON.parse(readFileSync(path.join(projectDir, LIST_CACHE_FILE), 'utf8')) as {
      key?: string;
      labels: string[];
      rows: StoredRow[];
      warnings: string[];
    };
    if (stored.key !== key || !Array.isArray(stored.labels) || !Array.isArray(stored.rows) || !Array.isArray(stored.warnings)) return undefined;
    const { labels } = stored;
    const rows = stored.rows.map(([id, state, decision, authors, flags, error, warning, info, risk, harm, japan]): ListRow => {
      const row: ListRow = { id, state, decision, authors, flags, qa: { error, warning, info } };
      if (risk >= 0) row.riskArea = labels[risk]!;
      if (harm >= 0) row.harmType = labels[harm]!;
      if (japan !== null) row.japanSpecific = japan === 1;
      return row;
    });
    return { rows, warnings: stored.warnings };
  } catch {
    return undefined; // missing or corrupt: computed again
  }
}

/** Best effort and atomic: a project that cannot be written to just has no cache. */
export function writeListCache(projectDir: string, key: string, list: CachedList): void {
  const file = path.join(projectDir, LIST_CACHE_FILE);
  const labels = new Map<string, number>();
  const label = (l: string | undefined) => (l === undefined ? -1 : (labels.get(l) ?? labels.set(l, labels.size).get(l)!));
  const rows = list.rows.map((r): StoredRow => [
    r.id,
    r.state,
    r.decision,
    r.authors,
    r.flags,
    r.qa.error,
    r.qa.warning,
    r.qa.info,
    label(r.riskArea),
    label(r.harmType),
    r.japanSpecific === undefined ? null : r.japanSpecific ? 1 : 0,
  ]);
  writeDerivedFile(file, `${JSON.stringify({ key, labels: [...labels.keys()], warnings: list.warnings, rows })}\n`);
}
