/** Checks that numbers, URLs, e-mail addresses, placeholders and markup survive translation. */
import { defineFieldCheck, SKIP_NEW_TEXT } from '../check.js';
import { intendedTerms } from '../intended.js';
import { isBlank, nfkc, quoteList } from '../text.js';
import type { FieldEnv } from '../check.js';

/** No "i" flag: with "iu", [^\u{80}-…] would also exclude "k" and "s" (they case-fold with U+212A K and U+017F ſ). */
const URL = /\b(?:[Hh][Tt][Tt][Pp][Ss]?:\/\/|[Ww]{3}\.)[^\s<>"'\u{80}-\u{10FFFF}]+/gu;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;
/** {name}, {0}, {{ name }}, %s, %1$s, %(name)s */
const PLACEHOLDER = /\{\{\s*[\w.-]+\s*\}\}|\{[\w.-]+\}|%\(\w+\)[sdif]|%(?:\d+\$)?[sdif@]/g;
const TAG = /<(\/?)([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*?)?(\/?)>/g;
/** A thousands separator: a comma between digits, followed by exactly three digits. */
const THOUSANDS_COMMA = /(?<=\d),(?=\d{3}(?!\d))/g;
const NUMBER = /\d+(?:\.\d+)?/g;
const KANJI_NUMERAL = /[〇零一二三四五六七八九十百千]+/gu;

/*
 * Pre-tests: each pattern needs a character most texts lack (a URL "//" or
 * "www.", an address "@", a placeholder "{" or "%", a tag "<", a number a
 * digit), so a text without it is not searched, and a replace that cannot
 * match is not run. Results are the same either way.
 */
const mayHaveUrl = (t: string): boolean => t.includes('//') || WWW.test(t);
const WWW = /[Ww]{3}\./;
const mayHavePlaceholder = (t: string): boolean => t.includes('{') || t.includes('%');
const DIGIT = /\d/;

export function urlsIn(text: string): string[] {
  return urlsInPlain(nfkc(text));
}
function urlsInPlain(plain: string): string[] {
  if (!mayHaveUrl(plain)) return [];
  return Array.from(plain.matchAll(URL), (m) => m[0].replace(/[.,;:!?)\]}]+$/, '').replace(/\/$/, ''));
}

export function emailsIn(text: string): string[] {
  return emailsInPlain(nfkc(text));
}
function emailsInPlain(plain: string): string[] {
  if (!plain.includes('@')) return [];
  return Array.from((mayHaveUrl(plain) ? plain.replace(URL, ' ') : plain).matchAll(EMAIL), (m) => m[0].toLowerCase());
}

export function placeholdersIn(text: string): string[] {
  return placeholdersInPlain(nfkc(text));
}
function placeholdersInPlain(plain: string): string[] {
  if (!mayHavePlaceholder(plain)) return [];
  return Array.from(plain.matchAll(PLACEHOLDER), (m) => m[0].replace(/\s+/g, ''));
}

/** Tags by name and kind, attributes ignored: "<a href=...>" -> "<a>", "</b>", "<br/>". */
export function tagsIn(text: string): string[] {
  if (!text.includes('<')) return [];
  return Array.from(text.matchAll(TAG), (m) => `<${m[1] ?? ''}${(m[2] ?? '').toLowerCase()}${m[3] ?? ''}>`);
}

/**
 * Numbers written with digits, outside URLs, e-mail addresses, placeholders and
 * tags: full-width digits count as ASCII ("１１０" = "110") and thousands
 * separators are dropped ("1,000" = "1000").
 */
export function numbersIn(text: string): string[] {
  return numbersInPlain(nfkc(text));
}
function numbersInPlain(normalized: string): string[] {
  let plain = normalized;
  if (!DIGIT.test(plain)) return [];
  if (plain.includes('<')) plain = plain.replace(TAG, ' ');
  if (mayHaveUrl(plain)) plain = plain.replace(URL, ' ');
  if (plain.includes('@')) plain = plain.replace(EMAIL, ' ');
  if (mayHavePlaceholder(plain)) plain = plain.replace(PLACEHOLDER, ' ');
  if (plain.includes(',')) plain = plain.replace(THOUSANDS_COMMA, '');
  return plain.match(NUMBER) ?? [];
}

