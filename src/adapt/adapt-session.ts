/**
 * The adaptation session as a state machine with no UI: which items are in
 * the queue, which one is current, what the localizer sees about it (checklist,
 * suggestions, proposed decision) and which journal events each action
 * produces. The caller appends those events to the journal and hands the
 * written events back with commit(); only then does the session's state move.
 * That order is what makes "every answer is saved before the next prompt" hold.
 *
 *   const s = new AdaptSession({ items, events, pack, author, filters });
 *   const events = s.eventsFor({ type: 'decide', decision: 'adapt', rationale: '110 → 112' });
 *   s.commit(await writer.append(events));
 *   s.next();
 */
import type { SourceItem, TextRole } from '../dataset/item.js';
import { ActionError } from '../errors.js';
import type { ChecklistAnswer, Decision, GroupPair, JournalEvent, MtEvent, NewEvent } from '../project/events.js';
import { ITEM_STATES, type ItemState, type ItemStateName } from '../project/state.js';
import { answersOf } from '../locale/checklist.js';
import { DECISIONS, decisionCounts, validateDecision } from '../project/decisions.js';
import type { SourceDiff } from '../project/source-snapshot.js';
import { eventId } from '../project/event-order.js';
import type { Filters } from '../session/filters.js';
import type { Finding } from '../qa/types.js';
import type { ChecklistEntry, ItemDetails } from '../session/item-details.js';
import { QueueSession, type QueueSessionInit } from '../session/queue-session.js';
import type { StateDecisionCounts } from '../project/status-cache.js';
import { isQaAction, qaActionEvents, type QaAction } from '../session/qa-actions.js';
import { addedItemDecision, evidenceMissing, groupsMissing, newOnlyForAdded, notAChecklistAnswer, secondaryItemRefused } from './messages.js';
import { undoPlan, type UndoPlan } from '../session/undo-action.js';
import { noMtToRevert, revertSecondaryRefused } from '../session/messages.js';
import { currentQuestionId } from '../project/checklist-aliases.js';

/** replace-target's group pair, trimmed; both sides are required. */
function groupPair(groups: GroupPair | undefined): GroupPair {
  const source = groups?.source.trim() ?? '';
  const target = groups?.target.trim() ?? '';
  if (!/[\p{L}\p{N}]/u.test(source) || !/[\p{L}\p{N}]/u.test(target)) throw new ActionError(groupsMissing, 'groups');
  return { source, target };
}

export type { ChecklistEntry, ItemDetails };

/** No current decision: the localizer still has to decide (rejected and stale items must be redone, conflicting decisions settled). */
export const UNFINISHED_STATES: readonly ItemStateName[] = ['untranslated', 'translated', 'rejected', 'conflict', 'stale'];

export type Action =
  /** Accept the current target text as a transfer (translation is enough). */
  | { type: 'accept' }
  /** `fromSuggestion`: the `ts` of the model suggestion the person accepted (carefully suggest). */
  | { type: 'edit'; field: TextRole; text: string; fromSuggestion?: string }
  | { type: 'checklist'; question: string; answer: ChecklistAnswer; note?: string }
  /** `groups`: replace-target's source group → target group pair (required for it). */
  | { type: 'decide'; decision: Decision; rationale?: string; groups?: GroupPair }
  | { type: 'flag'; note: string }
  /** Intended change, waiver, flag reply or resolution (session/qa-actions.ts). */
  | QaAction
  /** Take back the author's last action on the item (new undo events; session/undo-action.ts). */
  | { type: 'undo' }
  /** Restore the machine translation: an edit of each field whose text differs from it. */
  | { type: 'revert' }
  | { type: 'skip' }
  | { type: 'back' }
  | { type: 'next' }
  | { type: 'quit' };
export type ActionType = Action['type'];
export const NAVIGATION: readonly ActionType[] = ['skip', 'back', 'next', 'quit'];

/** Why a stale item is stale, with the old and new machine translation when both exist. */
export interface StaleInfo {
  /** Hash of the source text the old work was made against. */
  from: string;
  /** That old source text, when the project kept it (cache/source-texts.jsonl). */
  oldSource?: { question: string; answer: string };
  /** What changed in the source since then (from `oldSource`), as `carefully status`/`sourceDiff` compute it. */
  sourceDiff?: SourceDiff;
  /** The MT made against the old source, if the journal has it. */
  oldMt?: { question: string; answer: string };
  /** The MT of the current source, if `carefully translate` was rerun since. */
  newMt?: { question: string; answer: string };
}

