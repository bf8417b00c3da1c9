import { openProject } from '../../project/project.js';
import { exportDataset, type ExportOptions } from '../../export/export.js';
import { table } from '../output.js';
import type { CommandContext } from '../io.js';
import { createProgress } from '../progress.js';
import { messages } from '../messages/export.js';

export type ExportCommandOptions = Pick<
  ExportOptions,
  | 'out'
  | 'format'
  | 'includeUnreviewed'
  | 'includeStale'
  | 'allowVerbatim'
  | 'failOnQa'
  | 'onConflict'
  | 'split'
  | 'acRelease'
  | 'annotate'
  | 'annotators'
  | 'includeFlagged'
> & {
  project: string;
  json?: boolean;
};

export async function run(opts: ExportCommandOptions, { out, io }: CommandContext): Promise<void> {
  const { print, printJson, warn } = out;
  const project = openProject(opts.project);
  const { project: _dir, json: _json, ...options } = opts;
  // A bar on a terminal only: piped output and --json stay free of progress lines.
  const progress = io.stderr.isTTY && !opts.json ? await createProgress('export', io.stderr) : undefined;
  const r = await exportDataset({
    ...options,
    project,
    ...(progress ? { onProgress: (done: number, total: number) => progress.update(done, total) } : {}),
  }).finally(() => progress?.stop());
  if (opts.json) return printJson(r);
  for (const w of r.warnings) warn(w);
  print(`Exported ${r.exported} record(s) to ${r.out}`);
  print(
    table([
      [`data (${r.split})`, r.datasetFile],
      ['provenance', r.provenanceFile],
      ['dataset card', r.cardFile],
      ['terms', r.licenseFile],
    ]),
  );
  const left = Object.entries(r.excluded);
  if (left.length) print(messages.notExported(left, r.exported === 0 && !opts.includeUnreviewed));
  if (r.unreviewed) print(`${r.unreviewed} exported record(s) were not approved by a reviewer (marked in provenance).`);
  const { error, warning, info } = r.qa.counts;
  if (error + warning + info > 0)
    print(`QA findings on exported records: ${error} error(s), ${warning} warning(s), ${info} info (in the dataset card; \`carefully check\` lists them).`);
  if (r.agreement) print(`Agreement: ${r.agreement}`);
  if (r.pseudo) print(`${r.pseudo} record(s) hold pseudo-localized text: NOT a translation, do not publish.`);
}
