/**
 * The review wizard's item screen as plain text: a pure function of the
 * review session's view, so the layout is tested without a terminal.
 * review-screens.ts prints it and reads the reviewer's key below it.
 *
 * Tuned for speed: everything a verdict needs on one screen (cut to fit the
 * terminal, layout.ts), the change from the machine translation as a diff,
 * and single keys. Enter approves nothing: a double Enter must never
 * approve two items.
 */
import type { ReviewProgress, ReviewView } from '../review/review-session.js';
import { visibleDeep, visibleStyled } from '../text-safety.js';
import {
  PLAIN,
  block,
  checklistAnswer,
  conflictLines,
  flagLines,
  itemHeadLines,
  keysLine,
  mtTitle,
  positionLine,
  ruleLine,
  showDiffParts,
  sourcePanes,
  sourceDiffLines,
  type RenderOptions,
  type Style,
} from './render-item.js';
import { fitScreen, type PaneContent } from './layout.js';
import { glossaryLines, intendedAndWaiverLines, qaFindingLines } from './render-qa.js';
import { reviewSessionCounts } from './messages.js';

/** The review menu: one key each, in the order shown, taken at once (no Enter; Enter alone does nothing). Keys never change meaning. */
export const REVIEW_MENU = [
  { key: 'a', action: 'approve', label: 'approve', short: 'approve' },
  { key: 'r', action: 'reject', label: 'reject, with a comment for the localizer', short: 'reject (comment)' },
  { key: 'e', action: 'edit', label: 'edit question/answer (the item then awaits review again)', short: 'edit' },
  { key: 'i', action: 'intend', label: 'declare an intended change (e.g. 110番 → 112)', short: 'intended change' },
  { key: 'w', action: 'waive', label: 'waive a QA finding (with a reason)', short: 'waive' },
  { key: 'p', action: 'reply', label: 'reply to the flags', short: 'reply to flag' },
  { key: 'x', action: 'unflag', label: 'resolve the flags', short: 'resolve flags' },
  { key: 'u', action: 'undo', label: 'undo your last action on this item (a verdict, an edit...; recorded as a new event)', short: 'undo' },
  { key: 's', action: 'skip', label: 'skip: not now (it does not come back in this session)', short: 'skip' },
  { key: 'b', action: 'back', label: 'back to the previous item', short: 'back' },
  { key: 'q', action: 'quit', label: 'quit (every verdict is saved)', short: 'quit' },
] as const;
export type ReviewMenuAction = (typeof REVIEW_MENU)[number]['action'];

/** "2 approved · 1 rejected · 3 to go" */
export function describeReviewProgress(p: ReviewProgress): string {
  const parts = [`${p.approved} approved`, `${p.rejected} rejected`, `${p.remaining} to go`];
  if (p.skipped) parts.push(`${p.skipped} skipped`);
  if (p.edited) parts.push(`${p.edited} edited`);
  return parts.join(' · ');
}