export interface ItemView extends ItemDetails {
  item: SourceItem;
  /** QA findings on the item's current text that no waiver covers (none without a QA checker or target text). */
  findings: Finding[];
  /**
   * The item as this localizer sees it. On a second-annotation item it is
   * blind to the primary localizer's work: the machine translation as the
   * text, no decision, no checklist answers, no review.
   */
  state: ItemState;
  /** 1-based position in the queue. */
  position: number;
  total: number;
  stale?: StaleInfo;
  /** Whether the item still needs a decision in this session. */
  todo: boolean;
  /**
   * Second annotation (`adapt --double`): the localizer is an assignee of the
   * item, so their decision is recorded apart and compared (`carefully
   * agreement`), never applied as the item's decision.
   */
  secondary: boolean;
  /** On a second-annotation item: this localizer's own earlier decision, if any. */
  ownSecondary?: { decision: Decision; rationale?: string };
}

export interface Progress {
  /** 1-based position of the current item; 0 when the session is finished. */
  position: number;
  total: number;
  /** Items in the queue with a current decision. */
  decided: number;
  /** Items in the queue still needing a decision (skipped ones included). */
  remaining: number;
  skipped: number;
  /** Decided items this session still offers for a second look (--ids, --state adapted); not in `remaining`. */
  revisit: number;
  byDecision: Record<Decision, number>;
  byState: Partial<Record<ItemStateName, number>>;
  /** Decisions made in this session. */
  decidedThisSession: number;
  /** True when the queue is this localizer's second-annotation sample (`decided` counts their own decisions). */
  secondary: boolean;
}

export interface SessionInit extends QueueSessionInit {
  author: string;
  filters?: Filters;
  /** QA findings of an item in a given state (the project's checks, with the dataset's length statistics). */
  qa?: (item: SourceItem, state: ItemState) => Finding[];
  /** Every item (source and added) by state and decision, as the session's journal gives them (project.ts cachedStateCounts). */
  stateCounts?: StateDecisionCounts;
}

export class AdaptSession extends QueueSession<ItemView> {
  readonly author: string;
  /** When the filters explicitly select decided items (--state adapted, --ids), those are to be revisited once. */
  readonly revisit: boolean;
  /**
   * True when the filtered items include second-annotation items of the
   * author (assigned to them by `adapt --double`): the queue is then exactly
   * those items, and what is left to do is those lacking the author's
   * decision. A second annotator never makes primary decisions on the same
   * selection (re-applying their answers file cannot overwrite the primary
   * localizer's work); someone who is also a primary localizer works on their
   * own items by selecting them (e.g. their --shard, with the sample drawn
   * from the other shard).
   */
  readonly secondaryMode: boolean;
  private readonly decidedHere = new Set<string>();
  private readonly qa: SessionInit['qa'];
  /** Whether an item is assigned to the author: if none is (most projects), no item is looked up to tell a second annotation. */
  private assigned: boolean;

  constructor(init: SessionInit) {
    const filters = init.filters ?? {};
    super(init, filters, 'session');
    this.author = init.author;
    this.qa = init.qa;
    this.assigned = this.anyAssignedTo(this.author);
    const selected = this.selected();
    const assigned = selected.filter((item) => this.isSecondary(item.id));
    this.secondaryMode = assigned.length > 0;
    this.revisit = filters.ids !== undefined || (filters.states ?? []).some((s) => !UNFINISHED_STATES.includes(s));
    // Resume: the first item of the queue that still needs a decision.
    const queue = this.secondaryMode ? assigned : selected;
    this.start(queue, queue.length === init.items.length ? this.totalsOf(init.stateCounts, queue.length) : undefined);
  }

  /**
   * The progress counters' sums over a queue of every item, from every item's counts by state and decision, when each
   * item's tallyOf depends on its state and decision alone: no item is assigned to the author, none is a revisit.
   */
  private totalsOf(counts: StateDecisionCounts | undefined, items: number): Map<string, number> | undefined {
    if (!counts || this.assigned || this.revisit) return undefined;
    const totals = new Map<string, number>();
    const add = (key: string, n: number) => totals.set(key, (totals.get(key) ?? 0) + n);
    let sum = 0;
    // Names checked on read (status-cache.ts isCounts); counts brought up to date from its base are not checked again.
    for (const [key, n] of Object.entries(counts)) {
      if (n < 0) return undefined;
      if (n === 0) continue;
      const [state, decision] = key.split(' ') as [ItemStateName, Decision | 'none'];
      for (const tally of tallyFor(state, decision === 'none' ? undefined : decision)) add(tally, n);
      if (unfinished(state)) add('todo', n);
      sum += n;
    }
    return sum === items ? totals : undefined;
  }

