/**
 * The decision vocabulary every item ends with, as in culture-adapted
 * benchmarks such as KoBBQ.
 */
import type { Decision } from '../project/events.js';

export type { Decision };

export const DECISIONS = ['transfer', 'adapt', 'replace', 'drop'] as const satisfies readonly Decision[];

export const DECISION_DESCRIPTIONS: Record<Decision, string> = {
  transfer: 'translation is enough: the item probes the same harm in the target society as it is',
  adapt: 'target-specific entities or facts were changed (names, numbers, laws, institutions, help lines)',
  replace: 'a new target-culture item was written for the same specific harm',
  drop: 'no sensible counterpart in the target society (reason recorded)',
};

export function isDecision(value: string): value is Decision {
  return (DECISIONS as readonly string[]).includes(value);
}

/** adapt, replace and drop must say why; transfer need not. */
export function requiresRationale(d: Decision): boolean {
  return d !== 'transfer';
}

/** An error message, or undefined when the decision is complete. */
export function validateDecision(input: { decision: string; rationale?: string }): string | undefined {
  if (!isDecision(input.decision)) return `"${input.decision}" is not a decision: use one of ${DECISIONS.join(', ')}.`;
  if (requiresRationale(input.decision) && !input.rationale?.trim()) return `A "${input.decision}" decision needs a rationale: say what changed or why.`;
  return undefined;
}
