/**
 * Fitting an item screen into the terminal: a fixed head (never cut), panes
 * that share the rows left, and a foot (notice and keys). When everything
 * does not fit, each pane keeps its title and a few rows, grows in priority
 * order, and says what it hides ("… 12 more lines · 3 expands"). A focused
 * pane takes the whole body and pages through its rows. Widths are measured
 * with string-width (src/text-width.ts): wide CJK characters, emoji and
 * combining marks count as the terminal draws them.
 */
import { t } from '../i18n.js';
import { truncateCols, wrapCols } from '../text-width.js';

/** The styles the layout uses (render-item.ts's Style has them). */
interface Style {
  bold(s: string): string;
  dim(s: string): string;
  yellow(s: string): string;
}

/** The panes of the item screens, in screen order; each is toggled by its digit. `name` is in the interface language. */
export const PANES = [
  { id: 'source', key: '1', min: 4 },
  { id: 'english', key: '2', min: 3 },
  { id: 'target', key: '3', min: 4 },
  { id: 'equivalents', key: '4', min: 2 },
  { id: 'checklist', key: '5', min: 3 },
  { id: 'qa', key: '6', min: 2 },
  { id: 'glossary', key: '7', min: 2 },
  { id: 'comments', key: '8', min: 3 },
].map((p) => ({
  ...p,
  get name() {
    return t(`wizard.pane.${p.id}`);
  },
})) as readonly { id: PaneIdOf; key: string; min: number; readonly name: string }[];
type PaneIdOf = 'source' | 'english' | 'target' | 'equivalents' | 'checklist' | 'qa' | 'glossary' | 'comments';
export type PaneId = PaneIdOf;

/** Which pane grows first when rows are short: what a verdict needs most. */
const PRIORITY: readonly PaneId[] = ['source', 'target', 'comments', 'checklist', 'qa', 'english', 'equivalents', 'glossary'];

export function paneByKey(key: string): PaneId | undefined {
  return PANES.find((p) => p.key === key)?.id;
}

export function paneKey(id: PaneId): string {
  return PANES.find((p) => p.id === id)!.key;
}

/** One pane's content: its title (after the key) and its lines (wrapped here). An empty pane is not shown. */
export interface PaneContent {
  id: PaneId;
  title: string;
  lines: string[];
}

/** What the person asked to see: one pane on its own, at a page. Kept by the loop for the current item. */
export interface PaneView {
  focus?: PaneId;
  page: number;
}

export interface ScreenParts {
  head: string[];
  panes: PaneContent[];
  foot: string[];
}

export interface FitOptions {
  width: number;
  /** Rows available; without it (not a terminal) everything is shown. */
  height?: number;
  style: Style;
  view?: PaneView;
}

export interface FitResult {
  text: string;
  /** True when some pane was cut to fit. */
  cut: boolean;
}

const title = (p: PaneContent, st: Style) => `${st.dim(`${paneKey(p.id)}`)} ${st.bold(p.title)}`;

