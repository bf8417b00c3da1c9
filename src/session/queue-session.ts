/**
 * What the adapt and the review sessions share: the items with their folded
 * state (ItemStates), the queue fixed when the session starts, the cursor
 * over it, the cache of what the screen shows about an item, and commit():
 * the caller appends a session's events to the journal and hands the written
 * events back; only then are the items they touch folded again and their
 * views dropped. A subclass says which items are queued, what is still to do
 * and what a view holds.
 */
import { t } from '../i18n.js';
import type { SourceItem } from '../dataset/item.js';
import { ActionError } from '../errors.js';
import type { JournalEvent } from '../project/events.js';
import type { ItemState } from '../project/state.js';
import { diffSourceTexts, type SourceDiff } from '../project/source-snapshot.js';
import type { LocalePack } from '../locale/locale-pack-types.js';
import { applyFilters, type Filters } from './filters.js';
import { itemDetails, type ItemDetails } from './item-details.js';
import { ItemStates } from './item-states.js';
import { SessionJournal } from './session-journal.js';
import { QueueCursor } from './queue-cursor.js';

/** Earlier source texts by source hash (project/source-snapshot.ts), for the diff of a stale item. */
export interface SourceTexts {
  get(hash: string): { question: string; answer: string } | undefined;
}

export interface QueueSessionInit {
  /** All source items, in source order. */
  items: readonly SourceItem[];
  /** The journal as the session read it (session-journal.ts), or all its events in journal order (readJournal). */
  events: SessionJournal | readonly JournalEvent[];
  pack: LocalePack;
  sourceTexts?: SourceTexts;
}

export abstract class QueueSession<View> {
  readonly pack: LocalePack;
  readonly filters: Filters;
  protected readonly items: ItemStates;
  protected readonly sourceTexts: SourceTexts | undefined;
  private readonly sourceItems: readonly SourceItem[];
  private readonly views = new Map<string, View>();
  /**
   * Progress counters kept current item by item, so progress costs O(1) per keypress: the sums, and what
   * each queued item adds, kept only for items the session changed (the others add what they did at start).
   */
  private readonly tallies = new Map<string, readonly string[]>();
  private readonly totals = new Map<string, number>();
  private started?: { queue: readonly SourceItem[]; cursor: QueueCursor };

  /** `name` is how messages call the session ("session", "review session"). */
  protected constructor(
    init: QueueSessionInit,
    filters: Filters,
    private readonly name: string,
  ) {
    this.pack = init.pack;
    this.filters = filters;
    this.sourceTexts = init.sourceTexts;
    this.sourceItems = init.items;
    this.items = new ItemStates(init.items, init.events instanceof SessionJournal ? init.events : SessionJournal.of(init.events));
  }

  /** The items the filters select, in source order (the subclass picks its queue from them). */
  protected selected(): SourceItem[] {
    return applyFilters(this.sourceItems, { get: (id) => this.items.stateWithoutTexts(id) }, this.filters);
  }

  /**
   * Fix the queue and go to its first item still to do; called once, at the end of the subclass's constructor.
   * `totals`: the progress counters' sums over the queue when the subclass knows them without asking each item (at
   * 100k items, a state per item was a fifth of a session's start-up); they must be what tallyOf would add up to.
   */
  protected start(queue: readonly SourceItem[], totals?: ReadonlyMap<string, number>): void {
    const cursor = new QueueCursor(queue, (id) => this.isTodo(id));
    this.started = { queue, cursor };
    cursor.resume();
    if (totals) for (const [key, n] of totals) this.totals.set(key, n);
    else for (const item of queue) for (const key of this.tallyKeys(item.id)) this.totals.set(key, this.count(key) + 1);
  }

  /** Whether the item is still to do in this session (the cursor passes over the others). */
  abstract isTodo(id: string): boolean;

