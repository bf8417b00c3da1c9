import { ExitCode } from '../../errors.js';
import { resolveAuthor } from '../../project/author.js';
import type { RawFilters } from '../../session/filters.js';
import { exportXliff, importXliff } from '../../interop/xliff-files.js';
import type { XliffVersion } from '../../interop/xliff.js';
import { table } from '../output.js';
import type { CommandContext } from '../io.js';
import { messages } from '../messages/interop.js';

export type XliffCommandOptions = RawFilters & {
  action: 'export' | 'import';
  project: string;
  as?: string;
  out?: string;
  file?: string;
  xliffVersion?: XliffVersion;
  json?: boolean;
};

export async function run(opts: XliffCommandOptions, { io, out: { print, printJson, warn } }: CommandContext): Promise<number | void> {
  const author = resolveAuthor(opts.as, io.env);
  if (opts.action === 'export') {
    const { action: _a, project, as: _as, out, xliffVersion, json, file: _f, ...filters } = opts;
    const r = await exportXliff({ project, author, version: xliffVersion ?? '1.2', out: out!, filters });
    if (json) return printJson(r);
    for (const w of r.warnings) warn(w);
    print(messages.xliffExported(r));
    return;
  }
  const r = await importXliff({ project: opts.project, author, file: opts.file! });
  if (opts.json) {
    printJson(r);
  } else {
    for (const w of r.warnings) warn(w);
    for (const u of r.refused) warn(u.message);
    print(messages.imported(r.file, r.edited, author, r.events));
    print(
      table([
        ['units', r.units],
        ['edited, applied', r.edited],
        ['already recorded', r.alreadyRecorded],
        ['unchanged', r.unchanged],
        ['refused', r.refused.length],
      ]),
    );
  }
  return r.refused.length > 0 ? ExitCode.invalidData : undefined;
}
