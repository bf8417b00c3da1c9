/**
 * Item state as a fold over the journal. Nothing here writes: the same
 * events always give the same state, whichever order the journals were merged in.
 *
 * States: untranslated -> translated (MT or edited draft) -> adapted (a
 * localizer's decision) -> approved | rejected (a reviewer's verdict on the
 * current decision and text). Any event made against an older source text
 * than the current one makes the item stale until it is redone. Two
 * decisions where neither author saw the other (project/event-order.ts) put
 * the item in conflict until a decision that saw both. Undone events
 * (project/undo.ts) are left out, as if never written.
 */
import type { SourceItem, TextRole } from '../dataset/item.js';
import type { ChecklistAnswer, Decision, DecisionEvent, EditEvent, GroupPair, JournalEvent, MtEvent, NewItemEvent, ReviewVerdict } from './events.js';
import { currentDecision, decisionCounts } from './decisions.js';
import { eventId, nextHeads, type DecisionHeads } from './event-order.js';
import { undoneBy, undoTargets, type UndoTargets } from './undo.js';
import { currentQuestionId } from './checklist-aliases.js';
import { DataError } from '../errors.js';
import { newItemIdCollision } from './messages.js';
import { authorFileName } from './journal.js';

export const ITEM_STATES = ['untranslated', 'translated', 'adapted', 'approved', 'rejected', 'conflict', 'stale'] as const;
export type ItemStateName = (typeof ITEM_STATES)[number];

export interface ItemState {
  id: string;
  state: ItemStateName;
  mt?: Pick<MtEvent, 'provider' | 'label' | 'isTranslation' | 'question' | 'answer' | 'ts' | 'author' | 'sourceHash'>;
  /** Current target text: the latest of the MT and the human edits. */
  question?: string;
  answer?: string;
  /** Set when the current target text started from a model suggestion a person accepted (an edit event with `fromSuggestion`). */
  fromSuggestion?: boolean;
  /** Which fields were edited by a person since the latest MT. */
  edited: Record<TextRole, boolean>;
  /** Who made those edits (authors of edit events since the latest MT), for the self-review rule. */
  editors: string[];
  checklist: Record<string, { answer: ChecklistAnswer; note?: string; author: string }>;
  decision?: ItemDecision;
  /** Concurrent decisions (neither author saw the other), in journal order; `decision` is the last of them. Set only in conflict. */
  conflict?: ItemDecision[];
  /** Decisions of second annotators (double annotation), latest per author. */
  secondaryDecisions: Record<string, { decision: Decision; rationale?: string }>;
  /** The latest review of the current decision, if any. */
  review?: { verdict: ReviewVerdict; comment?: string; author: string; ts: string };
  /** The latest rejection comment, kept after the localizer reworks the item. */
  lastRejection?: { comment?: string; author: string; ts: string };
  flags: { note: string; author: string; ts: string; replies?: { note: string; author: string; ts: string }[] }[];
  /** Declared intended changes (source -> target), latest per pair. */
  intended: ItemIntended[];
  /** QA waivers, latest per check and field. */
  waivers: ItemWaiver[];
  assignees: string[];
  authors: string[];
  firstTs?: string;
  lastTs?: string;
  /** Hash of the source text the stale work was made against. */
  staleFrom?: string;
}

export interface ItemIntended {
  source: string;
  target: string;
  reason: string;
  author: string;
  ts: string;
}

export interface ItemWaiver {
  check: string;
  field?: TextRole;
  reason: string;
  /** Hash of the target text the waiver was given for (project/target-hash.ts). */
  targetHash: string;
  author: string;
  ts: string;
}

export interface ItemDecision {
  decision: Decision;
  rationale?: string;
  /** replace-target: the source group → target group pair. */
  groups?: GroupPair;
  author: string;
  ts: string;
  sourceHash: string;
}

/**
 * Shared by every empty state, frozen: at 100k items one set of empty lists
 * per item was a fifth of the fold's memory. The reducers replace a list or
 * record when they change it (copy on write) rather than change it in place.
 */
export const NONE = Object.freeze([]) as never[];
const NOTHING = Object.freeze({}) as Record<string, never>;
const NOT_EDITED: Record<TextRole, boolean> = Object.freeze({ question: false, answer: false });