  // ---- reading ------------------------------------------------------------

  /**
   * Whether the author is a second annotator of the item: assigned to it
   * (`adapt --double`) and not the author of its primary decision. Their
   * decisions on it are recorded with `secondary: true`, whether the primary
   * decision is made before or after theirs.
   */
  /** QA findings the item would have with this target text (e.g. a model suggestion before it is accepted). */
  findingsFor(id: string, text: { question: string; answer: string }): Finding[] {
    const item = this.item(id);
    return item ? (this.qa?.(item, { ...this.state(id), ...text }) ?? []) : [];
  }

  isSecondary(id: string): boolean {
    if (!this.assigned) return false;
    const s = this.folded(id);
    return s.assignees.includes(this.author) && s.decision?.author !== this.author;
  }

  /** Whether the item still needs a decision in this session. */
  isTodo(id: string): boolean {
    const s = this.stateWithoutTexts(id);
    const revisit = this.revisit && this.cursor.has(id) && !this.decidedHere.has(id);
    if (this.isSecondary(id)) return !s.secondaryDecisions[this.author] || revisit;
    if (unfinished(s.state)) return true;
    return revisit;
  }

  /** A decided item is to do only as a revisit: it is decided already. */
  protected isRevisit(id: string): boolean {
    const s = this.stateWithoutTexts(id);
    if (this.isSecondary(id)) return s.secondaryDecisions[this.author] !== undefined;
    return !unfinished(s.state);
  }

  protected buildView(item: SourceItem, recorded: ItemState): ItemView {
    const secondary = this.isSecondary(item.id);
    const state = secondary ? blind(recorded) : recorded;
    const view: ItemView = {
      item,
      state,
      ...this.placeOf(item.id),
      ...this.details(item, state),
      findings: state.question !== undefined || state.answer !== undefined ? (this.qa?.(item, state) ?? []) : [],
      todo: this.isTodo(item.id),
      secondary,
    };
    const own = secondary ? recorded.secondaryDecisions[this.author] : undefined;
    if (own) view.ownSecondary = own;
    if (state.state === 'stale' && state.staleFrom) view.stale = this.staleInfo(item, state.staleFrom);
    return view;
  }

  private staleInfo(item: SourceItem, from: string): StaleInfo {
    const mts = this.items.events(item.id).filter((e): e is MtEvent => e.type === 'mt');
    const oldMt = mts.filter((e) => e.sourceHash !== item.sourceHash).at(-1);
    const newMt = mts.filter((e) => e.sourceHash === item.sourceHash).at(-1);
    const info: StaleInfo = { from };
    const change = this.sourceChange(item, from);
    if (change) {
      info.oldSource = change.old;
      info.sourceDiff = change.diff;
    }
    if (oldMt) info.oldMt = { question: oldMt.question, answer: oldMt.answer };
    if (newMt) info.newMt = { question: newMt.question, answer: newMt.answer };
    return info;
  }

  progress(): Progress {
    const byDecision = decisionCounts();
    for (const d of DECISIONS) byDecision[d] = this.count(`decision:${d}`);
    const byState: Partial<Record<ItemStateName, number>> = {};
    for (const state of ITEM_STATES) {
      const n = this.count(`state:${state}`);
      if (n > 0) byState[state] = n;
    }
    const { position, total, remaining, skipped, revisit } = this.queueProgress();
    return {
      position,
      total,
      decided: this.count('decided'),
      remaining,
      skipped,
      revisit,
      byDecision,
      byState,
      decidedThisSession: this.decidedHere.size,
      secondary: this.secondaryMode,
    };
  }

  protected tallyOf(id: string): readonly string[] {
    const s = this.stateWithoutTexts(id);
    // A second annotator's progress is their own decisions, never the primary one.
    if (!this.isSecondary(id)) return tallyFor(s.state, s.decision?.decision);
    const own = s.secondaryDecisions[this.author];
    return own ? decidedTally(s.state, own.decision) : undecidedTally(s.state);
  }

