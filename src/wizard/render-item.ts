/**
 * The wizard's item screen as plain text: a pure function of the session's
 * view, so the layout is tested without a terminal. screens.ts prints it and
 * draws the prompts below it.
 */
import type { SourceItem, TextRole } from '../dataset/item.js';
import { describeLabel } from '../dataset/taxonomy.js';
import { diffText, type DiffPart, type SourceDiff } from '../project/source-snapshot.js';
import { DECISIONS } from '../project/decisions.js';
import type { ItemState } from '../project/state.js';
import type { ItemView, Progress } from '../adapt/adapt-session.js';
import { visible, visibleDeep, visibleStyled } from '../text-safety.js';
import { textWidth, truncateCols, wrapCols } from '../text-width.js';
import { t } from '../i18n.js';
import { secondaryAssigned, msg } from './messages.js';
import { fitScreen, type PaneContent, type PaneView } from './layout.js';
import { glossaryLines, intendedAndWaiverLines, qaFindingLines } from './render-qa.js';

/** The action menu: one key each, in the order shown, taken at once (no Enter). Keys never change meaning. */
export const MENU = [
  menuEntry('adapt', 'a', 'accept'),
  menuEntry('adapt', 'e', 'edit'),
  menuEntry('adapt', 'c', 'checklist'),
  menuEntry('adapt', 'd', 'decide'),
  menuEntry('adapt', 'f', 'flag'),
  menuEntry('adapt', 'r', 'unflag'),
  menuEntry('adapt', 'i', 'intend'),
  menuEntry('adapt', 'w', 'waive'),
  menuEntry('adapt', 'u', 'undo'),
  menuEntry('adapt', 'm', 'revert'),
  menuEntry('adapt', 's', 'skip'),
  menuEntry('adapt', 'b', 'back'),
  menuEntry('adapt', 'g', 'goto'),
  menuEntry('adapt', 'n', 'nextFinding'),
  menuEntry('adapt', 'p', 'suggest'),
  menuEntry('adapt', '/', 'search'),
  menuEntry('adapt', 'q', 'quit'),
] as const;

/** A menu entry whose label (help) and short name (keys line) are read from the catalog, in the run's language. */
export function menuEntry<A extends string>(
  wizard: 'adapt' | 'review',
  key: string,
  action: A,
): { key: string; action: A; readonly label: string; readonly short: string } {
  return {
    key,
    action,
    get label() {
      return t(`${wizard}.menu.${action}.label`);
    },
    get short() {
      return t(`${wizard}.menu.${action}.short`);
    },
  };
}
export type MenuAction = (typeof MENU)[number]['action'];

/**
 * The menu entries offered for an item: [r]esolve only when it has flags;
 * no [e]dit or [c]hecklist on a second-annotation item, where only the
 * decision is recorded.
 */
export function menuFor(opts: { flagged: boolean; secondary?: boolean }): (typeof MENU)[number][] {
  const ownWork: readonly MenuAction[] = ['edit', 'checklist', 'intend', 'waive', 'revert'];
  return MENU.filter((m) => (m.action !== 'unflag' || opts.flagged) && !(opts.secondary && ownWork.includes(m.action)));
}

export interface Style {
  bold: (s: string) => string;
  dim: (s: string) => string;
  red: (s: string) => string;
  green: (s: string) => string;
  yellow: (s: string) => string;
  cyan: (s: string) => string;
}

const sgr = (open: number, close: number) => (s: string) => `\x1b[${open}m${s}\x1b[${close}m`;
export const COLOR: Style = { bold: sgr(1, 22), dim: sgr(2, 22), red: sgr(31, 39), green: sgr(32, 39), yellow: sgr(33, 39), cyan: sgr(36, 39) };
const id = (s: string) => s;
export const PLAIN: Style = { bold: id, dim: id, red: id, green: id, yellow: id, cyan: id };

/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function styleFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): Style {
  return stream.isTTY && !env.NO_COLOR ? COLOR : PLAIN;
}

