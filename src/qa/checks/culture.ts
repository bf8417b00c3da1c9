/** Checks for source-culture entities (help lines, currency, places...) left in the target. */
// Not adapt/equivalents.ts findLeftovers: that one matches a bare "110" anywhere, a phone number only with its own separators, and a Hangul term before any following syllable ("엔" in "엔진"); QA needs the stricter rules below (and does not yet use leftoverPatterns).
import { defineFieldCheck } from '../check.js';
import { escapeRegExp, isBlank, nfkc, quote, termRegExp } from '../text.js';
import type { Equivalent } from '../../locale/locale-pack-types.js';

/** A bare number this short ("110", "189") is also an ordinary number, so it is only a leftover in a phone-number context. */
const SHORT_NUMBER = /^\d{1,4}$/u;
/** A phone-like term: digits with separators, optionally "#"-prefixed ("0120-783-556", "#7119"). */
const PHONE_LIKE = /^#?[\d\s\-‐–()]+$/u;
/**
 * What follows a short number when it is used as a Japanese emergency or help
 * line: the counter 番 ("110番"), its literal Korean rendering 번 (but not
 * the ordinal 번째), or the Japanese particles に/へ that an incomplete
 * translation leaves behind.
 */
export const PHONE_CONTEXT = '\\s?(?:番|に|へ|번(?!째))';

/**
 * Where `term` betrays the source culture in `text` (NFKC), as found:
 * - a short bare number ("110") only when followed by `PHONE_CONTEXT`
 *   ("110번에 전화", "110に"), since "110" alone may be a legitimate target
 *   number (Korea's 110 is the government call centre) or a quantity;
 * - a longer or "#" phone number anywhere, whatever its separators
 *   ("0120 783 556" matches "0120-783-556"), but not inside a longer number;
 * - any other term as a whole word (see `termRegExp`).
 */
export function leftoverMatches(text: string, term: string): string[] {
  return leftoverMatchesIn(nfkc(text), term);
}

/** `leftoverMatches` for text already NFKC-normalised; `lower` is its lower-case form, for a cheap first test. */
function leftoverMatchesIn(normalized: string, term: string, lower = normalized.toLowerCase()): string[] {
  const matcher = leftoverMatcher(term);
  if (!matcher || !lower.includes(matcher.needle)) return [];
  return Array.from(normalized.matchAll(matcher.re), (m) => m[0]);
}

interface LeftoverMatcher {
  re: RegExp;
  /** Lower-case text every match contains. */
  needle: string;
}

const leftoverMatchers = new Map<string, LeftoverMatcher | undefined>();
function leftoverMatcher(term: string): LeftoverMatcher | undefined {
  if (!leftoverMatchers.has(term)) leftoverMatchers.set(term, buildLeftoverMatcher(term));
  return leftoverMatchers.get(term);
}

function buildLeftoverMatcher(term: string): LeftoverMatcher | undefined {
  const t = nfkc(term).trim();
  if (t === '') return undefined;
  if (SHORT_NUMBER.test(t)) return { re: new RegExp(`(?<![\\d.,])${t}(?![\\d.,]?\\d)${PHONE_CONTEXT}`, 'gu'), needle: t };
  if (PHONE_LIKE.test(t) && /\d/u.test(t)) {
    const digits = Array.from(t.replace(/[^\d#]/gu, ''), escapeRegExp);
    const needle = /\d+/u.exec(t)?.[0] ?? '';
    return { re: new RegExp(`(?<![\\d#])${digits.join('[\\s\\-‐–().]*')}(?!\\d)`, 'gu'), needle };
  }
  return { re: termRegExp(t), needle: t.toLowerCase().split(/\s+/u)[0] ?? '' };
}

/** The terms of an equivalent that mark the source culture, minus any the target counterpart itself contains (a shared "119"). */
export function leftoverTerms(eq: Equivalent): string[] {
  let terms = leftoverTermsOf.get(eq);
  if (!terms) {
    const target = nfkc(eq.target);
    terms = (eq.leftovers ?? eq.source).filter((t) => !isBlank(t) && !target.includes(nfkc(t).trim()));
    leftoverTermsOf.set(eq, terms);
  }
  return terms;
}
/** Per equivalent object: a pack is checked against every field of every item. */
const leftoverTermsOf = new WeakMap<Equivalent, string[]>();

interface Candidate {
  /** Position in the pack's (equivalent, term) order, so findings keep that order. */
  order: number;
  eq: Equivalent;
  term: string;
}

interface CandidateIndex {
  /** Terms by the first character of their needle (every match contains the needle). */
  byFirst: Map<string, Candidate[]>;
  /** Terms without a needle to index (none in practice): always tried. */
  always: Candidate[];
}

/** Per equivalents list: a pack has hundreds of terms, a text only a few dozen distinct characters. */
const candidateIndexes = new WeakMap<readonly Equivalent[], CandidateIndex>();

/**
 * The (equivalent, term) pairs that can match in `lower` (the lower-cased NFKC
 * text), in pack order: only terms whose needle starts with a character of the
 * text. A speed-up only: the same terms are reported as when trying them all.
 */
function candidatesIn(equivalents: readonly Equivalent[], lower: string): Candidate[] {
  let index = candidateIndexes.get(equivalents);
  if (!index) {
    index = { byFirst: new Map(), always: [] };
    let order = 0;
    for (const eq of equivalents) {
      for (const term of leftoverTerms(eq)) {
        const candidate = { order: order++, eq, term };
        const first = Array.from(leftoverMatcher(term)?.needle ?? '')[0];
        if (first === undefined) index.always.push(candidate);
        else index.byFirst.set(first, [...(index.byFirst.get(first) ?? []), candidate]);
      }
    }
    candidateIndexes.set(equivalents, index);
  }
  const out = [...index.always];
  for (const ch of new Set(lower)) out.push(...(index.byFirst.get(ch) ?? []));
  return out.sort((a, b) => a.order - b.order);
}

/**
 * Source-culture term left in the target.
 *
 * Uses the locale pack's equivalents: each equivalent's `leftovers` (default:
 * its `source` terms) found in the target text, e.g. "110番", "円", "東京都"
 * or a Japanese help line's number, is reported with the target counterpart to
 * use instead. Short bare numbers only count in a phone-number context (see
 * `leftoverMatches`): "110번에 전화하세요" fails, "110" as a quantity passes.
 */
export const sourceCultureLeftover = defineFieldCheck({
  id: 'source-culture-leftover',
  title: 'Source-culture term left in the target',
  severity: 'error',
  test(_source, target, { label, ctx }) {
    const equivalents = ctx.pack?.equivalents ?? [];
    if (equivalents.length === 0 || isBlank(target)) return undefined;
    const plain = nfkc(target);
    const lower = plain.toLowerCase();
    const found: string[] = [];
    const seen = new Set<string>();
    for (const { eq, term } of candidatesIn(equivalents, lower)) {
      for (const match of leftoverMatchesIn(plain, term, lower)) {
        const key = `${match}\u0000${eq.target}`;
        if (seen.has(key)) continue;
        seen.add(key);
        found.push(`${quote(match.trim())} (use ${quote(eq.target)})`);
      }
    }
    if (found.length === 0) return undefined;
    return `${label} still has source-culture ${found.length === 1 ? 'term' : 'terms'} ${found.join(', ')}; replace with the target-culture equivalent.`;
  },
});
