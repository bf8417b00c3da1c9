/** `carefully report`: gather the project's figures and write them as one HTML file. */
import { renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Project } from '../project/project.js';
import { collectReport, type CollectOptions, type ReportData } from './collect.js';
import { renderReportHtml } from './render-html.js';
import { reportSections } from './sections.js';

export interface ReportResult {
  file: string;
  bytes: number;
  data: ReportData;
}

export async function writeReport(project: Project, out: string, opts: CollectOptions = {}): Promise<ReportResult> {
  const data = await collectReport(project, opts);
  const html = await renderReportHtml(data, reportSections(data));
  const file = path.resolve(out);
  // Written whole or not at all: a browser never opens half a report.
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, html);
  renameSync(tmp, file);
  return { file, bytes: Buffer.byteLength(html), data };
}
