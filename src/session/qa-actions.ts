/**
 * Actions both sessions offer around QA: declare an intended change, waive a
 * finding, reply to or resolve an item's flags. Each gives the journal events
 * it makes, or an ActionError naming the field at fault.
 */
import type { SourceItem, TextRole } from '../dataset/item.js';
import { ActionError } from '../errors.js';
import type { NewEvent } from '../project/events.js';
import type { ItemState } from '../project/state.js';
import { targetHash } from '../project/target-hash.js';
import { ALL_CHECKS, findCheck } from '../qa/checks/index.js';

export type QaAction =
  /** A deliberate change ("110番" -> "112"): the QA checks accept both sides of it. */
  | { type: 'intend'; source: string; target: string; reason: string }
  /** Accept the item's findings of one check (on one field, or all) for the current text. */
  | { type: 'waive'; check: string; field?: TextRole; reason: string }
  /** Answer the item's open flags without opening a new one. */
  | { type: 'reply'; note: string }
  /** Clear the item's flags (the discussion is settled). */
  | { type: 'unflag'; note?: string };

export const QA_ACTIONS: readonly QaAction['type'][] = ['intend', 'waive', 'reply', 'unflag'];

export function isQaAction(action: { type: string }): action is QaAction {
  return (QA_ACTIONS as readonly string[]).includes(action.type);
}

type TextState = Pick<ItemState, 'question' | 'answer' | 'flags' | 'intended' | 'waivers'>;

function required(value: string | undefined, field: string, what: string): string {
  const v = value?.trim() ?? '';
  if (v === '') throw new ActionError(what, field);
  return v;
}

/** The events of a QA action on an item whose current state (with any pending edits) is `s`; none when it changes nothing. */
export function qaActionEvents(item: Pick<SourceItem, 'id' | 'sourceHash'>, s: TextState, action: QaAction): NewEvent[] {
  const base = { item: item.id, sourceHash: item.sourceHash };
  switch (action.type) {
    case 'intend': {
      const source = required(action.source, 'intended.source', 'An intended change needs its source side: the source text that changes (e.g. "110番").');
      const target = action.target.trim();
      const reason = required(
        action.reason,
        'intended.reason',
        `The intended change of "${source}" needs a reason (e.g. "112 is the police number in Korea").`,
      );
      if (s.intended.some((i) => i.source === source && i.target === target && i.reason === reason)) return [];
      return [{ ...base, type: 'intended', source, target, reason }];
    }
    case 'waive': {
      if (!findCheck(action.check))
        throw new ActionError(`"${action.check}" is not a QA check. Known checks: ${ALL_CHECKS.map((c) => c.id).join(', ')}.`, 'waive.check');
      if (action.field !== undefined && action.field !== 'question' && action.field !== 'answer')
        throw new ActionError(
          `${JSON.stringify(action.field)} is not a field: waive on "question" or "answer", or leave the field out for both.`,
          'waive.field',
        );
      const reason = required(action.reason, 'waive.reason', `Waiving ${action.check} needs a reason: say why the finding is acceptable.`);
      if (s.question === undefined && s.answer === undefined)
        throw new ActionError(`${item.id} has no target text yet, so there is no finding to waive. Translate or edit it first.`, 'waive.check');
      const hash = targetHash(s, action.field);
      if (s.waivers.some((w) => w.check === action.check && w.field === action.field && w.targetHash === hash && w.reason === reason)) return [];
      return [{ ...base, type: 'waiver', check: action.check, reason, targetHash: hash, ...(action.field ? { field: action.field } : {}) }];
    }
    case 'reply': {
      if (s.flags.length === 0) throw new ActionError(`${item.id} has no open flag to reply to; flag it to raise a question.`, 'reply');
      const note = required(action.note, 'reply', 'A reply needs a note: answer the flag.');
      return [{ ...base, type: 'flag', note, reply: true }];
    }
    case 'unflag':
      if (s.flags.length === 0) return [];
      return [{ ...base, type: 'flag', note: action.note?.trim() || 'resolved', resolved: true }];
  }
}
