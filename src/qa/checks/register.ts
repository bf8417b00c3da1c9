/** Checks the target's speech level (e.g. Korean 합니다체 / 해요체 / 반말) against the locale pack's registers. */
import { defineFieldCheck } from '../check.js';
import { quote } from '../text.js';
import { endingLength } from '../../locale/pattern-length.js';
import type { Register } from '../../locale/locale-pack-types.js';

/** Quoted passages may be in another register on purpose (a scammer's message, a child's words), so they are not judged. */
const QUOTED = /"[^"\n]*"|“[^”\n]*”|‘[^’\n]*’|'[^'\n]*'|「[^」\n]*」|『[^』\n]*』/gu;
/** Whether a text has a character that opens a QUOTED passage (most have none: then the replace is not run). */
const mayHaveQuote = (t: string): boolean => QUOTE_OPENER.test(t);
const QUOTE_OPENER = /["“‘'「『]/u;
/** Where `sentences` splits a text: whitespace after a sentence-ending mark, and line breaks. */
const SENTENCE_END_MARK = /[.!?。？！…]/u;
const TRAILING_MARK = /[\s.!?。？！…~～)\]）」』"'”’]/u;

/** The sentence without its closing punctuation and spaces (a loop from the end: a `[...]+$` regex tries every space of the sentence). */
function withoutTrailingMarks(sentence: string): string {
  let end = sentence.length;
  while (end > 0 && isTrailingMark(sentence.charCodeAt(end - 1))) end--;
  return end === sentence.length ? sentence : sentence.slice(0, end);
}
/** TRAILING_MARK's verdict by UTF-16 unit (its class is all in the BMP): 0 not asked yet, 1 a mark, 2 not one. */
const trailingMarks = new Uint8Array(0x10000);
function isTrailingMark(unit: number): boolean {
  if (trailingMarks[unit] === 0) trailingMarks[unit] = TRAILING_MARK.test(String.fromCharCode(unit)) ? 1 : 2;
  return trailingMarks[unit] === 1;
}

const compiled = new Map<string, RegExp | undefined>();
/** A pack ending anchored at the end of the sentence; undefined when the pattern is not a valid regular expression (pack validation reports those). */
function endingRegExp(pattern: string): RegExp | undefined {
  if (!compiled.has(pattern)) {
    let re: RegExp | undefined;
    try {
      re = new RegExp(`(?:${pattern})$`, 'u');
    } catch {
      re = undefined;
    }
    compiled.set(pattern, re);
  }
  return compiled.get(pattern);
}

/**
 * Every register's endings as one regular expression (one scan of a sentence
 * instead of one per ending), a named group per register. All alternatives
 * are anchored at the end, so the leftmost match is the longest, and at equal
 * length the earlier alternative (register) wins: what `registerOf` wants.
 * Registers without a valid ending are left out; a capture group per register tells which one matched.
 * Undefined when the endings cannot be combined (a back-reference would point
 * at another ending's group, a group name may repeat): then each runs alone.
 */
function allEndingsRegExp(registers: readonly Register[]): AllEndings | undefined {
  if (!combined.has(registers)) {
    let all: AllEndings | undefined;
    const endings = registers.map((r) => r.endings.filter((e) => endingRegExp(e) !== undefined));
    if (endings.flat().every((e) => !/\\(?:[1-9]|k<)/u.test(e) && validAlone(e))) {
      const parts: string[] = [];
      const groups: number[] = [];
      const used: Register[] = [];
      let group = 1;
      endings.forEach((list, i) => {
        if (list.length === 0) return;
        parts.push(`(${list.map((e) => `(?:${e})$`).join('|')})`);
        groups.push(group);
        used.push(registers[i]!);
        group += 1 + list.reduce((n, e) => n + groupCount(e), 0);
      });
      try {
        all = { regex: new RegExp(parts.join('|'), 'gu'), groups, registers: used, bounds: boundsOf(endings.flat()) };
      } catch {
        all = undefined;
      }
    }
    combined.set(registers, all);
  }
  return combined.get(registers);
}
/** The combined endings: `groups[k]` is the capture group that holds a match of `registers[k]`. */
interface AllEndings {
  /** Global, for its lastIndex (`searchStart`); left at 0. */
  regex: RegExp;
  groups: number[];
  registers: Register[];
  /** Undefined when some ending's match length has no bound: then the search starts at 0. */
  bounds: EndingBound[] | undefined;
}
/** Endings that match at most `length` units before a run of `tail` characters ending the sentence. */
interface EndingBound {
  length: number;
  tail?: RegExp;
  /** `tail`'s verdict by BMP unit: 0 not asked yet, 1 in the class, 2 not. */
  verdicts: Uint8Array;
}

function boundsOf(endings: readonly string[]): EndingBound[] | undefined {
  const byTail = new Map<string, number>();
  for (const e of endings) {
    const bound = endingLength(e);
    if (!bound) return undefined;
    const key = bound.tail ?? '';
    byTail.set(key, Math.max(byTail.get(key) ?? 0, bound.length));
  }
  return [...byTail].map(([tail, length]) => ({ length, ...(tail ? { tail: new RegExp(`^${tail}$`, 'u') } : {}), verdicts: new Uint8Array(0x10000) }));
}

