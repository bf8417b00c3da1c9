/**
 * Charts as Vega-Lite specs compiled to static SVG at report time (vega's
 * headless renderer: no canvas, no script in the page). Vega escapes the text
 * it writes into the SVG; labels are made visible (control characters shown
 * as escapes) before they get there.
 */
import type { TopLevelSpec } from 'vega-lite';
import { visibleInline } from '../text-safety.js';
import { textWidth } from '../text-width.js';

export type ChartRow = Record<string, string | number>;

export interface BarChart {
  /** Field on the category axis (one bar per value). */
  category: string;
  /** Field of the stacked colour segments; absent for plain bars. */
  series?: string;
  /** Order of the series (legend and stacking). */
  seriesOrder?: readonly string[];
  /** Colours of the series, in that order. */
  colors?: readonly string[];
  /** Numeric field. */
  value: string;
  rows: ChartRow[];
  /** Bars along x (time, days) rather than the default horizontal bars. */
  vertical?: boolean;
  title: string;
}

const WIDTH = 560;
const LABEL_FONT_SIZE = 12;
const LABEL_LIMIT = 320;

/**
 * Headless vega sizes text at 0.8 em a character; a wide (CJK) character is
 * about 1 em, so long Japanese labels would be cut at the left edge. The
 * shortfall of the widest label becomes left padding.
 */
function labelPadding(labels: readonly string[]): number {
  const shown = Math.floor(LABEL_LIMIT / (0.8 * LABEL_FONT_SIZE));
  const wide = Math.max(0, ...labels.map((l) => textWidth(l.slice(0, shown)) - [...l.slice(0, shown)].length));
  return 5 + Math.ceil(wide * 0.2 * LABEL_FONT_SIZE);
}
const FONT = 'system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK JP", "Noto Sans KR", sans-serif';

export function barSpec(chart: BarChart): TopLevelSpec {
  const values = chart.rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' ? visibleInline(v) : v])));
  const categories = [...new Set(values.map((r) => String(r[chart.category])))];
  const category = { field: chart.category, type: 'nominal' as const, sort: categories, title: null, axis: { labelLimit: LABEL_LIMIT } };
  const value = {
    field: chart.value,
    type: 'quantitative' as const,
    stack: chart.series ? ('zero' as const) : null,
    title: chart.title,
    axis: { format: 'd', tickMinStep: 1 },
  };
  const color = chart.series
    ? {
        color: {
          field: chart.series,
          type: 'nominal' as const,
          ...(chart.seriesOrder
            ? { sort: [...chart.seriesOrder], scale: { domain: [...chart.seriesOrder], ...(chart.colors ? { range: [...chart.colors] } : {}) } }
            : {}),
          legend: { orient: 'bottom' as const, title: null },
        },
        ...(chart.seriesOrder ? { order: { field: `__order`, type: 'quantitative' as const } } : {}),
      }
    : {};
  const order = chart.seriesOrder ?? [];
  const rows = chart.series ? values.map((r) => ({ ...r, __order: order.indexOf(String(r[chart.series!])) })) : values;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    data: { values: rows },
    mark: { type: 'bar', tooltip: false },
    ...(chart.vertical
      ? { width: { step: 24 }, height: 220, encoding: { x: category, y: value, ...color } }
      : {
          width: WIDTH,
          height: { step: 22 },
          padding: { left: labelPadding(categories), top: 5, right: 5, bottom: 5 },
          encoding: { y: category, x: value, ...color },
        }),
    config: { font: FONT, axis: { labelFontSize: LABEL_FONT_SIZE, titleFontSize: 12 }, legend: { labelFontSize: 12 }, view: { stroke: null } },
  };
}

/**
 * Compile a Vega-Lite spec and render it to an SVG string, with no DOM and no canvas. In this thread: a worker thread
 * loading Vega while the pass ran (measured at 100k) raised the peak RSS by 15-38 MB (2.9-3.2x parse's, against 2.7x),
 * to hide at most the modules' load (~0.35 s of CPU; vega-lite adds ~50 ms once vega is loaded).
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const [vega, vl] = await Promise.all([import('vega'), import('vega-lite')]);
  const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
