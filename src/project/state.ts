/**
 * Item state as a fold over the journal. Nothing here writes: the same
 * events always give the same state, whichever order the journals were merged in.
 *
 * States: untranslated -> translated (MT or edited draft) -> adapted (a
 * localizer's decision) -> approved | rejected (a reviewer's verdict on the
 * current decision and text). Any event made against an older source text
 * than the current one makes the item stale until it is redone. Two
 * decisions where neither author saw the other (project/event-order.ts) put
 * the item in conflict until a decision that saw both.
 */
import type { SourceItem, TextRole } from '../dataset/item.js';
import type { ChecklistAnswer, Decision, JournalEvent, MtEvent, ReviewVerdict } from './events.js';
import { decisionCounts } from './decisions.js';
import { eventId, nextHeads, type DecisionHeads } from './event-order.js';

export const ITEM_STATES = ['untranslated', 'translated', 'adapted', 'approved', 'rejected', 'conflict', 'stale'] as const;
export type ItemStateName = (typeof ITEM_STATES)[number];

export interface ItemState {
  id: string;
  state: ItemStateName;
  mt?: Pick<MtEvent, 'provider' | 'label' | 'isTranslation' | 'question' | 'answer' | 'ts' | 'author' | 'sourceHash'>;
  /** Current target text: the latest of the MT and the human edits. */
  question?: string;
  answer?: string;
  /** Set when the current target text started from a model suggestion a person accepted (an edit event with `fromSuggestion`). */
  fromSuggestion?: boolean;
  /** Which fields were edited by a person since the latest MT. */
  edited: Record<TextRole, boolean>;
  /** Who made those edits (authors of edit events since the latest MT), for the self-review rule. */
  editors: string[];
  checklist: Record<string, { answer: ChecklistAnswer; note?: string; author: string }>;
  decision?: ItemDecision;
  /** Concurrent decisions (neither author saw the other), in journal order; `decision` is the last of them. Set only in conflict. */
  conflict?: ItemDecision[];
  /** Decisions of second annotators (double annotation), latest per author. */
  secondaryDecisions: Record<string, { decision: Decision; rationale?: string }>;
  /** The latest review of the current decision, if any. */
  review?: { verdict: ReviewVerdict; comment?: string; author: string; ts: string };
  /** The latest rejection comment, kept after the localizer reworks the item. */
  lastRejection?: { comment?: string; author: string; ts: string };
  flags: { note: string; author: string; ts: string; replies?: { note: string; author: string; ts: string }[] }[];
  /** Declared intended changes (source -> target), latest per pair. */
  intended: ItemIntended[];
  /** QA waivers, latest per check and field. */
  waivers: ItemWaiver[];
  assignees: string[];
  authors: string[];
  firstTs?: string;
  lastTs?: string;
  /** Hash of the source text the stale work was made against. */
  staleFrom?: string;
}

export interface ItemIntended {
  source: string;
  target: string;
  reason: string;
  author: string;
  ts: string;
}

export interface ItemWaiver {
  check: string;
  field?: TextRole;
  reason: string;
  /** Hash of the target text the waiver was given for (project/target-hash.ts). */
  targetHash: string;
  author: string;
  ts: string;
}

export interface ItemDecision {
  decision: Decision;
  rationale?: string;
  author: string;
  ts: string;
  sourceHash: string;
}

function emptyState(id: string): ItemState {
  return {
    id,
    state: 'untranslated',
    edited: { question: false, answer: false },
    editors: [],
    checklist: {},
    secondaryDecisions: {},
    flags: [],
    intended: [],
    waivers: [],
    assignees: [],
    authors: [],
  };
}

/**
 * Fold events into item states for the given source items. Events for IDs not in
 * the source are returned in `orphans` (items removed from a new source release).
 */