/**
 * Where a search of the combined endings can start in `c`: every match ends at the end of `c` and is at most
 * a bound's length plus its tail run long, so no match starts earlier (the unanchored regex otherwise tries every
 * position of the sentence). Lookbehinds still see the text before it.
 */
function searchStart(c: string, bounds: readonly EndingBound[]): number {
  let start = c.length;
  for (const b of bounds) start = Math.min(start, c.length - b.length - (b.tail ? tailRun(c, b) : 0));
  return Math.max(0, start);
}

/** Length of the run of `b.tail` characters ending `c`. */
function tailRun(c: string, b: EndingBound): number {
  let i = c.length;
  while (i > 0) {
    const unit = c.charCodeAt(i - 1);
    if (unit >= 0xd800 && unit <= 0xdfff) {
      // An astral character (or a lone surrogate): asked each time.
      const from = i >= 2 && (unit & 0xfc00) === 0xdc00 && (c.charCodeAt(i - 2) & 0xfc00) === 0xd800 ? i - 2 : i - 1;
      if (!b.tail!.test(c.slice(from, i))) break;
      i = from;
      continue;
    }
    if (b.verdicts[unit] === 0) b.verdicts[unit] = b.tail!.test(String.fromCharCode(unit)) ? 1 : 2;
    if (b.verdicts[unit] !== 1) break;
    i--;
  }
  return c.length - i;
}
const combined = new WeakMap<readonly Register[], AllEndings | undefined>();

/** Number of capture groups of a valid pattern. */
function groupCount(pattern: string): number {
  return new RegExp(`(?:${pattern})|`, 'u').exec('')!.length - 1;
}

/** Whether the ending is a regular expression by itself (not only inside `(?:...)`, as in "a)|(b"). */
function validAlone(ending: string): boolean {
  try {
    new RegExp(ending, 'u');
    return true;
  } catch {
    return false;
  }
}

/**
 * Sentences of a text, quoted passages removed, trimmed: the text split after
 * sentence-ending punctuation followed by whitespace, and at line breaks (what
 * `split(/(?<=[.!?。？！…])\s+|\n+/u)` does, then trim() of each part). A loop:
 * the regex split and the trims cost more than classifying the sentences.
 */
export function sentences(text: string): string[] {
  const t = mayHaveQuote(text) ? text.replace(QUOTED, ' ') : text;
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i <= t.length; i++) {
    if (i < t.length) {
      const c = t.charCodeAt(i);
      // Splitting at every space after a mark, not only at the first of a run, only adds blank parts, which are dropped.
      if (c !== 0x0a && !(i > 0 && (unitKind(c) & SPACE) !== 0 && (unitKind(t.charCodeAt(i - 1)) & SENTENCE_END) !== 0)) continue;
    }
    let from = start;
    let to = i;
    while (from < to && (unitKind(t.charCodeAt(from)) & SPACE) !== 0) from++;
    while (to > from && (unitKind(t.charCodeAt(to - 1)) & SPACE) !== 0) to--;
    if (to > from) out.push(t.slice(from, to));
    start = i + 1;
  }
  return out;
}
/** What the split and trim() see in a UTF-16 unit (both classes are all in the BMP): `KNOWN` once asked, then SPACE (\s, which is what trim() removes) and SENTENCE_END bits. */
const unitKinds = new Uint8Array(0x10000);
const KNOWN = 1;
const SPACE = 2;
const SENTENCE_END = 4;
function unitKind(unit: number): number {
  let kind = unitKinds[unit]!;
  if (kind === 0) {
    const ch = String.fromCharCode(unit);
    kind = KNOWN | (/\s/u.test(ch) ? SPACE : 0) | (SENTENCE_END_MARK.test(ch) ? SENTENCE_END : 0);
    unitKinds[unit] = kind;
  }
  return kind;
}

/**
 * The register whose ending matches the end of the sentence (tried with and
 * without its closing punctuation); the longest match wins ("습니다" over
 * "다"), then pack order. Undefined when no ending matches.
 */
export function registerOf(sentence: string, registers: readonly Register[]): Register | undefined {
  return registerOfParts(sentence.trim(), withoutTrailingMarks(sentence), registers);
}

