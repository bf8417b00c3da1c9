/**
 * The journal as a session read it at its start, then what the session wrote:
 * a fold (project/journal-fold.ts: streamed, on from the checkpoint when one
 * fits; texts read back only for the states asked with them) rather than every event in memory. The events themselves are read
 * only when something needs an item's history (an undo, a stale item's old
 * machine translation, adding items), and then only as far as the fold read
 * each file, followed by the session's own writes: the same events the
 * session would have held from the start.
 */
import type { JournalEvent } from '../project/events.js';
import { eventId } from '../project/event-order.js';
import { readJournal, type JournalWriter } from '../project/journal.js';
import type { JournalFold } from '../project/journal-fold.js';
import { folderOf, type ItemFold, type ItemState, type StateFolder } from '../project/state.js';
import type { SourceItem } from '../dataset/item.js';

export class SessionJournal {
  /** Every event, once read (or from the start, when the fold had to read the journal whole). */
  private loaded: JournalEvent[] | undefined;
  /** Written by the session before the events were read. */
  private readonly written: JournalEvent[] = [];
  private wrote = false;

  constructor(
    private readonly projectDir: string,
    private readonly fold: JournalFold,
  ) {
    this.loaded = fold.events;
  }

  /** A journal held in memory (a test, a plan over events not written yet). */
  static of(events: readonly JournalEvent[]): SessionJournal {
    return new SessionJournal('', {
      folder: folderOf(events),
      warnings: [],
      skipped: 0,
      from: 'whole',
      eventsRead: events.length,
      ends: new Map(),
      events: [...events],
    });
  }

  /** The fold of everything read and written so far. */
  get folder(): StateFolder {
    return this.fold.folder;
  }

  /** Whether the events are in memory already. */
  get eventsLoaded(): boolean {
    return this.loaded !== undefined;
  }

  /** The journal's events at the session's start, then the ones it wrote, in journal order; read on first use. */
  get events(): JournalEvent[] {
    this.loaded ??= [...readJournal(this.projectDir, { upTo: this.fold.ends }).events, ...this.written];
    return this.loaded;
  }

  /** States of the items as folded so far (without `texts`: StateFolder.state's text-free states). */
  states(items: Iterable<Pick<SourceItem, 'id' | 'sourceHash'>>, texts = true): Map<string, ItemState> {
    const states = new Map<string, ItemState>();
    for (const item of items) states.set(item.id, this.fold.folder.state(item, texts));
    return states;
  }

  /** How far the fold read each journal file, while the session has written nothing (the fold is then the journal's). */
  get unchangedEnds(): ReadonlyMap<string, number> | undefined {
    return this.wrote ? undefined : this.fold.ends;
  }

  /** Take events the session wrote to the journal. */
  record(written: readonly JournalEvent[]): void {
    if (written.length > 0) this.wrote = true;
    for (const e of written) this.fold.folder.apply(e);
    if (this.loaded) this.loaded.push(...written);
    else this.written.push(...written);
  }

  /** Let the writer order its events after everything read (causal order, conflict detection). */
  feed(writer: JournalWriter): void {
    if (this.loaded) return writer.observe(this.loaded);
    // The fold's decision heads (undone decisions left out, as the fold resolves a decision that saw one) are the writer's, less the `new` events of added items.
    writer.observeFold(this.fold.last, decisionHeads(this.fold.folder.foldsHolding('heads')));
  }
}

/** The items with decision heads and their IDs; no entry for the many items without any (100k at scale). */
function* decisionHeads(folds: Iterable<[string, ItemFold]>): Generator<[string, string[]]> {
  for (const [item, f] of folds) {
    if (f.heads.length === 0) continue;
    const added = f.added && eventId(f.added);
    yield [item, f.heads.map((h) => h.id).filter((id) => id !== added)];
  }
}
