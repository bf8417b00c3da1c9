/**
 * The scripted path of `carefully review --answers FILE.jsonl`: one JSON
 * object per line,
 *
 *   {"id" (or "ID"): "...", "verdict": "approve" | "reject", "comment"?: "...",
 *    "question"?: "edited target text", "answer"?: "...",
 *    "reply"?: "answer to the item's open flag", "resolve"?: true,
 *    "waive"?: [{"check": "<check ID>", "field"?: "question|answer", "reason": "..."}]}
 *   {"id": "...", "undo": true}
 *
 * A line gives a verdict or edits (an edited item awaits another reviewer's
 * verdict, so a line cannot do both); a reply, the resolution of the flags
 * and waivers (the wizard's p, x and w, with the same rules) go with either,
 * or alone; waivers not with edits (a waiver is for the text as it is). An
 * undo line stands alone and takes back the reviewer's last action on the
 * item (applying it again undoes the one before). Every line is checked with the same
 * rules as the wizard (the session's eventsFor) before anything is written;
 * one bad line means nothing is written. The events are written as one unit.
 * Lines whose effect is already recorded write nothing.
 */
import { t } from '../i18n.js';
import { ActionError, DataError, type DataProblem } from '../errors.js';
import type { JournalEvent, NewEvent } from '../project/events.js';
import { answerId, readAnswersFile } from '../session/answers-input.js';
import type { ReviewSession } from './review-session.js';
import type { ReviewAction } from './review-state.js';
import { notAnUndo, reviewLineEmpty, undoNotAlone, waiveWithEdit } from './messages.js';

export const REVIEW_ANSWER_KEYS = ['id', 'ID', 'verdict', 'comment', 'question', 'answer', 'reply', 'resolve', 'waive', 'undo'] as const;

export interface ReviewAnswersSummary {
  file: string;
  lines: number;
  approved: number;
  rejected: number;
  edited: number;
  /** Lines that replied to a flag, resolved the flags, waived findings, undid the reviewer's last action. */
  replied: number;
  resolved: number;
  waived: number;
  undone: number;
  /** Lines already reflected in the journal. */
  skipped: number;
  events: number;
}

