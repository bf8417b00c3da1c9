/**
 * The scripted path of `carefully adapt --answers FILE.jsonl`: one JSON object
 * per line,
 *
 *   {"id" (or "ID"): "...", "decision": "transfer|adapt|replace-target|replace-scenario|drop", "rationale"?: "...",
 *    "groups"?: {"source": "group in the source item", "target": "target-culture group"} (replace-target: required),
 *    "question"?: "edited target question", "answer"?: "...",
 *    "checklist"?: {"<questionId>": "yes|no|n/a|<option ID>" or {"answer": "...", "note": "evidence"}}, "flag"?: "note",
 *    "intended"?: [{"source": "110番", "target": "112", "reason": "..."}],
 *    "waive"?: [{"check": "<check ID>", "field"?: "question|answer", "reason": "..."}],
 *    "revert"?: "mt"}
 *   {"id": "...", "undo": true}
 *
 * "revert": "mt" first restores the machine translation of both texts (the
 * decision is then optional). An undo line stands alone: it takes back the
 * author's last action on the item still in effect (a whole earlier answers
 * line counts as one action), so unlike the other lines, applying it again
 * undoes the action before.
 * Every line is checked before anything is written, with the same rules as the
 * wizard (the session's eventsFor); one bad line means nothing is written.
 * Lines whose effect is already recorded write nothing, so a file can be
 * applied again safely. The events of a file are written as one unit: one
 * write, cut back if it fails, and ignored by readers unless whole on disk
 * (a crash mid-write), so a file is never half applied and a rerun completes it.
 * A transfer is allowed where the wizard would ask for confirmation (the
 * checklist proposes adapt/replace, or QA errors remain), and reported as a warning.
 * "replace", the one replacement decision of earlier versions, is read as replace-scenario.
 */
import { t } from '../i18n.js';
import { ActionError, DataError, type DataProblem } from '../errors.js';
import type { Decision, GroupPair, NewEvent, JournalEvent } from '../project/events.js';
import { SOURCE_DECISIONS, decisionCounts, parseDecision } from '../project/decisions.js';
import type { Action, AdaptSession } from './adapt-session.js';
import { answerId, readAnswersFile } from '../session/answers-input.js';
import { notARevert, undoNotAlone } from './messages.js';

export { readAnswersFile };

export const ANSWER_KEYS = [
  'id',
  'ID',
  'decision',
  'rationale',
  'groups',
  'question',
  'answer',
  'checklist',
  'flag',
  'intended',
  'waive',
  'revert',
  'undo',
] as const;

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
  /** Undo lines applied, and lines that reverted their item to the machine translation. */
  undone: number;
  reverted: number;
  events: NewEvent[];
}

export interface AnswersSummary extends Omit<AnswersPlan, 'events'> {
  events: number;
  /** Transfers accepted while the checklist proposed adapt/replace or QA errors remained. */
  warnings: string[];
}

/** The objects of a list field ("intended", "waive"), or a problem message. */
function objectList(value: unknown, example: string): Record<string, unknown>[] | string {
  if (!Array.isArray(value) || value.some((v) => v === null || typeof v !== 'object' || Array.isArray(v))) return `must be a list of objects like ${example}.`;
  return value as Record<string, unknown>[];
}

function stringField(obj: Record<string, unknown>, key: string): string {
  return typeof obj[key] === 'string' ? obj[key] : '';
}

