import { UsageError } from '../../errors.js';
import { resolveAuthor } from '../../project/author.js';
import { addFromFile } from '../../adapt/add-items.js';
import type { CommandContext } from '../io.js';
import { table } from '../output.js';
import { addCommandMessages as messages } from '../messages/add.js';

export interface AddCommandOptions {
  project: string;
  as?: string;
  answers?: string;
  json?: boolean;
}

export async function run(opts: AddCommandOptions, { io, out: { print, printJson, warn } }: CommandContext): Promise<void> {
  const author = resolveAuthor(opts.as, io.env);
  if (opts.answers) {
    const summary = await addFromFile({ project: opts.project, author, file: opts.answers });
    if (opts.json) return printJson({ author, ...summary });
    for (const w of summary.warnings) warn(w);
    print(messages.added(summary.added, summary.file, author));
    print(
      table([
        ['lines', summary.lines],
        ['added', summary.added.length],
        ['already added', summary.skipped],
      ]),
    );
    if (summary.added.length > 0) print(messages.next);
    return;
  }
  if (opts.json) throw new UsageError('--json only applies to scripted runs (--answers FILE.jsonl).');
  if (!io.stdin?.isTTY) throw new UsageError('add is interactive and needs a terminal; use --answers FILE.jsonl for scripted runs.');
  const { runAddWizard } = await import('../../wizard/add-screens.js');
  const { wizardStreams } = await import('../wizard-io.js');
  const { openAdd } = await import('../../adapt/add-items.js');
  const opened = await openAdd({ project: opts.project, author });
  for (const w of opened.warnings) warn(w);
  const id = await runAddWizard(opened, wizardStreams(io));
  print(id ? messages.added([id], 'the wizard', author) : 'Nothing was added.');
  if (id) print(messages.next);
}
