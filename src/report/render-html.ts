/** The report page: one self-contained HTML file (inline styles, charts as inline SVG, no script), from templates/report.html.hbs. */
import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import { templatePath } from '../paths.js';
import { visibleDeep } from '../text-safety.js';
import { barSpec, renderSvg } from './charts.js';
import type { ReportData } from './collect.js';
import type { Section } from './sections.js';

export async function renderReportHtml(data: ReportData, sections: readonly Section[]): Promise<string> {
  // Handlebars escapes every {{value}} for HTML; control characters from data are shown as escapes too.
  const view = visibleDeep({
    project: data.project,
    generated: data.generated,
    warnings: data.warnings,
    sections: sections.map((s) => ({ ...s, blocks: s.blocks.map(({ chart: _chart, ...b }) => b) })),
  });
  // SVG is the one unescaped value: vega writes it, escaping the labels (made visible in charts.ts) itself.
  for (const [i, s] of sections.entries()) {
    for (const [j, b] of s.blocks.entries()) {
      if (b.chart) (view.sections[i]!.blocks[j] as { svg?: string }).svg = await renderSvg(barSpec(b.chart));
    }
  }
  const template = Handlebars.compile(readFileSync(templatePath('report.html.hbs'), 'utf8'), { strict: false });
  return template(view);
}