export interface RenderOptions {
  style?: Style;
  /** Terminal width; long help lines are cut to fit. */
  width?: number;
  /** Header: who works on what ("ko (Korean) · tester · shard 1/2"). */
  header?: string;
  /** One line shown above the menu: what the last action did, or why it was refused. */
  notice?: string;
  /**
   * Rows the screen may take: panes are cut to fit (layout.ts). Each
   * checklist question shows the first line of its help only when nothing
   * has to be cut; otherwise the help is left to the [c]hecklist flow.
   */
  height?: number;
  /** The pane shown on its own and its page (the loop keeps it per item). */
  panes?: PaneView;
}

/** Indent every line of a (possibly multi-line) text after a label. */
export function block(label: string, text: string | undefined, indent = '  '): string[] {
  const lines = (text ?? '').split('\n');
  const pad = ' '.repeat(label.length + 1);
  return lines.map((l, i) => `${indent}${i === 0 ? `${label} ` : pad}${l}`);
}

/** Terminal columns of a text (string-width: wide CJK characters, emoji and combining marks as the terminal draws them). */
export function displayWidth(s: string): number {
  return textWidth(s);
}

/** Cut a line to at most `width` columns, marking the cut with "…". */
export function cut(s: string, width: number): string {
  return truncateCols(s, width);
}

/** Terminal rows a text takes at this width (long lines wrap). */
export function screenRows(text: string, width: number): number {
  return text.split('\n').reduce((n, line) => n + wrapCols(line, width).length, 0);
}

/** "2 decided (1 transfer, 1 adapt) · 33 to go" */
export function describeProgress(p: Progress): string {
  const decisions = DECISIONS.filter((d) => p.byDecision[d] > 0).map((d) => `${p.byDecision[d]} ${d}`);
  const parts = [
    `${t('wizard.progress.decided', { count: p.decided })}${decisions.length ? ` (${decisions.join(', ')})` : ''}`,
    t('wizard.progress.toGo', { count: p.remaining }),
  ];
  if (p.skipped) parts.push(t('wizard.progress.skipped', { count: p.skipped }));
  if (p.revisit) parts.push(t('wizard.progress.revisit', { count: p.revisit }));
  return parts.join(' · ');
}

function annotationText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Diff parts as text: [-removed-]{+added+} (the marks stay without colour, so NO_COLOR loses nothing), coloured when the style has colour. */
export function showDiffParts(parts: readonly DiffPart[], st: Style = PLAIN): string {
  return parts.map((c) => (c.added ? st.green(`{+${c.value}+}`) : c.removed ? st.red(`[-${c.value}-]`) : c.value)).join('');
}

/** Diff of two texts (by character for Japanese, by word otherwise): [-removed-]{+added+}, coloured when the style has colour. */
export function wordDiff(before: string, after: string, st: Style = PLAIN): string {
  return showDiffParts(diffText(before, after), st);
}

/** The changed fields of a source diff (`sourceDiff`), one Q/A block each. */
export function sourceDiffLines(diff: SourceDiff, st: Style = PLAIN, indent = '    '): string[] {
  return diff.fields.filter((f) => f.changed).flatMap((f) => block(f.field === 'question' ? 'Q' : 'A', showDiffParts(f.parts, st), indent));
}

// ---- parts of the adapt and the review screens --------------------------------

/** The line between the parts of an item screen. */
export function ruleLine(st: Style, width: number): string {
  return st.dim('─'.repeat(Math.max(10, Math.min(width - 1, 100))));
}

/** The head's first line: position and progress, then who works on what (cut first when the terminal is narrow). */
export function positionLine(label: string, progress: string, header: string | undefined, st: Style): string {
  return `${st.bold(label)} · ${progress}${header ? st.dim(`  ·  ${visible(header)}`) : ''}`;
}

