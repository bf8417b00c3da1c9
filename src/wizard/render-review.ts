/**
 * The review wizard's item screen as plain text: a pure function of the
 * review session's view, so the layout is tested without a terminal.
 * review-screens.ts prints it and reads the reviewer's key below it.
 *
 * Tuned for speed: everything a verdict needs on one screen, the change from
 * the machine translation as a diff, and Enter approves.
 */
import type { ReviewProgress, ReviewView } from '../review/review-session.js';
import type { Severity } from '../qa/types.js';
import { visible, visibleDeep, visibleStyled } from '../text-safety.js';
import {
  PLAIN,
  block,
  checklistAnswer,
  conflictLines,
  flagLines,
  itemHeadLines,
  ruleLine,
  showDiffParts,
  sourceAndMtLines,
  sourceDiffLines,
  type RenderOptions,
  type Style,
} from './render-item.js';
import { reviewSessionCounts } from './messages.js';

/** The review menu: one key each, in the order shown; Enter alone approves. Keys never change meaning. */
export const REVIEW_MENU = [
  { key: 'a', action: 'approve', label: 'approve (Enter does too)', short: 'approve' },
  { key: 'r', action: 'reject', label: 'reject, with a comment for the localizer', short: 'reject (comment)' },
  { key: 'e', action: 'edit', label: 'edit question/answer (the item then awaits review again)', short: 'edit' },
  { key: 's', action: 'skip', label: 'skip (no verdict now)', short: 'skip' },
  { key: 'b', action: 'back', label: 'back to the previous item', short: 'back' },
  { key: 'q', action: 'quit', label: 'quit (every verdict is saved)', short: 'quit' },
] as const;
export type ReviewMenuAction = (typeof REVIEW_MENU)[number]['action'];
/** The key Enter stands for. */
export const REVIEW_DEFAULT_KEY = 'a';

