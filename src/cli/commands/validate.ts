import { loadProfile, resolveMapping } from '../../dataset/profile.js';
import { validateSource } from '../../dataset/validate.js';
import { formatProblem, listEntries, ExitCode } from '../../errors.js';
import type { CommandContext } from '../io.js';
import { messages } from '../messages/validate.js';

export interface ValidateCommandOptions {
  file: string;
  profile?: string;
  map?: string[];
  json?: boolean;
}

export async function run(opts: ValidateCommandOptions, { out: { print, printJson, warn } }: CommandContext): Promise<number> {
  const profile = loadProfile(opts.profile);
  const mapping = resolveMapping(profile, opts.map ?? []);
  const report = await validateSource(opts.file, mapping, { schema: profile.schema });
  if (opts.json) printJson({ ...report, mapping });
  else {
    for (const w of report.warnings) warn(formatProblem(w));
    if (report.valid) print(messages.valid(report.file, report.records, report.format, profile.name, report.warningCount));
    else {
      print(`${report.file}: ${report.problemCount} problem(s) in ${report.records} record(s):`);
      for (const line of listEntries(report.problems.map(formatProblem), { max: report.problems.length, total: report.problemCount, bullet: '  ' }))
        print(line);
      print('Fix these records, or adjust the field mapping with --map ROLE=FIELD (`carefully inspect FILE` proposes one).');
    }
  }
  return report.valid ? ExitCode.ok : ExitCode.invalidData;
}
