import { UsageError } from '../../errors.js';
import { t } from '../../i18n.js';
import { checkAuthor, resolveAuthor } from '../../project/author.js';
import { openSession, type OpenedSession } from '../../adapt/open-session.js';
import { readCursor, writeCursor } from '../../adapt/cursor-file.js';
import { applyAnswers } from '../../adapt/answers-file.js';
import { describeFilters, parseDoublePercent, type RawFilters } from '../../session/filters.js';
import { table } from '../output.js';
import type { CommandContext } from '../io.js';
import { messages } from '../messages/adapt.js';
import { itemSuggester } from '../../suggest/suggest.js';

export type AdaptOptions = RawFilters & {
  project: string;
  as?: string;
  answers?: string;
  json?: boolean;
  /** Assign a K% sample of the selected items to a second annotator. */
  double?: string;
  /** The second annotator (default: the author, who then works on the sample). */
  second?: string;
};

function describeAssignment(a: NonNullable<OpenedSession['assignment']>): string {
  const lines = [messages.assigned(a)];
  if (a.ownPrimary.length > 0) lines.push(messages.notAssigned(a));
  return lines.join('\n');
}

export async function run(opts: AdaptOptions, { io, out: { print, printJson, warn } }: CommandContext): Promise<void> {
  const author = resolveAuthor(opts.as, io.env);
  if (opts.second !== undefined && opts.double === undefined)
    throw new UsageError('--second NAME names who gets the --double sample: give --double K too, e.g. --double 10 --second lee.');
  const percent = opts.double === undefined ? undefined : parseDoublePercent(opts.double);
  const assignee = opts.second !== undefined ? checkAuthor(opts.second, '--second') : author;
  // Assigning a sample to someone else is a maintainer's step: it writes the assignments and stops.
  const assignOnly = percent !== undefined && assignee !== author;
  if (!assignOnly && !opts.answers && !io.stdin?.isTTY) {
    throw new UsageError(t('errors.adaptNeedsTerminal'));
  }
  if (opts.json && !opts.answers && !assignOnly)
    throw new UsageError('--json only applies to scripted runs (--answers FILE.jsonl) and to --double K --second NAME.');
  if (assignOnly && opts.answers) throw new UsageError(messages.answersNotForSecond(author, assignee));
  const filters = {
    ...(opts.riskArea ? { riskArea: opts.riskArea } : {}),
    ...(opts.harmType ? { harmType: opts.harmType } : {}),
    ...(opts.only ? { only: opts.only } : {}),
    ...(opts.state ? { state: opts.state } : {}),
    ...(opts.ids ? { ids: opts.ids } : {}),
    ...(opts.shard ? { shard: opts.shard } : {}),
  };
  const { project, session, writer, pack, warnings, assignment } = await openSession({
    project: opts.project,
    author,
    filters,
    ...(percent !== undefined ? { double: { percent, assignee } } : {}),
  });

  if (assignOnly) {
    if (opts.json) return printJson({ author, ...assignment });
    for (const w of warnings) warn(w);
    print(describeAssignment(assignment!));
    print(messages.secondWorksOn(assignee));
    return;
  }

  if (opts.answers) {
    const summary = await applyAnswers(opts.answers, session, writer);
    if (opts.json) return printJson({ author, ...summary, ...(session.secondaryMode ? { secondary: true } : {}), ...(assignment ? { assignment } : {}) });
    for (const w of summary.warnings) warn(w);
    for (const w of warnings) warn(w);
    if (assignment) print(describeAssignment(assignment));
    if (session.secondaryMode) print('Second annotation: the decisions below are recorded apart and compared (`carefully agreement`), not applied.');
    print(messages.applied(summary.applied, summary.file, author, summary.events));
    print(
      table([
        ['lines', summary.lines],
        ['applied', summary.applied],
        ['already recorded', summary.skipped],
        [session.secondaryMode ? 'not assigned to you' : 'outside the filters', summary.outsideFilters],
        ...(summary.undone ? [['undone', summary.undone] as [string, number]] : []),
        ...(summary.reverted ? [['reverted to MT', summary.reverted] as [string, number]] : []),
        ...Object.entries(summary.byDecision).map(([d, n]): [string, number] => [`  ${d}`, n]),
      ]),
    );
    return;
  }

  // inquirer is only loaded for interactive sessions.
  const { runWizard } = await import('../../wizard/screens.js');
  const { wizardStreams } = await import('../wizard-io.js');
  const mode = session.secondaryMode ? ` · ${t('adapt.header.secondary', { count: session.queue.length })}` : '';
  const packName = t('adapt.header.pack', { pack: pack.pack.languageName, tag: pack.resolved });
  const header = `carefully adapt · ${packName} · ${author} · ${describeFilters(session.filters)}${mode}`;
  const notices = [...(assignment ? [describeAssignment(assignment)] : []), ...warnings.map((w) => `${t('cli.warning')}: ${w}`)];
  const resumeAt = readCursor(project.dir, author);
  if (resumeAt !== undefined) session.resumeFrom(resumeAt);
  await runWizard(session, writer, {
    ...wizardStreams(io),
    header,
    onShow: (id) => writeCursor(project.dir, author, id),
    suggest: itemSuggester(project, io.env, (id) => ({ item: session.item(id)!, state: session.state(id) })),
    ...(notices.length ? { notice: notices.join('\n') } : {}),
  });
}
