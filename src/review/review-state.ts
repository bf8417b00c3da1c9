/**
 * The review workflow as plain functions, for the `review` wizard (and any
 * script) to draw on: which items await a reviewer, and which journal events
 * an action makes. Nothing here reads keys or writes files; the caller appends
 * the returned events with a JournalWriter in the reviewer's name.
 *
 * States (folded in project/state.ts): a localizer's decision makes an item
 * "adapted", which is what awaits review. A review event records a verdict on
 * the current text and decision: "approved", or "rejected" with a comment
 * (kept as `lastRejection`). Any later edit, new MT or new decision voids the
 * verdict, so the item is "adapted" again and back in the review queue: a
 * rejected item returns after the localizer's fix, and an approved item that
 * is edited (by anyone, the reviewer included) is reviewed again.
 *
 * Self-review: the author of the current decision, or of an edit to the
 * current text, may not give it a verdict unless `allowSelfReview` is set.
 */
import type { SourceItem, TextRole } from '../dataset/item.js';
import { ActionError } from '../errors.js';
import type { NewEvent } from '../project/events.js';
import { describeConflict, type ItemState, type ItemStateName } from '../project/state.js';
import { isQaAction, qaActionEvents, type QaAction } from '../session/qa-actions.js';
import { conflictRefused, selfReviewRefused, staleRefused } from './messages.js';

export interface ReviewOptions {
  /** Who reviews (the journal author of the events). */
  reviewer: string;
  /** Let the reviewer give a verdict on their own decision or edits. Default false. */
  allowSelfReview?: boolean;
}

/** How the reviewer took part in the item's current work, or undefined when they did not. */
export function selfReview(state: ItemState, reviewer: string): 'decision' | 'edit' | undefined {
  if (state.decision?.author === reviewer) return 'decision';
  if (state.editors.includes(reviewer)) return 'edit';
  return undefined;
}

export type ReviewAction =
  | { type: 'approve'; comment?: string }
  | { type: 'reject'; comment: string }
  /** Change the target text; voids any verdict, so the item awaits review again. */
  | { type: 'edit'; field: TextRole; text: string }
  /** Intended change, waiver, reply to a flag, resolution of the flags (session/qa-actions.ts). */
  | QaAction;

export type ReviewRefusalReason = 'stale' | 'not-decided' | 'self-review' | 'comment-required' | 'empty-text';

/** States in which an item carries a decision that can be reviewed (re-reviewing a verdict is allowed). */
const REVIEWABLE: readonly ItemStateName[] = ['adapted', 'approved', 'rejected'];

/**
 * An action the rules do not allow. `reason` lets a UI react (e.g. offer
 * --allow-self-review); `message` says what to do; `field` is what is wrong
 * (the comment, the edited field, else the verdict itself).
 */
export class ReviewError extends ActionError {
  constructor(
    readonly item: string,
    readonly reason: ReviewRefusalReason,
    message: string,
    field: string = reason === 'comment-required' ? 'comment' : 'verdict',
  ) {
    super(message, field);
  }
}

/** Why the action is not allowed on this item, or undefined when it is. */
export function reviewRefusal(state: ItemState, action: ReviewAction, options: ReviewOptions): ReviewError | undefined {
  const id = state.id;
  if (state.state === 'stale') {
    return new ReviewError(id, 'stale', staleRefused(id));
  }
  if (state.conflict && state.state === 'conflict') {
    return new ReviewError(id, 'not-decided', conflictRefused(id, describeConflict(state.conflict)));
  }
  if (!REVIEWABLE.includes(state.state) || !state.decision) {
    return new ReviewError(
      id,
      'not-decided',
      `${id} has no decision yet (state: ${state.state}). Items are reviewed after a localizer decides them in \`carefully adapt\`.`,
    );
  }
  if (action.type === 'edit') {
    if (action.text.trim() === '')
      return new ReviewError(
        id,
        'empty-text',
        `The new ${action.field} of ${id} is empty. To take the item out of the dataset, reject it and ask the localizer to drop it.`,
        action.field,
      );
    return undefined;
  }
  if (action.type === 'reject' && !/[\p{L}\p{N}]/u.test(action.comment ?? '')) {
    return new ReviewError(
      id,
      'comment-required',
      `Rejecting ${id} needs a comment saying what to fix: the localizer sees it when the item comes back to them.`,
    );
  }
  const own = options.allowSelfReview ? undefined : selfReview(state, options.reviewer);
  if (own) {
    const what = own === 'decision' ? 'made its decision' : 'edited its text';
    return new ReviewError(id, 'self-review', selfReviewRefused(options.reviewer, what, action.type, id));
  }
  return undefined;
}

/**
 * The journal events for one review action on an item, or a ReviewError when
 * the rules refuse it. An edit that leaves the text as it is makes no event.
 */
export function reviewEvents(item: Pick<SourceItem, 'id' | 'sourceHash'>, state: ItemState, action: ReviewAction, options: ReviewOptions): NewEvent[] {
  if (state.id !== item.id) throw new Error(`reviewEvents: state ${state.id} is not the state of item ${item.id}`);
  // Notes about the item, not a verdict on it: the self-review and state rules do not apply.
  if (isQaAction(action)) return qaActionEvents(item, state, action);
  const refusal = reviewRefusal(state, action, options);
  if (refusal) throw refusal;
  const base = { item: item.id, sourceHash: item.sourceHash };
  switch (action.type) {
    case 'approve':
      return [{ ...base, type: 'review', verdict: 'approve', ...(action.comment?.trim() ? { comment: action.comment.trim() } : {}) }];
    case 'reject':
      return [{ ...base, type: 'review', verdict: 'reject', comment: action.comment.trim() }];
    case 'edit':
      return state[action.field] === action.text ? [] : [{ ...base, type: 'edit', field: action.field, text: action.text }];
  }
}
