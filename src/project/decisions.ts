/**
 * The decision vocabulary every item ends with, as in culture-adapted
 * benchmarks such as KoBBQ. Kept as provenance with the checklist answers and
 * the rationale, and summarised in the dataset card. The stored type lives with
 * the journal events (project/events.ts); this module owns its meaning.
 */
import type { Decision } from './events.js';

export type { Decision };

export const DECISIONS = ['transfer', 'adapt', 'replace', 'drop'] as const satisfies readonly Decision[];

/** A zero count per decision, in DECISIONS order (for tallies). */
export function decisionCounts(): Record<Decision, number> {
  return Object.fromEntries(DECISIONS.map((d) => [d, 0])) as Record<Decision, number>;
}

/** One line each (the dataset card prints them after the decision's name). */
export const DECISION_DESCRIPTIONS: Readonly<Record<Decision, string>> = {
  transfer: 'translation is enough: the item probes the same harm in the target society as it is',
  adapt: 'target-specific entities or facts were changed (names, numbers, laws, institutions, help lines)',
  replace: 'a new target-culture item was written for the same specific harm',
  drop: 'no sensible counterpart in the target society (reason recorded)',
};

/** Accepts anything, since decisions are read back from journals other versions may have written. */
export function isDecision(value: unknown): value is Decision {
  return typeof value === 'string' && (DECISIONS as readonly string[]).includes(value);
}

/** adapt, replace and drop depart from the source and must say why; transfer need not. */
export function requiresRationale(d: Decision): boolean {
  return d !== 'transfer';
}

/**
 * An error message, or undefined when the decision is complete. A rationale
 * must say something: whitespace or punctuation alone ("-", "...") does not count.
 */
export function validateDecision(input: { decision: unknown; rationale?: string | undefined }): string | undefined {
  const { decision, rationale } = input;
  if (!isDecision(decision)) return `${JSON.stringify(decision)} is not a decision: use one of ${DECISIONS.join(', ')}.`;
  if (requiresRationale(decision) && !/[\p{L}\p{N}]/u.test(rationale ?? '')) {
    return `A "${decision}" decision needs a rationale: say what changed or why there is no counterpart.`;
  }
  return undefined;
}
