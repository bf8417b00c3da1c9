/** Checks for characters of the source language's writing system left in the target. */
import { defineFieldCheck } from '../check.js';
import { languageName, quoteList } from '../text.js';
import { foreignScript, japanesePunctuation } from '../messages.js';

/** A set of letters, as the body of a regular-expression character class (flag "u"). */
export interface ScriptClass {
  name: string;
  chars: string;
}

const HAN: ScriptClass = { name: 'Han characters', chars: '\\p{sc=Han}' };
/** U+30FC (ー) is Script=Common, but only kana text uses it. */
const KANA: ScriptClass = { name: 'kana', chars: '\\p{sc=Hiragana}\\p{sc=Katakana}\\u30fc' };
const HANGUL: ScriptClass = { name: 'Hangul', chars: '\\p{sc=Hangul}' };
const LATIN: ScriptClass = { name: 'Latin letters', chars: '\\p{sc=Latin}' };

/**
 * Letters a text in each ISO 15924 script uses (digits, punctuation and other
 * Script=Common/Inherited characters are always allowed, and so is Latin, for
 * names, acronyms and URLs). ko ("Kore") is Hangul only: Korean normally uses
 * no Hanja today. zh ("Hans"/"Hant") uses Han but never kana; ja uses both.
 * Scripts not listed here map to their own Unicode script (e.g. "Cyrl").
 */
const SCRIPTS_BY_ISO_CODE: Readonly<Record<string, readonly ScriptClass[]>> = {
  Jpan: [HAN, KANA],
  Kore: [HANGUL],
  Hans: [HAN],
  Hant: [HAN],
  Latn: [],
};

/** AnswerCarefully is Japanese: its scripts are in play even when translating from the English fields. */
export const ORIGINAL_LANGUAGE = 'ja';

/** The letters a language's text normally uses, or undefined when the tag or its script is unknown. */
export function scriptsOf(languageTag: string): ScriptClass[] | undefined {
  let code: string | undefined;
  try {
    code = new Intl.Locale(languageTag).maximize().script;
  } catch {
    return undefined;
  }
  if (code === undefined) return undefined;
  const known = SCRIPTS_BY_ISO_CODE[code];
  if (known) return [...known, LATIN];
  try {
    new RegExp(`\\p{sc=${code}}`, 'u');
  } catch {
    return undefined;
  }
  return [{ name: `${code} script`, chars: `\\p{sc=${code}}` }, LATIN];
}

/** Scripts of the source (and of the Japanese original) that a target in `targetLanguage` does not use. */
export function foreignSourceScripts(sourceLanguage: string, targetLanguage: string): ScriptClass[] {
  const key = `${sourceLanguage}>${targetLanguage}`;
  let foreign = foreignByPair.get(key);
  if (!foreign) foreignByPair.set(key, (foreign = computeForeignScripts(sourceLanguage, targetLanguage)));
  return foreign;
}
const foreignByPair = new Map<string, ScriptClass[]>();

function computeForeignScripts(sourceLanguage: string, targetLanguage: string): ScriptClass[] {
  const allowed = scriptsOf(targetLanguage);
  if (!allowed) return [];
  const allowedNames = new Set(allowed.map((s) => s.name));
  const source = [...(scriptsOf(sourceLanguage) ?? []), ...(scriptsOf(ORIGINAL_LANGUAGE) ?? [])];
  const foreign = new Map<string, ScriptClass>();
  for (const s of source) if (!allowedNames.has(s.name)) foreign.set(s.name, s);
  return [...foreign.values()];
}

/**
 * Compiled once per set of foreign scripts (the check runs on every field of
 * every item): the regex, and its verdict by UTF-16 unit (0 not asked yet, 1 a
 * foreign letter or a surrogate, which only the regex can judge, 2 neither),
 * so that a text without any (nearly all) is passed by one loop.
 */
const foreignRuns = new WeakMap<ScriptClass[], { regex: RegExp; units: Uint8Array }>();
function foreignRunRegExp(foreign: ScriptClass[]): { regex: RegExp; units: Uint8Array } {
  let re = foreignRuns.get(foreign);
  if (!re) {
    re = { regex: new RegExp(`[${foreign.map((s) => s.chars).join('')}]+`, 'gu'), units: new Uint8Array(0x10000) };
    foreignRuns.set(foreign, re);
  }
  return re;
}

function mayHaveForeign(text: string, { regex, units }: { regex: RegExp; units: Uint8Array }): boolean {
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i);
    if (units[u] === 0) units[u] = (u >= 0xd800 && u <= 0xdfff) || text.charAt(i).search(regex) === 0 ? 1 : 2;
    if (units[u] === 1) return true;
  }
  return false;
}

/**
 * Source-language script the target language does not use.
 *
 * Kana in Korean or Chinese, Han characters (Hanja) in Korean, any of them in
 * English: almost always text the translation missed ("경찰에 電話하세요").
 */
export const sourceScript = defineFieldCheck({
  id: 'source-script',
  title: 'Source-language script the target language does not use',
  severity: 'error',
  test(_source, target, { label, input }) {
    const foreign = foreignSourceScripts(input.sourceLanguage, input.targetLanguage);
    if (foreign.length === 0) return undefined;
    const scan = foreignRunRegExp(foreign);
    if (!mayHaveForeign(target, scan)) return undefined;
    const runs = target.match(scan.regex);
    if (!runs) return undefined;
    const found = foreign.filter((s) => runs.some((r) => new RegExp(`[${s.chars}]`, 'u').test(r))).map((s) => s.name);
    return foreignScript(label, found.join(' and '), languageName(input.targetLanguage), quoteList(runs), new Set(runs).size === 1);
  },
});

/** The likely script of a language tag ("ko" -> "Kore"), undefined when unknown; computed once per tag (the check runs on every field). */
function scriptCode(tag: string): string | undefined {
  if (!scriptCodes.has(tag)) {
    let script: string | undefined;
    try {
      script = new Intl.Locale(tag).maximize().script;
    } catch {
      script = undefined;
    }
    scriptCodes.set(tag, script);
  }
  return scriptCodes.get(tag);
}
const scriptCodes = new Map<string, string | undefined>();

/** Japanese-only punctuation: ideographic comma and full stop, katakana middle dot. */
const JAPANESE_PUNCTUATION = /[、。・]/gu;
/** Targets whose writing uses that punctuation. */
const USES_CJK_PUNCTUATION = new Set(['Jpan', 'Hans', 'Hant']);

/**
 * Japanese punctuation in a target that does not use it.
 *
 * 、 。 ・ in Korean or English text are leftovers of the Japanese source; use
 * the target's own punctuation (", . ·").
 */
export const sourcePunctuation = defineFieldCheck({
  id: 'source-punctuation',
  title: 'Japanese punctuation in a target that does not use it',
  severity: 'warning',
  test(_source, target, { label, input }) {
    const script = scriptCode(input.targetLanguage);
    if (script === undefined || USES_CJK_PUNCTUATION.has(script)) return undefined;
    const marks = target.match(JAPANESE_PUNCTUATION);
    if (!marks) return undefined;
    return japanesePunctuation(label, quoteList(marks), languageName(input.targetLanguage));
  },
});