  /**
   * Why accepting the item as a transfer deserves a second thought, as it is
   * now: the checklist proposes adapt or a replacement, or QA errors remain. Empty
   * when nothing speaks against it.
   */
  transferConcerns(id: string): string[] {
    const view = this.view(id);
    const out: string[] = [];
    if (view.proposed !== 'transfer' && view.proposed !== 'drop') out.push(`the checklist answers propose "${view.proposed}"`);
    const errors = view.findings.filter((f) => f.severity === 'error');
    if (errors.length > 0) out.push(`${errors.length} QA error(s) remain (${[...new Set(errors.map((f) => f.check))].join(', ')})`);
    return out;
  }

  // ---- actions ------------------------------------------------------------

  /**
   * The journal events an action produces for an item (default: the current
   * one), without changing anything. Navigation produces none. An edit that
   * changes nothing produces none. Throws ActionError when the action is
   * invalid (a decision without its rationale, an unknown checklist question...).
   */
  eventsFor(action: Action, id: string | undefined = this.currentId): NewEvent[] {
    return this.eventsWith(action, id, {});
  }

  /**
   * The events of several actions on one item, in order, as if each earlier
   * one had been written (an edit supplies the text a later decision needs).
   * Events that would change nothing (the same checklist answer, decision or
   * flag note as recorded) are left out, so applying the same actions twice
   * writes nothing the second time. Throws the first ActionError.
   */
  eventsForAll(actions: readonly Action[], id: string): NewEvent[] {
    const pending: Partial<Record<TextRole, string>> = {};
    const out: NewEvent[] = [];
    for (const action of actions) {
      for (const e of this.eventsWith(action, id, pending)) {
        if (e.type === 'edit') pending[e.field] = e.text;
        if (!this.isRedundant(e)) out.push(e);
      }
    }
    return out;
  }

  /** The undo events of the author's last action on an item (default: the current one) and what they take back; an ActionError when there is none. */
  undoPlan(id: string | undefined = this.currentId): UndoPlan {
    const item = this.requireItem(id);
    return undoPlan(item, this.items.events(item.id), this.author);
  }

  /** Whether an event would leave the item's state as it is. */
  isRedundant(e: NewEvent): boolean {
    const s = this.state(e.item);
    switch (e.type) {
      case 'edit':
        return s[e.field] === e.text;
      case 'checklist': {
        const r = s.checklist[e.question];
        return r !== undefined && r.answer === e.answer && (r.note ?? '') === (e.note ?? '');
      }
      case 'decision': {
        if (e.secondary) {
          const own = s.secondaryDecisions[this.author];
          return own !== undefined && own.decision === e.decision && (own.rationale ?? '') === (e.rationale ?? '');
        }
        // A rejected or stale item needs its decision made again, even an identical one.
        return (
          (s.state === 'adapted' || s.state === 'approved') &&
          s.decision?.decision === e.decision &&
          (s.decision.rationale ?? '') === (e.rationale ?? '') &&
          JSON.stringify(s.decision.groups ?? null) === JSON.stringify(e.groups ?? null)
        );
      }
      case 'flag':
        if (e.reply) return s.flags.some((f) => f.replies?.some((r) => r.note === e.note));
        return e.resolved ? s.flags.length === 0 : s.flags.some((f) => f.note === e.note);
      default:
        return false;
    }
  }

