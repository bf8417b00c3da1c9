/**
 * The items of a session with their journal events and folded state, kept
 * current as written events come back: only the items those events touch are
 * folded again. Used by the adapt and the review sessions alike.
 */
import type { SourceItem } from '../dataset/item.js';
import type { JournalEvent } from '../project/events.js';
import { foldState, type ItemState } from '../project/state.js';

export class ItemStates {
  private readonly byId: Map<string, SourceItem>;
  private readonly eventsByItem = new Map<string, JournalEvent[]>();
  /** Every item's current state, by ID. */
  readonly states: Map<string, ItemState>;

  /** `items` in source order; `events` in journal order (readJournal). */
  constructor(items: readonly SourceItem[], events: readonly JournalEvent[]) {
    this.byId = new Map(items.map((i) => [i.id, i]));
    for (const e of events) this.record(e);
    this.states = foldState(items, events).states;
  }

  item(id: string): SourceItem | undefined {
    return this.byId.get(id);
  }

  state(id: string): ItemState | undefined {
    return this.states.get(id);
  }

  /** The item's journal events, in journal order. */
  events(id: string): readonly JournalEvent[] {
    return this.eventsByItem.get(id) ?? [];
  }

  /**
   * Take events that were written to the journal: `onEvent` sees each one
   * that is about an item of the source, then the items they touch are folded
   * again. Returns the IDs of those items.
   */
  add(written: readonly JournalEvent[], onEvent?: (e: JournalEvent) => void): string[] {
    const touched = new Set<string>();
    for (const e of written) {
      if (!this.record(e)) continue;
      touched.add(e.item);
      onEvent?.(e);
    }
    for (const id of touched) {
      // An item's state depends only on its own events, so folding it alone is exact.
      this.states.set(id, foldState([this.byId.get(id)!], this.eventsByItem.get(id)!).states.get(id)!);
    }
    return [...touched];
  }

  private record(e: JournalEvent): boolean {
    if (!this.byId.has(e.item)) return false;
    const list = this.eventsByItem.get(e.item) ?? [];
    list.push(e);
    this.eventsByItem.set(e.item, list);
    return true;
  }
}
