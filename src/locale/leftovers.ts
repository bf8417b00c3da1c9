/**
 * The one leftover engine (QA's source-culture-leftover check and the wizard):
 * source-culture terms, and outdated target-culture facts, left in a
 * target-language text. Data-driven: each pack's equivalents give literal
 * `leftovers` (default: `source`), target-side `leftoverPatterns` and
 * `outdated` values; they are compiled once per pack.
 *
 * Rules, on NFKC-normalised text (offsets are reported in the original):
 * - a short bare number ("110", "189") is a leftover only in a phone-number
 *   context (`PHONE_CONTEXT`: "110番", "110번", "110に"), since it is also an
 *   ordinary number or a legitimate target number (110 is a Korean government
 *   line);
 * - a longer phone number ("0120-783-556") matches whatever its separators,
 *   but not inside a longer number;
 * - any other literal matches as a whole word: Latin and digits not touching
 *   Latin or digits; Hangul not preceded by Hangul and followed by no Hangul
 *   or by a particle ("엔으로", not "엔진"); Han and kana anywhere; a space
 *   matches any whitespace or none; an all-lower-case Latin term matches in
 *   any case, any other case-sensitively ("LINE", not "line");
 * - a term is never reported when it is legitimately the same in the target:
 *   it occurs in the equivalent's own `target` (119) or the glossary marks it
 *   do-not-translate;
 * - `outdated` values are target-side facts that were once right (1393 before
 *   109): a short number matches as a whole number, in any context;
 * - a match nested in a longer one is dropped (see equivalents.ts `search`).
 */
import { normalize, search, termRegex, type Matcher } from './equivalents.js';
import { KOREAN_PARTICLES } from './korean-particles.js';
import { patternNeedle } from './needles.js';
import type { Equivalent, LocalePack } from './locale-pack-types.js';

export interface Leftover {
  equivalent: Equivalent;
  /** The pack's term (or pattern source) that matched. */
  term: string;
  /** The matched text as it appears in the searched text. */
  text: string;
  offset: number;
  length: number;
  /** What to use instead: the equivalent's target. */
  suggestion: string;
  /** The match is an outdated target-culture value (not a source-culture term). */
  outdated?: true;
}

/** Source-culture terms and outdated values left in a target-language text, in text order. */
export function findLeftovers(pack: LocalePack, targetText: string): Leftover[] {
  const { matchers, outdated } = compiled(pack);
  return search(matchers, targetText).map((s) => ({
    equivalent: s.equivalent,
    term: s.term,
    text: s.text,
    offset: s.offset,
    length: s.length,
    suggestion: s.equivalent.target,
    ...(outdated.has(s.term) && (s.equivalent.outdated ?? []).includes(s.term) ? { outdated: true as const } : {}),
  }));
}

/** The literal leftover terms of an equivalent that are reported (the legitimate ones left out). */
export function leftoverTerms(eq: Equivalent, pack?: LocalePack): string[] {
  const doNotTranslate = pack ? doNotTranslateTerms(pack) : new Set<string>();
  return (eq.leftovers ?? eq.source).filter((t) => normalize(t) !== '' && !isLegitimateInTarget(t, eq, doNotTranslate));
}

/** What follows a short number used as a Japanese emergency or help line: 番, its Korean rendering 번 (not the ordinal 번째), or a left-behind に/へ. */
export const PHONE_CONTEXT = '\\s?(?:番|に|へ|번(?!째))';

const SHORT_NUMBER = /^\d{1,4}$/u;
const PHONE_LIKE = /^#?[\d\s\-‐–()]+$/u;
const HANGUL = /\p{Script=Hangul}/u;
const PARTICLES = KOREAN_PARTICLES.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');

/** A literal leftover term as a matcher (rules in the module comment); undefined for a blank term. */
export function leftoverRegex(term: string, options: { outdated?: boolean } = {}): { regex: RegExp; needle: string } | undefined {
  const t = normalize(term);
  if (t === '') return undefined;
  if (SHORT_NUMBER.test(t)) {
    const context = options.outdated ? '' : PHONE_CONTEXT;
    return { regex: new RegExp(`(?<![\\d.,])${t}(?![\\d.,]?\\d)${context}`, 'gu'), needle: t };
  }
  if (PHONE_LIKE.test(t) && /\d/u.test(t)) {
    const digits = Array.from(t.replace(/[^\d#]/gu, ''));
    return { regex: new RegExp(`(?<![\\d#])${digits.join('[\\s\\-‐–().]*')}(?!\\d)`, 'gu'), needle: /\d+/u.exec(t)?.[0] ?? '' };
  }
  const base = termRegex(t);
  let source = base.source;
  // termRegex leaves a Hangul term's end free; a leftover must be a whole word, particles allowed.
  if (HANGUL.test(t.charAt(t.length - 1))) source += `(?:(?!\\p{Script=Hangul})|(?=(?:${PARTICLES})))`;
  return { regex: new RegExp(source, base.flags), needle: (t.toLowerCase().split(/\s+/u)[0] ?? '').slice(0, 8) };
}

interface CompiledLeftovers {
  matchers: Matcher[];
  /** Terms that came from `outdated` lists. */
  outdated: Set<string>;
}

const cache = new WeakMap<LocalePack, CompiledLeftovers>();

function compiled(pack: LocalePack): CompiledLeftovers {
  let c = cache.get(pack);
  if (c) return c;
  const doNotTranslate = doNotTranslateTerms(pack);
  const matchers: Matcher[] = [];
  const outdated = new Set<string>();
  for (const eq of pack.equivalents) {
    for (const term of eq.leftovers ?? eq.source) {
      if (isLegitimateInTarget(term, eq, doNotTranslate)) continue;
      const m = leftoverRegex(term);
      if (m) matchers.push({ equivalent: eq, term, regex: m.regex, needle: m.needle });
    }
    for (const p of eq.leftoverPatterns ?? []) {
      const regex = new RegExp(p, 'gu');
      const termNeedle = patternNeedle(p, regex.flags);
      matchers.push({ equivalent: eq, term: p, regex, ...(termNeedle ? { termNeedle } : {}) });
    }
    for (const term of eq.outdated ?? []) {
      const m = leftoverRegex(term, { outdated: true });
      if (!m) continue;
      matchers.push({ equivalent: eq, term, regex: m.regex, needle: m.needle });
      outdated.add(term);
    }
  }
  c = { matchers, outdated };
  cache.set(pack, c);
  return c;
}

function doNotTranslateTerms(pack: LocalePack): Set<string> {
  return new Set(pack.glossary.filter((g) => g.doNotTranslate).map((g) => normalize(g.source)));
}

/** The term is the same in the target culture: in the equivalent's own target, or do-not-translate. */
function isLegitimateInTarget(term: string, eq: Equivalent, doNotTranslate: ReadonlySet<string>): boolean {
  if (doNotTranslate.has(normalize(term))) return true;
  return termRegex(term).test(normalize(eq.target));
}
