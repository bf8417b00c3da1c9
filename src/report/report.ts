/** `carefully report`: gather the project's figures and write them as one HTML file. */
import { existsSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { UsageError } from '../errors.js';
import path from 'node:path';
import type { Project } from '../project/project.js';
import { collectReport, type CollectOptions, type ReportData } from './collect.js';
import { collectGarbage } from '../collect-garbage.js';
import { renderReportHtml } from './render-html.js';
import { messages } from './messages.js';
import { reportSections } from './sections.js';

export interface ReportResult {
  file: string;
  bytes: number;
  data: ReportData;
}

export async function writeReport(project: Project, out: string, opts: CollectOptions = {}): Promise<ReportResult> {
  const file = path.resolve(out);
  const folder = path.dirname(file);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new UsageError(messages.noFolder(file, folder));
  if (existsSync(file) && statSync(file).isDirectory()) throw new UsageError(messages.outIsFolder(file));
  const data = await collectReport(project, opts);
  // What the pass left is garbage by now: collected before the charts' modules load on top of it.
  collectGarbage();
  const html = await renderReportHtml(data, reportSections(data));
  // Written whole or not at all: a browser never opens half a report.
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, html);
  renameSync(tmp, file);
  return { file, bytes: Buffer.byteLength(html), data };
}
