import { openProject, loadStatusSummary, loadStateOnly, type Project } from '../../project/project.js';
import { ITEM_STATES } from '../../project/state.js';
import { DECISIONS } from '../../project/decisions.js';
import { GroupTally, type StatusGrouping } from '../../project/status-by.js';
import { t } from '../../i18n.js';
import { table, type Printer } from '../output.js';
import type { CommandContext } from '../io.js';
import { messages } from '../messages/status.js';
import type * as textWidthModule from '../../text-width.js';

type TextColumns = typeof textWidthModule;

export interface StatusOptions {
  project: string;
  json?: boolean;
  by?: StatusGrouping;
}

export async function run(opts: StatusOptions, { out: { print, printJson, warn } }: CommandContext): Promise<void> {
  const project = openProject(opts.project);
  if (opts.by) return statusBy(project, opts.by, opts.json === true, { print, printJson, warn });
  const { summary, warnings } = await loadStatusSummary(project);
  if (opts.json) return printJson(summary);
  for (const w of warnings) warn(w);
  const { from, to } = project.config.languages;
  print(t('status.head', { dir: project.dir, count: summary.items, from, to }));
  print(`\n${t('status.byState')}`);
  print(table(Object.entries(summary.byState)));
  print(`\n${t('status.byDecision')}`);
  print(table(Object.entries(summary.byDecision)));
  if (summary.flagged) print(`\n${t('status.flagged', { count: summary.flagged })}`);
  const second = summary.secondAnnotation;
  if (second.assigned) print(`\n${t('status.secondAnnotation', { done: second.done, assigned: second.assigned })}`);
  if (summary.removed) print(`\n${t('status.removed', { count: summary.removed })}`);
  if (summary.byState.conflict) print(messages.conflicts(summary.byState.conflict));
  if (summary.skippedEvents) print(`\n${t('status.skippedEvents', { count: summary.skippedEvents })}`);
  if (summary.byState.stale) print(`\n${t('status.stale', { count: summary.byState.stale })}`);
}

/** `status --by`: one row per group, its items by state and by decision. */
async function statusBy(project: Project, by: StatusGrouping, json: boolean, { print, printJson, warn }: Pick<Printer, 'print' | 'printJson' | 'warn'>) {
  // Loaded where used: the column-width libraries take longer to load than a small project's status.
  const columns = await import('../../text-width.js');
  const tally = new GroupTally(by);
  const { orphans, warnings, skippedEvents, states } = await loadStateOnly(project, (item, state) => tally.add(item, state));
  const groups = tally.groups();
  if (json) return printJson({ by, items: states.size, groups, removed: orphans.length, skippedEvents });
  for (const w of warnings) warn(w);
  print(`${project.dir}: ${states.size} items, by ${by}${by === 'author' ? ' (an item counts for each of its authors)' : ''}`);
  const header = [by, 'items', ...ITEM_STATES, ...DECISIONS, 'no decision', 'flagged'];
  const rows = groups.map((g) => [
    columns.truncateCols(g.name ? `${g.key} (${g.name})` : g.key, LABEL_COLUMNS),
    ...[g.items, ...ITEM_STATES.map((s) => g.byState[s]), ...DECISIONS.map((d) => g.byDecision[d]), g.byDecision.none, g.flagged].map(String),
  ]);
  print(grid([header, ...rows], columns));
}

/** Long English taxonomy names are cut so a row fits a wide terminal; --json has them whole. */
const LABEL_COLUMNS = 44;

/** Columns padded to terminal width: the first left-aligned, the numbers right-aligned. */
function grid(rows: string[][], { textWidth, padEndCols, padStartCols }: TextColumns): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => textWidth(r[c] ?? ''))));
  return rows
    .map((r) =>
      r
        .map((cell, c) => (c === 0 ? padEndCols(cell, widths[c]!) : padStartCols(cell, widths[c]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
