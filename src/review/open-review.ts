/**
 * Build a review session from a project folder: items, journal, locale pack,
 * filters, QA over the whole dataset (so an item's length is judged as
 * `carefully check` judges it) and a journal writer in the reviewer's name.
 */
import type { Project } from '../project/project.js';
import type { JournalWriter } from '../project/journal.js';
import { qaContextFor, type ProjectQa } from '../qa/project-qa.js';
import type { RawFilters } from '../session/filters.js';
import { openProjectSession } from '../session/open-project-session.js';
import { ReviewSession, checkReviewStates } from './review-session.js';

export interface OpenReviewOptions {
  project: string;
  reviewer: string;
  allowSelfReview?: boolean;
  filters?: RawFilters;
}

export interface OpenedReview {
  project: Project;
  session: ReviewSession;
  writer: JournalWriter;
  /** The locale pack used for the checklist and QA ("ko", or "base"). */
  packName: string;
  warnings: string[];
}

export async function openReview(opts: OpenReviewOptions): Promise<OpenedReview> {
  const { project, pack, items, journal, filters, sourceTexts, writer, warnings } = await openProjectSession({ ...opts, author: opts.reviewer });
  checkReviewStates(filters.states);
  // The QA context (length statistics of every item) is built from the states the session folded: the journal is folded once.
  const built: { qa?: ProjectQa } = {};
  const session = new ReviewSession({
    items,
    events: journal,
    pack: pack.pack,
    reviewer: opts.reviewer,
    allowSelfReview: opts.allowSelfReview ?? false,
    filters,
    sourceTexts,
    qa: (item, state) => built.qa!.check(item, state),
  });
  built.qa = qaContextFor(project, items, { get: (id) => session.state(id) }, pack.pack, journal.unchangedEnds);
  return { project, session, writer, packName: pack.resolved, warnings };
}