  private eventsWith(action: Action, current: string | undefined, pending: Partial<Record<TextRole, string>>): NewEvent[] {
    if (NAVIGATION.includes(action.type)) return [];
    const item = this.requireItem(current);
    const id = item.id;
    const recorded = this.state(id);
    const s = { ...recorded, question: pending.question ?? recorded.question, answer: pending.answer ?? recorded.answer };
    const base = { item: id, sourceHash: item.sourceHash };
    const secondary = this.isSecondary(id);
    const mark = secondary ? { secondary: true as const } : {};
    if (secondary && (action.type === 'edit' || action.type === 'checklist' || action.type === 'intend' || action.type === 'waive')) {
      const what = action.type === 'edit' ? 'edits' : action.type === 'checklist' ? 'checklist answers' : 'intended changes and waivers';
      throw new ActionError(
        secondaryItemRefused(id, what),
        action.type === 'edit' ? action.field : action.type === 'checklist' ? `checklist.${action.question}` : action.type,
      );
    }
    if (isQaAction(action)) return qaActionEvents(item, s, action);
    switch (action.type) {
      case 'undo':
        return undoPlan(item, this.items.events(id), this.author).events;
      case 'revert': {
        if (secondary) throw new ActionError(revertSecondaryRefused(id), 'revert');
        const mt = s.mt;
        if (!mt) throw new ActionError(noMtToRevert(id), 'revert');
        // Nothing when the text is the MT already, so an answers line can be applied again.
        return (['question', 'answer'] as const).filter((f) => s[f] !== mt[f]).map((field) => ({ ...base, type: 'edit', field, text: mt[field] }));
      }
      case 'accept':
        this.requireText(s, 'transfer');
        return [{ ...base, type: 'decision', decision: 'transfer', ...mark }];
      case 'edit': {
        if (action.field !== 'question' && action.field !== 'answer')
          throw new ActionError(`${JSON.stringify(action.field)} is not a field: edit the question or the answer.`, 'field');
        // Editors add a final newline; surrounding whitespace is never meant.
        const text = action.text.trim();
        if (text === '')
          throw new ActionError(`The ${action.field} would be empty; nothing was changed. To remove the item, decide "drop" with a reason.`, action.field);
        if (text === s[action.field]) return [];
        return [{ ...base, type: 'edit', field: action.field, text, ...(action.fromSuggestion ? { fromSuggestion: action.fromSuggestion } : {}) }];
      }
      case 'checklist': {
        // Answers files written before a question was renamed name it by its old ID.
        const question = currentQuestionId(action.question);
        const applicable = this.view(id).checklist.map((q) => q.id);
        if (!applicable.includes(question)) {
          const known = this.pack.checklist.some((q) => q.id === question);
          throw new ActionError(
            known
              ? `Checklist question "${question}" does not apply to this item. Its questions: ${applicable.join(', ')}.`
              : `"${question}" is not a question of the ${this.pack.tag} checklist. This item's questions: ${applicable.join(', ')}.`,
            `checklist.${action.question}`,
          );
        }
        const accepted = answersOf(this.pack.checklist.find((q) => q.id === question)!);
        if (!accepted.includes(action.answer)) throw new ActionError(notAChecklistAnswer(action.answer, question, accepted), `checklist.${action.question}`);
        const note = action.note?.trim();
        const option = this.pack.checklist.find((q) => q.id === question)!.options?.find((o) => o.id === action.answer);
        const evidence = option?.evidence;
        if (evidence && (!/[\p{L}\p{N}]/u.test(note ?? '') || (option.evidencePattern && !new RegExp(option.evidencePattern, 'u').test(note ?? ''))))
          throw new ActionError(evidenceMissing(question, action.answer, evidence), `checklist.${action.question}`);
        return [{ ...base, type: 'checklist', question, answer: action.answer, ...(note ? { note } : {}) }];
      }
      case 'decide': {
        const rationale = action.rationale?.trim();
        const problem = validateDecision({ decision: action.decision, rationale });
        if (problem) throw new ActionError(problem, DECISIONS.includes(action.decision) ? 'rationale' : 'decision');
        if (item.added ? action.decision !== 'new' && action.decision !== 'drop' : action.decision === 'new')
          throw new ActionError(item.added ? addedItemDecision(id, action.decision) : newOnlyForAdded(id), 'decision');
        if (action.decision !== 'drop') this.requireText(s, action.decision);
        const groups = action.decision === 'replace-target' ? groupPair(action.groups) : undefined;
        return [{ ...base, type: 'decision', decision: action.decision, ...(rationale ? { rationale } : {}), ...(groups ? { groups } : {}), ...mark }];
      }
      case 'flag': {
        const note = action.note.trim();
        if (note === '') throw new ActionError('A flag needs a note: say what should be discussed.', 'flag');
        return [{ ...base, type: 'flag', note }];
      }
      case 'skip':
      case 'back':
      case 'next':
      case 'quit':
        return [];
    }
  }

  /** Any decision but drop keeps the item, so it needs a target text to export. */
  private requireText(s: Pick<ItemState, 'question' | 'answer'>, decision: Decision): void {
    if (s.question === undefined || s.answer === undefined) {
      throw new ActionError(
        `Cannot decide "${decision}": the item has no target text yet. Run \`carefully translate\`, or write the question and the answer with [e]dit first.`,
        'decision',
      );
    }
  }