/** Lay the parts out in at most `height` rows of `width` columns. */
export function fitScreen(parts: ScreenParts, opts: FitOptions): FitResult {
  const { width, style: st } = opts;
  const head = parts.head.map((l) => truncateCols(l, width));
  const foot = parts.foot.flatMap((l) => wrapCols(l, width));
  // A title longer than the terminal (a long one in Korean, say) is cut: a wrapped title would push the screen down.
  const panes = parts.panes.filter((p) => p.lines.length > 0).map((p) => ({ ...p, title: truncateCols(p.title, width - 2) }));
  const bodies = panes.map((p) => p.lines.flatMap((l) => wrapCols(l, width)));
  const full = () => [...head, ...panes.flatMap((p, i) => [title(p, st), ...bodies[i]!]), ...foot].join('\n');
  if (opts.height === undefined) return { text: full(), cut: false };

  const budget = Math.max(3, opts.height - head.length - foot.length);
  const focus = opts.view?.focus ? panes.findIndex((p) => p.id === opts.view!.focus) : -1;
  if (focus !== -1) return { text: [...head, ...focused(panes, bodies, focus, budget, opts), ...foot].join('\n'), cut: true };

  const need = bodies.map((b) => 1 + b.length);
  if (need.reduce((a, b) => a + b, 0) <= budget) return { text: full(), cut: false };

  const alloc = allocate(panes, need, budget);
  const rows: string[] = [];
  const hidden: PaneContent[] = [];
  panes.forEach((p, i) => {
    const a = alloc[i]!;
    const body = bodies[i]!;
    if (a === 0) hidden.push(p);
    else if (a >= need[i]!) rows.push(title(p, st), ...body);
    else if (a === 1) rows.push(truncateCols(`${title(p, st)} ${st.dim(t('wizard.layout.collapsed', { count: body.length, key: paneKey(p.id) }))}`, width));
    else rows.push(title(p, st), ...body.slice(0, a - 2), more(body.length - (a - 2), p, st, width));
  });
  if (hidden.length)
    rows.push(truncateCols(st.dim(t('wizard.layout.notShown', { panes: hidden.map((p) => `${paneKey(p.id)} ${p.title}`).join(' · ') })), width));
  return { text: [...head, ...rows, ...foot].join('\n'), cut: true };
}

function more(n: number, p: PaneContent, st: Style, width: number): string {
  return truncateCols(st.yellow(`  ${t('wizard.layout.more', { count: n, key: paneKey(p.id) })}`), width);
}

/**
 * Rows per pane: first a title row each (in priority order, while rows
 * last; the last row is kept for the list of panes not shown), then each
 * pane up to its minimum, then one row at a time round the panes in
 * priority order until the rows run out.
 */
function allocate(panes: PaneContent[], need: number[], budget: number): number[] {
  const alloc = panes.map(() => 0);
  const order = PRIORITY.map((id) => panes.findIndex((p) => p.id === id)).filter((i) => i !== -1);
  let left = budget;
  for (const i of order) {
    if (left <= (i === order[order.length - 1] ? 0 : 1)) break;
    alloc[i] = 1;
    left--;
  }
  if (alloc.some((a) => a === 0)) left--; // the "Not shown" line
  for (const i of order) {
    if (alloc[i] === 0) continue;
    const min = PANES.find((p) => p.id === panes[i]!.id)!.min;
    const give = Math.max(0, Math.min(need[i]!, min) - alloc[i]!);
    const g = Math.min(give, left);
    alloc[i]! += g;
    left -= g;
  }
  for (let grew = true; left > 0 && grew;) {
    grew = false;
    for (const i of order) {
      if (left === 0) break;
      if (alloc[i] === 0 || alloc[i]! >= need[i]!) continue;
      // A cut pane needs its "more" row: never leave it one row short of whole.
      alloc[i]!++;
      left--;
      grew = true;
    }
  }
  return alloc;
}

/** One pane on its own, a page at a time, with a line naming the others. */
function focused(panes: PaneContent[], bodies: string[][], i: number, budget: number, opts: FitOptions): string[] {
  const { width, style: st } = opts;
  const p = panes[i]!;
  const body = bodies[i]!;
  const per = Math.max(1, budget - 3);
  const pages = Math.max(1, Math.ceil(body.length / per));
  const page = Math.min(Math.max(0, opts.view!.page), pages - 1);
  opts.view!.page = page; // the loop's page stays on the last one
  const others = panes.filter((_, k) => k !== i).map((o) => `${paneKey(o.id)} ${o.title}`);
  return [
    `${title(p, st)}${st.dim(` · ${t('wizard.layout.page', { page: page + 1, pages })}`)}`,
    ...body.slice(page * per, (page + 1) * per),
    truncateCols(st.yellow(`  ${pages > 1 ? `${t('wizard.layout.paging')} · ` : ''}${t('wizard.layout.backToAll', { key: paneKey(p.id) })}`), width),
    truncateCols(st.dim(t('wizard.layout.otherPanes', { panes: others.join(' · ') })), width),
  ];
}
