/**
 * `carefully add`: items with no AnswerCarefully row, written in the target
 * language (issue #16). From an answers file, one JSON object per line:
 *
 *   {"question": "...", "answer": "...", "riskArea": "...", "harmType": "...",
 *    "specificHarm": "<a taxonomy label> | <lang>:<new-harm>", "rationale": "...",
 *    "checklist"?: {"<questionId>": "<answer>" | {"answer": "...", "note": "..."}}}
 *
 * Each line becomes a `new` event under the next free ID of the project's
 * namespace (`<dataset>-<lang>-new-<author tag>-0001`), then its checklist answers, checked
 * as the adapt wizard checks them. Every line is checked before anything is
 * written, and the file is written as one unit. A line whose question is
 * already an added item's is skipped, so a file can be applied again.
 */
import { ActionError, DataError, type DataProblem } from '../errors.js';
import type { JournalEvent, NewEvent, NewItemEvent } from '../project/events.js';
import type { SourceItem } from '../dataset/item.js';
import { loadTaxonomy } from '../dataset/taxonomy.js';
import { NEW_ITEM_HASH, addedItems, isNamespacedLabel, newItemPrefix, nextNewItemId } from '../project/new-items.js';
import { foldState } from '../project/state.js';
import type { LocalePack } from '../locale/locale-pack-types.js';
import { AdaptSession, type Action } from './adapt-session.js';
import { addMessages } from './messages.js';
import { openProjectSession, type OpenedProjectSession } from '../session/open-project-session.js';
import { readAnswersFile } from '../session/answers-input.js';

export const ADD_KEYS = ['question', 'answer', 'riskArea', 'harmType', 'specificHarm', 'rationale', 'checklist'] as const;

/** What a new item is made of, before it has an ID. */
export interface NewItemInput {
  question: string;
  answer: string;
  riskArea: string;
  harmType: string;
  specificHarm: string;
  rationale: string;
}

export interface AddContext {
  items: readonly SourceItem[];
  events: readonly JournalEvent[];
  pack: LocalePack;
  author: string;
  /** The dataset's name in IDs (the profile's, e.g. "answercarefully"). */
  dataset: string;
  /** The target language tag. */
  lang: string;
}

export interface AddPlan {
  lines: number;
  /** The IDs given to the new items, in file order. */
  added: string[];
  /** Lines whose question is already an added item's. */
  skipped: number;
  events: NewEvent[];
}

/** Problems with one new item's fields ({field, message}); empty when it can be added. */
export function newItemProblems(input: Partial<Record<keyof NewItemInput, unknown>>, lang: string): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  const taxonomy = loadTaxonomy();
  for (const key of ['question', 'answer', 'rationale'] as const) {
    const v = input[key];
    if (typeof v !== 'string' || !/[\p{L}\p{N}]/u.test(v)) out.push({ field: key, message: addMessages.required(key) });
  }
  const { riskArea, harmType, specificHarm } = input;
  if (typeof riskArea !== 'string' || !taxonomy.isKnown('riskArea', riskArea)) out.push({ field: 'riskArea', message: addMessages.riskArea(riskArea) });
  if (typeof harmType !== 'string' || !taxonomy.isKnown('harmType', harmType)) out.push({ field: 'harmType', message: addMessages.harmType(harmType) });
  else if (typeof riskArea === 'string' && taxonomy.riskAreaOf(harmType) !== taxonomy.canonical(riskArea))
    out.push({ field: 'harmType', message: addMessages.harmTypeArea(harmType, taxonomy.riskAreaOf(harmType)!) });
  if (typeof specificHarm !== 'string' || (!taxonomy.isKnown('specificHarm', specificHarm) && !isNamespacedLabel(specificHarm)))
    out.push({ field: 'specificHarm', message: addMessages.specificHarm(specificHarm, lang) });
  return out;
}

/** The `new` event of an item (trimmed texts, canonical labels). */
export function newItemEvent(id: string, input: NewItemInput): NewEvent {
  const taxonomy = loadTaxonomy();
  const specific = input.specificHarm.trim();
  const event: Omit<NewItemEvent, 'v' | 'ts' | 'c' | 'author' | 'unit'> = {
    type: 'new',
    item: id,
    sourceHash: NEW_ITEM_HASH,
    question: input.question.trim(),
    answer: input.answer.trim(),
    riskArea: taxonomy.canonical(input.riskArea),
    harmType: taxonomy.canonical(input.harmType),
    specificHarm: isNamespacedLabel(specific) ? specific : taxonomy.canonical(specific),
    rationale: input.rationale.trim(),
  };
  return event;
}

