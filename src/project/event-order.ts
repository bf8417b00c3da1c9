/**
 * Causal order of journal events. Each writer keeps a hybrid logical clock
 * (wall time `ts` plus a counter `c`): it never runs behind an event its
 * author has seen, and never ahead of the wall clock by more than that needs.
 * So a bulk write of 13,500 events shares one millisecond instead of stamping
 * 13.5 s into the future, and a later action always sorts after what its
 * author saw.
 *
 * Decisions also record which decisions on the item their author had seen as
 * current (`after`, by event ID). Two decisions where neither saw the other
 * (two localizers, journals merged with git) are concurrent: the item is in
 * conflict until a decision that saw both sides. Version 1 events have no
 * such record and keep the old rule: the latest wins.
 */
import type { DecisionEvent, JournalEvent } from './events.js';

export interface Stamp {
  ts: string;
  /** Logical counter within the millisecond; 0 for version 1 events. */
  c?: number;
}

export function compareStamps(a: Stamp, b: Stamp): number {
  if (a.ts !== b.ts) return a.ts < b.ts ? -1 : 1;
  return (a.c ?? 0) - (b.c ?? 0);
}

/** An event's identity, referenced by later decisions' `after`: unique per author, whose clock strictly increases. */
export function eventId(e: Stamp & { author: string }): string {
  return `${e.author}@${e.ts}#${e.c ?? 0}`;
}

/** The stamp an event ID (eventId) names; undefined when `id` is not one. */
export function stampOfId(id: string): Stamp | undefined {
  const hash = id.lastIndexOf('#');
  const at = id.lastIndexOf('@', hash);
  return at === -1 || hash < at ? undefined : { ts: id.slice(at + 1, hash), c: Number(id.slice(hash + 1)) };
}

/** A hybrid logical clock for one writer. */
export class HybridClock {
  private wall = -Infinity;
  private counter = 0;
  constructor(private readonly now: () => Date = () => new Date()) {}

  /** Take in an event the author has seen: the next stamp sorts after it. */
  observe(s: Stamp): void {
    const ms = Date.parse(s.ts);
    const c = s.c ?? 0;
    if (ms > this.wall || (ms === this.wall && c > this.counter)) {
      this.wall = ms;
      this.counter = c;
    }
  }

  next(): Required<Stamp> {
    const now = this.now().getTime();
    if (now > this.wall) {
      this.wall = now;
      this.counter = 0;
    } else this.counter++;
    return { ts: new Date(this.wall).toISOString(), c: this.counter };
  }
}

/** The primary decisions of an item that are current: one normally, several when concurrent (a conflict). */
export type DecisionHeads<T> = readonly (T & { id: string })[];

/**
 * The heads after a primary decision `e` (carried as `entry`): the heads `e`
 * saw are replaced by it; the others stand beside it. A version 1 event saw
 * everything before it. Events must come in journal order.
 */
export function nextHeads<T>(heads: DecisionHeads<T>, e: Pick<DecisionEvent, 'v' | 'after'>, entry: T & { id: string }): DecisionHeads<T> {
  if (e.v === 1) return [entry];
  const saw = new Set(e.after ?? []);
  return [...heads.filter((h) => !saw.has(h.id)), entry];
}

/** A localizer's decision, as opposed to a second annotator's (kept apart for agreement). */
export function isPrimaryDecision(e: JournalEvent): e is DecisionEvent {
  return e.type === 'decision' && !e.secondary;
}
