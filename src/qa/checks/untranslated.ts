/** Checks for a target that is missing or is still the source text. */
import { defineFieldCheck } from '../check.js';
import { isBlank, originalTexts, quote, sameCompact } from '../text.js';
import type { FieldEnv } from '../check.js';

/** Which source version (Japanese or English) `target` repeats, using `same` to compare. */
function repeatedSource(target: string, env: FieldEnv, same: (a: string, b: string) => boolean): string | undefined {
  if (isBlank(target)) return undefined;
  const texts = originalTexts(env.input, env.field);
  for (let i = 0; i < texts.length; i++) {
    if (same(texts[i]!, target)) return texts[i] === env.input.item[env.field] ? 'source' : 'English source';
  }
  return undefined;
}

const sameTrimmed = (a: string, b: string): boolean => a.trim() === b.trim();

/**
 * Empty translation.
 *
 * The source has text, the target has none (a dropped item is not checked).
 */
export const empty = defineFieldCheck({
  id: 'empty',
  title: 'Empty translation',
  severity: 'error',
  test(source, target, { label }) {
    if (isBlank(source) || !isBlank(target)) return undefined;
    return `${label} is empty while the source has ${quote(source)}; translate it.`;
  },
});

/**
 * Target is the source text, unchanged.
 *
 * The target is identical (ignoring leading and trailing spaces) to the
 * Japanese source or its English translation. Besides being untranslated, it
 * would put original AnswerCarefully text into the derived dataset, which its
 * terms of use forbid.
 */
export const untranslated = defineFieldCheck({
  id: 'untranslated',
  title: 'Target is the source text, unchanged',
  severity: 'error',
  test(_source, target, env) {
    const which = repeatedSource(target, env, sameTrimmed);
    if (which === undefined) return undefined;
    return `${env.label} ${quote(target.trim())} is the ${which} text itself; translate it.`;
  },
});

/**
 * Target equals the source once whitespace, width and case are ignored.
 *
 * Catches a copy of the source with only spacing, full-width/half-width forms
 * or letter case changed, which `untranslated` (and export's verbatim leak
 * guard) would miss.
 */
export const unchangedFromSource = defineFieldCheck({
  id: 'unchanged-from-source',
  title: 'Target equals the source once whitespace, width and case are ignored',
  severity: 'error',
  test(_source, target, env) {
    const exact = repeatedSource(target, env, sameTrimmed);
    if (exact !== undefined) return undefined; // reported by `untranslated`
    const which = repeatedSource(target, env, sameCompact);
    if (which === undefined) return undefined;
    return `${env.label} ${quote(target.trim())} is the ${which} text with only spacing, width or case changed; translate it.`;
  },
});
