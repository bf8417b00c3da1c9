/**
 * The items of a session with their folded state, kept current as written
 * events come back: only the items those events touch are folded again. The
 * states come from the journal's fold (session-journal.ts), each made when
 * first asked for (a filtered session makes only its queue's). The items'
 * events are read only when first asked for (an undo, a stale item's diff),
 * and from then on each touched item is folded again from its own events.
 * Used by the adapt and the review sessions alike.
 */
import type { SourceItem } from '../dataset/item.js';
import type { JournalEvent } from '../project/events.js';
import { emptyState, foldState, type ItemFold, type ItemState } from '../project/state.js';
import type { SessionJournal } from './session-journal.js';

export class ItemStates {
  /** Made on first need: a session asks about items in source order at first (ItemStates.item), 100k entries at scale. */
  private byId: Map<string, SourceItem> | undefined;
  /** Where in `items` the item last found without `byId` is. */
  private at = 0;
  private eventsByItem: Map<string, JournalEvent[]> | undefined;
  /** The states made so far, by ID. */
  private readonly made = new Map<string, ItemState>();
  /**
   * The item last asked about with no state in `made`, with its fold and text-free state once made: start-up counts
   * and rules ask about one item several times in a row. Not a state kept per item, which at 100k items was most of
   * the start-up's garbage.
   */
  private last: { id: string; item: SourceItem; fold: ItemFold | undefined; textFree: ItemState | undefined } | undefined;

  /** `items` in source order. */
  constructor(
    private readonly items: readonly SourceItem[],
    private readonly journal: SessionJournal,
  ) {
    if (journal.eventsLoaded) this.indexEvents();
  }

  /** The item with the ID: the one last found or the next one in source order, else from the index (then made). */
  item(id: string): SourceItem | undefined {
    if (!this.byId) {
      const items = this.items;
      if (items[this.at]?.id === id) return items[this.at];
      if (items[this.at + 1]?.id === id) return items[++this.at];
      this.byId = new Map();
      for (const item of items) this.byId.set(item.id, item);
    }
    return this.byId.get(id);
  }

  /** The item's current state (undefined for an ID that is not an item). */
  state(id: string): ItemState | undefined {
    const made = this.made.get(id);
    if (made) return made;
    const item = this.item(id);
    if (!item) return undefined;
    const state = this.journal.folder.state(item);
    this.made.set(id, state);
    return state;
  }

  /**
   * The item's current state, without the texts a compact fold left in the journal
   * (question, answer and MT text may be ''): for counts, filters and rules, never for what is shown.
   */
  stateWithoutTexts(id: string): ItemState | undefined {
    const made = this.made.size === 0 ? undefined : this.made.get(id);
    if (made) return made;
    const last = this.unmade(id);
    if (!last) return undefined;
    return (last.textFree ??= this.journal.folder.state(last.item, false));
  }

  /**
   * What the item's events set, before its state is finished against the source (no state name, review or
   * staleness): who it is assigned to and its decisions, read from the fold without making a state.
   */
  folded(id: string): Pick<ItemState, 'assignees' | 'decision' | 'secondaryDecisions'> | undefined {
    const made = this.made.size === 0 ? undefined : this.made.get(id);
    if (made) return made;
    const last = this.unmade(id);
    return last && (last.fold?.s ?? UNFOLDED);
  }

  /** Whether any item is assigned to `name` (adapt --double), as folded so far. */
  anyAssignedTo(name: string): boolean {
    for (const s of this.made.values()) if (s.assignees.includes(name)) return true;
    for (const [, f] of this.journal.folder.foldsHolding('assignees')) if (f.s.assignees.includes(name)) return true;
    return false;
  }

  /** `last` for the item (undefined for an ID that is not an item). */
  private unmade(id: string): ItemStates['last'] {
    if (this.last?.id === id) return this.last;
    const item = this.item(id);
    if (!item) return undefined;
    return (this.last = { id, item, fold: this.journal.folder.fold(id), textFree: undefined });
  }

  /** The item's journal events, in journal order. */
  events(id: string): readonly JournalEvent[] {
    return this.indexEvents().get(id) ?? [];
  }

  /**
   * Take events that were written to the journal: `onEvent` sees each one
   * that is about an item of the source, then the items they touch are folded
   * again. Returns the IDs of those items.
   */
  add(written: readonly JournalEvent[], onEvent?: (e: JournalEvent) => void): string[] {
    this.journal.record(written);
    // An undo takes back an event folded earlier: from then on items are folded from their events.
    if (!this.eventsByItem && written.some((e) => e.type === 'undo')) this.indexEvents();
    else if (this.eventsByItem) for (const e of written) if (this.item(e.item)) this.listOf(e.item).push(e);
    const touched = new Set<string>();
    for (const e of written) {
      if (!this.item(e.item)) continue;
      touched.add(e.item);
      onEvent?.(e);
    }
    for (const id of touched) {
      const item = this.item(id)!;
      if (this.last?.id === id) this.last = undefined;
      // An item's state depends only on its own events, so folding it alone is exact.
      this.made.set(id, this.eventsByItem ? foldState([item], this.eventsByItem.get(id)!).states.get(id)! : this.journal.folder.state(item));
    }
    return [...touched];
  }

  private indexEvents(): Map<string, JournalEvent[]> {
    if (this.eventsByItem) return this.eventsByItem;
    this.eventsByItem = new Map();
    for (const e of this.journal.events) if (this.item(e.item)) this.listOf(e.item).push(e);
    return this.eventsByItem;
  }

  private listOf(id: string): JournalEvent[] {
    const list = this.eventsByItem!.get(id);
    if (list) return list;
    const fresh: JournalEvent[] = [];
    this.eventsByItem!.set(id, fresh);
    return fresh;
  }
}

/** An item no event named: nothing assigned or decided. */
const UNFOLDED = Object.freeze(emptyState(''));
