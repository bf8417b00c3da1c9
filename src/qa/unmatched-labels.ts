/** The warning about items whose taxonomy labels match no checklist condition of a pack (check, inspect, init). */
import { itemsMatchingNoLabelCondition } from '../locale/checklist.js';
import type { LocalePack } from '../locale/locale-pack-types.js';
import type { SourceItem } from '../dataset/item.js';
import { visibleInline } from '../text-safety.js';
import { labelsMatchNoChecklist } from './messages.js';

/** One warning naming the first such items, or undefined when every labelled item meets a label condition. */
export function unmatchedLabelsWarning(pack: LocalePack, packName: string, items: Iterable<SourceItem>): string | undefined {
  const unmatched = itemsMatchingNoLabelCondition(pack, items).map((i) => ({
    id: visibleInline(i.id),
    labels: [i.riskArea, i.harmType, i.specificHarm]
      .filter((l) => l !== undefined)
      .map((l) => JSON.stringify(visibleInline(l)))
      .join(' / '),
  }));
  return unmatched.length > 0 ? labelsMatchNoChecklist(unmatched, packName) : undefined;
}
