/**
 * Items with no source record, written in the target language (`carefully
 * add`, issue #16). Each is one `new` event in a journal; every stage sees it
 * as a SourceItem with `added: true`, empty source texts and the taxonomy the
 * event gave, placed after the source items. Its IDs have their own
 * namespace, `<dataset>-<lang>-new-0001`, so they never meet a source ID.
 */
import type { SourceItem } from '../dataset/item.js';
import type { JournalEvent, NewItemEvent } from './events.js';

/** The source hash of every added item: there is no source text that could change. */
export const NEW_ITEM_HASH = 'new-item';

/** The items the journal adds, in journal order, indexed after `sourceCount` source items; the first `new` event of an ID defines it. */
export function addedItems(events: Iterable<JournalEvent>, sourceCount: number, sourceIds?: ReadonlySet<string>): SourceItem[] {
  const out = new Map<string, SourceItem>();
  for (const e of events) {
    if (e.type !== 'new' || out.has(e.item) || sourceIds?.has(e.item)) continue;
    out.set(e.item, addedItem(e, sourceCount + out.size));
  }
  return [...out.values()];
}

function addedItem(e: NewItemEvent, index: number): SourceItem {
  return {
    index,
    id: e.item,
    question: '',
    answer: '',
    ...(e.riskArea !== undefined ? { riskArea: e.riskArea } : {}),
    ...(e.harmType !== undefined ? { harmType: e.harmType } : {}),
    ...(e.specificHarm !== undefined ? { specificHarm: e.specificHarm } : {}),
    sourceHash: NEW_ITEM_HASH,
    added: true,
  };
}

/** `<dataset>-<lang>-new-`: the prefix of a project's added item IDs. */
export function newItemPrefix(dataset: string, lang: string): string {
  return `${dataset}-${lang}-new-`;
}

/** The next free ID after the highest number used with this prefix, four digits at least. */
export function nextNewItemId(prefix: string, taken: Iterable<string>): string {
  let max = 0;
  for (const id of taken) {
    if (!id.startsWith(prefix)) continue;
    const n = Number(id.slice(prefix.length));
    if (Number.isSafeInteger(n) && n > max) max = n;
  }
  return `${prefix}${String(max + 1).padStart(4, '0')}`;
}

/** A new specific harm, namespaced by target language so it never passes for an AnswerCarefully label: `ko:military-service-evasion`. */
export function isNamespacedLabel(label: string): boolean {
  return /^[a-z]{2,3}(-[A-Za-z0-9]+)*:\S/u.test(label);
}