/**
 * Whether `numbersIn` gives two NFKC-normalised texts the same list, told without making the lists
 * when neither text holds what numbersIn removes before it looks for numbers (nearly all texts: then
 * its numbers are the runs NUMBER matches, compared here in place). False when unsure.
 */
function sameNumbers(a: string, b: string): boolean {
  if (!onlyBareNumbers(a) || !onlyBareNumbers(b)) return false;
  let i = 0;
  let j = 0;
  for (;;) {
    i = nextDigit(a, i);
    j = nextDigit(b, j);
    if (i < 0 || j < 0) return i < 0 && j < 0;
    const endA = numberEnd(a, i);
    const endB = numberEnd(b, j);
    if (endA - i !== endB - j) return false;
    for (let k = 0; k < endA - i; k++) if (a.charCodeAt(i + k) !== b.charCodeAt(j + k)) return false;
    i = endA;
    j = endB;
  }
}

/** No tag, URL, address, placeholder or comma for `numbersIn` to remove first. */
const onlyBareNumbers = (t: string): boolean => !t.includes('<') && !mayHaveUrl(t) && !t.includes('@') && !mayHavePlaceholder(t) && !t.includes(',');
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

function nextDigit(t: string, from: number): number {
  for (let k = from; k < t.length; k++) if (isDigit(t.charCodeAt(k))) return k;
  return -1;
}

/** The end of the NUMBER match (digits, then a dot and digits if any) starting at `start`. */
function numberEnd(t: string, start: number): number {
  let k = start;
  while (k < t.length && isDigit(t.charCodeAt(k))) k++;
  if (k + 1 < t.length && t.charCodeAt(k) === 0x2e && isDigit(t.charCodeAt(k + 1))) {
    k += 2;
    while (k < t.length && isDigit(t.charCodeAt(k))) k++;
  }
  return k;
}

const KANJI_DIGITS: Readonly<Record<string, number>> = { 〇: 0, 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const KANJI_UNITS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };

/** The value of a run of kanji numerals: "二十" = 20, "三百五" = 305, "二〇二四" = 2024. */
export function kanjiNumberValue(run: string): number {
  const chars = Array.from(run);
  if (!chars.some((c) => c in KANJI_UNITS)) return Number(chars.map((c) => KANJI_DIGITS[c] ?? '').join('') || '0');
  let total = 0;
  let digit: number | undefined;
  for (const c of chars) {
    const unit = KANJI_UNITS[c];
    if (unit === undefined) digit = KANJI_DIGITS[c] ?? 0;
    else {
      total += (digit ?? 1) * unit;
      digit = undefined;
    }
  }
  return total + (digit ?? 0);
}

/**
 * Values of kanji numerals in Japanese text ("二十歳" -> "20"). They are not
 * required in the target (一 is also part of words like 一緒), but a target
 * that writes them in digits is not reported for it.
 */
export function kanjiNumbersIn(text: string): string[] {
  return Array.from(text.matchAll(KANJI_NUMERAL), (m) => String(kanjiNumberValue(m[0])));
}

/** Items of `a` not in `b`: each occurrence counts when `multiset`, else presence only. */
function minus(a: readonly string[], b: readonly string[], multiset: boolean): string[] {
  if (!multiset) {
    const have = new Set(b);
    return a.filter((x) => !have.has(x));
  }
  const left = [...b];
  const out: string[] = [];
  for (const x of a) {
    const i = left.indexOf(x);
    if (i < 0) out.push(x);
    else left.splice(i, 1);
  }
  return out;
}

interface Placeable {
  /** Singular noun for messages, e.g. "number". */
  noun: string;
  extract(text: string): string[];
  /** `extract` of a text already NFKC-normalised, when it normalises first (the field's texts are normalised once per item). */
  extractNormalized?(plain: string): string[];
  /** True when `extractNormalized` of both normalised texts is certainly the same list (then nothing differs); false when unsure. */
  sameNormalized?(a: string, b: string): boolean;
  /** Count occurrences (a duplicated or dropped placeholder matters), or presence only (wording may repeat a number once). */
  multiset: boolean;
  /** Target items that need no counterpart in the source text. */
  allowExtra?(source: string, env: FieldEnv): string[];
}