/**
 * A one-name list (authors, editors), shared by every item with that one
 * name and frozen like NONE: at 100k items most have a single author.
 */
const ONE_NAME = new Map<string, string[]>();
export function withName(names: string[], name: string): string[] {
  if (names.length > 0) return [...names, name];
  let one = ONE_NAME.get(name);
  if (!one) ONE_NAME.set(name, (one = Object.freeze([name]) as string[]));
  return one;
}

export function emptyState(id: string): ItemState {
  return {
    id,
    state: 'untranslated',
    edited: NOT_EDITED,
    editors: NONE,
    checklist: NOTHING,
    secondaryDecisions: NOTHING,
    flags: NONE,
    intended: NONE,
    waivers: NONE,
    assignees: NONE,
    authors: NONE,
  };
}

/** One item's fold so far: its state before the source is consulted, and what the final step needs. */
export interface ItemFold {
  s: ItemState;
  /** Fold order of the last change to text or decision: a review only counts if it came after. */
  lastChange: number;
  reviewAt: number;
  heads: DecisionHeads<ItemDecision>;
  /** The `new` event of an item added in the target language (`carefully add`). */
  added?: NewItemEvent;
  /**
   * A compact fold's places (EventPlaces) of the latest MT event and of the events that set the current
   * question and answer: their texts in `s` are '' until the state is finished.
   */
  mtAt?: number | undefined;
  questionAt?: number | undefined;
  answerAt?: number | undefined;
  /** With `mtAt`: the MT's source hash, so that a state without texts (`state(item, false)`) still knows staleness. */
  mtHash?: string | undefined;
}

/** Where events are in the journal, for a compact fold: it keeps places rather than texts and reads the events back (journal-lines.ts). */
export interface EventPlaces {
  /** A number standing for the line at byte `start` of journal file `file`; undefined when the event must keep its texts. */
  place(file: string, start: number): number | undefined;
  /** The event at a place, which must be of `item`. */
  event(place: number, item: string): JournalEvent;
  /**
   * The error for an event at a place that is not the one folded there (the journal was rewritten meanwhile); the
   * checkpoint, which may hold that place, is removed so that the next run folds from the journal's start.
   */
  changed(place: number, item: string): Error;
  /** The files given places so far, in the order of their numbers (a checkpoint stores places by it). */
  files(): readonly string[];
}

/** Where a folded event's line starts in its journal file (as journal-stream.ts gives it). */
export interface EventLine {
  file: string;
  /** Byte offset of the line's start. */
  start: number;
}

/** What the fold knows about undone events (project/undo.ts): they are left out, as if never written. */
export interface UndoContext {
  /** The undo events of the events to fold, by the ID of the event each names. */
  targets: UndoTargets;
  /** The undone events met so far, by ID. */
  readonly undoneById: Map<string, JournalEvent>;
  /** What undone primary decisions had seen: a later decision that saw one of them saw those too. */
  readonly undoneSaw: Map<string, readonly string[]>;
}

/** What one event type does to an item's fold; `order` increases with every event folded. */
export type Reducer<E extends JournalEvent> = (f: ItemFold, e: E, order: number, undo: UndoContext) => void;

