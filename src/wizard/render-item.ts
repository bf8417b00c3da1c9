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
import { SECONDARY_ASSIGNED } from './messages.js';

/** The action menu: one key each, in the order shown. Keys never change meaning. */
export const MENU = [
  { key: 'a', action: 'accept', label: 'accept as transfer', short: 'accept (transfer)' },
  { key: 'e', action: 'edit', label: 'edit question/answer', short: 'edit' },
  { key: 'c', action: 'checklist', label: 'answer the checklist', short: 'checklist' },
  { key: 'd', action: 'decide', label: 'decide (with rationale)', short: 'decide' },
  { key: 'f', action: 'flag', label: 'flag for discussion', short: 'flag' },
  { key: 'r', action: 'unflag', label: 'resolve flags', short: 'resolve flags' },
  { key: 's', action: 'skip', label: 'skip (leave undecided)', short: 'skip' },
  { key: 'b', action: 'back', label: 'back to the previous item', short: 'back' },
  { key: 'q', action: 'quit', label: 'quit (everything is saved)', short: 'quit' },
] as const;
export type MenuAction = (typeof MENU)[number]['action'];

/**
 * The menu entries offered for an item: [r]esolve only when it has flags;
 * no [e]dit or [c]hecklist on a second-annotation item, where only the
 * decision is recorded.
 */
export function menuFor(opts: { flagged: boolean; secondary?: boolean }): (typeof MENU)[number][] {
  return MENU.filter((m) => (m.action !== 'unflag' || opts.flagged) && !(opts.secondary && (m.action === 'edit' || m.action === 'checklist')));
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
   * Terminal height. Each checklist question shows the first line of its help
   * when the screen still fits; on a shorter terminal the help is left to the
   * [c]hecklist flow, which shows it in full.
   */
  height?: number;
}

/** Indent every line of a (possibly multi-line) text after a label. */
export function block(label: string, text: string | undefined, indent = '  '): string[] {
  const lines = (text ?? '').split('\n');
  const pad = ' '.repeat(label.length + 1);
  return lines.map((l, i) => `${indent}${i === 0 ? `${label} ` : pad}${l}`);
}

/** East Asian wide and fullwidth characters take two terminal columns (kana, kanji, Hangul, fullwidth forms). */
const WIDE =
  /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA960-\uA97F\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]|[\u{20000}-\u{3FFFD}]/u;

export function displayWidth(s: string): number {
  let w = 0;
  // eslint-disable-next-line no-control-regex -- colour sequences take no width
  for (const ch of s.replace(/\x1b\[[0-9;]*m/g, '')) w += WIDE.test(ch) ? 2 : 1;
  return w;
}

/** Cut a line to at most `width` columns, marking the cut with "…". */
export function cut(s: string, width: number): string {
  if (displayWidth(s) <= width) return s;
  let out = '';
  let w = 0;
  for (const ch of s) {
    const cw = WIDE.test(ch) ? 2 : 1;
    if (w + cw > width - 1) break;
    out += ch;
    w += cw;
  }
  return `${out}…`;
}

/** Terminal rows a text takes at this width (long lines wrap). */
export function screenRows(text: string, width: number): number {
  return text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(displayWidth(line) / Math.max(1, width))), 0);
}

