/**
 * Items with no source record, written in the target language (`carefully
 * add`, issue #16). Each is one `new` event in a journal; every stage sees it
 * as a SourceItem with `added: true`, empty source texts and the taxonomy the
 * event gave, placed after the source items. Its IDs have their own
 * namespace, `<dataset>-<lang>-new-<author tag>-0001`, so they never meet a
 * source ID nor another localizer's new item.
 */
import { createHash } from 'node:crypto';
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

/**
 * The author's part of a new item's ID, the same in every clone: the name
 * itself when it is already lower-case letters, digits and single hyphens
 * ("alice"), else what is left of it that way plus 4 hex digits of its hash
 * ("Kim Minji" → "kim-minji-1f3a", "김민지" → "5c0e"), so two names never
 * share a tag by slugging alike.
 */
export function authorTag(author: string): string {
  const slug = author
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^a-z0-9]+/gu, '-')
    .replace(/^-+|-+$/gu, '')
    .slice(0, 24)
    .replace(/-+$/u, '');
  if (slug === author) return slug;
  const hash = createHash('sha256').update(author).digest('hex').slice(0, 4);
  return slug === '' ? hash : `${slug}-${hash}`;
}

/**
 * The author's next free ID, `<prefix><author tag>-NNNN` (four digits at
 * least, after the highest the author has used): localizers adding items in
 * separate clones never pick the same ID, as their journals merge. IDs made
 * before (`<prefix>0001`, no tag) stay valid.
 */
export function nextNewItemId(prefix: string, author: string, taken: Iterable<string>): string {
  const own = `${prefix}${authorTag(author)}-`;
  let max = 0;
  for (const id of taken) {
    if (!id.startsWith(own)) continue;
    const n = Number(id.slice(own.length));
    if (Number.isSafeInteger(n) && n > max) max = n;
  }
  return `${own}${String(max + 1).padStart(4, '0')}`;
}

/** A new specific harm, namespaced by target language so it never passes for an AnswerCarefully label: `ko:military-service-evasion`. */
export function isNamespacedLabel(label: string): boolean {
  return /^[a-z]{2,3}(-[A-Za-z0-9]+)*:\S/u.test(label);
}