/** Event type -> reducer. A new event type adds its entry here (and to EVENT_TYPES and the schema). */
export const REDUCERS: { [T in JournalEvent['type']]: Reducer<Extract<JournalEvent, { type: T }>> } = {
  mt: (f, e, order) => {
    const s = f.s;
    s.mt = mtOf(e);
    s.question = e.question;
    s.answer = e.answer;
    s.edited = NOT_EDITED;
    s.editors = NONE;
    delete s.fromSuggestion;
    f.lastChange = order;
  },
  edit: (f, e, order) => {
    const s = f.s;
    s[e.field] = e.text;
    if (!s.edited[e.field]) s.edited = { ...s.edited, [e.field]: true };
    if (e.fromSuggestion) s.fromSuggestion = true;
    if (!s.editors.includes(e.author)) s.editors = withName(s.editors, e.author);
    f.lastChange = order;
  },
  checklist: ({ s }, e) => {
    s.checklist = { ...s.checklist, [currentQuestionId(e.question)]: { answer: e.answer, author: e.author, ...(e.note ? { note: e.note } : {}) } };
  },
  decision: applyDecision,
  new: (f, e, order, undo) => {
    const s = f.s;
    // Two clones that gave one ID to two items (IDs allocated before author tags): no way to tell which events are whose.
    if (f.added && eventId(f.added) !== eventId(e))
      throw new DataError(newItemIdCollision(e.item, f.added, authorFileName(f.added.author), e, authorFileName(e.author)));
    f.added ??= e;
    s.question = e.question;
    s.answer = e.answer;
    s.edited = { question: true, answer: true };
    if (!s.editors.includes(e.author)) s.editors = withName(s.editors, e.author);
    applyDecision(f, e, order, undo);
  },
  review: (f, e, order) => {
    const s = f.s;
    s.review = { verdict: e.verdict, author: e.author, ts: e.ts, ...(e.comment ? { comment: e.comment } : {}) };
    if (e.verdict === 'reject') s.lastRejection = { author: e.author, ts: e.ts, ...(e.comment ? { comment: e.comment } : {}) };
    f.reviewAt = order;
  },
  flag: ({ s }, e) => {
    if (e.resolved) s.flags = NONE;
    else if (e.reply) {
      const open = s.flags.at(-1);
      if (open) s.flags = [...s.flags.slice(0, -1), { ...open, replies: [...(open.replies ?? []), { note: e.note, author: e.author, ts: e.ts }] }];
    } else s.flags = [...s.flags, { note: e.note, author: e.author, ts: e.ts }];
  },
  assign: ({ s }, e) => {
    if (!s.assignees.includes(e.assignee)) s.assignees = [...s.assignees, e.assignee];
  },
  intended: ({ s }, e) => {
    s.intended = s.intended.filter((i) => i.source !== e.source || i.target !== e.target);
    if (!e.withdrawn) s.intended = [...s.intended, { source: e.source, target: e.target, reason: e.reason, author: e.author, ts: e.ts }];
  },
  waiver: ({ s }, e) => {
    s.waivers = s.waivers.filter((w) => w.check !== e.check || w.field !== e.field);
    if (!e.revoked)
      s.waivers = [
        ...s.waivers,
        { check: e.check, reason: e.reason, targetHash: e.targetHash, author: e.author, ts: e.ts, ...(e.field ? { field: e.field } : {}) },
      ];
  },
  // A proposal only: the target changes when a person accepts it (an edit event).
  suggestion: () => {},
  undo: (f, e, order, undo) => {
    // Taking back a text or a primary decision is a change: a verdict given before it no longer counts.
    const target = undo.undoneById.get(e.undoes);
    if (target && (target.type === 'edit' || (target.type === 'decision' && !target.secondary))) f.lastChange = order;
  },
};

function mtOf(e: MtEvent): NonNullable<ItemState['mt']> {
  return {
    provider: e.provider,
    label: e.label,
    isTranslation: e.isTranslation,
    question: e.question,
    answer: e.answer,
    ts: e.ts,
    author: e.author,
    sourceHash: e.sourceHash,
  };
}

/** A compact fold's `mt` while its event is in the journal (readTexts puts the event's back). */
export const PLACED_MT: NonNullable<ItemState['mt']> = Object.freeze({
  ...mtOf({ provider: '', label: '', isTranslation: false, question: '', answer: '', ts: '', author: '', sourceHash: '' } as MtEvent),
});

/** A decision, or an added item's implied `new` decision: the item's current one unless made as a second annotation. */
function applyDecision(f: ItemFold, e: DecisionEvent | NewItemEvent, order: number, undo: UndoContext): void {
  const s = f.s;
  const decision = e.type === 'new' ? 'new' : currentDecision(e.decision, e.groups);
  if (e.type === 'decision' && e.secondary) {
    s.secondaryDecisions = { ...s.secondaryDecisions, [e.author]: { decision, ...(e.rationale ? { rationale: e.rationale } : {}) } };
    return;
  }
  const groups = e.type === 'decision' && e.groups ? { groups: e.groups } : {};
  s.decision = { decision, author: e.author, ts: e.ts, sourceHash: e.sourceHash, ...(e.rationale ? { rationale: e.rationale } : {}), ...groups };
  f.heads = nextHeads(f.heads, e.type === 'decision' ? sawThrough(e, undo.undoneSaw) : e, headOf(s.decision, eventId(e)));
  f.lastChange = order;
}

