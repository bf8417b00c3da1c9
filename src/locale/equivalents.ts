/**
 * Known equivalents between the source culture and the target culture: find
 * source-culture terms in an item (suggestions for the localizer, checklist
 * conditions) and source-culture terms left in a target text (QA leftovers).
 *
 * Matching rules (also in schemas/locale-pack.schema.json):
 * - Texts and terms are compared after Unicode NFKC normalisation, so
 *   full-width digits and half-width kana match; offsets are reported in the
 *   original text.
 * - A space in a term matches any run of whitespace, or none ("110 番" = "110番").
 * - A term that starts (ends) with a digit does not match right after (before)
 *   another digit: "110番" is not found in "1110番".
 * - A term that starts (ends) with a Latin letter only matches as a whole word.
 * - A term that starts with Hangul does not match right after Hangul ("로손" is
 *   not found inside a longer word); its end is free, since Korean attaches
 *   particles and suffixes ("도쿄에서", "야마다 씨", "도쿄역").
 * - An all-lower-case Latin term matches in any case ("yen", "Yen"); any other
 *   term matches case-sensitively ("LINE" but not "line").
 * - A match that lies inside a longer match (of any equivalent) is dropped:
 *   "みんなの人権110番" is one match, not also "110番"; so is a match that
 *   partly overlaps a longer match of the same equivalent.
 *
 * Leftovers in target texts (QA and the wizard) are found by leftovers.ts,
 * with the same normalisation and nesting rules plus stricter word rules.
 */
import type { Equivalent, LocalePack } from './locale-pack-types.js';
import type { SourceItem } from '../dataset/item.js';
import { NeedleSet, needleOf, type Needle } from './needles.js';

/** A text to search, named by the field it comes from ("question", "answerEn"). */
export interface FieldText {
  field: string;
  text: string;
}

export interface EquivalentMatch {
  equivalent: Equivalent;
  /** The pack's term that matched, or the pattern's source for a pattern match. */
  term: string;
  /** The matched text as it appears in the searched text. */
  text: string;
  /** The field name (or the index, as a string, for a plain string input). */
  field: string;
  /** Index of the searched text in the input list. */
  textIndex: number;
  /** Offset and length of the match in the original (not normalised) text. */
  offset: number;
  length: number;
}

/** The source texts of an item that equivalents and conditions look at, in display order. */
export function itemTexts(item: SourceItem): FieldText[] {
  const texts: FieldText[] = [
    { field: 'question', text: item.question },
    { field: 'answer', text: item.answer },
  ];
  if (item.questionEn) texts.push({ field: 'questionEn', text: item.questionEn });
  if (item.answerEn) texts.push({ field: 'answerEn', text: item.answerEn });
  return texts;
}

export function findEquivalents(pack: LocalePack, texts: ReadonlyArray<string | FieldText>): EquivalentMatch[] {
  const matchers = compiled(pack).source;
  const out: EquivalentMatch[] = [];
  texts.forEach((input, textIndex) => {
    const { field, text } = typeof input === 'string' ? { field: String(textIndex), text: input } : input;
    for (const span of search(matchers, text)) {
      out.push({ equivalent: span.equivalent, term: span.term, text: span.text, field, textIndex, offset: span.offset, length: span.length });
    }
  });
  return out;
}

/**
 * Display lines for the equivalents found in an item, one per equivalent in
 * order of first appearance: "110番 → 112 (경찰)", "5,000円 / 1万円 → 원 (...)".
 */
export function suggestionsFor(item: SourceItem, pack: LocalePack, found?: readonly EquivalentMatch[]): string[] {
  const matches = found ?? findEquivalents(pack, itemTexts(item));
  const byEquivalent = new Map<Equivalent, string[]>();
  for (const m of matches) {
    const seen = byEquivalent.get(m.equivalent) ?? [];
    if (!seen.includes(m.text)) seen.push(m.text);
    byEquivalent.set(m.equivalent, seen);
  }
  const maxShown = 3;
  return [...byEquivalent].map(([eq, seen]) => {
    const shown = seen.slice(0, maxShown).join(' / ') + (seen.length > maxShown ? ' / …' : '');
    return `${shown} → ${eq.target}`;
  });
}

