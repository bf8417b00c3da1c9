/** Build an adaptation session from a project folder: items, journal, locale pack, filters and a journal writer. */
import { loadItems, openProject, type Project } from '../project/project.js';
import { readJournal, JournalWriter } from '../project/journal.js';
import { foldState } from '../project/state.js';
import { SourceSnapshot } from '../project/source-snapshot.js';
import { loadLocalePack, type LoadedLocalePack } from '../locale/locale-pack.js';
import { AdaptSession } from './adapt-session.js';
import { applyFilters, parseFilters, planSecondaryAssignment, type RawFilters, type SecondaryAssignment } from '../session/filters.js';

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
  const project = openProject(opts.project);
  const pack = loadLocalePack(opts.localePack ?? project.config.localePack ?? project.config.languages.to);
  const items = await loadItems(project);
  const { events, warnings } = readJournal(project.dir);
  const filters = parseFilters(opts.filters ?? {}, items);
  const writer = new JournalWriter(project.dir, opts.author);
  writer.observe(events);
  let assignment: OpenedSession['assignment'];
  if (opts.double) {
    const { states } = foldState(items, events);
    const plan = planSecondaryAssignment(applyFilters(items, states, filters), states, opts.double.percent, opts.double.assignee);
    const { events: assign, ...rest } = plan;
    if (assign.length > 0) events.push(...(await writer.append(assign)));
    assignment = { ...rest, assigned: assign.length };
  }
  const sourceTexts = SourceSnapshot.read(project.dir);
  const session = new AdaptSession({ items, events, pack: pack.pack, author: opts.author, filters, sourceTexts });
  return { project, session, writer, pack, warnings: [...pack.warnings, ...warnings, ...sourceTexts.warnings], ...(assignment ? { assignment } : {}) };
}
