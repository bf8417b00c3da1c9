/** Build an adaptation session from a project folder: items, journal, locale pack, filters and a journal writer. */
import { loadItems, openProject, type Project } from '../project/project.js';
import { readJournal, JournalWriter } from '../project/journal.js';
import { SourceSnapshot } from '../project/source-snapshot.js';
import { loadLocalePack, type LoadedLocalePack } from '../adapt/locale-pack.js';
import { AdaptSession } from './session.js';
import { parseFilters, type RawFilters } from './filters.js';

export interface OpenSessionOptions {
  project: string;
  author: string;
  filters?: RawFilters;
  /** Locale pack tag; default: the project's localePack, else its target language. */
  localePack?: string;
}

export interface OpenedSession {
  project: Project;
  session: AdaptSession;
  writer: JournalWriter;
  pack: LoadedLocalePack;
  warnings: string[];
}

export async function openSession(opts: OpenSessionOptions): Promise<OpenedSession> {
  const project = openProject(opts.project);
  const pack = loadLocalePack(opts.localePack ?? project.config.localePack ?? project.config.languages.to);
  const items = await loadItems(project);
  const { events, warnings } = readJournal(project.dir);
  const filters = parseFilters(opts.filters ?? {}, items);
  const sourceTexts = SourceSnapshot.read(project.dir);
  const session = new AdaptSession({ items, events, pack: pack.pack, author: opts.author, filters, sourceTexts });
  return { project, session, writer: new JournalWriter(project.dir, opts.author), pack, warnings: [...pack.warnings, ...warnings, ...sourceTexts.warnings] };
}
