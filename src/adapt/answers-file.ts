/**
 * The scripted path of `carefully adapt --answers FILE.jsonl`: one JSON object
 * per line,
 *
 *   {"id": "...", "decision": "transfer|adapt|replace|drop", "rationale"?: "...",
 *    "question"?: "edited target question", "answer"?: "...",
 *    "checklist"?: {"<questionId>": "yes|no|n/a"}, "flag"?: "note"}
 *
 * Every line is checked before anything is written, with the same rules as the
 * wizard (the session's eventsFor); one bad line means nothing is written.
 * Lines whose effect is already recorded write nothing, so a file can be
 * applied again safely. The events of a file are written as one unit: one
 * write, cut back if it fails, and ignored by readers unless whole on disk
 * (a crash mid-write), so a file is never half applied and a rerun completes it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { ActionError, DataError, UnreadableFileError, type DataProblem } from '../errors.js';
import type { Decision, NewEvent, JournalEvent } from '../project/events.js';
import { DECISIONS, decisionCounts, isDecision } from '../project/decisions.js';
import type { Action, AdaptSession } from './adapt-session.js';
import { assertRegularFile } from '../fs-errors.js';

export const ANSWER_KEYS = ['id', 'decision', 'rationale', 'question', 'answer', 'checklist', 'flag'] as const;

export interface AnswersPlan {
  file: string;
  /** Non-blank lines read. */
  lines: number;
  /** Lines that produce events. */
  applied: number;
  /** Lines already reflected in the journal: nothing to write. */
  skipped: number;
  /** Lines for items outside the session's filters (--shard, --risk-area...): not applied. */
  outsideFilters: number;
  /** Decisions of the applied lines. */
  byDecision: Record<Decision, number>;
  events: NewEvent[];
}

export interface AnswersSummary extends Omit<AnswersPlan, 'events'> {
  events: number;
}