  /**
   * Whether an item still to do is only a second look at one already done
   * (a revisit asked for by the filters): it counts as `revisit`, not as
   * `todo`, and skipping it leaves it done. Asked only when isTodo is true.
   */
  protected isRevisit(_id: string): boolean {
    return false;
  }

  /**
   * The progress counters a queued item adds to in its present state (e.g.
   * `state:adapted`); read the sums with count(). The base class adds `todo`
   * and `skipped`. Must depend only on the item's own state and session marks.
   */
  protected tallyOf(_id: string): readonly string[] {
    return [];
  }

  /** How many queued items add to a progress counter (see tallyOf). */
  protected count(key: string): number {
    return this.totals.get(key) ?? 0;
  }

  /** What the screen shows about an item; cached until an event touches the item. */
  protected abstract buildView(item: SourceItem, state: ItemState): View;

  /** What a written event means to the session (who decided, which verdicts were given), before its item is folded again. */
  protected abstract onWritten(e: JournalEvent): void;

  /** The items of the session, in source order; fixed for the session. */
  get queue(): readonly SourceItem[] {
    return this.run.queue;
  }

  protected get cursor(): QueueCursor {
    return this.run.cursor;
  }

  private get run(): { queue: readonly SourceItem[]; cursor: QueueCursor } {
    if (!this.started) throw new Error('QueueSession: start() was not called by the constructor');
    return this.started;
  }

  // ---- reading ------------------------------------------------------------

  /** True when no current item is left (everything done or skipped). */
  get finished(): boolean {
    return this.cursor.finished;
  }

  /** 0-based index of the current item in the queue (queue.length when finished). */
  get index(): number {
    return this.cursor.position;
  }

  get currentId(): string | undefined {
    return this.cursor.currentId;
  }

  item(id: string): SourceItem | undefined {
    return this.items.item(id);
  }

  state(id: string): ItemState {
    const s = this.items.state(id);
    if (!s) throw notAnItem(id);
    return s;
  }

  /** The item's state without its texts (ItemStates.stateWithoutTexts): for counts and rules over the queue, not for a view. */
  protected stateWithoutTexts(id: string): ItemState {
    const s = this.items.stateWithoutTexts(id);
    if (!s) throw notAnItem(id);
    return s;
  }

  /** What the item's events set, without a state made (ItemStates.folded): for rules on assignees and decisions. */
  protected folded(id: string): Pick<ItemState, 'assignees' | 'decision' | 'secondaryDecisions'> {
    const s = this.items.folded(id);
    if (!s) throw notAnItem(id);
    return s;
  }

  /** Whether any item is assigned to `name` (ItemStates.anyAssignedTo). */
  protected anyAssignedTo(name: string): boolean {
    return this.items.anyAssignedTo(name);
  }

  /** Whether the ID is in the queue. */
  inQueue(id: string): boolean {
    return this.cursor.has(id);
  }

  /** What the screen shows about the current item. */
  current(): View | undefined {
    const id = this.currentId;
    return id === undefined ? undefined : this.view(id);
  }

  /** What the screen shows about an item of the source. */
  view(id: string): View {
    const cached = this.views.get(id);
    if (cached) return cached;
    const view = this.buildView(this.requireItem(id), this.state(id));
    this.views.set(id, view);
    return view;
  }

  /** The source item, or the refusal naming an ID that is not one. */
  protected requireItem(id: string | undefined): SourceItem {
    if (id === undefined) throw new ActionError(`There is no current item: the ${this.name} is finished.`, 'id');
    const item = this.items.item(id);
    if (!item) throw notAnItem(id);
    return item;
  }

  /** Position in the queue (1-based; 0 when not in it) and the queue's length. */
  protected placeOf(id: string): { position: number; total: number } {
    const index = this.cursor.indexOf(id);
    return { position: index === undefined ? 0 : index + 1, total: this.queue.length };
  }

