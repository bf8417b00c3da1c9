/** The registry of QA checks, in report order. Add a check here to make it run. */
import { sourceCultureLeftover } from './culture.js';
import { decisionConsistency } from './decision.js';
import { glossaryDoNotTranslate, glossaryMustTranslate } from './glossary.js';
import { japaneseKanjiForms } from './japanese-kanji.js';
import { sourceNearCopy } from './leak.js';
import { lengthRatio } from './length.js';
import { emails, numbers, placeholders, tags, urls } from './placeables.js';
import { registerMixed, registerPreferred } from './register.js';
import { sourcePunctuation, sourceScript } from './script.js';
import { empty, unchangedFromSource, untranslated } from './untranslated.js';
import type { Check } from '../types.js';

/**
 * Version of what the checks find: part of the QA result cache's key
 * (qa-cache.ts). Bump it with any change to a check's findings or messages.
 */
export const CHECK_SET_VERSION = 2;

export const ALL_CHECKS: readonly Check[] = [
  empty,
  untranslated,
  unchangedFromSource,
  sourceScript,
  sourcePunctuation,
  japaneseKanjiForms,
  numbers,
  urls,
  emails,
  placeholders,
  tags,
  glossaryMustTranslate,
  glossaryDoNotTranslate,
  sourceCultureLeftover,
  sourceNearCopy,
  lengthRatio,
  registerMixed,
  registerPreferred,
  decisionConsistency,
];

export function findCheck(id: string): Check | undefined {
  return ALL_CHECKS.find((c) => c.id === id);
}

export {
  decisionConsistency,
  emails,
  empty,
  glossaryDoNotTranslate,
  glossaryMustTranslate,
  japaneseKanjiForms,
  lengthRatio,
  numbers,
  placeholders,
  registerMixed,
  registerPreferred,
  sourceCultureLeftover,
  sourceNearCopy,
  sourcePunctuation,
  sourceScript,
  tags,
  unchangedFromSource,
  untranslated,
  urls,
};
