import { UsageError } from '../../errors.js';
import { defaultAuthor } from '../../project/author.js';
import { openSession } from '../../wizard/open-session.js';
import { applyAnswers } from '../../wizard/answers-file.js';
import { describeFilters } from '../../wizard/filters.js';
import { print, printJson, table, warn } from '../output.js';

export interface AdaptOptions {
  project: string;
  as?: string;
  riskArea?: string[];
  harmType?: string[];
  only?: string[];
  state?: string[];
  ids?: string[];
  shard?: string;
  answers?: string;
  json?: boolean;
}

export async function run(opts: AdaptOptions): Promise<void> {
  if (!opts.answers && !process.stdin.isTTY) {
    throw new UsageError('adapt is interactive and needs a terminal; use --answers FILE.jsonl for scripted runs.');
  }
  if (opts.json && !opts.answers) throw new UsageError('--json only applies to scripted runs (--answers FILE.jsonl).');
  const author = opts.as ?? defaultAuthor();
  const filters = {
    ...(opts.riskArea ? { riskArea: opts.riskArea } : {}),
    ...(opts.harmType ? { harmType: opts.harmType } : {}),
    ...(opts.only ? { only: opts.only } : {}),
    ...(opts.state ? { state: opts.state } : {}),
    ...(opts.ids ? { ids: opts.ids } : {}),
    ...(opts.shard ? { shard: opts.shard } : {}),
  };
  const { session, writer, pack, warnings } = await openSession({ project: opts.project, author, filters });

  if (opts.answers) {
    const summary = await applyAnswers(opts.answers, session, writer);
    if (opts.json) return printJson({ author, ...summary });
    for (const w of warnings) warn(w);
    print(`Applied ${summary.applied} line(s) of ${summary.file} as ${author} (${summary.events} journal event(s)).`);
    print(table([
      ['lines', summary.lines],
      ['applied', summary.applied],
      ['already recorded', summary.skipped],
      ['outside the filters', summary.outsideFilters],
      ...Object.entries(summary.byDecision).map(([d, n]): [string, number] => [`  ${d}`, n]),
    ]));
    return;
  }

  // inquirer is only loaded for interactive sessions.
  const { runWizard } = await import('../../wizard/screens.js');
  const { styleFor } = await import('../../wizard/render-item.js');
  const header = `carefully adapt · ${pack.pack.languageName} pack (${pack.resolved}) · ${author} · ${describeFilters(session.filters)}`;
  await runWizard(session, writer, {
    style: styleFor(process.stdout),
    header,
    ...(warnings.length ? { notice: warnings.map((w) => `warning: ${w}`).join('\n') } : {}),
  });
}
