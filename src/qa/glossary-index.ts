/**
 * A pack's glossary compiled once per pack and case (issue #11): each entry's
 * NFKC forms, and one needle scan (locale/needles.ts) telling which entries'
 * source terms may occur in a text, so the whole-word regex only runs for those.
 */
import { NeedleSet } from '../locale/needles.js';
import type { GlossaryEntry, LocalePack } from '../locale/locale-pack-types.js';
import { hasTermIn, isBlank, nfkc, termNeedle } from './text.js';

export interface GlossaryIndex {
  entries: readonly GlossaryEntry[];
  /** nfkc(source).trim() of each entry. */
  sources: readonly string[];
  /** nfkc(target).trim().toLowerCase() of each entry ('' without a target). */
  targets: readonly string[];
  /** Indexes of the entries whose source occurs as a whole word in one of `texts` (NFKC-normalised). */
  inTexts(texts: readonly string[]): number[];
}

const indexes = new WeakMap<LocalePack, Map<boolean, GlossaryIndex>>();

export function glossaryIndex(pack: LocalePack, caseSensitive: boolean): GlossaryIndex {
  let byCase = indexes.get(pack);
  if (!byCase) indexes.set(pack, (byCase = new Map<boolean, GlossaryIndex>()));
  let index = byCase.get(caseSensitive);
  if (!index) byCase.set(caseSensitive, (index = build(pack.glossary, caseSensitive)));
  return index;
}

function build(entries: readonly GlossaryEntry[], caseSensitive: boolean): GlossaryIndex {
  const options = { caseSensitive };
  const needles = new NeedleSet(entries.map((e) => (isBlank(e.source) ? undefined : termNeedle(e.source, options))));
  return {
    entries,
    sources: entries.map((e) => nfkc(e.source).trim()),
    targets: entries.map((e) =>
      nfkc(e.target ?? '')
        .trim()
        .toLowerCase(),
    ),
    inTexts(texts) {
      const found = new Set<number>();
      for (const t of texts) for (const i of needles.candidates(t)) if (!found.has(i) && hasTermIn(t, entries[i]!.source, options)) found.add(i);
      return [...found].sort((a, b) => a - b);
    },
  };
}
