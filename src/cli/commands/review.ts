import { UsageError } from '../../errors.js';
import { t } from '../../i18n.js';
import { resolveAuthor } from '../../project/author.js';
import { openReview } from '../../review/open-review.js';
import { describeFilters } from '../../session/filters.js';
import type { CommandContext } from '../io.js';
import { msg } from './messages.js';
import { messages } from '../messages/review.js';

export interface ReviewCommandOptions {
  project: string;
  as?: string;
  allowSelfReview?: boolean;
  riskArea?: string[];
  harmType?: string[];
  state?: string[];
  ids?: string[];
  answers?: string;
  json?: boolean;
}

export async function run(opts: ReviewCommandOptions, { io, out: { print, printJson, warn } }: CommandContext): Promise<void> {
  if (opts.json && !opts.answers) throw new UsageError('--json only applies to scripted runs (--answers FILE.jsonl).');
  const reviewer = resolveAuthor(opts.as, io.env);
  const filters = {
    ...(opts.riskArea ? { riskArea: opts.riskArea } : {}),
    ...(opts.harmType ? { harmType: opts.harmType } : {}),
    ...(opts.state ? { state: opts.state } : {}),
    ...(opts.ids ? { ids: opts.ids } : {}),
  };
  const { session, writer, packName, warnings } = await openReview({
    project: opts.project,
    reviewer,
    allowSelfReview: opts.allowSelfReview ?? false,
    filters,
  });
  if (opts.answers) {
    const { applyReviewAnswers } = await import('../../review/review-answers.js');
    const summary = await applyReviewAnswers(opts.answers, session, writer);
    if (opts.json) return printJson(summary);
    for (const w of warnings) warn(w);
    print(msg.reviewAnswers(summary, reviewer));
    return;
  }
  const own = session.own.length;
  // Said before asking for a terminal, so a script or CI job learns it too.
  if (session.queue.length === 0) {
    for (const w of warnings) warn(w);
    if (own > 0) {
      throw new UsageError(messages.allOwnWork(own, reviewer));
    }
    print(messages.nothingToReview(describeFilters(session.filters)));
    return;
  }
  if (!io.stdin?.isTTY) throw new UsageError(t('errors.reviewNeedsTerminal', { count: session.queue.length }));

  // inquirer is only loaded for interactive sessions.
  const { runReview } = await import('../../wizard/review-screens.js');
  const { wizardStreams } = await import('../wizard-io.js');
  const header = messages.header(reviewer, describeFilters(session.filters), packName, session.allowSelfReview);
  const notices = [...(own > 0 ? [t('review.ownLeftOut', { count: own })] : []), ...warnings.map((w) => `${t('cli.warning')}: ${w}`)];
  await runReview(session, writer, { ...wizardStreams(io), header, ...(notices.length ? { notice: notices.join('\n') } : {}) });
}
