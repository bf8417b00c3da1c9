/**
 * `npm start`: the whole pipeline on the bundled synthetic examples, offline,
 * with the pseudo provider: init -> translate -> (demo drafts) -> check -> export.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../../errors.js';
import { assetPath } from '../../paths.js';
import { initProject, openProject } from '../../project/project.js';
import { loadProjectLocalePack } from '../../locale/locale-pack.js';
import { translateProject } from '../../translate/engine.js';
import { applyAnswers } from '../../adapt/answers-file.js';
import { openSession } from '../../adapt/open-session.js';
import { runProjectQa } from '../../qa/run-project-qa.js';
import { exportDataset } from '../../export/export.js';
import type { CommandContext } from '../io.js';
import { messages } from '../messages/demo.js';

const MARKER = '.carefully-demo';

/**
 * Hand-written target drafts for the pack's language (examples/demo-drafts/<pack tag>.jsonl, an
 * answers file), applied after the pseudo translation so QA has real target text to check.
 */
function demoDrafts(packTag: string): string | undefined {
  const file = assetPath('examples', 'demo-drafts', `${packTag}.jsonl`);
  return existsSync(file) ? file : undefined;
}

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
  let step = 3;
  const drafts = demoDrafts(loadProjectLocalePack(project).resolved);
  const drafted = new Set<string>();
  if (drafts) {
    const { session, writer } = await openSession({ project: projectDir, author: 'demo' });
    const applied = await applyAnswers(drafts, session, writer);
    for (const line of readFileSync(drafts, 'utf8').split('\n')) if (line.trim() !== '') drafted.add((JSON.parse(line) as { id: string }).id);
    print(messages.drafts(step++, applied.applied, path.relative(assetPath(), drafts)));
  }
  const qa = await runProjectQa(project);
  print(messages.check(step++, qa.counts, qa.findings));
  if (drafted.size > 0)
    print(
      messages.draftFindings(
        drafted.size,
        qa.findings.filter((f) => drafted.has(f.item)),
      ),
    );
  const e = await exportDataset({ project, out: path.join(out, 'export'), includeUnreviewed: true });
  print(`${step}. export     ${e.exported} records (unreviewed, pseudo-localized: NOT a translation)`);
  print(`\nDerived dataset: ${e.datasetFile}`);
  print(`Dataset card:    ${e.cardFile}`);
  print(`Provenance:      ${e.provenanceFile}`);
  print(`\nNext: cd ${projectDir} && npx carefully status   (then \`carefully check\` for the QA findings, \`carefully adapt\` for the wizard)`);
}
