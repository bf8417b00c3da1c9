/**
 * `carefully list`: the items a filter selects, one row each, with what a
 * script needs to pick its next step (state, decision, authors, flags, QA
 * counts, stale). No UI: the command prints it as a table or JSON. The rows
 * of all items are cached (list-cache.ts) and filtered on each run; after
 * journal appends only the rows of the items they name are computed again.
 */
import { loadState, openProject, type Project } from '../project/project.js';
import path from 'node:path';
import type { SourceItem } from '../dataset/item.js';
import type { ItemState } from '../project/state.js';
import { hasTargetText, projectQaContextBuilder, projectQaEnv, type ProjectQa, type ProjectQaEnv } from '../qa/project-qa.js';
import { NEAR_COPY_CACHE_FILE, NearCopyCache } from '../qa/near-copy-cache.js';
import { qaCacheContext } from '../qa/qa-cache.js';
import type { Severity } from '../qa/types.js';
import { applyFilters, describeFilters, parseFilters, type RawFilters } from './filters.js';
import {
  listKey,
  printed,
  readListCache,
  rowLines,
  StoredList,
  writeListCache,
  type CachedList,
  type EarlierList,
  type ListedItem,
  type ListKey,
  type ListRow,
} from './list-cache.js';
import { updateTouchedRows } from './list-update.js';

export interface ItemList {
  /** The filters, in words ("all items", "state adapted"). */
  selection: string;
  items: ListedItem[];
  warnings: string[];
}

/** ItemList with the items as `list --json` prints them, one line each (src/json-rows.ts), in parts (`list --json` prints no warnings). */
export interface ItemLines {
  selection: string;
  lines: Buffer[];
}

export async function listItems(opts: { project: string; filters?: RawFilters }): Promise<ItemList> {
  const { selection, warnings, rows } = await select(opts, true);
  return {
    selection,
    warnings,
    items: rows!.map(printed),
  };
}

/** listItems as lines: with no filter, the cached lines as they are (no row parsed). */
export async function listItemLines(opts: { project: string; filters?: RawFilters }): Promise<ItemLines> {
  const { selection, rows, stored } = await select(opts, false);
  return { selection, lines: rows ? [rowLines(rows)] : stored.lines() };
}

/** The rows the filters select; with none, the rows only when `parse` is set. */
async function select(
  opts: { project: string; filters?: RawFilters },
  parse: boolean,
): Promise<{ selection: string; warnings: string[]; stored: StoredList; rows?: ListRow[] }> {
  const project = openProject(opts.project);
  const env = projectQaEnv(project);
  const key = listKey(project, qaCacheContext(env.packHash ?? '', env.answerRegister));
  // Rows just made are kept as they are, not parsed again from their lines.
  let { stored, rows: all } = await storedRows(project, env, key);
  const rows = async () => {
    all ??= stored.rows();
    if (all === undefined) {
      // Lines not as their header says: made again.
      const made = await madeAnew(project, env, key);
      stored = made.stored;
      all = made.rows;
    }
    return all;
  };
  const raw = opts.filters ?? {};
  // Only these filters read the rows to be parsed (the labels and IDs they name are checked against the data's).
  const readsRows = [raw.riskArea, raw.harmType, raw.ids].some((values) => values !== undefined && values.length > 0);
  const filters = parseFilters(raw, readsRows ? await rows() : []);
  const selection = describeFilters(filters);
  if (Object.keys(filters).length === 0) return { selection, warnings: stored.warnings, stored, ...(parse ? { rows: await rows() } : {}) };
  const from = await rows();
  const selected = applyFilters(from, new Map(from.map((r) => [r.id, { state: r.state, flags: { length: r.flags } }])), filters);
  return { selection, warnings: stored.warnings, stored, rows: selected };
}

