/**
 * `carefully list`: the items a filter selects, one row each, with what a
 * script needs to pick its next step (state, decision, authors, flags, QA
 * counts, stale). No UI: the command prints it as a table or JSON.
 */
import type { Decision } from '../project/events.js';
import { loadState, openProject } from '../project/project.js';
import type { ItemStateName } from '../project/state.js';
import { hasTargetText, qaContextFor } from '../qa/project-qa.js';
import type { Severity } from '../qa/types.js';
import { applyFilters, describeFilters, parseFilters, type RawFilters } from './filters.js';

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
  const { items, states, warnings } = await loadState(project);
  const filters = parseFilters(opts.filters ?? {}, items);
  const selected = applyFilters(items, states, filters);
  const qa = qaContextFor(project, items, states);
  return {
    selection: describeFilters(filters),
    warnings: [...warnings, ...qa.env.warnings],
    items: selected.map((item) => {
      const s = states.get(item.id)!;
      const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
      if (hasTargetText(s)) for (const f of qa.check(item, s)) counts[f.severity]++;
      return {
        id: item.id,
        state: s.state,
        decision: s.decision?.decision ?? null,
        authors: [...s.authors],
        flags: s.flags.length,
        qa: counts,
        stale: s.state === 'stale',
      };
    }),
  };
}
