/** Text helpers shared by the checks: normalisation, term matching, quoting. */
import type { QaField, QaInput } from './types.js';
import { KOREAN_PARTICLES } from '../locale/korean-particles.js';
import { needleOf, type Needle } from '../locale/needles.js';
import { nfkc } from './nfkc.js';

export { nfkc };

/** NFKC, lower case, no whitespace: for "is this the same text?" comparisons. */
export function compact(text: string): string {
  return nfkc(text).toLowerCase().replace(/\s+/gu, '');
}

/**
 * `compact(a) === compact(b)`, mostly without normalising: both texts are
 * walked in step while they hold only characters NFKC leaves alone and that
 * take no combining mark from their neighbours (ASCII, CJK ideographs, kana,
 * Hangul syllables, `SIMPLE`), whitespace skipped and ASCII lower-cased. A
 * difference there is final when the characters after it cannot combine with
 * it; anything else falls back to comparing `compact` of both.
 */
export function sameCompact(a: string, b: string): boolean {
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < a.length && isCompactSpace(a.charCodeAt(i))) i++;
    while (j < b.length && isCompactSpace(b.charCodeAt(j))) j++;
    if (i === a.length || j === b.length) {
      if (i === a.length && j === b.length) return true;
      // One text has more: a simple character is an extra one; anything else may combine or vanish.
      const rest = i === a.length ? b.charCodeAt(j) : a.charCodeAt(i);
      return isSimple(rest) ? false : compact(a) === compact(b);
    }
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(j);
    if (!isSimple(x) || !isSimple(y)) return compact(a) === compact(b);
    if (asciiLower(x) !== asciiLower(y)) return mayCombine(a, i + 1) || mayCombine(b, j + 1) ? compact(a) === compact(b) : false;
    i++;
    j++;
  }
}

/** Characters NFKC maps to themselves that never combine with a neighbour (the marks that could attach to them are not here). */
function isSimple(c: number): boolean {
  return (
    (c > 0x20 && c < 0x7f) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0x3041 && c <= 0x3096) ||
    (c >= 0x30a1 && c <= 0x30fa) ||
    c === 0x3001 ||
    c === 0x3002 ||
    c === 0x30fc
  );
}

/** Whitespace that stays whitespace under NFKC (so `compact` removes it) and combines with nothing before it. */
function isCompactSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x3000;
}

/** Whether the character at `k` might combine with the one before it (not the end, a space or a simple character). */
function mayCombine(text: string, k: number): boolean {
  if (k >= text.length) return false;
  const c = text.charCodeAt(k);
  return !isSimple(c) && !isCompactSpace(c);
}

const asciiLower = (c: number): number => (c >= 0x41 && c <= 0x5a ? c + 0x20 : c);

/** Whether trim() would leave nothing: a loop that stops at the first other character (no trimmed copy per call; asked by most checks of every field). */
export function isBlank(text: string | undefined): boolean {
  if (text === undefined) return true;
  for (let i = 0; i < text.length; i++) if (!isTrimmed(text.charCodeAt(i))) return false;
  return true;
}
/** What trim() removes (all in the BMP), by UTF-16 unit: 0 not asked yet, 1 removed, 2 kept. */
const trimmedUnits = new Uint8Array(0x10000);
function isTrimmed(unit: number): boolean {
  if (trimmedUnits[unit] === 0) trimmedUnits[unit] = String.fromCharCode(unit).trim() === '' ? 1 : 2;
  return trimmedUnits[unit] === 1;
}

export function fieldLabel(field: QaField): string {
  return field === 'question' ? 'Question' : 'Answer';
}

/** The source text the translation of `field` was made from (English fields when translating from English). */
export function sourceText(input: QaInput, field: QaField): string {
  if (primaryLanguage(input.sourceLanguage) === 'en') {
    const en = field === 'question' ? input.item.questionEn : input.item.answerEn;
    if (en !== undefined) return en;
  }
  return input.item[field];
}

/** Every source-side version of `field`: the Japanese original and, when present, its English translation. */
export function originalTexts(input: QaInput, field: QaField): readonly string[] {
  const original = input.item[field];
  const en = field === 'question' ? input.item.questionEn : input.item.answerEn;
  // Several checks of a field ask one after another: the last answer is kept (same texts, same list).
  const last = lastOriginal[field];
  if (last.original === original && last.en === en && last.texts !== undefined) return last.texts;
  const texts = Object.freeze([original, ...(en === undefined ? [] : [en])].filter((t) => !isBlank(t)));
  lastOriginal[field] = { original, en, texts };
  return texts;
}
const lastOriginal: Record<QaField, { original?: string; en?: string | undefined; texts?: readonly string[] }> = { question: {}, answer: {} };

/** "ko-KR" -> "ko"; lower case. */
export function primaryLanguage(tag: string): string {
  // Asked for every field of every check: a project has one or two tags.
  let primary = primaryLanguages.get(tag);
  if (primary === undefined) {
    primary = (tag.split(/[-_]/)[0] ?? tag).toLowerCase();
    if (primaryLanguages.size < 64) primaryLanguages.set(tag, primary);
  }
  return primary;
}
const primaryLanguages = new Map<string, string>();

