/** `carefully xliff export|import`: the project's units to an XLIFF file, and edited targets back as edit events. */
import { DataError } from '../errors.js';
import { openSession } from '../adapt/open-session.js';
import type { RawFilters } from '../session/filters.js';
import { projectTag } from './project-tag.js';
import { collectUnits } from './units.js';
import { planTargetEdits, type EditPlan } from './target-edits.js';
import { readXliff, writeXliff, type XliffVersion } from './xliff.js';
import { NOTICE, readText, toolName, writeOut } from './interop-file.js';
import { messages } from './messages.js';

export interface XliffExportOptions {
  project: string;
  author: string;
  version: XliffVersion;
  out: string;
  filters?: RawFilters;
}

export interface XliffExportResult {
  out: string;
  version: XliffVersion;
  items: number;
  units: number;
  project: string;
  warnings: string[];
}

export async function exportXliff(opts: XliffExportOptions): Promise<XliffExportResult> {
  const { project, session, warnings } = await openSession({ project: opts.project, author: opts.author, filters: opts.filters ?? {} });
  const tag = projectTag(project);
  const units = collectUnits(session);
  await writeOut(opts.out, writeXliff(opts.version, { tag, tool: toolName(), notice: NOTICE }, units));
  return { out: opts.out, version: opts.version, items: session.queue.length, units: units.length, project: tag.id, warnings };
}

export interface XliffImportOptions {
  project: string;
  author: string;
  file: string;
}

export type XliffImportSummary = Omit<EditPlan, 'events'> & { file: string; version: XliffVersion; author: string; events: number; warnings: string[] };

export async function importXliff(opts: XliffImportOptions): Promise<XliffImportSummary> {
  const { file } = opts;
  const xml = readText(file, 'XLIFF file');
  const parsed = readXliff(file, xml);
  const { project, session, writer, warnings } = await openSession({ project: opts.project, author: opts.author });
  const tag = projectTag(project);
  for (const f of parsed.files) {
    if (!f.original?.startsWith('carefully:')) throw new DataError(messages.noProjectId(file));
    if (f.original !== tag.id) throw new DataError(messages.otherProject(file, f.original, tag.id));
    const pair = `${f.from ?? '?'} -> ${f.to ?? '?'}`;
    if (f.from?.toLowerCase() !== tag.from.toLowerCase() || f.to?.toLowerCase() !== tag.to.toLowerCase())
      throw new DataError(messages.wrongLanguages(file, pair, `${tag.from} -> ${tag.to}`));
  }
  const { events, ...plan } = planTargetEdits(file, parsed.units, session);
  if (events.length > 0) session.commit(await writer.append(events, { unit: true }));
  return { ...plan, file, version: parsed.version, author: opts.author, events: events.length, warnings };
}
