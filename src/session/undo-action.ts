/**
 * Undo in both sessions: the events that take back a person's last action
 * on an item (project/undo.ts says which events count), and how to name
 * what was undone. Only one's own actions can be undone: a change by
 * someone else is theirs to take back (or to change again).
 */
import type { SourceItem } from '../dataset/item.js';
import { ActionError } from '../errors.js';
import type { JournalEvent, NewEvent } from '../project/events.js';
import { eventId } from '../project/event-order.js';
import { lastAction } from '../project/undo.js';
import { nothingToUndo } from './messages.js';

export interface UndoPlan {
  events: NewEvent[];
  /** The events taken back, in journal order. */
  undone: JournalEvent[];
}

/** One undo event per event of the author's last action on the item; an ActionError when there is none. */
export function undoPlan(item: Pick<SourceItem, 'id' | 'sourceHash'>, events: readonly JournalEvent[], author: string): UndoPlan {
  const undone = lastAction(events, author);
  if (undone.length === 0) {
    const others = [...new Set(events.filter((e) => e.type !== 'mt' && e.type !== 'assign' && e.type !== 'undo').map((e) => e.author))];
    throw new ActionError(nothingToUndo(item.id, author, others), 'undo');
  }
  return { events: undone.map((e) => ({ item: item.id, sourceHash: item.sourceHash, type: 'undo', undoes: eventId(e) })), undone };
}

/** "the decision adapt", "the edit of the answer", ...: what an undone event was. */
export function describeEvent(e: JournalEvent): string {
  switch (e.type) {
    case 'decision':
      return `${e.secondary ? 'second-annotation ' : ''}decision "${e.decision}"`;
    case 'edit':
      return `edit of the ${e.field}`;
    case 'checklist':
      return `checklist answer ${e.question} = ${e.answer}`;
    case 'flag':
      return e.resolved ? 'resolution of the flags' : e.reply ? 'reply to the flag' : 'flag';
    case 'review':
      return `verdict "${e.verdict}"`;
    case 'intended':
      return `${e.withdrawn ? 'withdrawal of the ' : ''}intended change ${e.source} → ${e.target}`;
    case 'waiver':
      return `${e.revoked ? 'revocation of the ' : ''}waiver of ${e.check}${e.field ? ` (${e.field})` : ''}`;
    default:
      return e.type;
  }
}

/** "the decision "adapt" and the edit of the answer" */
export function describeUndone(undone: readonly JournalEvent[]): string {
  const parts = undone.map(describeEvent);
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)!}`;
}
