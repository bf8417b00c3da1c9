/** Checks that the locale pack's glossary is followed. */
import { defineFieldCheck, SKIP_NEW_TEXT } from '../check.js';
import { intendedTerms } from '../intended.js';
import { hasTermIn, isBlank, nfkc, originalTexts, quote } from '../text.js';
import type { FieldEnv } from '../check.js';
import type { GlossaryEntry } from '../../locale/locale-pack-types.js';

/** Glossary entries whose source term occurs (as a whole word) in the Japanese or English source of the field, unless declared intentionally changed. */
function entriesInSource(env: FieldEnv, pick: (e: GlossaryEntry) => boolean, caseSensitive: boolean): GlossaryEntry[] {
  const glossary = env.ctx.pack?.glossary ?? [];
  if (glossary.length === 0) return [];
  const intended = new Set(intendedTerms(env.input, env.ctx));
  const sources = originalTexts(env.input, env.field).map(nfkc);
  return glossary.filter(
    (e) => pick(e) && !isBlank(e.source) && !intended.has(nfkc(e.source).trim()) && sources.some((s) => hasTermIn(s, e.source, { caseSensitive })),
  );
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
    const target_ = nfkc(target).toLowerCase();
    const missed = entriesInSource(env, (e) => !e.doNotTranslate && !isBlank(e.target), false).filter(
      (e) =>
        !target_.includes(
          nfkc(e.target ?? '')
            .trim()
            .toLowerCase(),
        ),
    );
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
    const missed = entriesInSource(env, (e) => e.doNotTranslate === true, true).filter((e) => !hasTermIn(plain, e.source, { caseSensitive: true }));
    if (missed.length === 0) return undefined;
    return `${env.label} does not keep ${missed.map((e) => quote(e.source)).join(', ')} verbatim; write it exactly as in the source.`;
  },
});