/** "test-0001  translated · undecided · QA 2 · not Japan-specific": the item's ID and state, then its taxonomy on one line. */
export function itemHeadLines(item: SourceItem, tags: readonly (string | undefined)[], st: Style): string[] {
  const all = [
    ...tags,
    item.japanSpecific === true ? t('wizard.item.japanSpecific') : item.japanSpecific === false ? t('wizard.item.notJapanSpecific') : undefined,
  ].filter(Boolean);
  return [
    `${st.bold(item.id)}  ${st.dim(all.join(' · '))}`,
    msg.taxonomy(describeLabel('riskArea', item.riskArea), describeLabel('harmType', item.harmType), item.specificHarm ?? t('wizard.none')),
  ];
}

/** The Japanese source pane (with the item's annotations) and the English pane. */
export function sourcePanes(item: SourceItem): PaneContent[] {
  const annotations = Object.entries(item.annotations ?? {});
  const source = [...block('Q', item.question), ...block('A', item.answer)];
  if (annotations.length) source.push(`  ${t('wizard.item.annotations')} ${annotations.map(([k, v]) => `${k}: ${annotationText(v)}`).join('; ')}`);
  const english =
    item.questionEn !== undefined || item.answerEn !== undefined
      ? [...block('Q', item.questionEn ?? t('wizard.none')), ...block('A', item.answerEn ?? t('wizard.none'))]
      : [];
  return [
    { id: 'source', title: t('wizard.pane.source'), lines: source },
    { id: 'english', title: t('wizard.pane.english'), lines: english },
  ];
}

/** The machine translation's title: its label, in yellow when it is not a translation (pseudo). */
export function mtTitle(mt: NonNullable<ItemState['mt']>, st: Style): string {
  return `${t('wizard.item.mt')} · ${mt.isTranslation ? mt.label : st.yellow(mt.label)}`;
}

/** A recorded checklist answer, padded: green when it changes nothing, yellow otherwise. */
export function checklistAnswer(answer: string, effect: string | undefined, st: Style): string {
  return effect === 'ok' ? st.green(answer.padEnd(3)) : st.yellow(answer.padEnd(3));
}

/** The sides of a decision conflict, one line each. */
export function conflictLines(s: Pick<ItemState, 'conflict'>, st: Style): string[] {
  if (!s.conflict) return [];
  return [
    st.red(t('wizard.item.conflict', { count: s.conflict.length })),
    ...s.conflict.map(
      (d) => `  ${t('wizard.item.conflictSide', { decision: st.bold(d.decision), author: d.author, ts: d.ts })}${d.rationale ? ` — ${d.rationale}` : ''}`,
    ),
  ];
}

export function flagLines(flags: ItemState['flags'], st: Style): string[] {
  return flags.flatMap((f) => [
    st.yellow(`⚑ ${t('wizard.item.flaggedBy', { author: f.author, note: f.note })}`),
    ...(f.replies ?? []).map((r) => st.yellow(`  ↳ ${r.author}: ${r.note}`)),
  ]);
}

/** The keys line: the menu, then the keys every screen has. */
export function keysLine(entries: readonly { key: string; short: string }[], st: Style): string {
  return `${entries.map((m) => `[${st.bold(m.key)}] ${m.short}`).join('  ')}  ${st.dim(t('wizard.keysTail'))}`;
}

export function renderItem(rawView: ItemView, progress: Progress, opts: RenderOptions = {}): string {
  // Every string of the view comes from data: shown with control characters escaped.
  const view = visibleDeep(rawView);
  const withHelp = layout(view, progress, opts, true);
  if (!withHelp.cut) return withHelp.text;
  return layout(view, progress, opts, false).text;
}