  /** The checklist, suggestions and proposal of an item in a given state. */
  protected details(item: SourceItem, state: Pick<ItemState, 'checklist'>): ItemDetails {
    return itemDetails(this.pack, item, state);
  }

  /** What changed in the source since `from`, when the project kept that older text. */
  protected sourceChange(item: SourceItem, from: string): { old: { question: string; answer: string }; diff: SourceDiff } | undefined {
    const old = this.sourceTexts?.get(from);
    if (!old) return undefined;
    const texts = { question: old.question, answer: old.answer };
    return { old: texts, diff: diffSourceTexts(texts, item, { from, to: item.sourceHash }) };
  }

  /**
   * Current position (1-based; 0 when finished), items still to do and, of
   * those, the ones skipped in this session, and done items still offered for
   * a second look (not skipped; not part of `remaining`).
   */
  protected queueProgress(): { position: number; total: number; remaining: number; skipped: number; revisit: number } {
    return {
      position: this.finished ? 0 : this.cursor.position + 1,
      total: this.queue.length,
      remaining: this.count('todo'),
      skipped: this.count('skipped'),
      revisit: this.count('revisit'),
    };
  }

  /** The counters a queued item adds to now. */
  private tallyKeys(id: string): readonly string[] {
    const own = this.tallyOf(id);
    if (!this.isTodo(id)) return own; // the subclass's array as it is: no copy per item at start (100k at scale)
    const skipped = this.cursor.isSkipped(id);
    if (this.isRevisit(id)) return skipped ? own : [...own, 'revisit'];
    return skipped ? [...own, 'todo', 'skipped'] : [...own, 'todo'];
  }

  /** Before anything changes a queued item: note what it adds now, unless noted already. */
  private noteTally(id: string): void {
    if (!this.tallies.has(id) && this.cursor.has(id)) this.tallies.set(id, this.tallyKeys(id));
  }

  /** Take an item's old contribution (noted by noteTally) off the counters and add its present one. */
  private retally(id: string): void {
    if (!this.cursor.has(id)) return;
    for (const key of this.tallies.get(id) ?? []) this.totals.set(key, this.count(key) - 1);
    const keys = this.tallyKeys(id);
    for (const key of keys) this.totals.set(key, this.count(key) + 1);
    this.tallies.set(id, keys);
  }

  // ---- writing ------------------------------------------------------------

  /** Take events that were written to the journal: re-fold the items they touch. Returns their IDs. */
  commit(written: readonly JournalEvent[]): string[] {
    for (const e of written) this.noteTally(e.item);
    const touched = this.items.add(written, (e) => this.onWritten(e));
    for (const id of touched) {
      this.views.delete(id);
      this.retally(id);
    }
    return touched;
  }

  // ---- navigation ---------------------------------------------------------

  /**
   * Move to the next item to do after the current one, wrapping around to
   * earlier ones; items skipped in this session are passed over. Returns
   * false when none is left (the session is finished).
   */
  next(): boolean {
    return this.cursor.next();
  }

  /** Leave the current item as it is and move on; it stays first in line for the next session. */
  skip(): boolean {
    const id = this.currentId;
    if (id !== undefined) this.noteTally(id);
    const moved = this.cursor.skip();
    if (id !== undefined) this.retally(id);
    return moved;
  }

  /** Back to the item shown before this one (or the previous one in the queue). */
  back(): boolean {
    return this.cursor.back();
  }

  /** Resume at an item where the person stopped before (see QueueCursor.resumeFrom); ignored when it is not in the queue. */
  resumeFrom(id: string): void {
    this.cursor.resumeFrom(id);
  }

  /** Jump to an item of the queue. */
  goTo(id: string): void {
    if (!this.cursor.goTo(id)) throw new ActionError(t('errors.notInQueue', { id: JSON.stringify(id), queue: this.name }), 'id');
  }
}

function notAnItem(id: string): ActionError {
  return new ActionError(t('errors.notAnItem', { id: JSON.stringify(id) }), 'id');
}
