/**
 * The report's counts, kept as items stream by: nothing per item is held,
 * only counts per group. Each item is counted by `countState` (state.ts), the
 * step `summarise` takes per item, so every figure equals `status`'s over the same items.
 */
import type { SourceItem } from '../dataset/item.js';
import { loadTaxonomy, type TaxonomyLevel } from '../dataset/taxonomy.js';
import { countState, summarise, type ItemState, type StatusSummary } from '../project/state.js';
import { groupKeys, NO_GROUP, type StatusGrouping, type StatusGroup } from '../project/status-by.js';

/** `summarise` over items seen one at a time (countState, the step `summarise` takes for each item). */
export class SummaryTally {
  private readonly sum: StatusSummary = summarise([]);

  add(state: ItemState): void {
    countState(this.sum, state);
  }

  /** The summary, with the journal's orphans and skipped lines (not per item). */
  result(orphans: readonly string[] = [], skippedEvents = 0): StatusSummary {
    return { ...this.sum, removed: orphans.length, skippedEvents };
  }
}

const LEVEL: Record<Exclude<StatusGrouping, 'author'>, TaxonomyLevel> = {
  'risk-area': 'riskArea',
  'harm-type': 'harmType',
  'specific-harm': 'specificHarm',
};

/** Status counts per group (as GroupTally in status-by.ts gives them), keeping counts rather than the groups' item states. */
export class GroupCounts {
  private readonly groups = new Map<string, SummaryTally>();
  constructor(readonly by: StatusGrouping) {}

  add(item: Pick<SourceItem, 'riskArea' | 'harmType' | 'specificHarm'>, state: ItemState): void {
    for (const key of groupKeys(this.by, item, state)) {
      let tally = this.groups.get(key);
      if (!tally) this.groups.set(key, (tally = new SummaryTally()));
      tally.add(state);
    }
  }

  /** Groups with most items first, then by key; "(none)" last (GroupTally's order). */
  result(): StatusGroup[] {
    const taxonomy = loadTaxonomy();
    const level = this.by === 'author' ? undefined : LEVEL[this.by];
    return [...this.groups]
      .map(([key, tally]) => {
        const { removed: _r, skippedEvents: _s, ...summary } = tally.result();
        const name = level && key !== NO_GROUP ? taxonomy.english(level, key) : undefined;
        return { key, ...(name ? { name } : {}), ...summary };
      })
      .sort((a, b) => Number(a.key === NO_GROUP) - Number(b.key === NO_GROUP) || b.items - a.items || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }
}
