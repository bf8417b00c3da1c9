/** The warning about items whose taxonomy labels match no checklist condition of a pack (check, inspect, init). */
import { noLabelConditionMatcher } from '../locale/checklist.js';
import type { LocalePack } from '../locale/locale-pack-types.js';
import type { SourceItem } from '../dataset/item.js';
import { visibleInline } from '../text-safety.js';
import { LABELS_NAMED, labelsMatchNoChecklist } from './messages.js';

/** Items given one at a time, of which only the first ones the warning names are kept, and a count. */
export class UnmatchedLabels {
  private readonly matchesNone: (item: SourceItem) => boolean;
  private readonly first: SourceItem[] = [];
  private count = 0;

  constructor(
    pack: LocalePack,
    private readonly packName: string,
  ) {
    this.matchesNone = noLabelConditionMatcher(pack);
  }

  add(item: SourceItem): void {
    if (!this.matchesNone(item)) return;
    if (this.first.length < LABELS_NAMED) this.first.push(item);
    this.count++;
  }

  /** One warning naming the first such items, or undefined when every labelled item meets a label condition. */
  warning(): string | undefined {
    if (this.count === 0) return undefined;
    const named = this.first.map((i) => ({
      id: visibleInline(i.id),
      labels: [i.riskArea, i.harmType, i.specificHarm]
        .filter((l) => l !== undefined)
        .map((l) => JSON.stringify(visibleInline(l)))
        .join(' / '),
    }));
    return labelsMatchNoChecklist(named, this.count, this.packName);
  }
}

/** One warning naming the first such items, or undefined when every labelled item meets a label condition. */
export function unmatchedLabelsWarning(pack: LocalePack, packName: string, items: Iterable<SourceItem>): string | undefined {
  const unmatched = new UnmatchedLabels(pack, packName);
  for (const item of items) unmatched.add(item);
  return unmatched.warning();
}
