/**
 * Charts as Vega-Lite specs compiled to static SVG at report time (vega's
 * headless renderer: no canvas, no script in the page). Vega escapes the text
 * it writes into the SVG; labels are made visible (control characters shown
 * as escapes) before they get there.
 */
import type { TopLevelSpec } from 'vega-lite';
import { visibleInline } from '../text-safety.js';

export type ChartRow = Record<string, string | number>;

export interface BarChart {
  /** Field on the category axis (one bar per value). */
  category: string;
  /** Field of the stacked colour segments; absent for plain bars. */
  series?: string;
  /** Order of the series (legend and stacking). */
  seriesOrder?: readonly string[];
  /** Numeric field. */
  value: string;
  rows: ChartRow[];
  /** Bars along x (time, days) rather than the default horizontal bars. */
  vertical?: boolean;
  title: string;
}

const WIDTH = 560;
const FONT = 'system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK JP", "Noto Sans KR", sans-serif';

export function barSpec(chart: BarChart): TopLevelSpec {
  const values = chart.rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' ? visibleInline(v) : v])));
  const categories = [...new Set(values.map((r) => String(r[chart.category])))];
  const category = { field: chart.category, type: 'nominal' as const, sort: categories, title: null, axis: { labelLimit: 320 } };
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
          ...(chart.seriesOrder ? { sort: [...chart.seriesOrder], scale: { domain: [...chart.seriesOrder] } } : {}),
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
      : { width: WIDTH, height: { step: 22 }, encoding: { y: category, x: value, ...color } }),
    config: { font: FONT, axis: { labelFontSize: 12, titleFontSize: 12 }, legend: { labelFontSize: 12 }, view: { stroke: null } },
  };
}

/** Compile a Vega-Lite spec and render it to an SVG string, with no DOM and no canvas. */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const [vega, vl] = await Promise.all([import('vega'), import('vega-lite')]);
  const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
