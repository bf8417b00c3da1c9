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
import { t } from '../i18n.js';
import { visibleDeep, visibleStyled } from '../text-safety.js';
import {
  PLAIN,
  block,
  checklistAnswer,
  checklistTitle,
  conflictLines,
  decisionBy,
  earlierRejected,
  fieldList,
  flagLines,
  itemHeadLines,
  keysLine,
  menuEntry,
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
  menuEntry('review', 'a', 'approve'),
  menuEntry('review', 'r', 'reject'),
  menuEntry('review', 'e', 'edit'),
  menuEntry('review', 'i', 'intend'),
  menuEntry('review', 'w', 'waive'),
  menuEntry('review', 'p', 'reply'),
  menuEntry('review', 'x', 'unflag'),
  menuEntry('review', 'u', 'undo'),
  menuEntry('review', 's', 'skip'),
  menuEntry('review', 'b', 'back'),
  menuEntry('review', 'q', 'quit'),
] as const;
export type ReviewMenuAction = (typeof REVIEW_MENU)[number]['action'];

/** "2 approved · 1 rejected · 3 to go" */
export function describeReviewProgress(p: ReviewProgress): string {
  const parts = [
    t('review.progress.approved', { count: p.approved }),
    t('review.progress.rejected', { count: p.rejected }),
    t('wizard.progress.toGo', { count: p.remaining }),
  ];
  if (p.skipped) parts.push(t('wizard.progress.skipped', { count: p.skipped }));
  if (p.edited) parts.push(t('review.progress.edited', { count: p.edited }));
  return parts.join(' · ');
}

export function renderReviewItem(rawView: ReviewView, progress: ReviewProgress, opts: RenderOptions = {}): string {
  // Every string of the view comes from data: shown with control characters escaped.
  const view = visibleDeep(rawView);
  const st = opts.style ?? PLAIN;
  const width = opts.width ?? 100;
  const { item, state: s } = view;
  const rule = ruleLine(st, width);

  const head = [positionLine(t('review.item.position', { position: view.position, total: view.total }), describeReviewProgress(progress), opts.header, st)];
  head.push(
    ...itemHeadLines(
      item,
      [
        s.state,
        s.decision ? t('wizard.item.decisionTag', { decision: s.decision.decision }) : t('wizard.item.undecided'),
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
      title: `${t('review.item.final')} · ${t('review.item.byHand')}`,
      lines: [...block('Q', s.question ?? t('wizard.none')), ...block('A', s.answer ?? t('wizard.none'))],
    });
  } else if (changed.length === 0) {
    panes.push({
      id: 'target',
      title: `${t('review.item.final')}${st.dim(` · ${t('review.item.unchanged')}`)}`,
      lines: [...block('Q', s.question), ...block('A', s.answer)],
    });
  } else {
    const fields = fieldList(changed.map((c) => c.field));
    panes.push({
      id: 'target',
      title: `${t('review.item.final')} · ${
        s.editors.length ? t('review.item.editedBy', { fields, editors: s.editors.join(', ') }) : t('wizard.item.edited', { fields })
      }`,
      lines: [
        ...block('Q', s.question),
        ...block('A', s.answer),
        st.bold(t('review.item.changes')),
        ...changed.flatMap((c) => block(c.field === 'question' ? 'Q' : 'A', showDiffParts(c.parts, st))),
        ...mt,
      ],
    });
  }
  panes.push({ id: 'equivalents', title: t('wizard.pane.equivalents'), lines: view.suggestions.map((x) => `  ${x}`) });
  const answered = view.checklist.filter((q) => q.answer !== undefined);
  panes.push({
    id: 'checklist',
    title: checklistTitle(view.answered, view.checklist.length, view.proposed),
    lines: answered.map((q) => `  ${checklistAnswer(q.answer!, q.effect, st)} ${q.prompt}${q.effect !== 'ok' ? st.yellow(`  → ${q.effect}`) : ''}`),
  });
  const [qaTitle = 'QA', ...qa] = qaFindingLines(view.findings, st);
  // An item without findings still says so, on its title line.
  const declared = intendedAndWaiverLines(s, st);
  panes.push({ id: 'qa', title: qaTitle, lines: qa.length || declared.length ? [...qa, ...declared] : [st.dim(`  ${t('wizard.none')}`)] });
  panes.push({ id: 'glossary', title: t('wizard.pane.glossary'), lines: glossaryLines(view.glossary, st) });

  const comments: string[] = [];
  if (s.decision)
    comments.push(
      decisionBy(st.bold(s.decision.decision), s.decision.author) + (s.decision.rationale ? ` — ${s.decision.rationale}` : ` ${t('review.item.noRationale')}`),
    );
  else comments.push(st.yellow(t('review.item.noDecision')));
  for (const [annotator, d] of Object.entries(s.secondaryDecisions).sort(([a], [b]) => a.localeCompare(b))) {
    if (annotator === s.decision?.author) continue;
    const differs = s.decision && d.decision !== s.decision.decision;
    comments.push(
      (differs ? st.yellow : st.dim)(
        `  ${t('review.item.secondBy', { annotator, decision: d.decision })}` +
          (d.rationale ? ` — ${d.rationale}` : '') +
          (differs ? ` ${t('review.item.differs')}` : ''),
      ),
    );
  }
  comments.push(...flagLines(s.flags, st));
  const r = s.lastRejection;
  if (s.review) {
    const verdict = s.review.verdict === 'approve' ? st.green(t('review.item.approved')) : st.red(t('review.item.rejected'));
    comments.push(
      t('review.item.verdictBy', { verdict, author: s.review.author }) +
        (s.review.comment ? `: ${s.review.comment}` : '') +
        (view.verdict ? ` ${t('review.item.thisSession')}` : ''),
    );
  } else if (r) {
    comments.push(st.dim(`${earlierRejected(r.author, r.comment)} — ${t('review.item.reworked')}`));
  }
  comments.push(...conflictLines(s, st));
  if (s.state === 'stale') {
    comments.push(st.red(`! ${t('review.item.stale')}`));
    if (view.staleDiff) comments.push(st.dim(`  ${t('wizard.stale.sourceThenNow')}`), ...sourceDiffLines(view.staleDiff, st));
    else comments.push(st.dim(`  ${t('review.item.staleNoDiff')}`));
  }
  if (view.own) {
    comments.push(st.yellow(t(view.own === 'decision' ? 'review.item.ownDecision' : 'review.item.ownText')));
  } else if (view.blocked && view.blocked.reason !== 'stale') comments.push(st.red(view.blocked.message));
  panes.push({ id: 'comments', title: t('wizard.pane.comments'), lines: comments });

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
      ? st.bold(progress.remaining === 0 ? t('review.summary.all') : t('wizard.summary.noneLeft', { count: progress.remaining }))
      : st.bold(t('review.summary.stopped')),
    reviewSessionCounts(progress),
  ];
  if (progress.own) lines.push(t('review.summary.own', { count: progress.own }));
  if (progress.remaining > 0) lines.push(t('review.summary.resume'));
  return lines.join('\n');
}
