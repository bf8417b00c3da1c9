/** Checks that an item's decision (transfer / adapt / replace / drop) agrees with its text and has a rationale. */
import { defineCheck } from '../check.js';
import { fieldLabel, isBlank, nfkc } from '../text.js';
import { rewrittenUnderTransfer } from '../messages.js';
import { QA_FIELDS } from '../types.js';
import type { Finding } from '../types.js';

/**
 * A "transfer" (translation is enough) may fix the machine translation, but
 * target and MT should stay at least this similar (1 − edit distance / longer
 * length, whitespace, punctuation, symbols, width and case ignored). 0.9
 * leaves room for fixing a word or a particle in a sentence, not for rewriting it.
 */
export const TRANSFER_MIN_SIMILARITY = 0.9;

/** The text a decision comparison looks at: NFKC, lower case, no whitespace, punctuation or symbols. */
export function comparable(text: string): string {
  return nfkc(text)
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}

/** Levenshtein distance between code-point arrays, or `max + 1` as soon as it must exceed `max` (banded: O(length · max)). */
export function boundedEditDistance(a: readonly string[], b: readonly string[], max: number): number {
  const inf = max + 1;
  if (Math.abs(a.length - b.length) > max) return inf;
  if (a.length === 0 || b.length === 0) return Math.max(a.length, b.length);
  // Only cells within `max` of the diagonal can hold a distance <= max; each row
  // writes its band plus one cell either side, which is all the next row reads.
  let prev = new Array<number>(b.length + 1).fill(inf);
  let curr = new Array<number>(b.length + 1).fill(inf);
  for (let j = 0; j <= Math.min(b.length, max); j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const lo = Math.max(1, i - max);
    const hi = Math.min(b.length, i + max);
    curr[lo - 1] = lo === 1 && i <= max ? i : inf;
    let rowMin = curr[lo - 1]!;
    for (let j = lo; j <= hi; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const v = Math.min(prev[j - 1]! + cost, prev[j]! + 1, curr[j - 1]! + 1, inf);
      curr[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (hi < b.length) curr[hi + 1] = inf;
    if (rowMin > max) return inf;
    [prev, curr] = [curr, prev];
  }
  return prev[b.length]!;
}

/** 1 − edit distance / longer length, on `comparable` text; 1 for two empty texts. */
export function similarity(a: string, b: string): number {
  const x = Array.from(comparable(a));
  const y = Array.from(comparable(b));
  const longer = Math.max(x.length, y.length);
  return longer === 0 ? 1 : 1 - boundedEditDistance(x, y, longer) / longer;
}

/** True when the similarity is at least `min`, computed with a distance bound so that long, very different texts stay cheap. */
export function similarAtLeast(a: string, b: string, min: number): boolean {
  const x = Array.from(comparable(a));
  const y = Array.from(comparable(b));
  const longer = Math.max(x.length, y.length);
  if (longer === 0) return true;
  const allowed = Math.floor((1 - min) * longer + 1e-9);
  return boundedEditDistance(x, y, allowed) <= allowed;
}

/**
 * Decision does not match the text or lacks a rationale.
 *
 * - "transfer" whose target was edited beyond small fixes of the MT
 *   (similarity below TRANSFER_MIN_SIMILARITY in a field): warning, or info
 *   when a rationale explains it — target-specific changes mean "adapt";
 * - "adapt" or "replace-*" whose text is the MT unchanged (ignoring whitespace
 *   and punctuation): error — the adaptation was not made or the decision is wrong;
 * - "drop" without a rationale: error (the design requires a reason);
 *   "adapt", "replace-*" or "new" without one: warning.
 */
export const decisionConsistency = defineCheck({
  id: 'decision-consistency',
  title: 'Decision does not match the text or lacks a rationale',
  severity: 'error',
  skipDecisions: [],
  run(input) {
    const { decision, mt, target } = input;
    const findings: Finding[] = [];
    const add = (severity: Finding['severity'], message: string, field?: Finding['field']): void => {
      findings.push({ check: 'decision-consistency', severity, ...(field ? { field } : {}), message });
    };
    const hasRationale = !isBlank(input.rationale);
    if (decision === 'transfer' && mt) {
      for (const field of QA_FIELDS) {
        if (similarAtLeast(target[field], mt[field], TRANSFER_MIN_SIMILARITY)) continue;
        const sim = similarity(target[field], mt[field]).toFixed(2);
        add(hasRationale ? 'info' : 'warning', rewrittenUnderTransfer(fieldLabel(field), sim, TRANSFER_MIN_SIMILARITY), field);
      }
    }
    const departs = decision === 'adapt' || decision === 'replace-target' || decision === 'replace-scenario';
    if (departs && mt && QA_FIELDS.every((f) => comparable(target[f]) === comparable(mt[f]))) {
      const todo = decision === 'adapt' ? 'make the adaptation' : 'write the replacement item';
      add('error', `Decision is "${decision}" but the text is the machine translation unchanged; ${todo}, or make it "transfer".`);
    }
    if (!hasRationale && (decision === 'drop' || decision === 'new' || departs)) {
      const why = decision === 'drop' ? 'why the item has no sensible counterpart' : 'what was changed and why';
      add(decision === 'drop' ? 'error' : 'warning', `Decision "${decision}" has no rationale; say ${why}.`);
    }
    return findings;
  },
});
