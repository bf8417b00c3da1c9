/**
 * `carefully list`: the items a filter selects, one row each, with what a
 * script needs to pick its next step (state, decision, authors, flags, QA
 * counts, stale). No UI: the command prints it as a table or JSON. The rows
 * of all items are cached (list-cache.ts) and filtered on each run.
 */
import type { Decision } from '../project/events.js';
import { loadState, openProject, type Project } from '../project/project.js';
import type { ItemStateName } from '../project/state.js';
import { hasTargetText, projectQaEnv, qaContextBuilder } from '../qa/project-qa.js';
import { qaCacheContext } from '../qa/qa-cache.js';
import type { Severity } from '../qa/types.js';
import { applyFilters, describeFilters, parseFilters, type FilterFacets, type RawFilters } from './filters.js';
import { listKey, readListCache, writeListCache, type CachedList } from './list-cache.js';

export interface ListedItem {
  id: string;
  state: ItemStateName;
  decision: Decision | null;
  /** Everyone who wrote an event on the item (translation, edits, decisions, reviews). */
  authors: string[];
  flags: number;
  qa: Record<Severity, number>;
  stale: boolean;
}

export interface ItemList {
  /** The filters, in words ("all items", "state adapted"). */
  selection: string;
  items: ListedItem[];
  warnings: string[];
}

export async function listItems(opts: { project: string; filters?: RawFilters }): Promise<ItemList> {
  const project = openProject(opts.project);
  // The QA result cache of `check` and `export` (qa-cache.ts): item checks it holds are not run again.
  const env = projectQaEnv(project, { cache: true });
  const key = listKey(project, qaCacheContext(env.packHash ?? '', env.answerRegister));
  let all = key === undefined ? undefined : readListCache<ListedItem>(project.dir, key);
  if (!all) {
    all = await allRows(project, env);
    if (key !== undefined) writeListCache(project.dir, key, all);
  }
  const states = new Map(all.rows.map((r) => [r.id, { state: r.state, flags: { length: r.flags } }]));
  const filters = parseFilters(opts.filters ?? {}, all.facets);
  const wanted = new Set(applyFilters(all.facets, states, filters).map((f) => f.id));
  return { selection: describeFilters(filters), warnings: all.warnings, items: all.rows.filter((r) => wanted.has(r.id)) };
}

/** Every item's row, with what the filters read of it. */
async function allRows(project: Project, env: ReturnType<typeof projectQaEnv>): Promise<CachedList<ListedItem>> {
  const { items, states, warnings } = await loadState(project);
  const builder = qaContextBuilder(env);
  for (const item of items) builder.add(item, states.get(item.id)!);
  const qa = builder.done();
  const facets: FilterFacets[] = [];
  const rows = items.map((item) => {
    const s = states.get(item.id)!;
    const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
    if (hasTargetText(s)) for (const f of qa.check(item, s)) counts[f.severity]++;
    facets.push({
      id: item.id,
      ...(item.riskArea === undefined ? {} : { riskArea: item.riskArea }),
      ...(item.harmType === undefined ? {} : { harmType: item.harmType }),
      ...(item.japanSpecific === undefined ? {} : { japanSpecific: item.japanSpecific }),
    });
    return {
      id: item.id,
      state: s.state,
      decision: s.decision?.decision ?? null,
      authors: [...s.authors],
      flags: s.flags.length,
      qa: counts,
      stale: s.state === 'stale',
    };
  });
  const saved = qa.saveCache();
  return { facets, rows, warnings: [...warnings, ...env.warnings, ...saved] };
}