/**
 * `{ ...d, id }`, built key by key: V8 gave each object spread from another
 * and then extended its own hidden class (about 300 bytes per decided item).
 */
export function headOf(d: ItemDecision, id: string): ItemDecision & { id: string } {
  const h = { decision: d.decision, author: d.author, ts: d.ts, sourceHash: d.sourceHash } as ItemDecision & { id: string };
  if (d.rationale !== undefined) h.rationale = d.rationale;
  if (d.groups !== undefined) h.groups = d.groups;
  h.id = id;
  return h;
}

/** What LazyFolds.holding picks the rows that may hold by. */
export type FoldKey = 'heads' | 'added' | 'assignees';

/** The rows of a checkpoint as LazyFolds keeps them (journal-fold.ts): each by a number standing for it, neither parsed nor decoded. */
export interface FoldRows {
  decode(row: number): ItemFold;
  /** Whether the row may hold decision heads, an added item's `new` event or assignees. */
  holds(row: number, key: FoldKey): boolean;
  /** Whether no row may hold the key (holds is then false for every row). */
  holdsNone(key: FoldKey): boolean;
  /** The row as stored, to be written back as it is. */
  text(row: number): string;
}

/**
 * Folds read from a checkpoint, each kept as a number standing for its stored row until first used: at 100k items,
 * decoding (or even parsing) every row up front made 100k folds at once (GC pauses) that sessions and status then ask
 * once each, or not at all. The Map's API is kept: `get` and iteration decode a row for good; `peek` decodes one
 * without keeping it (a read: StateFolder.state); keys, size, has and delete decode nothing.
 */
export class LazyFolds extends Map<string, ItemFold> {
  /** Rows decoded so far (a test's count). */
  decodes = 0;
  /** The fold `peek` decoded last: `get` of the same item right after keeps it rather than decode the row again. */
  private peeked: { id: string; fold: ItemFold } | undefined;

  constructor(private readonly rows: FoldRows) {
    super();
  }

  /** Adds an item's stored row, not decoded. */
  setRow(id: string, row: number): void {
    if (this.peeked?.id === id) this.peeked = undefined;
    super.set(id, row as unknown as ItemFold);
  }

  override get(id: string): ItemFold | undefined {
    const v = super.get(id) as ItemFold | number | undefined;
    if (typeof v !== 'number') return v;
    const fold = this.peeked?.id === id ? this.peeked.fold : this.decode(v);
    this.peeked = undefined;
    super.set(id, fold);
    return fold;
  }

  override set(id: string, fold: ItemFold): this {
    if (this.peeked?.id === id) this.peeked = undefined;
    return super.set(id, fold);
  }

  override delete(id: string): boolean {
    if (this.peeked?.id === id) this.peeked = undefined;
    return super.delete(id);
  }

  override clear(): void {
    this.peeked = undefined;
    super.clear();
  }

  /** The item's fold, a row decoded but not kept decoded: to be read, not changed. */
  peek(id: string): ItemFold | undefined {
    const v = super.get(id) as ItemFold | number | undefined;
    if (typeof v !== 'number') return v;
    if (this.peeked?.id !== id) this.peeked = { id, fold: this.decode(v) };
    return this.peeked.fold;
  }

  /** Each item's fold as held: decoded, or the text of its row not decoded yet (a checkpoint writes it back as it is). */
  *stored(): Generator<[string, ItemFold | string]> {
    for (const [id, v] of super.entries() as MapIterator<[string, ItemFold | number]>) yield [id, typeof v === 'number' ? this.rows.text(v) : v];
  }

  /** The folds that may hold `key`, to be read: a row that cannot is left out, not decoded; one that may is decoded but not kept. */
  *holding(key: FoldKey): Generator<[string, ItemFold]> {
    // No row may hold it (the usual case): a pass over the Map then decodes nothing and asks no row.
    const none = this.rows.holdsNone(key);
    for (const [id, v] of super.entries() as MapIterator<[string, ItemFold | number]>) {
      if (typeof v !== 'number') yield [id, v];
      else if (!none && this.rows.holds(v, key)) yield [id, this.decode(v)];
    }
  }

  override entries(): MapIterator<[string, ItemFold]> {
    for (const id of super.keys()) this.get(id);
    return super.entries();
  }

