/**
 * The review sheet: one row per item with its source, English, machine
 * translation, current target, decision, rationale, checklist answers, QA
 * findings and review columns. On import, the rows go through the rules of
 * `adapt --answers` (planAnswers) and `review --answers` (planReviewAnswers)
 * and target edits through the hash checks of the XLIFF import; every row is
 * checked before anything is written, and the events are written as one unit.
 */
import { DataError, type DataProblem } from '../errors.js';
import { TEXT_ROLES, type SourceItem, type TextRole } from '../dataset/item.js';
import { describeLabel } from '../dataset/taxonomy.js';
import type { NewEvent } from '../project/events.js';
import type { AdaptSession } from '../adapt/adapt-session.js';
import { planAnswers } from '../adapt/answers-file.js';
import type { ReviewSession } from '../review/review-session.js';
import { planReviewAnswers } from '../review/review-answers.js';
import { textHash, type ProjectTag } from './project-tag.js';
import { planTargetEdits, type EditPlan, type IncomingTarget, type RefusedUnit } from './target-edits.js';
import { NOTICE } from './interop-file.js';
import { sheetMessages } from './messages.js';

export const PROJECT_CELL = 'carefully project';
export const COLUMNS = [
  'ID',
  'state',
  'risk area',
  'harm type',
  'specific harm',
  'source question',
  'source answer',
  'English question',
  'English answer',
  'MT question',
  'MT answer',
  'question',
  'answer',
  'decision',
  'rationale',
  'checklist',
  'QA findings',
  'verdict',
  'comment',
  'source hash',
  'question hash',
  'answer hash',
] as const;
type Column = (typeof COLUMNS)[number];
/** Columns of long text, wrapped in XLSX. */
export const TEXT_COLUMNS: ReadonlySet<number> = new Set(
  (
    [
      'source question',
      'source answer',
      'English question',
      'English answer',
      'MT question',
      'MT answer',
      'question',
      'answer',
      'rationale',
      'checklist',
      'QA findings',
      'comment',
    ] as const
  ).map((c) => COLUMNS.indexOf(c)),
);

/** Rows 1 (project), 2 (column names) and one per item of the session's queue. */
export function sheetRows(session: AdaptSession, tag: ProjectTag): string[][] {
  return [[PROJECT_CELL, tag.id, `${tag.from} -> ${tag.to}`, NOTICE], [...COLUMNS], ...session.queue.map((item) => itemRow(session, item))];
}

function itemRow(session: AdaptSession, item: SourceItem): string[] {
  const view = session.view(item.id);
  const s = session.state(item.id);
  const cells: Record<Column, string> = {
    ID: item.id,
    state: s.state,
    'risk area': describeLabel('riskArea', item.riskArea),
    'harm type': describeLabel('harmType', item.harmType),
    'specific harm': item.specificHarm ?? '',
    'source question': item.question,
    'source answer': item.answer,
    'English question': item.questionEn ?? '',
    'English answer': item.answerEn ?? '',
    'MT question': s.mt?.question ?? '',
    'MT answer': s.mt?.answer ?? '',
    question: s.question ?? '',
    answer: s.answer ?? '',
    decision: s.decision?.decision ?? '',
    rationale: s.decision?.rationale ?? '',
    checklist: view.checklist.map((q) => `${q.id}=${q.answer ?? ''}`).join('\n'),
    'QA findings': view.findings.map((f) => `${f.severity} ${f.check}${f.field ? ` (${f.field})` : ''}: ${f.message}`).join('\n'),
    verdict: s.review?.verdict ?? '',
    comment: s.review?.comment ?? '',
    'source hash': item.sourceHash,
    'question hash': textHash(s.question),
    'answer hash': textHash(s.answer),
  };
  return COLUMNS.map((c) => cells[c]);
}

export interface SheetPlan {
  rows: number;
  edits: Omit<EditPlan, 'events' | 'refused'>;
  /** Rows applied through the rules of `adapt --answers`. */
  decisions: number;
  /** Rows whose verdict is applied through the rules of `review --answers`. */
  verdicts: number;
  refused: RefusedUnit[];
  events: NewEvent[];
}

/** Check the project row and the column names; returns the column indexes. */
export function checkHeader(file: string, rows: readonly (readonly string[])[], tag: ProjectTag): Record<Column, number> {
  const [project = [], names = []] = rows;
  if (project[0]?.trim() !== PROJECT_CELL) throw new DataError(sheetMessages.notASheet(file));
  const id = project[1]?.trim() ?? '';
  if (id !== tag.id) throw new DataError(sheetMessages.otherProject(file, id, tag.id));
  const pair = project[2]?.trim() ?? '';
  if (pair !== `${tag.from} -> ${tag.to}`) throw new DataError(sheetMessages.wrongLanguages(file, pair, `${tag.from} -> ${tag.to}`));
  const index = {} as Record<Column, number>;
  const missing: string[] = [];
  for (const c of COLUMNS) {
    const i = names.findIndex((n) => n.trim() === c);
    if (i < 0) missing.push(c);
    index[c] = i;
  }
  if (missing.length) throw new DataError(sheetMessages.missingColumns(file, missing));
  return index;
}

/**
 * Plan every row: target edits (hash-checked), decisions, rationales and
 * checklist answers (the rules of `adapt --answers`), verdicts and comments
 * (the rules of `review --answers`, opened on demand). Throws one DataError
 * listing every problem; nothing is written by planning.
 */
