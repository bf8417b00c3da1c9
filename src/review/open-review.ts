/**
 * Build a review session from a project folder: items, journal, locale pack,
 * filters, QA over the whole dataset (so an item's length is judged as
 * `carefully check` judges it) and a journal writer in the reviewer's name.
 */
import { loadItems, openProject, type Project } from '../project/project.js';
import { readJournal, JournalWriter } from '../project/journal.js';
import { foldState } from '../project/state.js';
import { SourceSnapshot } from '../project/source-snapshot.js';
import { projectQaEnv, qaInputFor } from '../qa/project-qa.js';
import { computeLengthStats, lengthPairs } from '../qa/length-stats.js';
import { checkItem } from '../qa/run-checks.js';
import type { QaContext, QaInput } from '../qa/types.js';
import { parseFilters, type RawFilters } from '../session/filters.js';
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
  const project = openProject(opts.project);
  const env = projectQaEnv(project);
  const items = await loadItems(project);
  const { events, warnings } = readJournal(project.dir);
  const filters = parseFilters(opts.filters ?? {}, items);
  checkReviewStates(filters.states);
  const { states } = foldState(items, events);
  const inputs = items.map((i) => qaInputFor(i, states.get(i.id)!, env)).filter((i): i is QaInput => i !== undefined);
  const lengthStats = computeLengthStats(lengthPairs(inputs));
  const ctx: QaContext = { pack: env.pack, ...(lengthStats ? { lengthStats } : {}) };
  const sourceTexts = SourceSnapshot.read(project.dir);
  const session = new ReviewSession({
    items,
    events,
    pack: env.pack,
    reviewer: opts.reviewer,
    allowSelfReview: opts.allowSelfReview ?? false,
    filters,
    sourceTexts,
    qa: (item, state) => {
      const input = qaInputFor(item, state, env);
      return input ? checkItem(input, ctx) : [];
    },
  });
  const writer = new JournalWriter(project.dir, opts.reviewer);
  writer.observe(events);
  return { project, session, writer, packName: env.packName, warnings: [...env.warnings, ...warnings, ...sourceTexts.warnings] };
}