// ---------------------------------------------------------------------------

/** A compiled term or pattern of one equivalent (shared with leftovers.ts). */
export interface Matcher {
  equivalent: Equivalent;
  term: string;
  regex: RegExp;
  /** Lower-case text every match contains: the regex is skipped on texts without it. */
  needle?: string;
  /** A needle for a term's own regex (needles.ts), used instead of `needle`. */
  termNeedle?: Needle;
}

export interface Span {
  equivalent: Equivalent;
  term: string;
  text: string;
  offset: number;
  length: number;
}

interface CompiledPack {
  source: Matcher[];
}

const cache = new WeakMap<LocalePack, CompiledPack>();

function compiled(pack: LocalePack): CompiledPack {
  let c = cache.get(pack);
  if (!c) {
    c = { source: sourceMatchers(pack) };
    cache.set(pack, c);
  }
  return c;
}

function sourceMatchers(pack: LocalePack): Matcher[] {
  const out: Matcher[] = [];
  for (const eq of pack.equivalents) {
    for (const term of eq.source) {
      const regex = termRegex(term);
      const termNeedle = termRegexNeedle(term, regex);
      out.push({ equivalent: eq, term, regex, ...(termNeedle ? { termNeedle } : {}) });
    }
    for (const p of eq.patterns ?? []) out.push({ equivalent: eq, term: p, regex: new RegExp(p, 'gu') });
  }
  return out;
}

export function normalize(s: string): string {
  return s.normalize('NFKC').trim();
}

const LATIN = /\p{Script=Latin}/u;
const HANGUL = /\p{Script=Hangul}/u;
const DIGIT = /[0-9]/;

/** A literal term as a regular expression, with the boundary and case rules above. */
export function termRegex(term: string): RegExp {
  const t = normalize(term);
  const body = t
    .split(/\s+/u)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('\\s*');
  const first = t.charAt(0);
  const last = t.charAt(t.length - 1);
  const lead = DIGIT.test(first) ? '(?<![0-9])' : LATIN.test(first) ? '(?<![\\p{Script=Latin}0-9])' : HANGUL.test(first) ? '(?<!\\p{Script=Hangul})' : '';
  const trail = DIGIT.test(last) ? '(?![0-9])' : LATIN.test(last) ? '(?![\\p{Script=Latin}0-9])' : '';
  const anyCase = /\p{Ll}/u.test(t) && !/\p{Lu}/u.test(t);
  return new RegExp(lead + body + trail, anyCase ? 'giu' : 'gu');
}

/** The needle of `termRegex(term)`: its longest whitespace-free piece. */
export function termRegexNeedle(term: string, regex: RegExp): Needle | undefined {
  return needleOf(normalize(term).split(/\s+/u), regex.flags.includes('i'));
}

/** One needle scan per list of matchers (a pack's), compiled on first use. */
const needleSets = new WeakMap<readonly Matcher[], NeedleSet>();

function needleSetOf(matchers: readonly Matcher[]): NeedleSet {
  let set = needleSets.get(matchers);
  if (!set) {
    set = new NeedleSet(matchers.map((m) => m.termNeedle ?? (m.needle === undefined ? undefined : { text: m.needle, mode: 'lower' as const })));
    needleSets.set(matchers, set);
  }
  return set;
}