  override values(): MapIterator<ItemFold> {
    for (const id of super.keys()) this.get(id);
    return super.values();
  }

  override [Symbol.iterator](): MapIterator<[string, ItemFold]> {
    return this.entries();
  }

  override forEach(fn: (fold: ItemFold, id: string, map: Map<string, ItemFold>) => void, thisArg?: unknown): void {
    for (const [id, fold] of this.entries()) fn.call(thisArg, fold, id, this);
  }

  private decode(row: number): ItemFold {
    this.decodes++;
    return this.rows.decode(row);
  }
}

/**
 * Folds events, in journal order, into one fold per item named by any event,
 * whether or not the source still has it; `state` then finishes an item
 * against its current source hash. Events can keep coming after a `state`
 * (a session's writes, a journal read on from a checkpoint).
 */
export class StateFolder {
  readonly folds: Map<string, ItemFold>;
  /** Events folded so far (the next event's order). */
  order: number;

  private readonly undo: UndoContext;
  /**
   * `targets`: the undo events of the events to fold (undo.ts undoTargets), known before the events they take back
   * are folded; `undoneSaw`: what undone primary decisions folded earlier had seen (a checkpoint keeps it).
   * `places`: set for a compact fold: MT and edit texts folded with their line are left in the journal and read back by `state`.
   * `textsHeld`: with `places`, the places are only recorded (for a checkpoint) and the texts kept in the fold.
   */
  constructor(
    folds: Map<string, ItemFold> = new Map(),
    order = 0,
    targets: UndoTargets = new Map(),
    readonly places?: EventPlaces,
    readonly textsHeld = false,
    undoneSaw: Map<string, readonly string[]> = new Map(),
  ) {
    this.folds = folds;
    this.order = order;
    this.undo = { targets, undoneById: new Map(), undoneSaw };
  }

  /** The undo events of the events still to fold (those folded already are not taken back). */
  expectUndos(targets: UndoTargets): void {
    this.undo.targets = targets;
  }

  /** What undone primary decisions had seen, by their IDs (StateFolder's `undoneSaw`). */
  undoneSaw(): ReadonlyMap<string, readonly string[]> {
    return this.undo.undoneSaw;
  }

  /** Folds one event; `at` is where it is in the journal (a compact fold then keeps that rather than its texts). */
  apply(e: JournalEvent, at?: EventLine): void {
    const order = this.order++;
    let f = this.folds.get(e.item);
    if (!f) {
      f = { s: emptyState(e.item), lastChange: -1, reviewAt: -1, heads: NONE };
      // Every compact fold with the same keys from the start: one object shape for apply and state to meet.
      if (this.places) f.mtAt = f.questionAt = f.answerAt = f.mtHash = undefined;
      this.folds.set(e.item, f);
    }
    const s = f.s;
    if (this.undo.targets.size > 0 && undoneBy(e, this.undo.targets)) {
      const id = eventId(e);
      this.undo.undoneById.set(id, e);
      if (e.type === 'decision' && !e.secondary) this.undo.undoneSaw.set(id, e.after ?? []);
      return;
    }
    // Assigning an item (adapt --double), taking work back and a model's suggestion are not work on it: none makes an author of the item.
    if (e.type !== 'assign' && e.type !== 'undo' && e.type !== 'suggestion' && !s.authors.includes(e.author)) s.authors = withName(s.authors, e.author);
    s.firstTs ??= e.ts;
    s.lastTs = e.ts;
    (REDUCERS[e.type] as Reducer<JournalEvent>)(f, e, order, this.undo);
    if (this.places && (e.type === 'mt' || e.type === 'edit' || e.type === 'new')) placeTexts(f, e, at && this.places.place(at.file, at.start), this.textsHeld);
  }

  /** The `new` events of items added in the target language, in the order their items were first folded. */
  addedEvents(): NewItemEvent[] {
    const out: NewItemEvent[] = [];
    for (const [, f] of this.foldsHolding('added')) if (f.added) out.push(f.added);
    return out;
  }

  /** The folds that may hold decision heads, an added item's `new` event or assignees, to be read (LazyFolds.holding: the others not decoded). */
  foldsHolding(key: FoldKey): Iterable<[string, ItemFold]> {
    return this.folds instanceof LazyFolds ? this.folds.holding(key) : this.folds;
  }

