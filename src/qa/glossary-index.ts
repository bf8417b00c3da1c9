/**
 * A pack's glossary compiled once per pack (issue #11): each entry's NFKC
 * forms, and one needle scan (locale/needles.ts) telling which entries' source
 * terms may occur in a text, with and without case, so the whole-word regex
 * only runs for those. Both glossary checks look at the same source texts of a
 * field one after the other: the last texts' matches are kept for the second.
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
  /** Indexes, ascending, of the entries whose source occurs as a whole word (in this case or in any) in one of `texts` (NFKC-normalised). */
  inTexts(texts: readonly string[], caseSensitive: boolean): readonly number[];
}

const indexes = new WeakMap<LocalePack, GlossaryIndex>();
/** What nearly every text holds: no entry (shared, so no arrays are made for it). */
const NONE: readonly number[] = Object.freeze([]);

export function glossaryIndex(pack: LocalePack): GlossaryIndex {
  let index = indexes.get(pack);
  if (!index) indexes.set(pack, (index = build(pack.glossary)));
  return index;
}

interface Matches {
  texts: readonly string[];
  anyCase: readonly number[];
  inCase: readonly number[];
}

const sameTexts = (a: readonly string[], b: readonly string[]): boolean => a === b || (a.length === b.length && a.every((t, i) => t === b[i]));

function build(entries: readonly GlossaryEntry[]): GlossaryIndex {
  const n = entries.length;
  // Needle k < n: entry k without case; k >= n: entry k - n in its case.
  const needles = new NeedleSet(
    [false, true].flatMap((caseSensitive) => entries.map((e) => (isBlank(e.source) ? undefined : termNeedle(e.source, { caseSensitive })))),
  );
  // The last two texts' matches: checks run check by check, each on the question then the answer, so one would always miss.
  let last: Matches | undefined;
  let before: Matches | undefined;
  const matches = (texts: readonly string[]): Matches => {
    if (last && sameTexts(last.texts, texts)) return last;
    if (before && sameTexts(before.texts, texts)) return before;
    before = last;
    let found: Set<number> | undefined;
    for (const t of texts) {
      for (const k of needles.candidates(t)) {
        const caseSensitive = k >= n;
        if (!found?.has(k) && hasTermIn(t, entries[caseSensitive ? k - n : k]!.source, { caseSensitive })) (found ??= new Set<number>()).add(k);
      }
    }
    if (found === undefined) last = { texts, anyCase: NONE, inCase: NONE };
    else {
      const sorted = [...found].sort((a, b) => a - b);
      last = { texts, anyCase: sorted.filter((k) => k < n), inCase: sorted.filter((k) => k >= n).map((k) => k - n) };
    }
    return last;
  };
  return {
    entries,
    sources: entries.map((e) => nfkc(e.source).trim()),
    targets: entries.map((e) =>
      nfkc(e.target ?? '')
        .trim()
        .toLowerCase(),
    ),
    inTexts(texts, caseSensitive) {
      const m = matches(texts);
      return caseSensitive ? m.inCase : m.anyCase;
    },
  };
}