function layout(view: ItemView, progress: Progress, opts: RenderOptions, showHelp: boolean): { text: string; cut: boolean } {
  const st = opts.style ?? PLAIN;
  const width = opts.width ?? 100;
  const { item, state: s } = view;
  const rule = ruleLine(st, width);

  const decision = view.secondary ? view.ownSecondary : s.decision;
  const head = [positionLine(t('adapt.item.position', { position: view.position, total: view.total }), describeProgress(progress), opts.header, st)];
  head.push(
    ...itemHeadLines(
      item,
      [
        view.secondary ? t('adapt.item.secondaryTag') : s.state,
        decision ? t('wizard.item.decisionTag', { decision: decision.decision }) : t('wizard.item.undecided'),
        s.flags.length ? `⚑ ${s.flags.length}` : undefined,
        view.stale ? t('adapt.item.sourceChanged') : undefined,
      ],
      st,
    ),
  );
  if (view.secondary) head.push(st.cyan(st.bold(t('adapt.item.secondaryBanner'))));
  head.push(rule);

  const panes: PaneContent[] = sourcePanes(item);
  const edited = (['question', 'answer'] as TextRole[]).filter((f) => s.edited[f]);
  const target: string[] = [];
  let targetTitle = t('adapt.item.target');
  if (edited.length > 0) {
    targetTitle = `${t('adapt.item.target')} · ${t('wizard.item.edited', { fields: fieldList(edited) })}`;
    target.push(...block('Q', s.question), ...block('A', s.answer));
    if (s.mt) target.push(st.bold(mtTitle(s.mt, st)), ...block('Q', s.mt.question), ...block('A', s.mt.answer));
  } else if (s.mt) {
    targetTitle = mtTitle(s.mt, st);
    target.push(...block('Q', s.mt.question), ...block('A', s.mt.answer));
  } else {
    target.push(st.yellow(t('adapt.item.noMt')));
  }
  panes.push({ id: 'target', title: targetTitle, lines: target });
  panes.push({ id: 'equivalents', title: t('wizard.pane.equivalents'), lines: view.suggestions.map((x) => `  ${x}`) });

  const n = view.checklist.length;
  const helpHidden = !showHelp && view.checklist.some((q) => q.help);
  const checklistNote = view.secondary
    ? st.dim(` · ${t('adapt.item.checklistSecondary')}`)
    : helpHidden
      ? st.dim(` · ${t('adapt.item.checklistHelpHidden')}`)
      : '';
  const checklist: string[] = [];
  view.checklist.forEach((q, i) => {
    const answer = q.answer ? checklistAnswer(q.answer, q.effect, st) : st.dim('·'.padEnd(3));
    checklist.push(`  ${String(i + 1).padStart(2)}. ${answer} ${q.prompt}${q.answer && q.effect !== 'ok' ? st.yellow(`  → ${q.effect}`) : ''}`);
    if (q.help && showHelp) checklist.push(st.dim(`         ${cut(q.help.split('\n')[0]!, Math.max(20, width - 10))}`));
  });
  if (n === 0) checklist.push(st.dim(`  ${t('adapt.item.noQuestion')}`));
  panes.push({ id: 'checklist', title: `${checklistTitle(view.answered, n, view.proposed)}${checklistNote}`, lines: checklist });
  // A second annotation records only the decision: no QA or glossary there.
  panes.push(
    { id: 'qa', title: t('wizard.pane.qa'), lines: view.secondary ? [] : [...qaFindingLines(view.findings, st), ...intendedAndWaiverLines(s, st)] },
    { id: 'glossary', title: t('wizard.pane.glossary'), lines: view.secondary ? [] : glossaryLines(view.glossary, st) },
  );
  panes.push({ id: 'comments', title: t('wizard.pane.comments'), lines: commentLines(view, st) });

  const foot = [rule];
  if (opts.notice) foot.push(visibleStyled(opts.notice));
  foot.push(keysLine(menuFor({ flagged: s.flags.length > 0, secondary: view.secondary }), st));
  return fitScreen(
    { head, panes, foot },
    { width, ...(opts.height !== undefined ? { height: opts.height } : {}), style: st, ...(opts.panes ? { view: opts.panes } : {}) },
  );
}