/** "2 decided (1 transfer, 1 adapt) · 33 to go" */
export function describeProgress(p: Progress): string {
  const decisions = DECISIONS.filter((d) => p.byDecision[d] > 0).map((d) => `${p.byDecision[d]} ${d}`);
  const parts = [`${p.decided} decided${decisions.length ? ` (${decisions.join(', ')})` : ''}`, `${p.remaining} to go`];
  if (p.skipped) parts.push(`${p.skipped} skipped`);
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

/** "test-0001  translated · not Japan-specific", then the item's taxonomy. */
export function itemHeadLines(item: SourceItem, tag: string, st: Style): string[] {
  const tags = [tag, item.japanSpecific === true ? 'Japan-specific' : item.japanSpecific === false ? 'not Japan-specific' : undefined].filter(Boolean);
  return [
    `${st.bold(item.id)}  ${st.dim(tags.join(' · '))}`,
    `  Risk area      ${describeLabel('riskArea', item.riskArea)}`,
    `  Harm type      ${describeLabel('harmType', item.harmType)}`,
    `  Specific harm  ${item.specificHarm ?? '(none)'}`,
  ];
}

/** The Japanese source, its English version when the item has one, and the machine translation when there is one. */
export function sourceAndMtLines(item: SourceItem, mt: ItemState['mt'], st: Style): string[] {
  const out = ['', st.bold('Japanese source'), ...block('Q', item.question), ...block('A', item.answer)];
  if (item.questionEn !== undefined || item.answerEn !== undefined) {
    out.push(st.bold('English'), ...block('Q', item.questionEn ?? '(none)'), ...block('A', item.answerEn ?? '(none)'));
  }
  if (mt) {
    const label = mt.isTranslation ? mt.label : st.yellow(mt.label);
    out.push(st.bold(`Machine translation · ${label}`), ...block('Q', mt.question), ...block('A', mt.answer));
  }
  return out;
}

/** A recorded checklist answer, padded: green when it changes nothing, yellow otherwise. */
export function checklistAnswer(answer: string, effect: string | undefined, st: Style): string {
  return effect === 'ok' ? st.green(answer.padEnd(3)) : st.yellow(answer.padEnd(3));
}

/** The sides of a decision conflict, one line each. */
export function conflictLines(s: Pick<ItemState, 'conflict'>, st: Style): string[] {
  if (!s.conflict) return [];
  return [
    st.red(`Conflict: ${s.conflict.length} decisions made without seeing each other`),
    ...s.conflict.map((d) => `  ${st.bold(d.decision)} by ${d.author} at ${d.ts}${d.rationale ? ` — ${d.rationale}` : ''}`),
  ];
}

export function flagLines(flags: ItemState['flags'], st: Style): string[] {
  return flags.map((f) => st.yellow(`⚑ Flagged by ${f.author}: ${f.note}`));
}

export function renderItem(rawView: ItemView, progress: Progress, opts: RenderOptions = {}): string {
  // Every string of the view comes from data: shown with control characters escaped.
  const view = visibleDeep(rawView);
  const withHelp = layout(view, progress, opts, true);
  if (opts.height === undefined || screenRows(withHelp, opts.width ?? 100) < opts.height) return withHelp;
  return layout(view, progress, opts, false);
}

function layout(view: ItemView, progress: Progress, opts: RenderOptions, showHelp: boolean): string {
  const st = opts.style ?? PLAIN;
  const width = opts.width ?? 100;
  const { item, state: s } = view;
  const out: string[] = [];
  const rule = ruleLine(st, width);

  if (opts.header) out.push(st.dim(visible(opts.header)));
  out.push(`${st.bold(`Item ${view.position}/${view.total}`)} · ${describeProgress(progress)}`);
  out.push(rule);
  if (view.secondary) {
    out.push(st.cyan(st.bold('Second annotation: your decision is compared, not applied.')));
    out.push(st.dim(SECONDARY_ASSIGNED));
  }
  out.push(...itemHeadLines(item, view.secondary ? 'second annotation' : s.state, st));
  const annotations = Object.entries(item.annotations ?? {});
  if (annotations.length) out.push(`  Annotations    ${annotations.map(([k, v]) => `${k}: ${annotationText(v)}`).join('; ')}`);

  out.push(...sourceAndMtLines(item, s.mt, st));
  if (!s.mt) {
    out.push(st.yellow('No machine translation yet: run `carefully translate`, or write the target text with [e]dit.'));
  }
  const edited = (['question', 'answer'] as TextRole[]).filter((f) => s.edited[f]);
  if (edited.length > 0) {
    out.push(st.bold(`Target text · edited ${edited.join(' and ')}`), ...block('Q', s.question), ...block('A', s.answer));
  }

  if (s.conflict) out.push('', ...conflictLines(s, st), st.yellow('  Decide again ([d]) to settle it: your decision replaces them.'));
  else if (s.decision) {
    out.push('', `Decision: ${st.bold(s.decision.decision)} by ${s.decision.author}${s.decision.rationale ? ` — ${s.decision.rationale}` : ''}`);
  }
  if (view.ownSecondary) {
    out.push(
      '',
      `Your second-annotation decision: ${st.bold(view.ownSecondary.decision)}${view.ownSecondary.rationale ? ` — ${view.ownSecondary.rationale}` : ''}`,
    );
  }
  const r = s.lastRejection;
  if (r && s.state === 'rejected') out.push(st.red(`Rejected by ${r.author}${r.comment ? `: ${r.comment}` : ' (no comment)'} — rework it and decide again.`));
  else if (r && s.state !== 'approved') out.push(st.dim(`Earlier rejected by ${r.author}${r.comment ? `: ${r.comment}` : ''}`));
  if (view.stale) out.push(...renderStale(view, st));
  out.push(...flagLines(s.flags, st));

  if (view.suggestions.length) out.push('', st.bold('Known equivalents'), ...view.suggestions.map((x) => `  ${x}`));

  const n = view.checklist.length;
  const helpHidden = !showHelp && view.checklist.some((q) => q.help);
  const checklistNote = view.secondary
    ? st.dim(' · for reference: a second annotation records only the decision')
    : helpHidden
      ? st.dim(' · help for each question in [c]')
      : '';
  out.push('', st.bold(`Checklist · ${view.answered}/${n} answered · proposes ${view.proposed}`) + checklistNote);
  view.checklist.forEach((q, i) => {
    const answer = q.answer ? checklistAnswer(q.answer, q.effect, st) : st.dim('·'.padEnd(3));
    out.push(`  ${String(i + 1).padStart(2)}. ${answer} ${q.prompt}${q.answer && q.effect !== 'ok' ? st.yellow(`  → ${q.effect}`) : ''}`);
    if (q.help && showHelp) out.push(st.dim(`         ${cut(q.help.split('\n')[0]!, Math.max(20, width - 10))}`));
  });
  if (n === 0) out.push(st.dim('  (no question of this pack applies)'));

  out.push(rule);
  if (opts.notice) out.push(visibleStyled(opts.notice));
  out.push(
    menuFor({ flagged: s.flags.length > 0, secondary: view.secondary })
      .map((m) => `[${st.bold(m.key)}] ${m.short}`)
      .join('  '),
  );
  return out.join('\n');
}

function renderStale(view: ItemView, st: Style): string[] {
  const { stale, state: s } = view;
  if (!stale) return [];
  const out = [st.red('! The source text changed since this item was worked on.')];
  const changed = (a: { question: string; answer: string }, b: { question: string; answer: string }) =>
    (['question', 'answer'] as const).filter((f) => a[f] !== b[f]).flatMap((f) => block(f === 'question' ? 'Q' : 'A', wordDiff(a[f], b[f], st), '    '));
  if (stale.sourceDiff) {
    out.push(st.dim('  Source then → now:'), ...sourceDiffLines(stale.sourceDiff, st));
  } else if (stale.oldMt && stale.newMt) {
    out.push(st.dim('  Machine translation of the old source → of the new source:'));
    out.push(...changed(stale.oldMt, stale.newMt));
  } else {
    out.push(st.dim('  The old source text was not kept, so no diff can be shown: compare the source above with the target text.'));
  }
  if (s.mt && s.mt.sourceHash !== view.item.sourceHash)
    out.push(st.dim('  The machine translation above is of the old source: rerun `carefully translate` for a fresh one.'));
  out.push(st.dim('  Check the target text and make the decision again.'));
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
              ? `All ${progress.total} second-annotation item(s) assigned to you are decided.`
              : `All ${progress.total} item(s) of this selection are decided.`
            : `No item left in this session (${progress.remaining} skipped).`,
        )
      : st.bold('Stopped. Everything answered is saved.'),
    `${progress.decidedThisSession} decision(s) made in this session; ${describeProgress(progress)}.`,
  ];
  if (progress.remaining > 0) lines.push('Run `carefully adapt` again to resume at the first undecided item.');
  return lines.join('\n');
}