export function renderReviewItem(rawView: ReviewView, progress: ReviewProgress, opts: RenderOptions = {}): string {
  // Every string of the view comes from data: shown with control characters escaped.
  const view = visibleDeep(rawView);
  const st = opts.style ?? PLAIN;
  const width = opts.width ?? 100;
  const { item, state: s } = view;
  const rule = ruleLine(st, width);

  const head = [positionLine(`Review ${view.position}/${view.total}`, describeReviewProgress(progress), opts.header, st)];
  head.push(
    ...itemHeadLines(
      item,
      [
        s.state,
        s.decision ? `decision: ${s.decision.decision}` : 'undecided',
        `QA ${view.findings.length}`,
        s.flags.length ? `⚑ ${s.flags.length}` : undefined,
      ],
      st,
    ),
    rule,
  );

  const panes: PaneContent[] = sourcePanes(item);
  const changed = view.changes?.filter((c) => c.changed) ?? [];
  const mt = s.mt ? [st.bold(mtTitle(s.mt, st)), ...block('Q', s.mt.question), ...block('A', s.mt.answer)] : [];
  if (!view.changes) {
    panes.push({
      id: 'target',
      title: 'Final text · written by hand (no machine translation)',
      lines: [...block('Q', s.question ?? '(none)'), ...block('A', s.answer ?? '(none)')],
    });
  } else if (changed.length === 0) {
    panes.push({
      id: 'target',
      title: `Final text${st.dim(' · the machine translation, unchanged')}`,
      lines: [...block('Q', s.question), ...block('A', s.answer)],
    });
  } else {
    const by = s.editors.length ? ` by ${s.editors.join(', ')}` : '';
    panes.push({
      id: 'target',
      title: `Final text · edited ${changed.map((c) => c.field).join(' and ')}${by}`,
      lines: [
        ...block('Q', s.question),
        ...block('A', s.answer),
        st.bold('Changes · machine translation → final'),
        ...changed.flatMap((c) => block(c.field === 'question' ? 'Q' : 'A', showDiffParts(c.parts, st))),
        ...mt,
      ],
    });
  }
  panes.push({ id: 'equivalents', title: 'Known equivalents', lines: view.suggestions.map((x) => `  ${x}`) });
  const answered = view.checklist.filter((q) => q.answer !== undefined);
  panes.push({
    id: 'checklist',
    title: `Checklist · ${view.answered}/${view.checklist.length} answered · proposes ${view.proposed}`,
    lines: answered.map((q) => `  ${checklistAnswer(q.answer!, q.effect, st)} ${q.prompt}${q.effect !== 'ok' ? st.yellow(`  → ${q.effect}`) : ''}`),
  });
  const [qaTitle = 'QA', ...qa] = qaFindingLines(view.findings, st);
  // An item without findings still says so, on its title line.
  const declared = intendedAndWaiverLines(s, st);
  panes.push({ id: 'qa', title: qaTitle, lines: qa.length || declared.length ? [...qa, ...declared] : [st.dim('  (none)')] });
  panes.push({ id: 'glossary', title: 'Glossary terms', lines: glossaryLines(view.glossary, st) });

  const comments: string[] = [];
  if (s.decision)
    comments.push(
      `Decision: ${st.bold(s.decision.decision)} by ${s.decision.author}${s.decision.rationale ? ` — ${s.decision.rationale}` : ' (no rationale)'}`,
    );
  else comments.push(st.yellow('No decision yet.'));
  for (const [annotator, d] of Object.entries(s.secondaryDecisions).sort(([a], [b]) => a.localeCompare(b))) {
    if (annotator === s.decision?.author) continue;
    const differs = s.decision && d.decision !== s.decision.decision;
    comments.push(
      (differs ? st.yellow : st.dim)(
        `  Second annotation by ${annotator}: ${d.decision}${d.rationale ? ` — ${d.rationale}` : ''}${differs ? ' (differs)' : ''}`,
      ),
    );
  }
  comments.push(...flagLines(s.flags, st));
  const r = s.lastRejection;
  if (s.review) {
    const verdict = s.review.verdict === 'approve' ? st.green('Approved') : st.red('Rejected');
    comments.push(`${verdict} by ${s.review.author}${s.review.comment ? `: ${s.review.comment}` : ''}${view.verdict ? ' (in this session)' : ''}`);
  } else if (r) {
    comments.push(st.dim(`Earlier rejected by ${r.author}${r.comment ? `: ${r.comment}` : ''} — the localizer has reworked it since.`));
  }
  comments.push(...conflictLines(s, st));
  if (s.state === 'stale') {
    comments.push(st.red('! The source text changed since this item was worked on: it cannot be reviewed until the localizer redoes it.'));
    if (view.staleDiff) comments.push(st.dim('  Source then → now:'), ...sourceDiffLines(view.staleDiff, st));
    else comments.push(st.dim('  The old source text was not kept, so no diff can be shown.'));
  }
  if (view.own) {
    const what = view.own === 'decision' ? 'you made its decision' : 'you edited its text';
    comments.push(st.yellow(`Your own work (${what}): reviewed under --allow-self-review; the journal records you as the reviewer.`));
  } else if (view.blocked && view.blocked.reason !== 'stale') comments.push(st.red(view.blocked.message));
  panes.push({ id: 'comments', title: 'Decision and comments', lines: comments });

  const foot = [rule];
  if (opts.notice) foot.push(visibleStyled(opts.notice));
  foot.push(keysLine(REVIEW_MENU, st));
  return fitScreen(
    { head, panes, foot },
    { width, ...(opts.height !== undefined ? { height: opts.height } : {}), style: st, ...(opts.panes ? { view: opts.panes } : {}) },
  ).text;
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