/** Check every line and compute the events; throws one DataError listing every problem (up to 50). */
export function planAnswers(file: string, text: string, session: AdaptSession): AnswersPlan {
  const problems: DataProblem[] = [];
  const plan: AnswersPlan = { file, lines: 0, applied: 0, skipped: 0, outsideFilters: 0, byDecision: decisionCounts(), events: [] };
  const seen = new Map<string, number>();
  const rows = text.split('\n');
  if (rows.at(-1) === '') rows.pop();
  rows.forEach((raw, i) => {
    const line = i + 1;
    const row = raw.replace(/^\uFEFF/u, '').trim();
    if (row === '') return;
    plan.lines++;
    const problem = (field: string | undefined, message: string, id?: string) =>
      problems.push({ file, line, ...(id !== undefined ? { id } : {}), ...(field !== undefined ? { field } : {}), message });
    let value: unknown;
    try {
      value = JSON.parse(row);
    } catch (e) {
      return problem(undefined, `not valid JSON (${(e as Error).message}). Each line must be one JSON object.`);
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value))
      return problem(undefined, 'must be a JSON object like {"id": "...", "decision": "transfer"}.');
    const obj = value as Record<string, unknown>;
    const before = problems.length;
    for (const key of Object.keys(obj)) {
      if (!(ANSWER_KEYS as readonly string[]).includes(key)) problem(key, `is not a known field (known: ${ANSWER_KEYS.join(', ')}); check the spelling.`);
    }
    const id = obj.id;
    if (typeof id !== 'string' || id === '') return problem('id', 'is missing or not a string.');
    const item = session.item(id);
    if (!item) return problem('id', `${JSON.stringify(id)} is not an item of the source.`);
    const first = seen.get(id);
    if (first !== undefined) problem('id', `${JSON.stringify(id)} was already given on line ${first}; give each item once.`, id);
    else seen.set(id, line);
    if (!isDecision(obj.decision))
      problem(
        'decision',
        obj.decision === undefined
          ? `is missing: use one of ${DECISIONS.join(', ')}.`
          : `${JSON.stringify(obj.decision)} is not a decision: use one of ${DECISIONS.join(', ')}.`,
        id,
      );
    for (const key of ['rationale', 'question', 'answer', 'flag'] as const) {
      if (obj[key] !== undefined && typeof obj[key] !== 'string') problem(key, 'must be a string.', id);
    }
    const checklist = obj.checklist;
    if (checklist !== undefined && (checklist === null || typeof checklist !== 'object' || Array.isArray(checklist))) {
      problem('checklist', 'must be an object of question ID → "yes" | "no" | "n/a".', id);
    }
    if (problems.length > before) return;

    const actions: { action: Action; field: string }[] = [];
    for (const field of ['question', 'answer'] as const) {
      if (typeof obj[field] === 'string') actions.push({ action: { type: 'edit', field, text: obj[field] }, field });
    }
    for (const [question, answer] of Object.entries((checklist ?? {}) as Record<string, unknown>)) {
      actions.push({ action: { type: 'checklist', question, answer: answer as 'yes' }, field: `checklist.${question}` });
    }
    if (typeof obj.flag === 'string') actions.push({ action: { type: 'flag', note: obj.flag }, field: 'flag' });
    const decision = obj.decision as Decision;
    actions.push({ action: { type: 'decide', decision, ...(typeof obj.rationale === 'string' ? { rationale: obj.rationale } : {}) }, field: 'decision' });

    // Check each action on its own (after the line's edits, which a decision may need) so every bad field is reported.
    const edits = actions.filter((a) => a.action.type === 'edit');
    let failed = false;
    for (const a of actions) {
      try {
        session.eventsForAll(a.action.type === 'edit' ? [a.action] : [...edits.map((e) => e.action), a.action], id);
      } catch (e) {
        if (!(e instanceof ActionError)) throw e;
        problem(e.field === 'decision' || e.field === 'rationale' || e.field.startsWith('checklist.') ? e.field : a.field, e.message, id);
        failed = true;
      }
    }
    if (failed) return;
    const events = session.eventsForAll(
      actions.map((a) => a.action),
      id,
    );
    if (!session.inQueue(id)) {
      plan.outsideFilters++;
      return;
    }
    if (events.length === 0) {
      plan.skipped++;
      return;
    }
    plan.applied++;
    plan.byDecision[decision]++;
    plan.events.push(...events);
  });
  if (problems.length > 0) throw DataError.listing(`${file}: ${problems.length} problem(s); nothing was written.`, problems, { max: 50 });
  return plan;
}

export function readAnswersFile(file: string): string {
  // A FIFO would block the read for ever; a missing file gets the message below.
  if (existsSync(file)) assertRegularFile(file, 'answers file');
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new UnreadableFileError(
      { file, message: `cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})` },
      'Check the path given to --answers.',
    );
  }
  try {
    // Fatal: Latin-1 or Shift_JIS bytes must not become U+FFFD in the journal unseen.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const before = new TextDecoder('utf-8').decode(bytes).split('\uFFFD')[0]!;
    const line = before.split('\n').length;
    throw new UnreadableFileError(
      { file, line, message: 'contains bytes that are not valid UTF-8' },
      'Save the answers file as UTF-8 (for example with `iconv -f LATIN1 -t UTF-8`) and try again.',
    );
  }
}

/** Plan, then append every event in one journal write as one unit (all or nothing), then update the session. */
export async function applyAnswers(
  file: string,
  session: AdaptSession,
  writer: { append(events: readonly NewEvent[], opts?: { unit?: boolean }): Promise<JournalEvent[]> },
): Promise<AnswersSummary> {
  const plan = planAnswers(file, readAnswersFile(file), session);
  if (plan.events.length > 0) session.commit(await writer.append(plan.events, { unit: true }));
  const { events, ...rest } = plan;
  return { ...rest, events: events.length };
}
