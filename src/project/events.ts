/**
 * Journal events: one JSON line each in journal/<author>.jsonl. Every event
 * names the item and the hash of the source text it was made against, so a
 * changed source marks the item stale instead of silently keeping old work.
 */
import type { TextRole } from '../dataset/item.js';

export type Decision = 'transfer' | 'adapt' | 'replace-target' | 'replace-scenario' | 'drop' | 'new';
/** A decision as journals hold it: versions before issue 16 wrote "replace" (read as replace-scenario, or replace-target when `groups` is given). */
export type StoredDecision = Decision | 'replace';
/** A replace-target decision's source group → target group pair (KoBBQ's target-modified items). */
export interface GroupPair {
  source: string;
  target: string;
}
/** "yes" / "no" / "n/a", or the ID of one of the question's options. */
export type ChecklistAnswer = 'yes' | 'no' | 'n/a' | (string & {});
export type ReviewVerdict = 'approve' | 'reject';

interface Base {
  /** Event format version: 2 adds the causal order (`c`, a decision's `after`); 1 is ordered by `ts` alone. */
  v: 1 | 2;
  /** ISO 8601 time with milliseconds: the wall time of the writer's hybrid logical clock (project/event-order.ts). */
  ts: string;
  /** Version 2: the clock's logical counter, ordering events within one millisecond. */
  c?: number;
  /** Set when the event was written with others as one unit (an answers file): `<unit ID>/<event count>`; a unit not whole on disk is ignored. */
  unit?: string;
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
  /** Set when the person accepted a model suggestion: the `ts` of that suggestion event. */
  fromSuggestion?: string;
}

export interface ChecklistEvent extends Base {
  type: 'checklist';
  question: string;
  answer: ChecklistAnswer;
  note?: string;
}

export interface DecisionEvent extends Base {
  type: 'decision';
  decision: StoredDecision;
  rationale?: string;
  /** replace-target: which group or entity of the source was replaced by which target-culture one. */
  groups?: GroupPair;
  /** Made by a second annotator on a double-annotation sample: kept apart for agreement, never the item's decision. */
  secondary?: boolean;
  /** Version 2, primary decisions: the IDs (event-order.ts eventId) of the item's decisions its author saw as current; absent when none. */
  after?: string[];
}

export interface FlagEvent extends Base {
  type: 'flag';
  note: string;
  /** True to clear the item's flags. */
  resolved?: boolean;
  /** True for a reply to the item's open flags (kept with them; opens no new flag). */
  reply?: boolean;
}

/**
 * A deliberate change of the target from the source ("110番" -> "112"), so the
 * QA checks do not report it. `withdrawn` removes the same source/target pair.
 */
export interface IntendedEvent extends Base {
  type: 'intended';
  source: string;
  target: string;
  reason: string;
  withdrawn?: boolean;
}

/**
 * A QA finding accepted on purpose: the item's findings of `check` (on `field`,
 * or on the whole item) are listed apart as waived while the text they were
 * judged on is unchanged (`targetHash`, see target-hash.ts). `revoked` removes it.
 */
export interface WaiverEvent extends Base {
  type: 'waiver';
  check: string;
  field?: TextRole;
  reason: string;
  targetHash: string;
  revoked?: boolean;
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

/**
 * Takes back one earlier event of the same author on the same item (`undoes`:
 * its event-order.ts eventId), never by rewriting the journal: the fold
 * ignores the undone event (project/undo.ts). An undo naming another
 * author's event, an MT, an assignment or an undo is itself ignored.
 */
export interface UndoEvent extends Base {
  type: 'undo';
  undoes: string;
}

/**
 * An item written in the target language with no source record (`carefully add`): its text,
 * taxonomy labels and rationale. Its ID is in its own namespace (`<dataset>-<lang>-new-<author tag>-0001`; older ones `<dataset>-<lang>-new-0001`).
 */
export interface NewItemEvent extends Base {
  type: 'new';
  question: string;
  answer: string;
  riskArea?: string;
  harmType?: string;
  /** An existing specific-harm label, or a namespaced new one (`<lang>:<name>`) the dataset card lists. */
  specificHarm?: string;
  rationale: string;
}

/**
 * A language model's proposed adaptation (carefully suggest, or [p] in the adapt wizard). It never changes the
 * item's target or decision: only an edit event by a person does (marked `fromSuggestion`).
 */
export interface SuggestionEvent extends Base {
  type: 'suggestion';
  model: string;
  /** Host (and port) of the endpoint, never its credentials or path. */
  endpoint: string;
  /** sha256 (12 hex) of the prompt template used. */
  promptHash: string;
  /** Whether the Japanese source text was in the prompt. */
  sentSource: boolean;
  question: string;
  answer: string;
  rationale: string;
  changes: string[];
}

export type JournalEvent =
  | NewItemEvent
  | MtEvent
  | EditEvent
  | ChecklistEvent
  | DecisionEvent
  | FlagEvent
  | ReviewEvent
  | AssignEvent
  | IntendedEvent
  | WaiverEvent
  | UndoEvent
  | SuggestionEvent;
export type EventType = JournalEvent['type'];

/** What callers pass: the journal fills in v, ts, c, author, a decision's after and unit. */
export type NewEvent = JournalEvent extends infer E ? (E extends JournalEvent ? Omit<E, 'v' | 'ts' | 'c' | 'author' | 'after' | 'unit'> : never) : never;

export const EVENT_TYPES: readonly EventType[] = [
  'mt',
  'edit',
  'checklist',
  'decision',
  'flag',
  'review',
  'assign',
  'intended',
  'waiver',
  'undo',
  'new',
  'suggestion',
];