function commentLines(view: ItemView, st: Style): string[] {
  const { state: s } = view;
  const out: string[] = [];
  if (view.secondary) {
    out.push(st.dim(secondaryAssigned()));
  }
  if (s.conflict) out.push(...conflictLines(s, st), st.yellow(`  ${t('adapt.item.settleConflict')}`));
  else if (s.decision) out.push(`${decisionBy(st.bold(s.decision.decision), s.decision.author)}${s.decision.rationale ? ` — ${s.decision.rationale}` : ''}`);
  if (view.ownSecondary) {
    out.push(
      t('adapt.item.ownSecondary', { decision: st.bold(view.ownSecondary.decision) }) +
        (view.ownSecondary.rationale ? ` — ${view.ownSecondary.rationale}` : ''),
    );
  }
  const r = s.lastRejection;
  if (r && s.state === 'rejected')
    out.push(st.red(r.comment ? t('adapt.item.rejected', { author: r.author, comment: r.comment }) : t('adapt.item.rejectedNoComment', { author: r.author })));
  else if (r && s.state !== 'approved') out.push(st.dim(earlierRejected(r.author, r.comment)));
  if (view.stale) out.push(...renderStale(view, st));
  out.push(...flagLines(s.flags, st));
  return out;
}

function renderStale(view: ItemView, st: Style): string[] {
  const { stale, state: s } = view;
  if (!stale) return [];
  const out = [st.red(`! ${t('adapt.stale.changed')}`)];
  const changed = (a: { question: string; answer: string }, b: { question: string; answer: string }) =>
    (['question', 'answer'] as const).filter((f) => a[f] !== b[f]).flatMap((f) => block(f === 'question' ? 'Q' : 'A', wordDiff(a[f], b[f], st), '    '));
  if (stale.sourceDiff) {
    out.push(st.dim(`  ${t('wizard.stale.sourceThenNow')}`), ...sourceDiffLines(stale.sourceDiff, st));
  } else if (stale.oldMt && stale.newMt) {
    out.push(st.dim(`  ${t('adapt.stale.mtOldNew')}`));
    out.push(...changed(stale.oldMt, stale.newMt));
  } else {
    out.push(st.dim(`  ${t('adapt.stale.noDiff')}`));
  }
  if (s.mt && s.mt.sourceHash !== view.item.sourceHash) out.push(st.dim(`  ${t('adapt.stale.oldMt')}`));
  out.push(st.dim(`  ${t('adapt.stale.decideAgain')}`));
  return out;
}

/** What the wizard prints when the queue is done or the localizer quits. */
export function renderSummary(progress: Progress, opts: { style?: Style; finished: boolean }): string {
  const st = opts.style ?? PLAIN;
  const lines = [
    opts.finished
      ? st.bold(
          progress.remaining === 0
            ? progress.secondary
              ? t('adapt.summary.allSecondary', { count: progress.total })
              : t('adapt.summary.all', { count: progress.total })
            : t('wizard.summary.noneLeft', { count: progress.remaining }),
        )
      : st.bold(t('adapt.summary.stopped')),
    t('adapt.summary.made', { count: progress.decidedThisSession, progress: describeProgress(progress) }),
  ];
  if (progress.remaining > 0) lines.push(t('adapt.summary.resume'));
  return lines.join('\n');
}

/** "question and answer", in the interface language. */
export function fieldList(fields: readonly string[]): string {
  return fields.map((f) => t(`wizard.field.${f}`)).join(t('wizard.and'));
}

/** "Checklist · 2/5 answered · proposes adapt" */
export function checklistTitle(answered: number, count: number, proposed: string): string {
  return t('wizard.item.checklistTitle', { answered, count, proposed });
}

/** "Decision: adapt by kim" (the decision already styled). */
export function decisionBy(decision: string, author: string): string {
  return t('wizard.item.decisionBy', { decision, author });
}

/** "Earlier rejected by lee: comment" */
export function earlierRejected(author: string, comment: string | undefined): string {
  return comment ? t('wizard.item.earlierRejected', { author, comment }) : t('wizard.item.earlierRejectedNoComment', { author });
}
