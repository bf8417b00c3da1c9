/**
 * Journal events: one JSON line each in journal/<author>.jsonl. Every event
 * names the item and the hash of the source text it was made against, so a
 * changed source marks the item stale instead of silently keeping old work.
 */
import type { TextRole } from '../dataset/item.js';

export type Decision = 'transfer' | 'adapt' | 'replace' | 'drop';
export type ChecklistAnswer = 'yes' | 'no' | 'n/a';
export type ReviewVerdict = 'approve' | 'reject';

interface Base {
  /** Event format version. */
  v: 1;
  /** ISO 8601 time with milliseconds. */
  ts: string;
  author: string;
  item: string;
  sourceHash: string;
}

/** A machine translation of the item's question and answer (stored whole, never half). */
export interface MtEvent extends Base {
  type: 'mt';
  provider: string;
  /** e.g. "DeepL" or "pseudo (NOT a translation)". */
  label: string;
  /** False for pseudo-localization output. */
  isTranslation: boolean;
  question: string;
  answer: string;
}

/** A human edit of the target question or answer. */
export interface EditEvent extends Base {
  type: 'edit';
  field: TextRole;
  text: string;
}

export interface ChecklistEvent extends Base {
  type: 'checklist';
  question: string;
  answer: ChecklistAnswer;
  note?: string;
}

export interface DecisionEvent extends Base {
  type: 'decision';
  decision: Decision;
  rationale?: string;
  /** Made by a second annotator on a double-annotation sample: kept apart for agreement, never the item's decision. */
  secondary?: boolean;
}

export interface FlagEvent extends Base {
  type: 'flag';
  note: string;
  /** True to clear the item's flags. */
  resolved?: boolean;
}

export interface ReviewEvent extends Base {
  type: 'review';
  verdict: ReviewVerdict;
  comment?: string;
}

/** Assign the item to a second annotator (double annotation sample). */
export interface AssignEvent extends Base {
  type: 'assign';
  assignee: string;
  role: 'secondary';
}

export type JournalEvent = MtEvent | EditEvent | ChecklistEvent | DecisionEvent | FlagEvent | ReviewEvent | AssignEvent;
export type EventType = JournalEvent['type'];

/** What callers pass: the journal fills in v, ts and author. */
export type NewEvent = JournalEvent extends infer E ? (E extends JournalEvent ? Omit<E, 'v' | 'ts' | 'author'> : never) : never;

export const EVENT_TYPES: readonly EventType[] = ['mt', 'edit', 'checklist', 'decision', 'flag', 'review', 'assign'];

export function isJournalEvent(v: unknown): v is JournalEvent {
  if (v === null || typeof v !== 'object') return false;
  const e = v as Record<string, unknown>;
  return (
    e.v === 1 &&
    typeof e.ts === 'string' &&
    typeof e.author === 'string' &&
    typeof e.item === 'string' &&
    typeof e.sourceHash === 'string' &&
    EVENT_TYPES.includes(e.type as EventType)
  );
}
