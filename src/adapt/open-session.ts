/** Build an adaptation session from a project folder: items, journal, locale pack, filters and a journal writer. */
import { cachedStateCounts, type Project } from '../project/project.js';
import type { JournalWriter } from '../project/journal.js';
import type { LoadedLocalePack } from '../locale/locale-pack.js';
import { AdaptSession } from './adapt-session.js';
import { applyFilters, planSecondaryAssignment, type RawFilters, type SecondaryAssignment } from '../session/filters.js';
import { openProjectSession, sessionQa } from '../session/open-project-session.js';

export interface OpenSessionOptions {
  project: string;
  author: string;
  filters?: RawFilters;
  /** Locale pack tag; default: the project's localePack, else its target language. */
  localePack?: string;
  /**
   * Double annotation: first assign a `percent`% sample of the filtered items
   * to `assignee` (`assign` events written by the author; idempotent), then
   * open the session with those assignments.
   */
  double?: { percent: number; assignee: string };
}

export interface OpenedSession {
  project: Project;
  session: AdaptSession;
  writer: JournalWriter;
  pack: LoadedLocalePack;
  warnings: string[];
  /** What `double` assigned (its events are already written). */
  assignment?: Omit<SecondaryAssignment, 'events'> & { assigned: number };
}

export async function openSession(opts: OpenSessionOptions): Promise<OpenedSession> {
  const opened = await openProjectSession(opts);
  const { project, pack, items, journal, filters, sourceTexts, writer, warnings } = opened;
  let assignment: OpenedSession['assignment'];
  if (opts.double) {
    const states = journal.states(items, false); // assignees and decisions: no texts needed
    const plan = planSecondaryAssignment(applyFilters(items, states, filters), states, opts.double.percent, opts.double.assignee);
    const { events: assign, ...rest } = plan;
    if (assign.length > 0) journal.record(await writer.append(assign));
    assignment = { ...rest, assigned: assign.length };
  }
  // After the assignments: the QA context's states are the session's.
  const qa = sessionQa(opened);
  // Progress counted by `status` for the journal as read, when its cache says so: no state made per item at start.
  const ends = journal.unchangedEnds;
  const stateCounts = ends && cachedStateCounts(project, ends, items);
  const session = new AdaptSession({
    ...(stateCounts ? { stateCounts } : {}),
    items,
    events: journal,
    pack: pack.pack,
    author: opts.author,
    filters,
    sourceTexts,
    qa: (item, state) => qa.check(item, state),
  });
  return { project, session, writer, pack, warnings, ...(assignment ? { assignment } : {}) };
}
