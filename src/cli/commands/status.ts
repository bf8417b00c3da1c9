import { openProject, loadStatesOnly } from '../../project/project.js';
import { summarise } from '../../project/state.js';
import { table } from '../output.js';
import type { CommandContext } from '../io.js';
import { messages } from '../messages/status.js';

export interface StatusOptions {
  project: string;
  json?: boolean;
}

export async function run(opts: StatusOptions, { out: { print, printJson, warn } }: CommandContext): Promise<void> {
  const project = openProject(opts.project);
  const { states, orphans, warnings, skippedEvents } = await loadStatesOnly(project);
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
