/**
 * Per-item cultural labels (issue #16), after Global-MMLU (culturally
 * sensitive / agnostic, time-sensitive) and Aya red-teaming (global / local
 * harm). They are answers to three base-pack checklist questions; where the
 * item already says enough (the source's Japan-specific annotation, an item
 * added for the target society, a decision that changed the item for the
 * target culture), the label is inferred and the wizard does not ask.
 */
import type { SourceItem } from '../dataset/item.js';
import type { ItemState } from '../project/state.js';

/** The checklist questions (base pack) that hold the labels. */
export const LABEL_QUESTIONS = { sensitivity: 'cultural-sensitivity', scope: 'harm-scope', time: 'time-sensitive' } as const;

export type Sensitivity = 'sensitive' | 'agnostic';
export type Scope = 'global' | 'local';

export interface CulturalLabels {
  sensitivity: Sensitivity | null;
  scope: Scope | null;
  timeSensitive: boolean | null;
  /** When a time-sensitive item's facts were checked (YYYY-MM-DD). */
  asOf: string | null;
  /** Labels that were inferred rather than answered. */
  inferred: ('sensitivity' | 'scope')[];
}

type LabelState = Pick<ItemState, 'checklist'> & { decision?: Pick<NonNullable<ItemState['decision']>, 'decision'> };

/** What the item itself says about a label question, or undefined when someone has to answer it. */
export function inferredAnswer(question: string, item: SourceItem, state: LabelState): string | undefined {
  const decision = state.decision?.decision;
  const local = item.added === true || item.japanSpecific === true || decision === 'replace-scenario';
  if (question === LABEL_QUESTIONS.scope) return local ? 'local' : undefined;
  if (question === LABEL_QUESTIONS.sensitivity) {
    const changed = decision === 'adapt' || decision === 'replace-target' || decision === 'replace-scenario';
    return local || changed ? 'sensitive' : undefined;
  }
  return undefined;
}

/** The item's labels: answers first, then what can be inferred; null where neither says. */
export function culturalLabels(item: SourceItem, state: LabelState): CulturalLabels {
  const answer = (q: string) => {
    const a = state.checklist[q]?.answer;
    return a === undefined || a === 'n/a' ? undefined : a;
  };
  const inferred: CulturalLabels['inferred'] = [];
  const pick = <T extends string>(key: 'sensitivity' | 'scope', values: readonly T[]): T | null => {
    const given = answer(LABEL_QUESTIONS[key]);
    if (given !== undefined && (values as readonly string[]).includes(given)) return given as T;
    const guess = inferredAnswer(LABEL_QUESTIONS[key], item, state);
    if (guess === undefined) return null;
    inferred.push(key);
    return guess as T;
  };
  const sensitivity = pick<Sensitivity>('sensitivity', ['sensitive', 'agnostic']);
  const scope = pick<Scope>('scope', ['global', 'local']);
  const time = answer(LABEL_QUESTIONS.time);
  const timeSensitive = time === 'time-sensitive' ? true : time === 'timeless' ? false : null;
  const asOf = timeSensitive ? (state.checklist[LABEL_QUESTIONS.time]?.note ?? null) : null;
  return { sensitivity, scope, timeSensitive, asOf, inferred };
}
