import { ExitCode } from '../../errors.js';
import { checkPackFolder, type PackIssue } from '../../locale/pack-check.js';
import { visibleInline } from '../../text-safety.js';
import type { CommandContext } from '../io.js';
import { packMessages } from '../messages/pack.js';

export interface PackCheckOptions {
  dir: string;
  json?: boolean;
}

export function run(opts: PackCheckOptions, { out }: CommandContext): Promise<number> {
  const report = checkPackFolder(opts.dir);
  const ok = report.errors.length === 0;
  if (opts.json) out.printJson({ ...report, ok });
  else {
    const line = (kind: string, i: PackIssue) => `  ${kind} ${i.file}${i.pointer === '' ? '' : ` ${i.pointer}`}: ${visibleInline(i.message)}`;
    for (const i of report.errors) out.print(line('error  ', i));
    for (const i of report.warnings) out.print(line('warning', i));
    out.print(packMessages.checked(report.dir, report.errors.length, report.warnings.length));
  }
  return Promise.resolve(ok ? ExitCode.ok : ExitCode.invalidData);
}
