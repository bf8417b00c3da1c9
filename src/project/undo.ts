/**
 * Undo as events: an `undo` event names one earlier event (eventId) that the
 * fold then ignores; the journal itself is never rewritten. Rules, the same
 * for the fold and the sessions:
 *
 * - an undo takes back only its own author's events, on its own item;
 *   one naming another author's event is ignored (the sessions refuse to
 *   write it);
 * - machine translations, assignments and undo events are not undoable
 *   (no redo: make the change again instead).
 */
import type { JournalEvent, UndoEvent } from './events.js';
import { eventId } from './event-order.js';

const NOT_UNDOABLE: readonly JournalEvent['type'][] = ['mt', 'assign', 'undo', 'new'];

/** Whether an author may undo this event (their own work on an item, not an MT, assignment or undo). */
export function isUndoable(e: JournalEvent, author: string): boolean {
  return e.author === author && !NOT_UNDOABLE.includes(e.type);
}

/** Undo events by the ID of the event each names (eventId): what decides, event by event, whether it is undone (undoneBy). */
export type UndoTargets = ReadonlyMap<string, readonly UndoEvent[]>;

export function undoTargets(events: Iterable<JournalEvent>): Map<string, UndoEvent[]> {
  const undos = new Map<string, UndoEvent[]>();
  for (const e of events) {
    if (e.type !== 'undo') continue;
    const list = undos.get(e.undoes);
    if (list) list.push(e);
    else undos.set(e.undoes, [e]);
  }
  return undos;
}

/** Whether one of the undo events takes `e` back: one of its author's, on its item, naming it. */
export function undoneBy(e: JournalEvent, targets: UndoTargets): boolean {
  return targets.get(eventId(e))?.some((u) => u.item === e.item && isUndoable(e, u.author)) ?? false;
}

/** The IDs of the events that effective undo events take back. */
export function undoneIds(events: readonly JournalEvent[]): Set<string> {
  const targets = undoTargets(events);
  const undone = new Set<string>();
  if (targets.size === 0) return undone;
  for (const e of events) if (undoneBy(e, targets)) undone.add(eventId(e));
  return undone;
}

/**
 * The author's last action on an item that is still in effect: their latest
 * undoable event not yet undone, with the other events written in the same
 * unit on that item (one answers-file line). Empty when there is none.
 * `events` are the item's events in journal order.
 */
export function lastAction(events: readonly JournalEvent[], author: string): JournalEvent[] {
  const undone = undoneIds(events);
  const live = events.filter((e) => isUndoable(e, author) && !undone.has(eventId(e)));
  const last = live.at(-1);
  if (!last) return [];
  return last.unit === undefined ? [last] : live.filter((e) => e.unit === last.unit);
}