/** The cached rows, updated after journal appends, or made anew (and cached; then with the rows made). */
async function storedRows(project: Project, env: ProjectQaEnv, key: ListKey | undefined): Promise<{ stored: StoredList; rows?: ListRow[] }> {
  const cached = key === undefined ? undefined : readListCache(project.dir, key);
  if (cached && 'current' in cached) return { stored: cached.current };
  const earlier = cached?.earlier;
  if (earlier && key) {
    // After journal appends, the rows from the named items' own lines and records only (list-update.ts).
    const updated = await updateTouchedRows(project, env, earlier, key.journal, rowOf);
    if (updated) {
      const stored = earlier.stored.replace(key, updated.rows, updated.warnings);
      writeListCache(project.dir, stored);
      return { stored };
    }
  }
  return madeAnew(project, env, key, earlier);
}

/** Every item's row (allRows), stored and cached under `key` (none: not cached). */
async function madeAnew(
  project: Project,
  env: ProjectQaEnv,
  key: ListKey | undefined,
  earlier?: EarlierList,
): Promise<{ stored: StoredList; rows: ListRow[] }> {
  const made = await allRows(project, env, earlier);
  const stored = StoredList.of(key ?? { key: '', base: '', journal: [] }, made);
  if (key !== undefined) writeListCache(project.dir, stored);
  return { stored, rows: made.rows };
}

/**
 * Every item's row. The QA result cache of `check` and `export` (qa-cache.ts) spares the item checks it holds.
 * `earlier`: rows made before the journal grew, kept for the items it does not name when the length statistics
 * are unchanged; the few items named are then checked with `env` (no QA result cache to read).
 */
async function allRows(project: Project, env: ProjectQaEnv, earlier?: EarlierList): Promise<CachedList> {
  const { items, states, warnings } = await loadState(project);
  let measured: ProjectQa | undefined;
  const earlierRows = earlier?.stored.rows();
  if (earlier && earlierRows && earlierRows.length === items.length && items.every((item, i) => earlierRows[i]!.id === item.id)) {
    const nearCopyCache = new NearCopyCache(path.join(project.dir, NEAR_COPY_CACHE_FILE));
    const updating: ProjectQaEnv = { ...env, warnings: [...env.warnings, ...nearCopyCache.warnings.splice(0)], nearCopyCache };
    const qa = (measured = projectQa(project, updating, items, states));
    const { lengthStats } = earlier.stored.header;
    if (JSON.stringify(lengthStats) === JSON.stringify(qa.ctx.lengthStats ?? null)) {
      const rows = items.map((item, i) => (earlier.touched.has(item.id) ? rowOf(item, states.get(item.id)!, qa) : earlierRows[i]!));
      return { rows, warnings: [...warnings, ...updating.warnings, ...qa.saveCache()], lengthStats, indexDigest: qa.indexDigest };
    }
  }
  const full = projectQaEnv(project, { cache: true });
  // Statistics measured above (they changed) are not measured again.
  const known = measured && { lengthStats: measured.ctx.lengthStats ?? null, indexDigest: measured.indexDigest };
  const qa = projectQa(project, full, items, states, known ? { known } : {});
  const rows = items.map((item) => rowOf(item, states.get(item.id)!, qa));
  const saved = qa.saveCache();
  return { rows, warnings: [...warnings, ...full.warnings, ...saved], lengthStats: qa.ctx.lengthStats ?? null, indexDigest: qa.indexDigest };
}

function projectQa(
  project: Project,
  env: ProjectQaEnv,
  items: readonly SourceItem[],
  states: ReadonlyMap<string, ItemState>,
  options?: Parameters<typeof projectQaContextBuilder>[2],
): ProjectQa {
  const builder = projectQaContextBuilder(project, env, options);
  for (const item of items) builder.add(item, states.get(item.id)!);
  return builder.done();
}

function rowOf(item: SourceItem, s: ItemState, qa: ProjectQa): ListRow {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  if (hasTargetText(s)) for (const f of qa.check(item, s)) counts[f.severity]++;
  return {
    id: item.id,
    ...(item.riskArea === undefined ? {} : { riskArea: item.riskArea }),
    ...(item.harmType === undefined ? {} : { harmType: item.harmType }),
    ...(item.japanSpecific === undefined ? {} : { japanSpecific: item.japanSpecific }),
    state: s.state,
    decision: s.decision?.decision ?? null,
    authors: [...s.authors],
    flags: s.flags.length,
    qa: counts,
  };
}
