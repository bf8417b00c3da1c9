/** `carefully sheet export|import`: the review sheet (CSV or XLSX) out, and its rows back through the answers rules. */
import { openSession } from '../adapt/open-session.js';
import { openReview } from '../review/open-review.js';
import type { RawFilters } from '../session/filters.js';
import { projectTag } from './project-tag.js';
import { planSheet, sheetRows, TEXT_COLUMNS, type SheetPlan } from './sheet.js';
import { readTable, writeTable, type SheetFormat } from './sheet-table.js';

export interface SheetExportOptions {
  project: string;
  author: string;
  format: SheetFormat;
  out: string;
  filters?: RawFilters;
}

export async function exportSheet(opts: SheetExportOptions): Promise<{ out: string; format: SheetFormat; items: number; warnings: string[] }> {
  const { project, session, warnings } = await openSession({ project: opts.project, author: opts.author, filters: opts.filters ?? {} });
  const rows = sheetRows(session, projectTag(project));
  await writeTable(opts.out, opts.format, rows, TEXT_COLUMNS);
  return { out: opts.out, format: opts.format, items: rows.length - 2, warnings };
}

export interface SheetImportOptions {
  project: string;
  author: string;
  file: string;
  format: SheetFormat;
  allowSelfReview?: boolean;
}

export type SheetImportSummary = Omit<SheetPlan, 'events'> & { file: string; author: string; events: number; warnings: string[] };

export async function importSheet(opts: SheetImportOptions): Promise<SheetImportSummary> {
  const rows = await readTable(opts.file, opts.format);
  const { project, session, writer, warnings } = await openSession({ project: opts.project, author: opts.author });
  const review = async () => (await openReview({ project: opts.project, reviewer: opts.author, allowSelfReview: opts.allowSelfReview ?? false })).session;
  const { events, ...plan } = await planSheet(opts.file, rows, projectTag(project), session, review);
  if (events.length > 0) session.commit(await writer.append(events, { unit: true }));
  return { ...plan, file: opts.file, author: opts.author, events: events.length, warnings };
}