  /** The item's fold, to be read, not changed (a checkpoint's row is decoded but not kept: LazyFolds.peek). */
  fold(id: string): ItemFold | undefined {
    return this.folds instanceof LazyFolds ? this.folds.peek(id) : this.folds.get(id);
  }

  /**
   * The item's state against its current source hash (a new object; the fold itself is left as it is). Without
   * `texts`, texts a compact fold left in the journal are not read back: `question` and `answer` are then '' and
   * `mt` holds no text either, but the state name and all else are right (for counts, as `status` makes).
   */
  state(item: Pick<SourceItem, 'id' | 'sourceHash'>, texts = true): ItemState {
    const f = this.fold(item.id);
    if (!f) return finish({ s: emptyState(item.id), lastChange: -1, reviewAt: -1, heads: NONE }, item.sourceHash);
    return finish(f, item.sourceHash, this.textsHeld ? undefined : this.places, texts);
  }

  /** States of the given source items, and the IDs folded that are not among them. */
  statesFor(items: Iterable<Pick<SourceItem, 'id' | 'sourceHash'>>, texts = true): { states: Map<string, ItemState>; orphans: string[] } {
    const states = new Map<string, ItemState>();
    for (const item of items) states.set(item.id, this.state(item, texts));
    return { states, orphans: [...this.folds.keys()].filter((id) => !states.has(id)) };
  }
}

/**
 * A compact fold: the texts just set by an MT or edit event at `place` are
 * replaced by '' (so that "has a text" still holds) and the place is kept, and
 * an MT event's `mt` by PLACED_MT; an event with no place (or a `new` event,
 * whose texts its fold keeps anyway) leaves its texts in the fold. With
 * `held`, the place is kept and so are the texts.
 */
function placeTexts(f: ItemFold, e: MtEvent | EditEvent | NewItemEvent, place: number | undefined, held: boolean): void {
  const s = f.s;
  if (e.type === 'edit') {
    if (e.field === 'question') f.questionAt = place;
    else f.answerAt = place;
    if (place !== undefined && !held) s[e.field] = '';
    return;
  }
  if (e.type === 'new') place = undefined;
  f.questionAt = f.answerAt = place;
  if (e.type === 'mt') {
    f.mtAt = place;
    f.mtHash = place === undefined ? undefined : e.sourceHash;
  }
  if (place === undefined || held) return;
  s.mt = PLACED_MT;
  s.question = s.answer = '';
}

/** A compact fold's texts read back from the events at its places (into `s`, a copy of its state). */
function readTexts(f: ItemFold, s: ItemState, places: EventPlaces): void {
  let last: { at: number; e: JournalEvent } | undefined;
  const event = (at: number): JournalEvent => {
    if (last?.at !== at) last = { at, e: places.event(at, s.id) };
    return last.e;
  };
  const text = (at: number, field: TextRole): string => {
    const e = event(at);
    if (e.type === 'edit' && e.field === field) return e.text;
    if (e.type === 'mt') return e[field];
    throw places.changed(at, s.id);
  };
  if (f.mtAt !== undefined) {
    const e = event(f.mtAt);
    if (e.type !== 'mt') throw places.changed(f.mtAt, s.id);
    s.mt = mtOf(e);
  }
  if (f.questionAt !== undefined) s.question = text(f.questionAt, 'question');
  if (f.answerAt !== undefined) s.answer = text(f.answerAt, 'answer');
}

function finish(f: ItemFold, current: string, places?: EventPlaces, texts = true): ItemState {
  const s: ItemState = { ...f.s };
  const placed = places !== undefined && (f.mtAt !== undefined || f.questionAt !== undefined || f.answerAt !== undefined);
  if (placed && texts) readTexts(f, s, places);
  if (f.reviewAt <= f.lastChange) delete s.review;
  if (f.heads.length > 1) s.conflict = f.heads.map(({ id: _id, ...d }) => d);
  const mtHash = placed && !texts && f.mtAt !== undefined ? f.mtHash : s.mt?.sourceHash;
  const staleFrom = [mtHash, s.decision?.sourceHash].find((h) => h !== undefined && h !== current);
  if (staleFrom) {
    s.state = 'stale';
    s.staleFrom = staleFrom;
  } else if (s.conflict) s.state = 'conflict';
  else if (s.review) s.state = s.review.verdict === 'approve' ? 'approved' : 'rejected';
  else if (s.decision) s.state = 'adapted';
  else if (s.question !== undefined || s.answer !== undefined) s.state = 'translated';
  else s.state = 'untranslated';
  return s;
}

