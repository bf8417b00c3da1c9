/**
 * Near-copy leak guard: a run of `NEAR_COPY_RUN` or more characters of an
 * item's Japanese question or answer (or of another item's) in a text meant
 * for redistribution. Texts are compared after NFKC normalisation, with
 * whitespace, zero-width/format characters and punctuation removed, so a
 * copy with an inserted space, a zero-width space or a changed punctuation
 * mark is still a copy. URLs and e-mail addresses are left out (a reference
 * answer keeps them on purpose), and only runs with a non-ASCII character
 * count (ASCII-only runs are phone numbers, names and codes a translation keeps).
 *
 * Sources are indexed as sets of 10-character shingles: checking a text is
 * linear in its length.
 */
import type { SourceItem } from '../dataset/item.js';

export const NEAR_COPY_RUN = 10;
/** Above this many distinct source shingles the cross-item index is not kept (memory); each item is still checked against its own source. */
export const MAX_GLOBAL_SHINGLES = 2_000_000;

const URL_OR_EMAIL = /(?:https?:\/\/|www\.)[^\s<>"'）」』]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+/giu;
const IGNORED = /[\s\p{P}\p{Cf}\p{Z}]/gu;
const NON_ASCII = /\P{ASCII}/u;

/** The text as compared: NFKC, without URLs, e-mail addresses, whitespace, format characters and punctuation; as code points. */
export function comparable(text: string): string[] {
  return Array.from(text.normalize('NFKC').replace(URL_OR_EMAIL, ' ').replace(IGNORED, ''));
}

/** Every run of NEAR_COPY_RUN code points with a non-ASCII character. */
export function shingles(text: string): Set<string> {
  const cps = comparable(text);
  const out = new Set<string>();
  for (let i = 0; i + NEAR_COPY_RUN <= cps.length; i++) {
    const s = cps.slice(i, i + NEAR_COPY_RUN).join('');
    if (NON_ASCII.test(s)) out.add(s);
  }
  return out;
}

/** The source fields a near copy is looked for in. */
export const NEAR_COPY_SOURCES = ['question', 'answer'] as const;
export type NearCopySource = (typeof NEAR_COPY_SOURCES)[number];

export interface NearCopy {
  /** The copied run, as compared (normalised, without spaces and punctuation). */
  run: string;
  /** Which source it comes from. */
  source: NearCopySource;
  /** Set when it is another item's source. */
  otherItem?: string;
}

/** Index of all items' sources, for copies of another item's text. */
export class SourceShingleIndex {
  private readonly owners = new Map<string, { item: string; source: NearCopySource }>();
  /** False when the index outgrew MAX_GLOBAL_SHINGLES and was dropped. */
  complete = true;

  add(item: SourceItem): void {
    if (!this.complete) return;
    for (const source of NEAR_COPY_SOURCES) {
      for (const s of shingles(item[source])) if (!this.owners.has(s)) this.owners.set(s, { item: item.id, source });
    }
    if (this.owners.size > MAX_GLOBAL_SHINGLES) {
      this.owners.clear();
      this.complete = false;
    }
  }

  owner(shingle: string): { item: string; source: NearCopySource } | undefined {
    return this.owners.get(shingle);
  }
}

/** Per item: its own source shingles (computed once per item, small). */
const ownCache = new WeakMap<SourceItem, Record<NearCopySource, Set<string>>>();
function own(item: SourceItem): Record<NearCopySource, Set<string>> {
  let o = ownCache.get(item);
  if (!o) ownCache.set(item, (o = { question: shingles(item.question), answer: shingles(item.answer) }));
  return o;
}

/**
 * The first near copy of the item's source (or, with an index, of another
 * item's) in `text`, with the copied run extended as far as it goes; undefined when none.
 */
export function findNearCopy(text: string, item: SourceItem, index?: SourceShingleIndex): NearCopy | undefined {
  const cps = comparable(text);
  if (cps.length < NEAR_COPY_RUN) return undefined;
  const mine = own(item);
  const hitAt = (i: number): { source: NearCopySource; otherItem?: string } | undefined => {
    const s = cps.slice(i, i + NEAR_COPY_RUN).join('');
    if (!NON_ASCII.test(s)) return undefined;
    for (const source of NEAR_COPY_SOURCES) if (mine[source].has(s)) return { source };
    const other = index?.owner(s);
    return other && other.item !== item.id ? { source: other.source, otherItem: other.item } : undefined;
  };
  for (let i = 0; i + NEAR_COPY_RUN <= cps.length; i++) {
    const hit = hitAt(i);
    if (!hit) continue;
    let end = i + NEAR_COPY_RUN;
    while (end < cps.length && hitAt(end - NEAR_COPY_RUN + 1)) end++;
    return { run: cps.slice(i, end).join(''), ...hit };
  }
  return undefined;
}

/** "copies 14 characters of the source's answer" / "of item X's question", for messages. */
export function describeNearCopy(copy: NearCopy): string {
  const n = Array.from(copy.run).length;
  const whose = copy.otherItem === undefined ? "the source's" : `item ${copy.otherItem}'s source`;
  return `copies ${n} characters of ${whose} ${copy.source} (ignoring spaces and punctuation)`;
}
