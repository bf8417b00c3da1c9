import { openProject, loadState, loadStateOnly, type Project } from '../../project/project.js';
import { ITEM_STATES, summarise } from '../../project/state.js';
import { DECISIONS } from '../../project/decisions.js';
import { GroupTally, type StatusGrouping } from '../../project/status-by.js';
import { padEndCols, padStartCols, textWidth, truncateCols } from '../../text-width.js';
import { table, type Printer } from '../output.js';
import type { CommandContext } from '../io.js';
import { messages } from '../messages/status.js';

export interface StatusOptions {
  project: string;
  json?: boolean;
  by?: StatusGrouping;
}

export async function run(opts: StatusOptions, { out: { print, printJson, warn } }: CommandContext): Promise<void> {
  const project = openProject(opts.project);
  if (opts.by) return statusBy(project, opts.by, opts.json === true, { print, printJson, warn });
  const { states, orphans, warnings, skippedEvents } = await loadState(project);
  const summary = summarise(states.values(), orphans, skippedEvents);
  if (opts.json) return printJson(summary);
  for (const w of warnings) warn(w);
  const { from, to } = project.config.languages;
  print(`${project.dir}: ${summary.items} items, ${from} -> ${to}`);
  print('\nBy state:');
  print(table(Object.entries(summary.byState)));
  print('\nBy decision:');
  print(table(Object.entries(summary.byDecision)));
  if (summary.flagged) print(`\n${summary.flagged} item(s) flagged for discussion (\`carefully adapt --only flagged\`).`);
  const second = summary.secondAnnotation;
  if (second.assigned) print(`\nSecond annotation: ${second.done} of ${second.assigned} assigned item(s) done (\`carefully agreement\` compares them).`);
  if (summary.removed) print(`\n${summary.removed} item(s) in the journal are no longer in the source file; they are excluded.`);
  if (summary.byState.conflict) print(messages.conflicts(summary.byState.conflict));
  if (summary.skippedEvents) print(`\n${summary.skippedEvents} journal line(s) were skipped as unreadable or malformed (see the warnings above).`);
  if (summary.byState.stale)
    print(`\n${summary.byState.stale} item(s) are stale: their source text changed. Rerun \`carefully translate\` and \`carefully adapt --state stale\`.`);
}

/** `status --by`: one row per group, its items by state and by decision. */
async function statusBy(project: Project, by: StatusGrouping, json: boolean, { print, printJson, warn }: Pick<Printer, 'print' | 'printJson' | 'warn'>) {
  const tally = new GroupTally(by);
  const { orphans, warnings, skippedEvents, states } = await loadStateOnly(project, (item, state) => tally.add(item, state));
  const groups = tally.groups();
  if (json) return printJson({ by, items: states.size, groups, removed: orphans.length, skippedEvents });
  for (const w of warnings) warn(w);
  print(`${project.dir}: ${states.size} items, by ${by}${by === 'author' ? ' (an item counts for each of its authors)' : ''}`);
  const header = [by, 'items', ...ITEM_STATES, ...DECISIONS, 'no decision', 'flagged'];
  const rows = groups.map((g) => [
    truncateCols(g.name ? `${g.key} (${g.name})` : g.key, LABEL_COLUMNS),
    ...[g.items, ...ITEM_STATES.map((s) => g.byState[s]), ...DECISIONS.map((d) => g.byDecision[d]), g.byDecision.none, g.flagged].map(String),
  ]);
  print(grid([header, ...rows]));
}

/** Long English taxonomy names are cut so a row fits a wide terminal; --json has them whole. */
const LABEL_COLUMNS = 44;

/** Columns padded to terminal width: the first left-aligned, the numbers right-aligned. */
function grid(rows: string[][]): string {
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