/**
 * Fold events into item states for the given source items. Events for IDs not in
 * the source are returned in `orphans` (items removed from a new source release).
 */
export function foldState(
  items: readonly Pick<SourceItem, 'id' | 'sourceHash'>[],
  events: readonly JournalEvent[],
): { states: Map<string, ItemState>; orphans: string[] } {
  return folderOf(events).statesFor(items);
}

/** A folder of a whole journal held in memory (its undos known in advance). */
export function folderOf(events: readonly JournalEvent[]): StateFolder {
  const folder = new StateFolder(new Map(), 0, undoTargets(events));
  for (const e of events) folder.apply(e);
  return folder;
}

/** A decision's `after`, with what each undone decision in it had seen (recursively). */
function sawThrough(e: DecisionEvent, undoneSaw: ReadonlyMap<string, readonly string[]>): Pick<DecisionEvent, 'v' | 'after'> {
  if (undoneSaw.size === 0 || !e.after) return e;
  const saw = new Set<string>();
  const todo = [...e.after];
  while (todo.length > 0) {
    const id = todo.pop()!;
    if (saw.has(id)) continue;
    saw.add(id);
    todo.push(...(undoneSaw.get(id) ?? []));
  }
  return { v: e.v, after: [...saw] };
}

/**
 * An item in conflict, settled for one use (export --on-conflict) without
 * writing anything: `side` is "latest" (the decision last in journal order)
 * or an author. Returns a reason string when that author has no side here.
 */
export function chooseSide(s: ItemState, side: string): ItemState | string {
  if (!s.conflict) return s;
  const chosen = side === 'latest' ? s.conflict.at(-1)! : s.conflict.findLast((d) => d.author === side);
  if (!chosen) return `${side} made none of its conflicting decisions`;
  const { conflict: _conflict, ...rest } = s;
  const state = s.review ? (s.review.verdict === 'approve' ? 'approved' : 'rejected') : 'adapted';
  return { ...rest, decision: chosen, state };
}

/** "alice: adapt (2026-11-29T10:00:00.000Z); bob: drop (...)" */
export function describeConflict(sides: readonly ItemDecision[]): string {
  return sides.map((d) => `${d.author}: ${d.decision} (${d.ts})`).join('; ');
}

export interface StatusSummary {
  items: number;
  byState: Record<ItemStateName, number>;
  byDecision: Record<Decision | 'none', number>;
  flagged: number;
  /** Double annotation: items assigned to a second annotator, and those whose second decision is in. */
  secondAnnotation: { assigned: number; done: number };
  /** Items of the journal whose IDs are no longer in the source. */
  removed: number;
  /** Journal lines skipped on read (torn, malformed, or part of a cut unit). */
  skippedEvents: number;
}

export function summarise(states: Iterable<ItemState>, orphans: readonly string[] = [], skippedEvents = 0): StatusSummary {
  const byState = Object.fromEntries(ITEM_STATES.map((s) => [s, 0])) as Record<ItemStateName, number>;
  const byDecision: Record<Decision | 'none', number> = { ...decisionCounts(), none: 0 };
  const sum = { items: 0, byState, byDecision, flagged: 0, secondAnnotation: { assigned: 0, done: 0 } };
  for (const s of states) countState(sum, s);
  return { ...sum, removed: orphans.length, skippedEvents };
}

/**
 * Adds one item's state to the per-item counts of a summary: what `summarise` does for each state (report tallies call it
 * item by item). `by` -1 takes a state out again (a count brought up to date: status-cache.ts).
 */
export function countState(sum: Omit<StatusSummary, 'removed' | 'skippedEvents'>, s: ItemState, by: 1 | -1 = 1): void {
  sum.items += by;
  sum.byState[s.state] += by;
  sum.byDecision[s.decision?.decision ?? 'none'] += by;
  if (s.flags.length > 0) sum.flagged += by;
  if (s.assignees.length > 0) {
    sum.secondAnnotation.assigned += by;
    if (s.assignees.every((a) => s.secondaryDecisions[a])) sum.secondAnnotation.done += by;
  }
}
