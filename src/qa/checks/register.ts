/** Checks the target's speech level (e.g. Korean 합니다체 / 해요체 / 반말) against the locale pack's registers. */
import { defineFieldCheck } from '../check.js';
import { quote } from '../text.js';
import type { Register } from '../../locale/locale-pack-types.js';

/** Quoted passages may be in another register on purpose (a scammer's message, a child's words), so they are not judged. */
const QUOTED = /"[^"\n]*"|“[^”\n]*”|‘[^’\n]*’|'[^'\n]*'|「[^」\n]*」|『[^』\n]*』/gu;
const SENTENCE_BREAK = /(?<=[.!?。？！…])\s+|\n+/u;
const TRAILING_MARKS = /[\s.!?。？！…~～)\]）」』"'”’]+$/u;

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
 * Undefined when the endings cannot be combined (a back-reference would point
 * at another ending's group, a group name may repeat): then each runs alone.
 */
function allEndingsRegExp(registers: readonly Register[]): RegExp | undefined {
  if (!combined.has(registers)) {
    let re: RegExp | undefined;
    const endings = registers.map((r) => r.endings.filter((e) => endingRegExp(e) !== undefined));
    if (endings.flat().every((e) => !/\\(?:[1-9]|k<)/u.test(e) && validAlone(e))) {
      const parts = endings.flatMap((list, i) => (list.length === 0 ? [] : [`(?<carefullyRegister${i}>${list.map((e) => `(?:${e})$`).join('|')})`]));
      try {
        re = new RegExp(parts.join('|'), 'u');
      } catch {
        re = undefined;
      }
    }
    combined.set(registers, re);
  }
  return combined.get(registers);
}
const combined = new WeakMap<readonly Register[], RegExp | undefined>();

/** Whether the ending is a regular expression by itself (not only inside `(?:...)`, as in "a)|(b"). */
function validAlone(ending: string): boolean {
  try {
    new RegExp(ending, 'u');
    return true;
  } catch {
    return false;
  }
}

/** Sentences of a text, quoted passages removed, trimmed. */
export function sentences(text: string): string[] {
  return text
    .replace(QUOTED, ' ')
    .split(SENTENCE_BREAK)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/**
 * The register whose ending matches the end of the sentence (tried with and
 * without its closing punctuation); the longest match wins ("습니다" over
 * "다"), then pack order. Undefined when no ending matches.
 */
export function registerOf(sentence: string, registers: readonly Register[]): Register | undefined {
  const trimmed = sentence.trim();
  const bare = sentence.replace(TRAILING_MARKS, '');
  const candidates = bare === trimmed ? [trimmed] : [trimmed, bare];
  const all = allEndingsRegExp(registers);
  if (all) {
    // The same winner as the loop below: the longest match, then the earlier register.
    let bestIndex = -1;
    let length = 0;
    for (const c of candidates) {
      const m = all.exec(c);
      if (!m || m[0].length === 0) continue;
      const k = registers.findIndex((_, i) => m.groups?.[`carefullyRegister${i}`] !== undefined);
      if (m[0].length > length || (m[0].length === length && k < bestIndex)) {
        bestIndex = k;
        length = m[0].length;
      }
    }
    return bestIndex < 0 ? undefined : registers[bestIndex];
  }
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
  return sentences(text).flatMap((sentence) => {
    const register = registerOf(sentence, registers);
    return register ? [{ sentence: sentence.replace(TRAILING_MARKS, ''), register }] : [];
  });
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
  const firstOf = new Map<string, { sentence: string; register: Register }>();
  for (const c of classifiedSentences(target, registers)) if (c.register.id !== except && !firstOf.has(c.register.id)) firstOf.set(c.register.id, c);
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
    const parts = describeRegisters(target, registers);
    if (parts.length < 2) return undefined;
    return `${label} mixes speech levels: ${parts.join(' and ')}; use one level throughout.`;
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