/** Check every line and compute the events; throws one DataError listing every problem. */
export function planAdd(file: string, text: string, ctx: AddContext): AddPlan {
  const problems: DataProblem[] = [];
  const plan: AddPlan = { lines: 0, added: [], skipped: 0, events: [] };
  const prefix = newItemPrefix(ctx.dataset, ctx.lang);
  const sourceCount = ctx.items.filter((i) => !i.added).length;
  const existing = addedItems(ctx.events, sourceCount);
  const { states } = foldState(existing, ctx.events);
  const questions = new Set([...states.values()].map((s) => s.question?.trim()));
  const taken = [...ctx.items.map((i) => i.id), ...existing.map((i) => i.id)];
  // Stamped stand-ins for the new events, so a session over them checks the checklist answers as the wizard would.
  const pending: { line: number; event: NewEvent; checklist: [string, unknown][] }[] = [];
  const rows = text.split('\n');
  rows.forEach((raw, i) => {
    const line = i + 1;
    const row = raw.replace(/^\uFEFF/u, '').trim();
    if (row === '') return;
    plan.lines++;
    const problem = (field: string | undefined, message: string) => problems.push({ file, line, ...(field !== undefined ? { field } : {}), message });
    let value: unknown;
    try {
      value = JSON.parse(row);
    } catch (e) {
      return problem(undefined, `not valid JSON (${(e as Error).message}). Each line must be one JSON object.`);
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return problem(undefined, addMessages.notObject);
    const obj = value as Record<string, unknown>;
    const before = problems.length;
    for (const key of Object.keys(obj)) {
      if (!(ADD_KEYS as readonly string[]).includes(key)) problem(key, `is not a known field (known: ${ADD_KEYS.join(', ')}); check the spelling.`);
    }
    for (const p of newItemProblems(obj, ctx.lang)) problem(p.field, p.message);
    const checklist = obj.checklist;
    if (checklist !== undefined && (checklist === null || typeof checklist !== 'object' || Array.isArray(checklist)))
      problem('checklist', 'must be an object of question ID → answer (or {"answer": "...", "note": "..."}).');
    if (problems.length > before) return;
    const input = obj as unknown as NewItemInput;
    if (questions.has(input.question.trim())) {
      plan.skipped++;
      return;
    }
    questions.add(input.question.trim());
    const id = nextNewItemId(prefix, ctx.author, taken);
    taken.push(id);
    pending.push({ line, event: newItemEvent(id, input), checklist: Object.entries((checklist ?? {}) as Record<string, unknown>) });
  });
  // The checklist answers, checked against the new items as the adapt session sees them.
  const stamped: JournalEvent[] = pending.map(({ event }, n) => ({ ...event, v: 2 as const, ts: new Date(0).toISOString(), c: n, author: ctx.author }));
  const allEvents = [...ctx.events, ...stamped];
  const items = [...ctx.items.filter((i) => !i.added), ...addedItems(allEvents, sourceCount)];
  const session = new AdaptSession({ items, events: allEvents, pack: ctx.pack, author: ctx.author });
  for (const { line, event, checklist } of pending) {
    const actions: Action[] = checklist.map(([question, answer]) => {
      const withNote = answer !== null && typeof answer === 'object' ? (answer as Record<string, unknown>) : undefined;
      const note = typeof withNote?.note === 'string' ? { note: withNote.note } : {};
      return { type: 'checklist', question, answer: (withNote ? withNote.answer : answer) as string, ...note };
    });
    let events: NewEvent[] = [];
    try {
      events = session.eventsForAll(actions, event.item);
    } catch (e) {
      if (!(e instanceof ActionError)) throw e;
      problems.push({ file, line, field: e.field, message: e.message });
      continue;
    }
    plan.added.push(event.item);
    plan.events.push(event, ...events);
  }
  if (problems.length > 0) throw DataError.listing(`${file}: ${problems.length} problem(s); nothing was written.`, problems, { max: 50 });
  return plan;
}

export interface AddSummary {
  file: string;
  lines: number;
  added: string[];
  skipped: number;
  events: number;
  warnings: string[];
}

/** Open the project, plan the file's new items and write them (one unit, all or nothing). */
export async function addFromFile(opts: { project: string; author: string; file: string }): Promise<AddSummary> {
  const opened = await openProjectSession({ project: opts.project, author: opts.author });
  const plan = planAdd(opts.file, readAnswersFile(opts.file), addContext(opened, opts.author));
  if (plan.events.length > 0) await opened.writer.append(plan.events, { unit: true });
  return { file: opts.file, lines: plan.lines, added: plan.added, skipped: plan.skipped, events: plan.events.length, warnings: opened.warnings };
}

/** What planning new items needs from an opened project. */
export function addContext(opened: OpenedProjectSession, author: string): AddContext {
  return {
    items: opened.items,
    events: opened.journal.events,
    pack: opened.pack.pack,
    author,
    dataset: opened.project.profile.name,
    lang: opened.project.config.languages.to,
  };
}

/** An opened project for the add wizard: `add` checks one item and writes it, returning its new ID. */
export interface OpenedAdd {
  lang: string;
  warnings: string[];
  /** Problems with the input ({field, message}), or the new item's ID once written. */
  add(input: NewItemInput): Promise<{ id: string } | { problems: { field: string; message: string }[] }>;
}

export async function openAdd(opts: { project: string; author: string }): Promise<OpenedAdd> {
  const opened = await openProjectSession({ project: opts.project, author: opts.author });
  const ctx = addContext(opened, opts.author);
  return {
    lang: ctx.lang,
    warnings: opened.warnings,
    async add(input) {
      const problems = newItemProblems(input, ctx.lang);
      if (problems.length > 0) return { problems };
      const sourceCount = ctx.items.filter((i) => !i.added).length;
      const taken = [...ctx.items.map((i) => i.id), ...addedItems(opened.journal.events, sourceCount).map((i) => i.id)];
      const id = nextNewItemId(newItemPrefix(ctx.dataset, ctx.lang), ctx.author, taken);
      opened.journal.record(await opened.writer.append([newItemEvent(id, input)]));
      return { id };
    },
  };
}
