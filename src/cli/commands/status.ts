import { openProject, loadStatesOnly } from '../../project/project.js';
import { summarise } from '../../project/state.js';
import { t } from '../../i18n.js';
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
