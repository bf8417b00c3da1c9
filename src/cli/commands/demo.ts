/**
 * `npm start`: the whole pipeline on the bundled synthetic examples, offline,
 * with the pseudo provider: init -> translate -> export.
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../../errors.js';
import { assetPath } from '../../paths.js';
import { initProject, openProject } from '../../project/project.js';
import { translateProject } from '../../translate/engine.js';
import { exportDataset } from '../../export/export.js';
import type { CommandContext } from '../io.js';

const MARKER = '.carefully-demo';

export async function run(opts: { out: string; to: string }, { io, out: { print } }: CommandContext): Promise<void> {
  const out = path.resolve(io.cwd, opts.out);
  if (existsSync(out)) {
    if (!existsSync(path.join(out, MARKER))) throw new UsageError(`${out} exists and was not made by \`carefully demo\`; choose another folder with --out.`);
    rmSync(out, { recursive: true, force: true });
  }
  const projectDir = path.join(out, 'project');
  const source = assetPath('examples', 'answercarefully-synthetic.json');
  const init = await initProject({ dir: projectDir, source, to: opts.to, provider: 'pseudo' });
  writeFileSync(path.join(out, MARKER), 'made by carefully demo; safe to delete\n');
  print(`1. init       ${projectDir} (${init.records} synthetic records, ja -> ${opts.to})`);
  const project = openProject(projectDir);
  const t = await translateProject({ project, author: 'demo', env: io.env });
  print(`2. translate  ${t.translatedItems} items with ${t.label}: ${t.requestsSent} request(s), ${t.charactersSent} characters`);
  const e = await exportDataset({ project, out: path.join(out, 'export'), includeUnreviewed: true });
  print(`3. export     ${e.exported} records (unreviewed, pseudo-localized: NOT a translation)`);
  print(`\nDerived dataset: ${e.datasetFile}`);
  print(`Dataset card:    ${e.cardFile}`);
  print(`Provenance:      ${e.provenanceFile}`);
  print(`\nNext: cd ${projectDir} && npx carefully status   (then \`carefully adapt\` for the wizard)`);
}