/** Check every line and compute the events; throws one DataError listing every problem (up to 50). */
export function planReviewAnswers(file: string, text: string, session: ReviewSession): { summary: ReviewAnswersSummary; events: NewEvent[] } {
  const problems: DataProblem[] = [];
  const summary: ReviewAnswersSummary = {
    file,
    lines: 0,
    approved: 0,
    rejected: 0,
    edited: 0,
    replied: 0,
    resolved: 0,
    waived: 0,
    undone: 0,
    skipped: 0,
    events: 0,
  };
  const events: NewEvent[] = [];
  const seen = new Map<string, number>();
  text.split('\n').forEach((raw, i) => {
    const line = i + 1;
    const row = raw.replace(/^\uFEFF/u, '').trim();
    if (row === '') return;
    summary.lines++;
    const problem = (field: string | undefined, message: string, id?: string) =>
      problems.push({ file, line, ...(id !== undefined ? { id } : {}), ...(field !== undefined ? { field } : {}), message });
    let obj: Record<string, unknown>;
    try {
      const value: unknown = JSON.parse(row);
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return problem(undefined, t('errors.reviewAnswersNotObject'));
      obj = value as Record<string, unknown>;
    } catch (e) {
      return problem(undefined, t('errors.answersNotJson', { error: (e as Error).message }));
    }
    for (const key of Object.keys(obj))
      if (!(REVIEW_ANSWER_KEYS as readonly string[]).includes(key)) problem(key, t('errors.answersUnknownField', { known: REVIEW_ANSWER_KEYS.join(', ') }));
    const given = answerId(obj);
    if ('problem' in given) return problem('id', given.problem);
    const id = given.id;
    if (!session.item(id)) return problem('id', t('errors.notAnItem', { id: JSON.stringify(id) }));
    const first = seen.get(id);
    if (first !== undefined) return problem('id', `${JSON.stringify(id)} was already given on line ${first}; give each item once.`, id);
    seen.set(id, line);
    if (obj.undo !== undefined) {
      if (obj.undo !== true) return problem('undo', notAnUndo(obj.undo), id);
      const others = Object.keys(obj).filter((k) => k !== 'undo' && k !== 'id' && k !== 'ID');
      if (others.length > 0) return problem('undo', undoNotAlone(others), id);
    }
    for (const key of ['comment', 'question', 'answer', 'reply'] as const)
      if (obj[key] !== undefined && typeof obj[key] !== 'string') return problem(key, 'must be a string.', id);
    if (obj.resolve !== undefined && obj.resolve !== true) return problem('resolve', 'must be true (to resolve the flags), or left out.', id);
    const waive = obj.waive === undefined ? [] : obj.waive;
    if (!Array.isArray(waive) || waive.some((w) => w === null || typeof w !== 'object' || Array.isArray(w)))
      return problem('waive', 'must be a list of objects like {"check": "numbers", "field": "answer", "reason": "..."}.', id);
    const edits = (['question', 'answer'] as const).filter((f) => obj[f] !== undefined);
    const notes = obj.reply !== undefined || obj.resolve === true || waive.length > 0;
    const verdict = obj.verdict;
    if (verdict !== undefined && verdict !== 'approve' && verdict !== 'reject')
      return problem('verdict', `${JSON.stringify(verdict)} is not a verdict: use "approve" or "reject".`, id);
    if (verdict === undefined && edits.length === 0 && !notes && obj.undo === undefined) return problem('verdict', reviewLineEmpty, id);
    if (verdict !== undefined && edits.length > 0)
      return problem('verdict', 'cannot be given with an edit: an edited item awaits another verdict. Put the edit and the verdict on separate runs.', id);
    if (waive.length > 0 && edits.length > 0) return problem('waive', waiveWithEdit, id);
    // An undo does not depend on the state: the item may have left the queue by the verdict it takes back.
    if (!session.inQueue(id) && obj.undo === undefined)
      return problem('id', `${JSON.stringify(id)} is not awaiting this review (check its state with \`carefully list --ids ${id}\`, or pass --state).`, id);

    // Notes first (a reply, waivers, the resolution of the flags), then the verdict or the edits.
    const actions: { action: ReviewAction | { type: 'undo' }; field: string }[] = [];
    if (obj.undo === true) actions.push({ action: { type: 'undo' }, field: 'undo' });
    if (typeof obj.reply === 'string') actions.push({ action: { type: 'reply', note: obj.reply }, field: 'reply' });
    (waive as Record<string, unknown>[]).forEach((w, n) => {
      const str = (k: string) => (typeof w[k] === 'string' ? w[k] : '');
      const field = w.field === undefined ? {} : { field: w.field as 'question' };
      actions.push({ action: { type: 'waive', check: str('check'), reason: str('reason'), ...field }, field: `waive[${n}]` });
    });
    if (obj.resolve === true) actions.push({ action: { type: 'unflag' }, field: 'resolve' });
    if (verdict === 'reject') actions.push({ action: { type: 'reject', comment: typeof obj.comment === 'string' ? obj.comment : '' }, field: 'verdict' });
    else if (verdict === 'approve')
      actions.push({ action: { type: 'approve', ...(typeof obj.comment === 'string' ? { comment: obj.comment } : {}) }, field: 'verdict' });
    else for (const field of edits) actions.push({ action: { type: 'edit', field, text: obj[field] as string }, field });

    const lineEvents: NewEvent[] = [];
    const done = new Set<string>();
    let failed = false;
    for (const a of actions) {
      try {
        const made = session.eventsFor(a.action, id);
        if (made.length > 0) done.add(a.action.type);
        lineEvents.push(...made);
      } catch (e) {
        if (!(e instanceof ActionError)) throw e;
        // Waiver and reply problems name the line's field; the review rules name the comment or the verdict.
        problem(a.field.startsWith('waive[') ? `${a.field}.${e.field.split('.').at(-1)}` : a.field === 'verdict' ? e.field : a.field, e.message, id);
        failed = true;
      }
    }
    if (failed) return;
    if (lineEvents.length === 0) summary.skipped++;
    if (done.has('approve')) summary.approved++;
    if (done.has('reject')) summary.rejected++;
    if (done.has('edit')) summary.edited++;
    if (done.has('reply')) summary.replied++;
    if (done.has('unflag')) summary.resolved++;
    if (done.has('waive')) summary.waived++;
    if (done.has('undo')) summary.undone++;
    events.push(...lineEvents);
  });
  if (problems.length > 0) throw DataError.listing(t('errors.answersProblems', { file, count: problems.length }), problems, { max: 50 });
  summary.events = events.length;
  return { summary, events };
}

/** Plan, then append every event in one journal write as one unit (all or nothing), then update the session. */
export async function applyReviewAnswers(
  file: string,
  session: ReviewSession,
  writer: { append(events: readonly NewEvent[], opts?: { unit?: boolean }): Promise<JournalEvent[]> },
): Promise<ReviewAnswersSummary> {
  const { summary, events } = planReviewAnswers(file, readAnswersFile(file), session);
  if (events.length > 0) session.commit(await writer.append(events, { unit: true }));
  return summary;
}