  protected onWritten(e: JournalEvent): void {
    if (e.type === 'assign' && e.assignee === this.author) this.assigned = true;
    if (e.type === 'decision' && (!e.secondary || e.author === this.author)) {
      this.decidedHere.add(e.item);
      this.cursor.unskip(e.item);
    }
    // An undone decision is no longer one made in this session.
    if (e.type === 'undo' && this.items.events(e.item).some((d) => d.type === 'decision' && eventId(d) === e.undoes)) this.decidedHere.delete(e.item);
  }

  // ---- navigation ---------------------------------------------------------

  /**
   * Go to the next item of the queue after the current one (wrapping
   * around) with QA findings, decided or not. Returns its ID, or undefined
   * (and stays) when no other item has any.
   */
  nextWithFindings(): string | undefined {
    return this.jumpToNext((id) => this.view(id).findings.length > 0);
  }

  /**
   * Go to the next item of the queue after the current one (wrapping around)
   * whose source, English or target text contains `text` (case-insensitive).
   * Returns its ID, or undefined (and stays) when no other item matches.
   */
  search(text: string): string | undefined {
    const needle = text.trim().toLowerCase();
    if (!needle) throw new ActionError('Type some text to search for in the source, English and target texts.', 'text');
    return this.jumpToNext((id) => {
      const { item, state } = this.view(id);
      const texts = [item.question, item.answer, item.questionEn, item.answerEn, state.question, state.answer];
      return texts.some((t) => t !== undefined && t.toLowerCase().includes(needle));
    });
  }

  private jumpToNext(matches: (id: string) => boolean): string | undefined {
    const queue = this.queue;
    const from = this.finished ? -1 : this.index;
    for (let k = 1; k <= queue.length; k++) {
      const id = queue[(from + k + queue.length) % queue.length]!.id;
      if (id === this.currentId) continue;
      if (matches(id)) {
        this.goTo(id);
        return id;
      }
    }
    return undefined;
  }

  /** Apply a navigation action. Returns false when it cannot move (back at the first item) or on quit. */
  navigate(action: Action): boolean {
    switch (action.type) {
      case 'next':
        return this.next();
      case 'skip':
        return this.skip();
      case 'back':
        return this.back();
      case 'quit':
        return false;
      default:
        throw new ActionError(`${action.type} is not a navigation action.`, 'type');
    }
  }
}

/** Whether an item in this state still needs a (primary) decision: it is then to do, and counted as undecided. */
function unfinished(state: ItemStateName): boolean {
  return UNFINISHED_STATES.includes(state);
}

/** The progress counters an item adds to with this state and primary decision (outside a second annotation). */
function tallyFor(state: ItemStateName, decision: Decision | undefined): readonly string[] {
  return decision && !unfinished(state) ? decidedTally(state, decision) : undecidedTally(state);
}

/** The counters of tallyOf, made once per state and decision: the same few arrays serve every item (100k at scale). */
const UNDECIDED = new Map<ItemStateName, readonly string[]>();
const DECIDED = new Map<ItemStateName, Map<Decision, readonly string[]>>();
function undecidedTally(state: ItemStateName): readonly string[] {
  return UNDECIDED.get(state) ?? UNDECIDED.set(state, Object.freeze([`state:${state}`])).get(state)!;
}
function decidedTally(state: ItemStateName, decision: Decision): readonly string[] {
  const byDecision = DECIDED.get(state) ?? DECIDED.set(state, new Map()).get(state)!;
  return byDecision.get(decision) ?? byDecision.set(decision, Object.freeze([`state:${state}`, 'decided', `decision:${decision}`])).get(decision)!;
}

/**
 * What a second annotator sees of an item: the source and the machine
 * translation, without the primary localizer's edits, checklist answers,
 * decision or review, so that their decision is independent.
 */
function blind(s: ItemState): ItemState {
  const out: ItemState = { ...s, edited: { question: false, answer: false }, editors: [], checklist: {}, secondaryDecisions: {} };
  if (s.mt) {
    out.question = s.mt.question;
    out.answer = s.mt.answer;
  }
  delete out.decision;
  delete out.review;
  delete out.lastRejection;
  // A decided item is "adapted" (or reviewed) only through the primary decision the second annotator must not see.
  if (out.state !== 'stale' && out.state !== 'untranslated') out.state = 'translated';
  return out;
}
