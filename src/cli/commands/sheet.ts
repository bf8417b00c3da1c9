import { ExitCode } from '../../errors.js';
import { resolveAuthor } from '../../project/author.js';
import type { RawFilters } from '../../session/filters.js';
import { exportSheet, importSheet } from '../../interop/sheet-files.js';
import { formatOf, type SheetFormat } from '../../interop/sheet-table.js';
import { table } from '../output.js';
import type { CommandContext } from '../io.js';
import { messages } from '../messages/interop.js';

export type SheetCommandOptions = RawFilters & {
  action: 'export' | 'import';
  project: string;
  as?: string;
  out?: string;
  file?: string;
  format?: SheetFormat;
  allowSelfReview?: boolean;
  json?: boolean;
};

export async function run(opts: SheetCommandOptions, { io, out: { print, printJson, warn } }: CommandContext): Promise<number | void> {
  const author = resolveAuthor(opts.as, io.env);
  if (opts.action === 'export') {
    const { action: _a, project, as: _as, out, format, json, file: _f, allowSelfReview: _s, ...filters } = opts;
    const r = await exportSheet({ project, author, format: format ?? formatOf(out!), out: out!, filters });
    if (json) return printJson(r);
    for (const w of r.warnings) warn(w);
    print(messages.sheetExported(r));
    return;
  }
  const file = opts.file!;
  const r = await importSheet({ project: opts.project, author, file, format: opts.format ?? formatOf(file), allowSelfReview: opts.allowSelfReview ?? false });
  if (opts.json) printJson(r);
  else {
    for (const w of r.warnings) warn(w);
    for (const u of r.refused) warn(u.message);
    print(messages.sheetImported(r.file, author, r.events));
    print(
      table([
        ['rows', r.rows],
        ['edited targets', r.edits.edited],
        ['decisions applied', r.decisions],
        ['verdicts applied', r.verdicts],
        ['already recorded', r.edits.alreadyRecorded],
        ['refused', r.refused.length],
      ]),
    );
  }
  return r.refused.length > 0 ? ExitCode.invalidData : undefined;
}
