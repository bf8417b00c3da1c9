import { openProject } from '../../project/project.js';
import { writeReport } from '../../report/report.js';
import { messages } from '../../report/messages.js';
import type { CommandContext } from '../io.js';

export interface ReportCommandOptions {
  project: string;
  out: string;
  json?: boolean;
}

export async function run(opts: ReportCommandOptions, { out: { print, printJson, warn } }: CommandContext): Promise<void> {
  const r = await writeReport(openProject(opts.project), opts.out);
  if (opts.json) return printJson({ file: r.file, bytes: r.bytes, items: r.data.summary.items });
  for (const w of r.data.warnings) warn(w);
  print(messages.written(r.file, r.bytes, r.data.summary.items));
}