export function foldState(
  items: readonly Pick<SourceItem, 'id' | 'sourceHash'>[],
  events: readonly JournalEvent[],
): { states: Map<string, ItemState>; orphans: string[] } {
  const hashes = new Map(items.map((i) => [i.id, i.sourceHash]));
  const states = new Map<string, ItemState>(items.map((i) => [i.id, emptyState(i.id)]));
  // Track, per item, the order of the last change to text/decision so a review only counts if it came after.
  const lastChange = new Map<string, number>();
  const reviewAt = new Map<string, number>();
  const orphans = new Set<string>();
  const heads = new Map<string, DecisionHeads<ItemDecision>>();
  events.forEach((e, order) => {
    const s = states.get(e.item);
    if (!s) {
      orphans.add(e.item);
      return;
    }
    // Assigning an item (adapt --double) is not work on it: whoever ran it is no author of the item.
    // Nor is a model suggestion (carefully suggest): it changes nothing until a person accepts it.
    if (e.type !== 'assign' && e.type !== 'suggestion' && !s.authors.includes(e.author)) s.authors.push(e.author);
    s.firstTs ??= e.ts;
    s.lastTs = e.ts;
    switch (e.type) {
      case 'mt':
        s.mt = {
          provider: e.provider,
          label: e.label,
          isTranslation: e.isTranslation,
          question: e.question,
          answer: e.answer,
          ts: e.ts,
          author: e.author,
          sourceHash: e.sourceHash,
        };
        s.question = e.question;
        s.answer = e.answer;
        s.edited = { question: false, answer: false };
        s.editors = [];
        delete s.fromSuggestion;
        lastChange.set(e.item, order);
        break;
      case 'edit':
        s[e.field] = e.text;
        s.edited[e.field] = true;
        if (e.fromSuggestion) s.fromSuggestion = true;
        if (!s.editors.includes(e.author)) s.editors.push(e.author);
        lastChange.set(e.item, order);
        break;
      case 'checklist':
        s.checklist[e.question] = { answer: e.answer, author: e.author, ...(e.note ? { note: e.note } : {}) };
        break;
      case 'decision':
        if (e.secondary) {
          s.secondaryDecisions[e.author] = { decision: e.decision, ...(e.rationale ? { rationale: e.rationale } : {}) };
          break;
        }
        s.decision = { decision: e.decision, author: e.author, ts: e.ts, sourceHash: e.sourceHash, ...(e.rationale ? { rationale: e.rationale } : {}) };
        heads.set(e.item, nextHeads(heads.get(e.item) ?? [], e, { ...s.decision, id: eventId(e) }));
        lastChange.set(e.item, order);
        break;
      case 'review':
        s.review = { verdict: e.verdict, author: e.author, ts: e.ts, ...(e.comment ? { comment: e.comment } : {}) };
        if (e.verdict === 'reject') s.lastRejection = { author: e.author, ts: e.ts, ...(e.comment ? { comment: e.comment } : {}) };
        reviewAt.set(e.item, order);
        break;
      case 'flag':
        if (e.resolved) s.flags = [];
        else if (e.reply) {
          const open = s.flags.at(-1);
          if (open) (open.replies ??= []).push({ note: e.note, author: e.author, ts: e.ts });
        } else s.flags.push({ note: e.note, author: e.author, ts: e.ts });
        break;
      case 'assign':
        if (!s.assignees.includes(e.assignee)) s.assignees.push(e.assignee);
        break;
      case 'intended':
        s.intended = s.intended.filter((i) => i.source !== e.source || i.target !== e.target);
        if (!e.withdrawn) s.intended.push({ source: e.source, target: e.target, reason: e.reason, author: e.author, ts: e.ts });
        break;
      case 'waiver':
        s.waivers = s.waivers.filter((w) => w.check !== e.check || w.field !== e.field);
        if (!e.revoked)
          s.waivers.push({ check: e.check, reason: e.reason, targetHash: e.targetHash, author: e.author, ts: e.ts, ...(e.field ? { field: e.field } : {}) });
        break;
      case 'suggestion':
        break; // a proposal only: the target changes when a person accepts it (an edit event)
    }
  });
  for (const s of states.values()) {
    const current = hashes.get(s.id)!;
    const reviewed = (reviewAt.get(s.id) ?? -1) > (lastChange.get(s.id) ?? -1);
    if (!reviewed) delete s.review;
    const sides = heads.get(s.id) ?? [];
    if (sides.length > 1) s.conflict = sides.map(({ id: _id, ...d }) => d);
    const staleFrom = [s.mt?.sourceHash, s.decision?.sourceHash].find((h) => h !== undefined && h !== current);
    if (staleFrom) {
      s.state = 'stale';
      s.staleFrom = staleFrom;
    } else if (s.conflict) s.state = 'conflict';
    else if (s.review) s.state = s.review.verdict === 'approve' ? 'approved' : 'rejected';
    else if (s.decision) s.state = 'adapted';
    else if (s.question !== undefined || s.answer !== undefined) s.state = 'translated';
    else s.state = 'untranslated';
  }
  return { states, orphans: [...orphans] };
}

/**
 * An item in conflict, settled for one use (export --on-conflict) without
 * writing anything: `side` is "latest" (the decision last in journal order)
 * or an author. Returns a reason string when that author has no side here.
 */
export function chooseSide(s: ItemState, side: string): ItemState | string {
  if (!s.conflict) return s;
  const chosen = side === 'latest' ? s.conflict.at(-1)! : s.conflict.findLast((d) => d.author === side);
  if (!chosen) return `${side} made none of its conflicting decisions`;
  const { conflict: _conflict, ...rest } = s;
  const state = s.review ? (s.review.verdict === 'approve' ? 'approved' : 'rejected') : 'adapted';
  return { ...rest, decision: chosen, state };
}

/** "alice: adapt (2026-11-29T10:00:00.000Z); bob: drop (...)" */
export function describeConflict(sides: readonly ItemDecision[]): string {
  return sides.map((d) => `${d.author}: ${d.decision} (${d.ts})`).join('; ');
}

export interface StatusSummary {
  items: number;
  byState: Record<ItemStateName, number>;
  byDecision: Record<Decision | 'none', number>;
  flagged: number;
  /** Double annotation: items assigned to a second annotator, and those whose second decision is in. */
  secondAnnotation: { assigned: number; done: number };
  /** Items of the journal whose IDs are no longer in the source. */
  removed: number;
  /** Journal lines skipped on read (torn, malformed, or part of a cut unit). */
  skippedEvents: number;
}

export function summarise(states: Iterable<ItemState>, orphans: readonly string[] = [], skippedEvents = 0): StatusSummary {
  const byState = Object.fromEntries(ITEM_STATES.map((s) => [s, 0])) as Record<ItemStateName, number>;
  const byDecision: Record<Decision | 'none', number> = { ...decisionCounts(), none: 0 };
  let items = 0;
  let flagged = 0;
  const secondAnnotation = { assigned: 0, done: 0 };
  for (const s of states) {
    items++;
    byState[s.state]++;
    byDecision[s.decision?.decision ?? 'none']++;
    if (s.flags.length > 0) flagged++;
    if (s.assignees.length > 0) {
      secondAnnotation.assigned++;
      if (s.assignees.every((a) => s.secondaryDecisions[a])) secondAnnotation.done++;
    }
  }
  return { items, byState, byDecision, flagged, secondAnnotation, removed: orphans.length, skippedEvents };
}