/** `registerOf` of a sentence given trimmed and without its trailing marks (`classifySentences` keeps the latter). */
function registerOfParts(trimmed: string, bare: string, registers: readonly Register[]): Register | undefined {
  const all = allEndingsRegExp(registers);
  if (all) {
    // The same winner as the loop below: the longest match, then the earlier register.
    let bestIndex = -1;
    let length = 0;
    // The trimmed sentence, then the bare one when it differs (no array of the two per sentence).
    for (let round = 0; round < 2; round++) {
      if (round === 1 && bare === trimmed) break;
      const c = round === 0 ? trimmed : bare;
      const start = all.bounds ? searchStart(c, all.bounds) : 0;
      // A match in the bare sentence starts at `start` or later: when it cannot be longer than the one found, it cannot win.
      if (round === 1 && length > c.length - start) break;
      all.regex.lastIndex = start;
      const m = all.regex.exec(c);
      all.regex.lastIndex = 0;
      if (!m || m[0].length === 0) continue;
      let k = 0;
      while (m[all.groups[k]!] === undefined) k++;
      if (m[0].length > length || (m[0].length === length && k < bestIndex)) {
        bestIndex = k;
        length = m[0].length;
      }
    }
    return bestIndex < 0 ? undefined : all.registers[bestIndex];
  }
  const candidates = bare === trimmed ? [trimmed] : [trimmed, bare];
  let best: Register | undefined;
  let bestLength = 0;
  for (const register of registers) {
    for (const ending of register.endings) {
      const re = endingRegExp(ending);
      if (!re) continue;
      for (const c of candidates) {
        const m = re.exec(c);
        // An ending that matches only the empty string says nothing.
        if (m && m[0].length > bestLength) {
          best = register;
          bestLength = m[0].length;
        }
      }
    }
  }
  return best;
}
/** Each sentence with the register it is in; sentences in no known register are left out. */
export function classifySentences(text: string, registers: readonly Register[]): { sentence: string; register: Register }[] {
  const out: { sentence: string; register: Register }[] = [];
  for (const sentence of sentences(text)) {
    const bare = withoutTrailingMarks(sentence);
    const register = registerOfParts(sentence.trim(), bare, registers);
    if (register) out.push({ sentence: bare, register });
  }
  return out;
}

/** The end of a sentence, where its register shows. */
const tail = (sentence: string): string => {
  const chars = Array.from(sentence);
  return chars.length <= 20 ? sentence : `…${chars.slice(-19).join('')}`;
};

/**
 * `classifySentences`, remembered for the last few texts: both register checks
 * classify the same question and answer.
 */
function classifiedSentences(text: string, registers: readonly Register[]): readonly { sentence: string; register: Register }[] {
  if (registers !== recentRegisters || recentClassified.size >= 8) {
    recentRegisters = registers;
    recentClassified.clear();
  }
  let found = recentClassified.get(text);
  if (!found) recentClassified.set(text, (found = classifySentences(text, registers)));
  return found;
}
let recentRegisters: readonly Register[] | undefined;
const recentClassified = new Map<string, { sentence: string; register: Register }[]>();

/** The first sentence in each register found (but `except`), each as: 합니다체 in "…학생입니다". */
function describeRegisters(target: string, registers: readonly Register[], except?: string): string[] {
  const classified = classifiedSentences(target, registers);
  // Nearly always none or one register: then nothing is described (one is no mix, none is nothing else).
  if (!classified.some((c) => c.register.id !== except)) return [];
  const firstOf = new Map<string, { sentence: string; register: Register }>();
  for (const c of classified) if (c.register.id !== except && !firstOf.has(c.register.id)) firstOf.set(c.register.id, c);
  return [...firstOf.values()].map((c) => `${c.register.name} in ${quote(tail(c.sentence))}`);
}

/**
 * Speech levels mixed within one text.
 *
 * For packs with registers: the sentences of the question, or of the answer,
 * end in more than one register (e.g. 합니다체 "저는 학생입니다." then 반말
 * "밥 먹었어?"). Quoted passages are ignored.
 */
export const registerMixed = defineFieldCheck({
  id: 'register-mixed',
  title: 'Speech levels mixed within one text',
  severity: 'warning',
  test(_source, target, { label, ctx }) {
    const registers = ctx.pack?.registers ?? [];
    if (registers.length < 2) return undefined;
    const classified = classifiedSentences(target, registers);
    if (classified.every((c) => c.register === classified[0]!.register)) return undefined;
    return `${label} mixes speech levels: ${describeRegisters(target, registers).join(' and ')}; use one level throughout.`;
  },
});

/**
 * Speech level other than the one the pack prefers.
 *
 * The pack's `preferredRegister` names the level a question or an answer
 * should use (e.g. answers in 해요체), and the project's `register` setting
 * overrides it for answers; sentences of that field in another known
 * register are reported.
 */
export const registerPreferred = defineFieldCheck({
  id: 'register-preferred',
  title: 'Speech level other than the one the pack prefers',
  severity: 'warning',
  test(_source, target, { field, label, ctx }) {
    const registers = ctx.pack?.registers ?? [];
    const own = field === 'answer' && ctx.answerRegister !== undefined;
    const preferred = registers.find((r) => r.id === (own ? ctx.answerRegister : ctx.pack?.preferredRegister?.[field]));
    if (!preferred) return undefined;
    const parts = describeRegisters(target, registers, preferred.id);
    if (parts.length === 0) return undefined;
    return `${label} uses ${parts.join(' and ')}, but ${field}s in this ${own ? 'project' : 'pack'} use ${preferred.name}; rewrite in ${preferred.name}.`;
  },
});
