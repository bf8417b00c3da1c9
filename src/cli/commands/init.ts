import { initProject, loadItems, openProject, type InitOptions } from '../../project/project.js';
import { projectQaEnv } from '../../qa/project-qa.js';
import { unmatchedLabelsWarning } from '../../qa/unmatched-labels.js';
import { languageName } from '../../project/languages.js';
import { loadLocalePack } from '../../locale/locale-pack.js';
import { answerRegister } from '../../locale/register-setting.js';
import type { CommandContext } from '../io.js';
import { messages } from '../messages/init.js';

export type InitCommandOptions = InitOptions & { json?: boolean };

export async function run(opts: InitCommandOptions, { out: { print, printJson, warn } }: CommandContext): Promise<void> {
  // Checked before anything is written: the project layer does not read locale packs.
  if (opts.register !== undefined) answerRegister(loadLocalePack(opts.localePack ?? opts.to).pack, opts.register, '--register');
  const r = await initProject(opts);
  const project = openProject(r.dir);
  const env = projectQaEnv(project);
  const unmatched = unmatchedLabelsWarning(env.pack, env.packName, await loadItems(project));
  if (unmatched) warn(unmatched);
  if (opts.json) return printJson(r);
  const { from, to } = r.config.languages;
  print(`Created project ${r.dir}`);
  print(`  source    ${r.config.source.path} (${r.records} records, read in place, not copied)`);
  print(`  languages ${from} -> ${to} (${languageName(to)})`);
  print(messages.provider(r.config.provider.name));
  if (r.warnings) print(`  ${r.warnings} warning(s) about the source: run \`carefully validate\` to see them.`);
  print(`\nNext: cd ${r.dir} && carefully translate --dry-run`);
}
