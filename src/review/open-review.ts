/**
 * Build a review session from a project folder: items, journal, locale pack,
 * filters, QA over the whole dataset (so an item's length is judged as
 * `carefully check` judges it) and a journal writer in the reviewer's name.
 */
import type { Project } from '../project/project.js';
import type { JournalWriter } from '../project/journal.js';
import type { RawFilters } from '../session/filters.js';
import { openProjectSession, sessionQa } from '../session/open-project-session.js';
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
  const opened = await openProjectSession({ ...opts, author: opts.reviewer });
  const { project, pack, items, journal, filters, sourceTexts, writer, warnings } = opened;
  checkReviewStates(filters.states);
  const qa = sessionQa(opened);
  const session = new ReviewSession({
    items,
    events: journal,
    pack: pack.pack,
    reviewer: opts.reviewer,
    allowSelfReview: opts.allowSelfReview ?? false,
    filters,
    sourceTexts,
    qa: (item, state) => qa.check(item, state),
  });
  return { project, session, writer, packName: pack.resolved, warnings };
}