/** All non-nested matches of the matchers in a text, in text order. */
export function search(matchers: readonly Matcher[], original: string): Span[] {
  const { text, map } = normalizeWithMap(original);
  const candidates = needleSetOf(matchers).candidates(text);
  if (candidates.length === 0) return [];
  const found: { m: Matcher; start: number; end: number; order: number }[] = [];
  for (const order of candidates) {
    const m = matchers[order]!;
    for (const r of matchesOf(m.regex, text)) {
      if (r[0].length === 0) continue;
      found.push({ m, start: r.index, end: r.index + r[0].length, order });
    }
  }
  // Drop a match nested in a longer one (ties: the pack's earlier term), and a
  // match that partly overlaps a longer one of the same equivalent ("경찰 110"
  // and "110번" in "경찰 110번" are one leftover).
  const beats = (b: (typeof found)[number], a: (typeof found)[number]): boolean => {
    const la = a.end - a.start;
    const lb = b.end - b.start;
    return lb > la || (lb === la && (b.order < a.order || (b.order === a.order && b.start < a.start)));
  };
  const kept = found.filter(
    (a) =>
      !found.some(
        (b) => b !== a && beats(b, a) && ((b.start <= a.start && b.end >= a.end) || (b.m.equivalent === a.m.equivalent && b.start < a.end && a.start < b.end)),
      ),
  );
  kept.sort((a, b) => a.start - b.start || a.order - b.order);
  return kept.map((k) => {
    if (map === undefined)
      return { equivalent: k.m.equivalent, term: k.m.term, text: original.slice(k.start, k.end), offset: k.start, length: k.end - k.start };
    const offset = map[k.start] ?? original.length;
    const end = originalEnd(map, k.end, original.length);
    return { equivalent: k.m.equivalent, term: k.m.term, text: original.slice(offset, end), offset, length: end - offset };
  });
}

/**
 * What `text.matchAll(regex)` gives, without the copy of the regex matchAll
 * makes (a text runs each of a pack's patterns): the regex, global, is
 * used in place and its lastIndex left at 0, as the matchers' regexes always have it.
 */
function matchesOf(regex: RegExp, text: string): RegExpExecArray[] {
  if (!regex.global) return Array.from(text.matchAll(regex));
  const out: RegExpExecArray[] = [];
  regex.lastIndex = 0;
  let r: RegExpExecArray | null;
  while ((r = regex.exec(text)) !== null) {
    out.push(r);
    // An empty match must move on by one character (two UTF-16 units for an astral one with "u"), as matchAll does.
    if (r[0].length === 0) regex.lastIndex = advance(text, regex.lastIndex, regex.unicode);
  }
  return out;
}

function advance(text: string, index: number, unicode: boolean): number {
  if (!unicode || index + 1 >= text.length) return index + 1;
  const c = text.charCodeAt(index);
  return c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(index + 1) & 0xfc00) === 0xdc00 ? index + 2 : index + 1;
}

/**
 * NFKC-normalise a text and keep, for each normalised UTF-16 unit, the offset of
 * the original segment it came from. Segments are a character plus the marks
 * that may combine with it, so each can be normalised on its own.
 */
function normalizeWithMap(original: string): { text: string; map?: number[] } {
  // Most texts are already normal, one UTF-16 unit per character: their map is the identity (left out).
  if (NFKC_STABLE.test(original)) return { text: original };
  let text = '';
  const map: number[] = [];
  for (const seg of original.matchAll(/.[\p{M}\uFF9E\uFF9F\u1160-\u11FF\uD7B0-\uD7FF]*/gsu)) {
    const n = seg[0].normalize('NFKC');
    for (let k = 0; k < n.length; k++) map.push(seg.index);
    text += n;
  }
  map.push(original.length);
  return { text, map };
}

/** Characters that NFKC leaves alone and that neither combine nor take combining marks: ASCII, CJK ideographs, kana, Hangul syllables. */
const NFKC_STABLE = /^[\t\n\r\u0020-\u007e\u3001\u3002\u3041-\u3096\u30a1-\u30fa\u30fc\u4e00-\u9fff\uac00-\ud7a3]*$/;

/** Original end offset of a normalised end index (the start of the next original segment). */
function originalEnd(map: readonly number[], end: number, fallback: number): number {
  const before = map[end - 1];
  for (let j = end; j < map.length; j++) {
    const at = map[j];
    if (at !== undefined && at !== before) return at;
  }
  return fallback;
}
