/**
 * Status counts per group of items (`carefully status --by`, the HTML report):
 * by a taxonomy level of the source item, or by author. The counts of each
 * group are `summarise` (state.ts) over the group's items.
 */
import type { SourceItem } from '../dataset/item.js';
import { loadTaxonomy, type TaxonomyLevel } from '../dataset/taxonomy.js';
import { summarise, type ItemState, type StatusSummary } from './state.js';

export const STATUS_GROUPINGS = ['risk-area', 'harm-type', 'specific-harm', 'author'] as const;
export type StatusGrouping = (typeof STATUS_GROUPINGS)[number];

/** Items with no label (or no author yet) are counted under this key. */
export const NO_GROUP = '(none)';

export type GroupSummary = Omit<StatusSummary, 'removed' | 'skippedEvents'>;

export interface StatusGroup extends GroupSummary {
  key: string;
  /** English name of a taxonomy label, when the taxonomy knows one. */
  name?: string;
}

const LEVEL: Record<Exclude<StatusGrouping, 'author'>, TaxonomyLevel> = {
  'risk-area': 'riskArea',
  'harm-type': 'harmType',
  'specific-harm': 'specificHarm',
};

/**
 * The groups an item counts in: one taxonomy label, or each of its authors
 * (an item worked on by two people counts for both; the group totals may then
 * exceed the item count).
 */
export function groupKeys(by: StatusGrouping, item: Pick<SourceItem, 'riskArea' | 'harmType' | 'specificHarm'>, state: ItemState): string[] {
  if (by === 'author') return state.authors.length > 0 ? state.authors : [NO_GROUP];
  const label = item[LEVEL[by]]?.trim();
  return [label ? loadTaxonomy().canonical(label) : NO_GROUP];
}

/** Collects items one at a time (a streaming pass over the source) and summarises each group. */
export class GroupTally {
  private readonly members = new Map<string, ItemState[]>();
  constructor(readonly by: StatusGrouping) {}

  add(item: Pick<SourceItem, 'riskArea' | 'harmType' | 'specificHarm'>, state: ItemState): void {
    for (const key of groupKeys(this.by, item, state)) {
      const list = this.members.get(key);
      if (list) list.push(state);
      else this.members.set(key, [state]);
    }
  }

  /** Groups with most items first, then by key; "(none)" last. */
  groups(): StatusGroup[] {
    const taxonomy = loadTaxonomy();
    const level = this.by === 'author' ? undefined : LEVEL[this.by];
    return [...this.members]
      .map(([key, states]) => {
        const { removed: _r, skippedEvents: _s, ...summary } = summarise(states);
        const name = level && key !== NO_GROUP ? taxonomy.english(level, key) : undefined;
        return { key, ...(name ? { name } : {}), ...summary };
      })
      .sort((a, b) => Number(a.key === NO_GROUP) - Number(b.key === NO_GROUP) || b.items - a.items || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }
}
