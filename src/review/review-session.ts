/**
 * The review wizard's session as a state machine with no UI: which items the
 * reviewer goes through, what the screen shows about each (the machine
 * translation against the final text, the decision, checklist answers, QA
 * findings, what changed in the source of a stale item), and which journal
 * events a verdict or an edit makes (the rules are review-state.ts's). As in
 * the adapt session, the caller appends the events to the journal and hands
 * the written events back with commit(); only then does the session move on,
 * so every verdict is on disk before the next item is shown.
 *
 *   const s = new ReviewSession({ items, events, pack, reviewer: 'park' });
 *   s.commit(await writer.append(s.eventsFor({ type: 'reject', comment: 'use 112' })));
 *   s.next();
 *
 * The queue is fixed when the session starts: by default the items awaiting
 * review ("adapted") that the filters select, less the reviewer's own work
 * unless self-review is allowed. A verdict takes an item off the queue; so
 * does an edit by the reviewer, which makes the item await another
 * reviewer's verdict (the reviewer is now one of its editors). Resuming is
 * just starting again: items reviewed since are no longer "adapted".
 */
import type { SourceItem, TextRole } from '../dataset/item.js';
import { UsageError } from '../errors.js';
import type { JournalEvent, NewEvent, ReviewVerdict } from '../project/events.js';
import type { ItemState, ItemStateName } from '../project/state.js';
import { diffText, type DiffPart, type SourceDiff } from '../project/source-snapshot.js';
import type { Finding } from '../qa/types.js';
import type { Filters } from '../session/filters.js';
import type { ItemDetails } from '../session/item-details.js';
import { QueueSession, type QueueSessionInit } from '../session/queue-session.js';
import { reviewEvents, reviewRefusal, selfReview, type ReviewAction, type ReviewError, type ReviewOptions } from './review-state.js';
import { notReviewStates } from './messages.js';
import { eventId } from '../project/event-order.js';
import { undoPlan, type UndoPlan } from '../session/undo-action.js';

/** States a review session can select with --state: awaiting review (the default), reviewed (to revise a verdict), stale (to see what changed). */
export const REVIEW_STATES: readonly ItemStateName[] = ['adapted', 'approved', 'rejected', 'stale'];
export const DEFAULT_REVIEW_STATES: readonly ItemStateName[] = ['adapted'];

/** The machine translation against the current text of one field. */
export interface TextChange {
  field: TextRole;
  changed: boolean;
  /** [-removed-]{+added+} parts (diffText: by character for Japanese and Chinese, by word otherwise); one unchanged part when nothing changed. */
  parts: DiffPart[];
}

export interface ReviewView extends ItemDetails {
  item: SourceItem;
  state: ItemState;
  /** 1-based position in the queue (0 when the item is not in it). */
  position: number;
  total: number;
  /** Machine translation → current text, per field; undefined when the item has no machine translation. */
  changes?: TextChange[];
  /** QA findings on the item's current text. */
  findings: Finding[];
  /** What changed in the source of a stale item, when the project kept the old text. */
  staleDiff?: SourceDiff;
  /** How the reviewer took part in the item's work, when self-review is allowed and they did. */
  own?: 'decision' | 'edit';
  /** The verdict given in this session, if any. */
  verdict?: ReviewVerdict;
  /** Why no verdict can be given on the item as it is now (stale, no decision, the reviewer's own work). */
  blocked?: ReviewError;
  /** Whether the item still awaits this reviewer in this session. */
  todo: boolean;
}

export interface ReviewProgress {
  /** 1-based position of the current item; 0 when the session is finished. */
  position: number;
  total: number;
  /** Verdicts given in this session. */
  approved: number;
  rejected: number;
  /** Items whose text the reviewer edited in this session. */
  edited: number;
  /** Of those, items that now await another reviewer (the reviewer edited them and may not review their own work). */
  handedOn: number;
  /** Items of the queue still awaiting a verdict (skipped ones included). */
  remaining: number;
  skipped: number;
  /** Items the filters selected that are the reviewer's own work, left out (self-review not allowed). */
  own: number;
}

export interface ReviewSessionInit extends QueueSessionInit {
  reviewer: string;
  allowSelfReview?: boolean;
  /** Which items; `states` defaults to ["adapted"] (awaiting review) and must be among REVIEW_STATES. */
  filters?: Filters;
  /** QA findings of an item in a given state (the project's checks, with the dataset's length statistics). */
  qa?: (item: SourceItem, state: ItemState) => Finding[];
}

/** A UsageError naming --state when the filters ask for states a reviewer cannot act on. */
export function checkReviewStates(states: readonly string[] | undefined): void {
  const wrong = (states ?? []).filter((s) => !(REVIEW_STATES as readonly string[]).includes(s));
  if (wrong.length > 0) {
    throw new UsageError(notReviewStates(wrong.join(','), REVIEW_STATES.join(', ')));
  }
}

