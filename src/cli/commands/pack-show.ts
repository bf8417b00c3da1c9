import { loadProjectLocalePack } from '../../locale/locale-pack.js';
import { describeCondition, packSummary } from '../../locale/pack-summary.js';
import { openProject } from '../../project/project.js';
import type { CommandContext } from '../io.js';

export interface PackShowOptions {
  project: string;
  json?: boolean;
}

export function run(opts: PackShowOptions, { out }: CommandContext): Promise<void> {
  const print = (t?: string) => out.print(t);
  const project = openProject(opts.project);
  const loaded = loadProjectLocalePack(project);
  const summary = packSummary(loaded);
  if (opts.json) {
    out.printJson(summary);
    return Promise.resolve();
  }
  for (const w of loaded.warnings) out.warn(w);
  print(`Locale pack ${summary.resolved} (${summary.languageName}), for ${summary.tag}`);
  print(`\nChecklist (${summary.checklist.length} questions):`);
  for (const q of summary.checklist) {
    print(`  ${q.id}: ${q.prompt}`);
    const effects = q.options ? q.options.map((o) => `${o.id} → ${o.effect}`).join(', ') : `yes → ${q.effects.yes}, no → ${q.effects.no}`;
    print(`    when: ${describeCondition(q.when)}; ${effects}`);
  }
  print(`\nKnown equivalents (${summary.equivalents.length}):`);
  for (const e of summary.equivalents) print(`  ${e.id} [${e.category}]: ${e.source.join(', ')} → ${e.target}${e.note ? ` (${e.note})` : ''}`);
  return Promise.resolve();
}
