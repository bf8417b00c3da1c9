/** Checks that the locale pack's glossary is followed. */
import { defineFieldCheck, SKIP_NEW_TEXT } from '../check.js';
import { intendedTerms } from '../intended.js';
import { hasTermIn, isBlank, nfkc, originalTexts, quote } from '../text.js';
import { glossaryIndex } from '../glossary-index.js';
import type { FieldEnv } from '../check.js';
import type { GlossaryEntry } from '../../locale/locale-pack-types.js';

/** Glossary entries (with their NFKC target, lower case) whose source term occurs (as a whole word) in the Japanese or English source of the field, unless declared intentionally changed. */
function entriesInSource(env: FieldEnv, pick: (e: GlossaryEntry) => boolean, caseSensitive: boolean): { entry: GlossaryEntry; target: string }[] {
  const pack = env.ctx.pack;
  if (!pack || pack.glossary.length === 0) return [];
  const index = glossaryIndex(pack);
  const found = index.inTexts((env.memo.nfkcOriginals ??= originalTexts(env.input, env.field).map(nfkc)), caseSensitive);
  if (found.length === 0) return [];
  const intended = new Set(intendedTerms(env.input, env.ctx));
  return found.filter((i) => pick(index.entries[i]!) && !intended.has(index.sources[i]!)).map((i) => ({ entry: index.entries[i]!, target: index.targets[i]! }));
}

/**
 * Glossary term not rendered as the glossary requires.
 *
 * The source (Japanese or English) contains a must-translate term, and the
 * target lacks the glossary's rendering of it (case-insensitive, particles
 * allowed after it: "보이스피싱에" has "보이스피싱").
 */
export const glossaryMustTranslate = defineFieldCheck({
  id: 'glossary-must-translate',
  title: 'Glossary term not rendered as the glossary requires',
  severity: 'warning',
  skipDecisions: SKIP_NEW_TEXT,
  test(_source, target, env) {
    if (isBlank(target)) return undefined;
    const entries = entriesInSource(env, (e) => !e.doNotTranslate && !isBlank(e.target), false);
    if (entries.length === 0) return undefined;
    const target_ = nfkc(target).toLowerCase();
    const missed = entries.filter((e) => !target_.includes(e.target)).map((e) => e.entry);
    if (missed.length === 0) return undefined;
    const list = missed.map((e) => `${quote(e.target ?? '')} for ${quote(e.source)}`).join(', ');
    return `${env.label} does not use the glossary rendering ${list}; use it.`;
  },
});

/**
 * Do-not-translate term not kept verbatim.
 *
 * The source contains a do-not-translate term (case-sensitive, whole word:
 * "LINE" but not "online"), and the target does not contain it exactly.
 */
export const glossaryDoNotTranslate = defineFieldCheck({
  id: 'glossary-do-not-translate',
  title: 'Do-not-translate term not kept verbatim',
  severity: 'warning',
  skipDecisions: SKIP_NEW_TEXT,
  test(_source, target, env) {
    if (isBlank(target)) return undefined;
    const plain = nfkc(target);
    const missed = entriesInSource(env, (e) => e.doNotTranslate === true, true)
      .map((e) => e.entry)
      .filter((e) => !hasTermIn(plain, e.source, { caseSensitive: true }));
    if (missed.length === 0) return undefined;
    return `${env.label} does not keep ${missed.map((e) => quote(e.source)).join(', ')} verbatim; write it exactly as in the source.`;
  },
});
