/**
 * The decision vocabulary every item ends with, as in culture-adapted
 * benchmarks such as KoBBQ. Kept as provenance with the checklist answers and
 * the rationale, and summarised in the dataset card. The stored type lives with
 * the journal events (project/events.ts); this module owns its meaning.
 */
import type { Decision, StoredDecision } from './events.js';

export type { Decision, StoredDecision };

export const DECISIONS = ['transfer', 'adapt', 'replace-target', 'replace-scenario', 'drop', 'new'] as const satisfies readonly Decision[];

/** What a localizer may choose for a source item: "new" is only made by `carefully add`. */
export const SOURCE_DECISIONS = ['transfer', 'adapt', 'replace-target', 'replace-scenario', 'drop'] as const satisfies readonly Decision[];

/** The two kinds of replacement. */
export const REPLACE_DECISIONS: readonly Decision[] = ['replace-target', 'replace-scenario'];

/**
 * A stored decision in today's vocabulary: "replace" (written before the two
 * kinds were told apart) is replace-target when its event names the replaced
 * group, else replace-scenario.
 */
export function currentDecision(d: StoredDecision, groups?: unknown): Decision {
  if (d !== 'replace') return d;
  return groups === undefined ? 'replace-scenario' : 'replace-target';
}

/** What a user may type: today's decisions, and "replace" as before (read as replace-scenario). */
export function parseDecision(value: unknown): Decision | undefined {
  if (value === 'replace') return 'replace-scenario';
  return isDecision(value) ? value : undefined;
}

/** A zero count per decision, in DECISIONS order (for tallies). */
export function decisionCounts(): Record<Decision, number> {
  return Object.fromEntries(DECISIONS.map((d) => [d, 0])) as Record<Decision, number>;
}

/** One line each (the dataset card prints them after the decision's name). */
export const DECISION_DESCRIPTIONS: Readonly<Record<Decision, string>> = {
  transfer: 'translation is enough: the item probes the same harm in the target society as it is',
  adapt: 'target-specific entities or facts were changed (names, numbers, laws, institutions, help lines)',
  'replace-target': 'the same harm and scenario with a different target group or entity of the target society (source → target group recorded)',
  'replace-scenario': 'a new target-culture scenario was written for the same specific harm',
  drop: 'no sensible counterpart in the target society (reason recorded)',
  new: 'an item with no source record, written in the target language for a harm of the target society',
};

/**
 * The KoBBQ class each decision corresponds to (ST simply-transferred, TM
 * target-modified, SR sample-removed, NC newly-created); adapt and
 * replace-scenario change the sample while keeping the harm.
 */
export const KOBBQ_CLASS: Readonly<Record<Decision, string>> = {
  transfer: 'ST',
  adapt: 'TM',
  'replace-target': 'TM',
  'replace-scenario': 'NC',
  drop: 'SR',
  new: 'NC',
};

/** Accepts anything, since decisions are read back from journals other versions may have written. */
export function isDecision(value: unknown): value is Decision {
  return typeof value === 'string' && (DECISIONS as readonly string[]).includes(value);
}

/** adapt, replace-*, drop and new depart from the source and must say why; transfer need not. */
export function requiresRationale(d: Decision): boolean {
  return d !== 'transfer';
}

/**
 * An error message, or undefined when the decision is complete. A rationale
 * must say something: whitespace or punctuation alone ("-", "...") does not count.
 */
export function validateDecision(input: { decision: unknown; rationale?: string | undefined }): string | undefined {
  const { decision, rationale } = input;
  if (!isDecision(decision)) return `${JSON.stringify(decision)} is not a decision: use one of ${SOURCE_DECISIONS.join(', ')}.`;
  if (requiresRationale(decision) && !/[\p{L}\p{N}]/u.test(rationale ?? '')) {
    return `A "${decision}" decision needs a rationale: say what changed or why there is no counterpart.`;
  }
  return undefined;
}