export async function planSheet(
  file: string,
  rows: readonly (readonly string[])[],
  tag: ProjectTag,
  session: AdaptSession,
  openReview: () => Promise<ReviewSession>,
): Promise<SheetPlan> {
  const col = checkHeader(file, rows, tag);
  const data = rows.slice(2).map((cells, i) => ({ line: i + 3, cell: (c: Column) => (cells[col[c]] ?? '').replace(/\r\n?/gu, '\n') }));
  const filled = data.filter((r) => r.cell('ID').trim() !== '');
  const incoming: IncomingTarget[] = filled.flatMap((r) =>
    TEXT_ROLES.map((field) => ({
      item: r.cell('ID').trim(),
      field,
      target: r.cell(field),
      sourceHash: r.cell('source hash').trim() || undefined,
      targetHash: r.cell(`${field} hash`).trim() || undefined,
      line: r.line,
    })),
  );
  const { events: editEvents, refused, ...edits } = planTargetEdits(file, incoming, session);
  const problems: DataProblem[] = [];
  const answers: string[] = [];
  const verdicts: string[] = [];
  const handled = new Set<string>();
  for (const r of filled) {
    const id = r.cell('ID').trim();
    const s = session.state(id);
    const itemEdits = editEvents.filter((e): e is Extract<NewEvent, { type: 'edit' }> => e.type === 'edit' && e.item === id);
    const decision = r.cell('decision').trim();
    const rationale = r.cell('rationale').trim();
    const checklist = parseChecklist(r.cell('checklist'));
    if (typeof checklist === 'string') {
      problems.push({ file, line: r.line, id, field: 'checklist', message: checklist });
      continue;
    }
    const changedChecklist = Object.fromEntries(Object.entries(checklist).filter(([q, a]) => s.checklist[q]?.answer !== a));
    const checklistChanged = Object.keys(changedChecklist).length > 0;
    const decisionChanged = decision !== '' && (decision !== s.decision?.decision || rationale !== (s.decision?.rationale ?? ''));
    const adaptChange = decisionChanged || (decision !== '' && (itemEdits.length > 0 || checklistChanged));
    if (decision === '' && checklistChanged) problems.push({ file, line: r.line, id, field: 'decision', message: sheetMessages.decisionNeeded });
    if (adaptChange && r.cell('source hash').trim() !== session.item(id)!.sourceHash) {
      refused.push({ id, field: 'question', reason: 'stale', message: sheetMessages.staleRow(id) });
      continue;
    }
    if (adaptChange) {
      handled.add(id);
      const texts = Object.fromEntries(itemEdits.map((e) => [e.field, e.text]));
      answers[r.line - 1] = JSON.stringify({
        id,
        decision,
        ...(rationale ? { rationale } : {}),
        ...texts,
        ...(checklistChanged ? { checklist: changedChecklist } : {}),
      });
    }
    const verdict = r.cell('verdict').trim().toLowerCase();
    const comment = r.cell('comment').trim();
    if (verdict === '' || (verdict === s.review?.verdict && comment === (s.review.comment ?? ''))) continue;
    if (adaptChange || itemEdits.length > 0) {
      problems.push({ file, line: r.line, id, field: 'verdict', message: sheetMessages.verdictWithChanges });
      continue;
    }
    // A verdict is on the text the reviewer saw: refused when the project's text changed since export.
    const field = TEXT_ROLES.find((f: TextRole) => textHash(s[f]) !== r.cell(`${f} hash`).trim());
    if (field) {
      refused.push({ id, field, reason: 'changed-in-project', message: sheetMessages.verdictOnChangedText(id, field) });
      continue;
    }
    verdicts[r.line - 1] = JSON.stringify({ id, verdict, ...(comment ? { comment } : {}) });
  }
  if (problems.length > 0) throw DataError.listing(sheetMessages.problems(file, problems.length), problems, { max: 50 });
  // One JSON line per sheet row (blank for the others), so the planners' line numbers are the sheet's row numbers.
  const jsonl = (lines: string[]) => Array.from({ length: rows.length }, (_, i) => lines[i] ?? '').join('\n');
  const adapt = answers.some(Boolean) ? planAnswers(file, jsonl(answers), session) : undefined;
  const review = verdicts.some(Boolean) ? planReviewAnswers(file, jsonl(verdicts), await openReview()) : undefined;
  const events = [...(adapt?.events ?? []), ...editEvents.filter((e) => !handled.has(e.item)), ...(review?.events ?? [])];
  return {
    rows: filled.length,
    edits,
    decisions: adapt?.applied ?? 0,
    verdicts: (review?.summary.approved ?? 0) + (review?.summary.rejected ?? 0),
    refused,
    events,
  };
}

/** "question-id=yes" per line (or separated by ";"); empty answers are unanswered. */
function parseChecklist(cell: string): Record<string, string> | string {
  const out: Record<string, string> = {};
  for (const part of cell.split(/[\n;]/u)) {
    if (part.trim() === '') continue;
    const at = part.indexOf('=');
    if (at <= 0) return sheetMessages.badChecklist(part.trim());
    const answer = part.slice(at + 1).trim();
    if (answer !== '') out[part.slice(0, at).trim()] = answer;
  }
  return out;
}