export class ReviewSession extends QueueSession<ReviewView> {
  readonly reviewer: string;
  readonly allowSelfReview: boolean;
  /** Items the filters selected that are the reviewer's own work (left out unless allowSelfReview). */
  readonly own: readonly SourceItem[];
  private readonly verdicts = new Map<string, ReviewVerdict>();
  private readonly edited = new Set<string>();
  private readonly qa: ReviewSessionInit['qa'];

  constructor(init: ReviewSessionInit) {
    checkReviewStates(init.filters?.states);
    super(init, { ...init.filters, states: init.filters?.states ?? [...DEFAULT_REVIEW_STATES] }, 'review session');
    this.reviewer = init.reviewer;
    this.allowSelfReview = init.allowSelfReview ?? false;
    this.qa = init.qa;
    const selected = this.selected();
    const own = (item: SourceItem) => !this.allowSelfReview && selfReview(this.stateWithoutTexts(item.id), this.reviewer) !== undefined;
    this.own = selected.filter(own);
    this.start(selected.filter((item) => !own(item)));
  }

  private get options(): ReviewOptions {
    return { reviewer: this.reviewer, allowSelfReview: this.allowSelfReview };
  }

  // ---- reading ------------------------------------------------------------

  /**
   * Whether the item still awaits this reviewer: in the queue, no verdict
   * given in this session, and not (since an edit) the reviewer's own work.
   */
  isTodo(id: string): boolean {
    if (!this.cursor.has(id) || this.verdicts.has(id)) return false;
    return this.allowSelfReview || selfReview(this.stateWithoutTexts(id), this.reviewer) === undefined;
  }

  protected buildView(item: SourceItem, state: ItemState): ReviewView {
    const id = item.id;
    const view: ReviewView = {
      item,
      state,
      ...this.placeOf(id),
      ...this.details(item, state),
      findings: state.question !== undefined || state.answer !== undefined ? (this.qa?.(item, state) ?? []) : [],
      todo: this.isTodo(id),
    };
    const mt = state.mt;
    if (mt) {
      view.changes = (['question', 'answer'] as const).map((field): TextChange => {
        const now = state[field] ?? '';
        const changed = mt[field] !== now;
        return { field, changed, parts: changed ? diffText(mt[field], now) : [{ value: now }] };
      });
    }
    if (state.state === 'stale' && state.staleFrom) {
      const change = this.sourceChange(item, state.staleFrom);
      if (change) view.staleDiff = change.diff;
    }
    const own = this.allowSelfReview ? selfReview(state, this.reviewer) : undefined;
    if (own) view.own = own;
    const verdict = this.verdicts.get(id);
    if (verdict) view.verdict = verdict;
    const blocked = reviewRefusal(state, { type: 'approve' }, this.options);
    if (blocked) view.blocked = blocked;
    return view;
  }

  progress(): ReviewProgress {
    const verdicts = [...this.verdicts.values()];
    const handedOn = [...this.edited].filter((id) => !this.verdicts.has(id) && !this.isTodo(id)).length;
    const { position, total, remaining, skipped } = this.queueProgress();
    return {
      position,
      total,
      approved: verdicts.filter((v) => v === 'approve').length,
      rejected: verdicts.filter((v) => v === 'reject').length,
      edited: this.edited.size,
      handedOn,
      remaining,
      skipped,
      own: this.own.length,
    };
  }

  // ---- actions ------------------------------------------------------------

  /**
   * The journal events of a review action on an item (default: the current
   * one), without changing anything. An edit's text is trimmed (editors add a
   * final newline); an edit that changes nothing makes no event. Throws a
   * ReviewError when the rules refuse the action (its message says what to do).
   */
  eventsFor(action: ReviewAction | { type: 'undo' }, id: string | undefined = this.currentId): NewEvent[] {
    const item = this.requireItem(id);
    if (action.type === 'undo') return this.undoPlan(item.id).events;
    const act: ReviewAction = action.type === 'edit' ? { ...action, text: action.text.trim() } : action;
    return reviewEvents(item, this.state(item.id), act, this.options);
  }

  /** The undo events of the reviewer's last action on an item (default: the current one) and what they take back; an ActionError when there is none. */
  undoPlan(id: string | undefined = this.currentId): UndoPlan {
    const item = this.requireItem(id);
    return undoPlan(item, this.items.events(item.id), this.reviewer);
  }

  protected onWritten(e: JournalEvent): void {
    if (e.author !== this.reviewer) return;
    if (e.type === 'undo') {
      // An undone verdict is no longer given: the item awaits the reviewer again.
      const target = this.items.events(e.item).find((x) => eventId(x) === e.undoes);
      if (target?.type === 'review') this.verdicts.delete(e.item);
      return;
    }
    if (e.type === 'review') {
      this.verdicts.set(e.item, e.verdict);
      this.cursor.unskip(e.item);
    } else if (e.type === 'edit') {
      this.edited.add(e.item);
      // A new text needs a new verdict, even from a reviewer who gave one earlier in this session.
      this.verdicts.delete(e.item);
    }
  }
}