/** The (source, target) test shared by the placeable checks. */
function placeableTest(p: Placeable) {
  return (source: string, target: string, env: FieldEnv): string | undefined => {
    if (isBlank(target)) return undefined;
    if (p.sameNormalized?.(nfkc(source), nfkc(target))) return undefined;
    const s = p.extractNormalized ? p.extractNormalized(nfkc(source)) : p.extract(source);
    const t = p.extractNormalized ? p.extractNormalized(nfkc(target)) : p.extract(target);
    if (s.length === 0 && t.length === 0) return undefined;
    const missingAll = minus(s, t, p.multiset);
    const extraAll = minus(t, s, p.multiset);
    // Most fields have the same placeables on both sides: then what is excused does not matter.
    if (missingAll.length === 0 && extraAll.length === 0) return undefined;
    const intended = intendedTerms(env.input, env.ctx);
    const excused = new Set([...intended, ...intended.flatMap((t) => p.extract(t))]);
    const missing = [...new Set(missingAll)].filter((x) => !excused.has(x));
    const extraAllowed = new Set(extraAll.length === 0 ? [] : (p.allowExtra?.(source, env) ?? []));
    const extra = [...new Set(extraAll)].filter((x) => !excused.has(x) && !extraAllowed.has(x));
    const hint = 'or list the change in the item’s intended changes';
    if (missing.length > 0 && extra.length > 0) {
      return `${env.label} has ${p.noun} ${quoteList(extra)} where the source has ${quoteList(missing)}; make them match, ${hint}.`;
    }
    if (missing.length > 0) return `${env.label} lacks the source’s ${p.noun} ${quoteList(missing)}; restore it, ${hint}.`;
    if (extra.length > 0) return `${env.label} has ${p.noun} ${quoteList(extra)} that the source does not; remove it, ${hint}.`;
    return undefined;
  };
}

/**
 * Numbers differ between source and target.
 *
 * Compares the sets of numbers written with digits (full-width digits and
 * thousands separators normalised, so "１１０番" matches "110번" and "1,000"
 * matches "1000"). A target number equal to a kanji numeral of the source is
 * accepted ("二十歳" -> "20세"). Differences named in intendedChanges (or
 * through a pack equivalent they name, e.g. "110" -> "112") are accepted.
 */
export const numbers = defineFieldCheck({
  id: 'numbers',
  title: 'Numbers differ between source and target',
  severity: 'error',
  skipDecisions: SKIP_NEW_TEXT,
  test: placeableTest({
    noun: 'number',
    extract: numbersIn,
    extractNormalized: numbersInPlain,
    sameNormalized: sameNumbers,
    multiset: false,
    allowExtra: (_source, env) => kanjiNumbersIn(env.input.item[env.field]),
  }),
});

/**
 * URLs differ between source and target.
 *
 * A help-line's web site replaced by a target-culture one must be listed in
 * intendedChanges (or come from a pack equivalent listed there).
 */
export const urls = defineFieldCheck({
  id: 'urls',
  title: 'URLs differ between source and target',
  severity: 'error',
  skipDecisions: SKIP_NEW_TEXT,
  test: placeableTest({ noun: 'URL', extract: urlsIn, extractNormalized: urlsInPlain, multiset: false }),
});

/** E-mail addresses differ between source and target. */
export const emails = defineFieldCheck({
  id: 'emails',
  title: 'E-mail addresses differ between source and target',
  severity: 'error',
  skipDecisions: SKIP_NEW_TEXT,
  test: placeableTest({ noun: 'e-mail address', extract: emailsIn, extractNormalized: emailsInPlain, multiset: false }),
});

/**
 * Placeholders differ between source and target.
 *
 * {name}, {{name}}, %s, %1$s and %(name)s must appear in the target as often
 * as in the source.
 */
export const placeholders = defineFieldCheck({
  id: 'placeholders',
  title: 'Placeholders differ between source and target',
  severity: 'error',
  skipDecisions: SKIP_NEW_TEXT,
  test: placeableTest({ noun: 'placeholder', extract: placeholdersIn, extractNormalized: placeholdersInPlain, multiset: true }),
});

/**
 * Markup tags differ between source and target.
 *
 * Compares tags by name and kind (<b>, </b>, <br/>), ignoring attributes.
 */
export const tags = defineFieldCheck({
  id: 'tags',
  title: 'Markup tags differ between source and target',
  severity: 'error',
  skipDecisions: SKIP_NEW_TEXT,
  test: placeableTest({ noun: 'tag', extract: tagsIn, multiset: true }),
});
