/**
 * What opening any wizard session on a project folder reads: the project, its
 * locale pack, the source items, the journal's fold (its events only when
 * needed: session-journal.ts), the earlier source texts (for stale items),
 * the parsed filters and a journal writer in the author's name, with the
 * warnings met on the way. `openSession` (adapt) and `openReview` build their
 * session from it.
 */
import type { SourceItem } from '../dataset/item.js';
import { JournalWriter } from '../project/journal.js';
import { foldJournal } from '../project/journal-fold.js';
import { loadItems, openProject, type Project } from '../project/project.js';
import { addedItems } from '../project/new-items.js';
import { SourceSnapshot } from '../project/source-snapshot.js';
import { loadLocalePack, loadProjectLocalePack, type LoadedLocalePack } from '../locale/locale-pack.js';
import { qaContextFor, type ProjectQa } from '../qa/project-qa.js';
import { parseFilters, type Filters, type RawFilters } from './filters.js';
import { SessionJournal } from './session-journal.js';

export interface OpenProjectSessionOptions {
  /** The project folder. */
  project: string;
  /** Who writes the session's events (journal/<author>.jsonl). */
  author: string;
  filters?: RawFilters;
  /** Locale pack tag; default: the project's localePack, else its target language. */
  localePack?: string;
}

export interface OpenedProjectSession {
  project: Project;
  pack: LoadedLocalePack;
  /** All source items, in source order, then the items added in the target language. */
  items: SourceItem[];
  /** The journal as read, and what is written before the session is built (record it). */
  journal: SessionJournal;
  filters: Filters;
  sourceTexts: SourceSnapshot;
  writer: JournalWriter;
  /** About the pack, the journals and the source snapshot. */
  warnings: string[];
}

export async function openProjectSession(opts: OpenProjectSessionOptions): Promise<OpenedProjectSession> {
  const project = openProject(opts.project);
  const pack = opts.localePack === undefined ? loadProjectLocalePack(project) : loadLocalePack(opts.localePack);
  const sourceItems = await loadItems(project, { lazy: true });
  // From the checkpoint when one fits: the start-up reads text-free states, texts only of the items shown (item-states.ts).
  const fold = foldJournal(project.dir, { lazyRows: true });
  const { warnings } = fold;
  const added = fold.folder.addedEvents();
  // The set of source IDs (100k strings at scale) only when the journal adds items.
  const items = added.length === 0 ? sourceItems : [...sourceItems, ...addedItems(added, sourceItems.length, new Set(sourceItems.map((i) => i.id)))];
  const filters = parseFilters(opts.filters ?? {}, items);
  // Read only when a stale item is shown (its diff); loadItems above learnt its hashes from the index.
  const sourceTexts = SourceSnapshot.lazy(project.dir);
  const writer = new JournalWriter(project.dir, opts.author);
  const journal = new SessionJournal(project.dir, fold);
  // The writer orders its events after everything this session read (causal order, conflict detection).
  journal.feed(writer);
  return { project, pack, items, journal, filters, sourceTexts, writer, warnings: [...pack.warnings, ...warnings, ...sourceTexts.warnings] };
}

/**
 * The QA context of a session about to be built on `opened` (length statistics of every item, unless cached): from the journal's
 * fold, each item's state made and dropped in turn, so no state with its texts stays behind. Before any commit a session's states
 * are the fold's.
 */
export function sessionQa({ project, items, journal, pack }: OpenedProjectSession): ProjectQa {
  let byId: Map<string, SourceItem> | undefined;
  const get = (id: string) => journal.folder.state((byId ??= new Map(items.map((i) => [i.id, i]))).get(id)!);
  return qaContextFor(project, items, { get }, pack.pack, journal.unchangedEnds);
}