/** "2 approved · 1 rejected · 3 to go" */
export function describeReviewProgress(p: ReviewProgress): string {
  const parts = [`${p.approved} approved`, `${p.rejected} rejected`, `${p.remaining} to go`];
  if (p.skipped) parts.push(`${p.skipped} skipped`);
  if (p.edited) parts.push(`${p.edited} edited`);
  return parts.join(' · ');
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function severityStyle(severity: Severity, st: Style): (s: string) => string {
  return severity === 'error' ? st.red : severity === 'warning' ? st.yellow : st.dim;
}

export function renderReviewItem(rawView: ReviewView, progress: ReviewProgress, opts: RenderOptions = {}): string {
  // Every string of the view comes from data: shown with control characters escaped.
  const view = visibleDeep(rawView);
  const st = opts.style ?? PLAIN;
  const width = opts.width ?? 100;
  const { item, state: s } = view;
  const out: string[] = [];
  const rule = ruleLine(st, width);

  if (opts.header) out.push(st.dim(visible(opts.header)));
  out.push(`${st.bold(`Review ${view.position}/${view.total}`)} · ${describeReviewProgress(progress)}`);
  out.push(rule);
  out.push(...itemHeadLines(item, s.state, st));
  out.push(...sourceAndMtLines(item, s.mt, st));
  const changed = view.changes?.filter((c) => c.changed) ?? [];
  if (!view.changes) {
    out.push(st.bold('Final text · written by hand (no machine translation)'), ...block('Q', s.question ?? '(none)'), ...block('A', s.answer ?? '(none)'));
  } else if (changed.length === 0) {
    out.push(st.bold('Final text') + st.dim(' · the machine translation, unchanged'));
  } else {
    const by = s.editors.length ? ` by ${s.editors.join(', ')}` : '';
    out.push(st.bold(`Final text · edited ${changed.map((c) => c.field).join(' and ')}${by}`), ...block('Q', s.question), ...block('A', s.answer));
    out.push(
      st.bold('Changes · machine translation → final'),
      ...changed.flatMap((c) => block(c.field === 'question' ? 'Q' : 'A', showDiffParts(c.parts, st))),
    );
  }

  out.push('');
  if (s.decision)
    out.push(`Decision: ${st.bold(s.decision.decision)} by ${s.decision.author}${s.decision.rationale ? ` — ${s.decision.rationale}` : ' (no rationale)'}`);
  else out.push(st.yellow('No decision yet.'));
  for (const [annotator, d] of Object.entries(s.secondaryDecisions).sort(([a], [b]) => a.localeCompare(b))) {
    if (annotator === s.decision?.author) continue;
    const differs = s.decision && d.decision !== s.decision.decision;
    out.push(
      (differs ? st.yellow : st.dim)(
        `  Second annotation by ${annotator}: ${d.decision}${d.rationale ? ` — ${d.rationale}` : ''}${differs ? ' (differs)' : ''}`,
      ),
    );
  }
  const answered = view.checklist.filter((q) => q.answer !== undefined);
  out.push(`Checklist · ${view.answered}/${view.checklist.length} answered · proposes ${view.proposed}`);
  for (const q of answered) {
    const answer = checklistAnswer(q.answer!, q.effect, st);
    out.push(`  ${answer} ${q.prompt}${q.effect !== 'ok' ? st.yellow(`  → ${q.effect}`) : ''}`);
  }
  out.push(...flagLines(s.flags, st));

  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of view.findings) counts[f.severity]++;
  if (view.findings.length === 0) out.push(`QA · ${st.green('no findings')}`);
  else {
    out.push(`QA · ${[plural(counts.error, 'error'), plural(counts.warning, 'warning'), `${counts.info} info`].join(', ')}`);
    for (const f of view.findings)
      out.push(severityStyle(f.severity, st)(`  ${f.severity.padEnd(7)} ${f.check}${f.field ? ` (${f.field})` : ''}: ${f.message}`));
  }

  const r = s.lastRejection;
  if (s.review) {
    const verdict = s.review.verdict === 'approve' ? st.green('Approved') : st.red('Rejected');
    out.push(`${verdict} by ${s.review.author}${s.review.comment ? `: ${s.review.comment}` : ''}${view.verdict ? ' (in this session)' : ''}`);
  } else if (r) {
    out.push(st.dim(`Earlier rejected by ${r.author}${r.comment ? `: ${r.comment}` : ''} — the localizer has reworked it since.`));
  }
  out.push(...conflictLines(s, st));
  if (s.state === 'stale') {
    out.push(st.red('! The source text changed since this item was worked on: it cannot be reviewed until the localizer redoes it.'));
    if (view.staleDiff) out.push(st.dim('  Source then → now:'), ...sourceDiffLines(view.staleDiff, st));
    else out.push(st.dim('  The old source text was not kept, so no diff can be shown.'));
  }
  if (view.own) {
    const what = view.own === 'decision' ? 'you made its decision' : 'you edited its text';
    out.push(st.yellow(`Your own work (${what}): reviewed under --allow-self-review; the journal records you as the reviewer.`));
  } else if (view.blocked && view.blocked.reason !== 'stale') out.push(st.red(view.blocked.message));

  out.push(rule);
  if (opts.notice) out.push(visibleStyled(opts.notice));
  out.push(REVIEW_MENU.map((m) => `[${st.bold(m.key === REVIEW_DEFAULT_KEY ? `Enter/${m.key}` : m.key)}] ${m.short}`).join('  '));
  return out.join('\n');
}

/** What the review wizard prints when the queue is done or the reviewer quits. */
export function renderReviewSummary(progress: ReviewProgress, opts: { style?: Style; finished: boolean }): string {
  const st = opts.style ?? PLAIN;
  const lines = [
    opts.finished
      ? st.bold(progress.remaining === 0 ? `Nothing left to review in this selection.` : `No item left in this session (${progress.remaining} skipped).`)
      : st.bold('Stopped. Every verdict is saved.'),
    reviewSessionCounts(progress),
  ];
  if (progress.own) lines.push(`${progress.own} item(s) are your own work and were left out: another person must review them (or pass --allow-self-review).`);
  if (progress.remaining > 0) lines.push('Run `carefully review` again to resume with the items still awaiting review.');
  return lines.join('\n');
}