/** Check every line and compute the events; throws one DataError listing every problem (up to 50). */
export function planAnswers(file: string, text: string, session: AdaptSession): AnswersPlan {
  const problems: DataProblem[] = [];
  const plan: AnswersPlan = { file, lines: 0, applied: 0, skipped: 0, outsideFilters: 0, byDecision: decisionCounts(), undone: 0, reverted: 0, events: [] };
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
      return problem(undefined, t('errors.answersNotJson', { error: (e as Error).message }));
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return problem(undefined, t('errors.answersNotObject'));
    const obj = value as Record<string, unknown>;
    const before = problems.length;
    for (const key of Object.keys(obj)) {
      if (!(ANSWER_KEYS as readonly string[]).includes(key)) problem(key, t('errors.answersUnknownField', { known: ANSWER_KEYS.join(', ') }));
    }
    const given = answerId(obj);
    if ('problem' in given) return problem('id', given.problem);
    const id = given.id;
    const item = session.item(id);
    if (!item) return problem('id', t('errors.notAnItem', { id: JSON.stringify(id) }));
    const first = seen.get(id);
    if (first !== undefined) problem('id', `${JSON.stringify(id)} was already given on line ${first}; give each item once.`, id);
    else seen.set(id, line);
    if (obj.undo !== undefined) return planUndo(obj, id, session, plan, problem, problems.length > before);
    const revert = obj.revert !== undefined;
    if (revert && obj.revert !== 'mt') problem('revert', notARevert(obj.revert), id);
    if (revert && (obj.question !== undefined || obj.answer !== undefined))
      problem('revert', 'cannot be given with "question" or "answer": revert restores the machine translation of both; edit on a later run.', id);
    const decision = parseDecision(obj.decision);
    // A revert alone needs no decision.
    if (!(revert && obj.decision === undefined) && decision === undefined)
      problem(
        'decision',
        obj.decision === undefined
          ? `is missing: use one of ${SOURCE_DECISIONS.join(', ')}.`
          : `${JSON.stringify(obj.decision)} is not a decision: use one of ${SOURCE_DECISIONS.join(', ')}.`,
        id,
      );
    const groups = obj.groups;
    if (
      groups !== undefined &&
      (groups === null ||
        typeof groups !== 'object' ||
        typeof (groups as Record<string, unknown>).source !== 'string' ||
        typeof (groups as Record<string, unknown>).target !== 'string')
    )
      problem('groups', 'must be {"source": "group in the source item", "target": "target-culture group"}.', id);
    for (const key of ['rationale', 'question', 'answer', 'flag'] as const) {
      if (obj[key] !== undefined && typeof obj[key] !== 'string') problem(key, 'must be a string.', id);
    }
    const checklist = obj.checklist;
    if (checklist !== undefined && (checklist === null || typeof checklist !== 'object' || Array.isArray(checklist))) {
      problem('checklist', 'must be an object of question ID → "yes" | "no" | "n/a" (or one of the question\'s option IDs).', id);
    }
    const intended = obj.intended === undefined ? [] : objectList(obj.intended, '{"source": "110番", "target": "112", "reason": "..."}');
    if (typeof intended === 'string') problem('intended', intended, id);
    const waive = obj.waive === undefined ? [] : objectList(obj.waive, '{"check": "numbers", "field": "answer", "reason": "..."}');
    if (typeof waive === 'string') problem('waive', waive, id);
    if (problems.length > before || typeof intended === 'string' || typeof waive === 'string') return;

    const actions: { action: Action; field: string }[] = revert ? [{ action: { type: 'revert' }, field: 'revert' }] : [];
    for (const field of ['question', 'answer'] as const) {
      if (typeof obj[field] === 'string') actions.push({ action: { type: 'edit', field, text: obj[field] }, field });
    }
    for (const [question, answer] of Object.entries((checklist ?? {}) as Record<string, unknown>)) {
      // An answer with a note (evidence) is an object; a plain answer a string.
      const withNote = answer !== null && typeof answer === 'object' ? (answer as Record<string, unknown>) : undefined;
      const given = withNote ? withNote.answer : answer;
      const note = typeof withNote?.note === 'string' ? { note: withNote.note } : {};
      actions.push({ action: { type: 'checklist', question, answer: given as 'yes', ...note }, field: `checklist.${question}` });
    }
    if (typeof obj.flag === 'string') actions.push({ action: { type: 'flag', note: obj.flag }, field: 'flag' });
    intended.forEach((i, n) =>
      actions.push({
        action: { type: 'intend', source: stringField(i, 'source'), target: stringField(i, 'target'), reason: stringField(i, 'reason') },
        field: `intended[${n}]`,
      }),
    );
    waive.forEach((w, n) => {
      const field = w.field === undefined ? {} : { field: w.field as 'question' };
      actions.push({ action: { type: 'waive', check: stringField(w, 'check'), reason: stringField(w, 'reason'), ...field }, field: `waive[${n}]` });
    });
    if (decision !== undefined)
      actions.push({
        action: {
          type: 'decide',
          decision,
          ...(typeof obj.rationale === 'string' ? { rationale: obj.rationale } : {}),
          ...(groups !== undefined ? { groups: groups as GroupPair } : {}),
        },
        field: 'decision',
      });

    // Check each action on its own (after the line's edits, which a decision may need) so every bad field is reported.
    const edits = actions.filter((a) => a.action.type === 'edit' || a.action.type === 'revert');
    let failed = false;
    for (const a of actions) {
      try {
        session.eventsForAll(edits.includes(a) ? [a.action] : [...edits.map((e) => e.action), a.action], id);
      } catch (e) {
        if (!(e instanceof ActionError)) throw e;
        const own = e.field === 'decision' || e.field === 'rationale' || e.field === 'groups' || e.field.startsWith('checklist.');
        problem(own ? e.field : a.field.includes('[') ? `${a.field}.${e.field.split('.').at(-1)}` : a.field, e.message, id);
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
    if (decision !== undefined) plan.byDecision[decision]++;
    if (revert && events.some((e) => e.type === 'edit')) plan.reverted++;
    plan.events.push(...events);
  });
  if (problems.length > 0) throw DataError.listing(t('errors.answersProblems', { file, count: problems.length }), problems, { max: 50 });
  return plan;
}

/** An undo line: `"undo": true` and the item, nothing else. */
function planUndo(
  obj: Record<string, unknown>,
  id: string,
  session: AdaptSession,
  plan: AnswersPlan,
  problem: (field: string | undefined, message: string, id?: string) => void,
  failed: boolean,
): void {
  if (obj.undo !== true) return problem('undo', `${JSON.stringify(obj.undo)} is not an undo: use "undo": true.`, id);
  const others = Object.keys(obj).filter((k) => k !== 'undo' && k !== 'id' && k !== 'ID');
  if (others.length > 0) return problem('undo', undoNotAlone(others), id);
  if (failed) return;
  let events: NewEvent[];
  try {
    events = session.eventsFor({ type: 'undo' }, id);
  } catch (e) {
    if (!(e instanceof ActionError)) throw e;
    return problem('undo', e.message, id);
  }
  if (!session.inQueue(id)) {
    plan.outsideFilters++;
    return;
  }
  plan.applied++;
  plan.undone++;
  plan.events.push(...events);
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
  // After the commit, so the concerns see the line's own edits, checklist answers and waivers.
  const transfers = new Set(events.filter((e) => e.type === 'decision' && e.decision === 'transfer' && !e.secondary).map((e) => e.item));
  const warnings = [...transfers].flatMap((id) => {
    const concerns = session.transferConcerns(id);
    return concerns.length > 0 ? [`${id}: accepted as transfer although ${concerns.join(' and ')}.`] : [];
  });
  return { ...rest, events: events.length, warnings };
}
