import path from 'node:path';
import { initProject, loadItems, openProject, type InitOptions } from '../../project/project.js';
import { projectQaEnv } from '../../qa/project-qa.js';
import { unmatchedLabelsWarning } from '../../qa/unmatched-labels.js';
import { languageName } from '../../project/languages.js';
import { loadLocalePack } from '../../locale/locale-pack.js';
import { initPackLoaded, resolveInitPack } from '../../locale/init-pack.js';
import { answerRegister } from '../../locale/register-setting.js';
import type { CommandContext } from '../io.js';
import { messages } from '../messages/init.js';

export type InitCommandOptions = InitOptions & { json?: boolean };

export async function run(opts: InitCommandOptions, { io, out: { print, printJson, warn } }: CommandContext): Promise<void> {
  // Checked before anything is written: the project layer does not read locale packs.
  const pack = opts.localePack === undefined ? undefined : resolveInitPack(opts.localePack, io.cwd, path.resolve(io.cwd, opts.dir));
  if (opts.register !== undefined) answerRegister(initPackLoaded(pack, opts.to, loadLocalePack).pack, opts.register, '--register');
  const r = await initProject({ ...opts, ...(pack ? { localePack: pack.localePack } : {}) });
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
