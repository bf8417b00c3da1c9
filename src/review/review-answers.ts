/**
 * The scripted path of `carefully review --answers FILE.jsonl`: one JSON
 * object per line,
 *
 *   {"id" (or "ID"): "...", "verdict": "approve" | "reject", "comment"?: "...",
 *    "question"?: "edited target text", "answer"?: "..."}
 *
 * A line gives a verdict or edits (an edited item awaits another reviewer's
 * verdict, so a line cannot do both). Every line is checked with the same
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

export const REVIEW_ANSWER_KEYS = ['id', 'ID', 'verdict', 'comment', 'question', 'answer'] as const;

export interface ReviewAnswersSummary {
  file: string;
  lines: number;
  approved: number;
  rejected: number;
  edited: number;
  /** Lines already reflected in the journal. */
  skipped: number;
  events: number;
}

/** Check every line and compute the events; throws one DataError listing every problem (up to 50). */
export function planReviewAnswers(file: string, text: string, session: ReviewSession): { summary: ReviewAnswersSummary; events: NewEvent[] } {
  const problems: DataProblem[] = [];
  const summary: ReviewAnswersSummary = { file, lines: 0, approved: 0, rejected: 0, edited: 0, skipped: 0, events: 0 };
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
    for (const key of ['comment', 'question', 'answer'] as const)
      if (obj[key] !== undefined && typeof obj[key] !== 'string') return problem(key, 'must be a string.', id);
    const edits = (['question', 'answer'] as const).filter((f) => obj[f] !== undefined);
    const verdict = obj.verdict;
    if (verdict !== undefined && verdict !== 'approve' && verdict !== 'reject')
      return problem('verdict', `${JSON.stringify(verdict)} is not a verdict: use "approve" or "reject".`, id);
    if (verdict === undefined && edits.length === 0) return problem('verdict', 'is missing: give "approve" or "reject" (or edit "question"/"answer").', id);
    if (verdict !== undefined && edits.length > 0)
      return problem('verdict', 'cannot be given with an edit: an edited item awaits another verdict. Put the edit and the verdict on separate runs.', id);
    if (!session.inQueue(id))
      return problem('id', `${JSON.stringify(id)} is not awaiting this review (check its state with \`carefully list --ids ${id}\`, or pass --state).`, id);

    const actions: ReviewAction[] =
      verdict === 'reject'
        ? [{ type: 'reject', comment: typeof obj.comment === 'string' ? obj.comment : '' }]
        : verdict === 'approve'
          ? [{ type: 'approve', ...(typeof obj.comment === 'string' ? { comment: obj.comment } : {}) }]
          : edits.map((field) => ({ type: 'edit', field, text: obj[field] as string }));
    try {
      const lineEvents = actions.flatMap((a) => session.eventsFor(a, id));
      if (lineEvents.length === 0) summary.skipped++;
      else if (verdict === 'approve') summary.approved++;
      else if (verdict === 'reject') summary.rejected++;
      else summary.edited++;
      events.push(...lineEvents);
    } catch (e) {
      if (!(e instanceof ActionError)) throw e;
      problem(e.field, e.message, id);
    }
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