const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'code' });

/** English name of a language tag ("ko" -> "Korean"), or the tag itself when unknown. */
export function languageName(tag: string): string {
  try {
    return languageNames.of(tag) ?? tag;
  } catch {
    return tag;
  }
}

const MAX_QUOTE = 40;

/** `"text"`, shortened in the middle when long. */
export function quote(text: string): string {
  const chars = Array.from(text);
  const shown = chars.length <= MAX_QUOTE ? text : `${chars.slice(0, MAX_QUOTE / 2).join('')}…${chars.slice(-MAX_QUOTE / 2 + 1).join('')}`;
  return `"${shown}"`;
}

/** `"a", "b" and 3 more`: distinct items, quoted, at most `max` shown. */
export function quoteList(items: Iterable<string>, max = 5): string {
  const unique = [...new Set(items)];
  const shown = unique.slice(0, max).map(quote).join(', ');
  return unique.length > max ? `${shown} and ${unique.length - max} more` : shown;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export { KOREAN_PARTICLES };
const PARTICLE_ALTERNATION = KOREAN_PARTICLES.map(escapeRegExp).join('|');

/** Which letters may not touch a term at this end for it to count as a whole word; undefined for scripts written without spaces. */
function edgeGuard(ch: string): string | undefined {
  if (/\p{N}/u.test(ch)) return '\\p{N}';
  if (/\p{sc=Latin}/u.test(ch)) return '[\\p{sc=Latin}\\p{N}_]';
  if (/\p{sc=Hangul}/u.test(ch)) return '\\p{sc=Hangul}';
  if (/[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\u30fc]/u.test(ch)) return undefined;
  if (/\p{L}/u.test(ch)) return '\\p{L}';
  return undefined;
}

/**
 * A regular expression (flags "gu", plus "i" unless caseSensitive) that finds
 * `term` as a whole word in NFKC-normalised text:
 * - Han and kana: anywhere (Japanese and Chinese have no word spaces);
 * - Latin and digits: not touching other Latin letters or digits ("LINE" is not in "ONLINE", but is in "LINE에서");
 * - Hangul: not preceded by Hangul, and followed by no Hangul or by a particle
 *   (`KOREAN_PARTICLES`): "엔" is in "100엔으로" but not in "엔진".
 */
export function termRegExp(term: string, options: { caseSensitive?: boolean } = {}): RegExp {
  const key = `${options.caseSensitive ? 'c' : 'i'}${term}`;
  let re = termRegExps.get(key);
  if (!re) termRegExps.set(key, (re = buildTermRegExp(term, options.caseSensitive === true)));
  return re;
}
/** Compiled once per term: a pack's terms are tested against every field of every item. (Shared safely: matchAll copies the regex.) */
const termRegExps = new Map<string, RegExp>();

function buildTermRegExp(term: string, caseSensitive: boolean): RegExp {
  const t = nfkc(term).trim();
  const chars = Array.from(t);
  const first = chars[0] ?? '';
  const last = chars[chars.length - 1] ?? '';
  const before = edgeGuard(first);
  const after = edgeGuard(last);
  let pattern = escapeRegExp(t).replace(/\s+/g, '\\s+');
  if (before) pattern = `(?<!${before})${pattern}`;
  if (after) {
    pattern += /\p{sc=Hangul}/u.test(last) ? `(?:(?!${after})|(?=(?:${PARTICLE_ALTERNATION})))` : `(?!${after})`;
  }
  return new RegExp(pattern, caseSensitive ? 'gu' : 'giu');
}

/** A literal every match of `termRegExp(term, options)` contains (see locale/needles.ts). */
export function termNeedle(term: string, options: { caseSensitive?: boolean } = {}): Needle | undefined {
  return needleOf(nfkc(term).trim().split(/\s+/), options.caseSensitive !== true);
}

/** Every whole-word occurrence of `term` in `text` (both NFKC-normalised), as found in the text. */
export function findTerm(text: string, term: string, options: { caseSensitive?: boolean } = {}): string[] {
  return findTermIn(nfkc(text), term, options);
}

/** `findTerm` for text already NFKC-normalised (normalise once, then look for many terms). */
export function findTermIn(normalized: string, term: string, options: { caseSensitive?: boolean } = {}): string[] {
  if (isBlank(term)) return [];
  return Array.from(normalized.matchAll(termRegExp(term, options)), (m) => m[0]);
}

/** Whether `term` occurs as a whole word in text already NFKC-normalised. */
export function hasTermIn(normalized: string, term: string, options: { caseSensitive?: boolean } = {}): boolean {
  // search() ignores and restores lastIndex, so the shared global regex is safe here.
  return !isBlank(term) && normalized.search(termRegExp(term, options)) >= 0;
}
