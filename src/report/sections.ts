/**
 * The report's sections from its data: each chart with the table of the same
 * numbers beside it (for screen readers and copy-paste), tables and notes.
 * Nothing here renders; render-html.ts does.
 */
import { DECISIONS } from '../project/decisions.js';
import { ITEM_STATES } from '../project/state.js';
import type { StatusGroup } from '../project/status-by.js';
import { SEVERITIES } from '../qa/types.js';
import type { BarChart, ChartRow } from './charts.js';
import type { ActivityRow } from './activity.js';
import type { CappedList, ReportData } from './collect.js';
import { messages } from './messages.js';

export interface Cell {
  text: string;
  /** Right-aligned (figures). */
  num?: boolean;
}

export interface Table {
  /** Stable ID (the page's `data-table`), for tests and links. */
  id: string;
  caption: string;
  columns: string[];
  /** The first cell of each row is its key (the row's `data-key`). */
  rows: Cell[][];
  /** A sentence shown under the table, e.g. how many rows were left out. */
  footnote?: string;
}

export interface Block {
  /** Absent for a table alone. */
  chart?: BarChart;
  table: Table;
  /** Shown instead of the chart when there is nothing to draw. */
  empty?: string;
}

export interface Section {
  id: string;
  title: string;
  notes: string[];
  blocks: Block[];
}

const n = (x: number): Cell => ({ text: String(x), num: true });
const cell = (text: string): Cell => ({ text });
const fixed = (x: number | undefined) => (x === undefined ? '—' : x.toFixed(3));
const percent = (x: number | undefined) => (x === undefined ? '—' : `${(100 * x).toFixed(1)}%`);
const label = (g: StatusGroup) => (g.name ? `${g.key} (${g.name})` : g.key);

/** A chart unless every value is zero (nothing would be drawn): then the table alone, with a note. */
function block(chart: BarChart, table: Table, empty: string): Block {
  const rows = chart.rows.filter((r) => Number(r[chart.value]) > 0);
  return rows.length > 0 ? { chart: { ...chart, rows }, table } : { table, empty };
}

function groupRows(groups: readonly StatusGroup[], series: 'state' | 'decision'): ChartRow[] {
  return groups.flatMap((g): ChartRow[] =>
    series === 'state'
      ? ITEM_STATES.map((s) => ({ group: label(g), state: s, items: g.byState[s] }))
      : [...DECISIONS, 'none' as const].map((d) => ({ group: label(g), decision: d === 'none' ? 'no decision' : d, items: g.byDecision[d] })),
  );
}

/** A bar chart of groups' items by state or decision, above its table (the table alone when every bar is empty). */
function groupBlock(groups: readonly StatusGroup[], series: 'state' | 'decision', table: Table): Block {
  const spec = series === 'state' ? states : decisions;
  return block({ title: 'items', category: 'group', ...spec, value: 'items', rows: groupRows(groups, series) }, table, messages.noItems);
}

function groupTable(id: string, caption: string, first: string, groups: readonly StatusGroup[]): Table {
  return {
    id,
    caption,
    columns: [first, 'items', ...ITEM_STATES, ...DECISIONS, 'no decision', 'flagged'],
    rows: groups.map((g) => [
      cell(label(g)),
      n(g.items),
      ...ITEM_STATES.map((s) => n(g.byState[s])),
      ...DECISIONS.map((d) => n(g.byDecision[d])),
      n(g.byDecision.none),
      n(g.flagged),
    ]),
  };
}

function listFootnote(list: CappedList<unknown>): { footnote: string } | object {
  return list.more > 0 ? { footnote: messages.more(list.more) } : {};
}

const DECISION_SERIES = [...DECISIONS, 'no decision'];
/** Colours that read as their meaning: grey for nothing yet, green for approved/agreed, red for rejected/dropped/errors. */
const STATE_COLORS = ['#c8ccd1', '#9ecae1', '#4c78a8', '#54a24b', '#e45756', '#f58518', '#b279a2'];
// One colour per entry of DECISION_SERIES (the six decisions, then none).
const DECISION_COLORS = ['#4c78a8', '#72b7b2', '#b279a2', '#ff9da6', '#e45756', '#f2a93b', '#c8ccd1'];
const SEVERITY_COLORS = ['#e45756', '#f2a93b', '#9ecae1'];
const states = { series: 'state', seriesOrder: ITEM_STATES, colors: STATE_COLORS } as const;
const decisions = { series: 'decision', seriesOrder: DECISION_SERIES, colors: DECISION_COLORS } as const;

/** Days of journal activity drawn and listed (the most recent ones): a chart a day wide per bar stays readable. */
export const ACTIVITY_DAYS = 60;

/** The rows of the last ACTIVITY_DAYS days with activity, and what the days before them add up to. */
function recentActivity(rows: readonly ActivityRow[]): { rows: ActivityRow[]; earlier: { days: number; events: number } } {
  const days = [...new Set(rows.map((r) => r.day))];
  if (days.length <= ACTIVITY_DAYS) return { rows: [...rows], earlier: { days: 0, events: 0 } };
  const first = days[days.length - ACTIVITY_DAYS]!;
  const earlier = rows.filter((r) => r.day < first);
  return { rows: rows.filter((r) => r.day >= first), earlier: { days: days.length - ACTIVITY_DAYS, events: earlier.reduce((x, r) => x + r.events, 0) } };
}

export function reportSections(d: ReportData): Section[] {
  const s = d.summary;
  const recent = recentActivity(d.activity);
  const overview: Section = {
    id: 'overview',
    title: 'Overview',
    notes: messages.overview(d),
    blocks: [
      block(
        { title: 'items', category: 'state', value: 'items', rows: ITEM_STATES.map((st) => ({ state: st, items: s.byState[st] })) },
        { id: 'by-state', caption: 'Items by state', columns: ['state', 'items'], rows: ITEM_STATES.map((st) => [cell(st), n(s.byState[st])]) },
        messages.noItems,
      ),
      block(
        { title: 'items', category: 'decision', value: 'items', rows: [...DECISIONS, 'none' as const].map((x) => ({ decision: x, items: s.byDecision[x] })) },
        {
          id: 'by-decision',
          caption: 'Items by decision',
          columns: ['decision', 'items'],
          rows: [...DECISIONS, 'none' as const].map((x) => [cell(x), n(s.byDecision[x])]),
        },
        messages.noItems,
      ),
    ],
  };
  const progress: Section = {
    id: 'progress',
    title: 'Progress',
    notes: [messages.progressNote],
    blocks: [
      block(
        { title: 'journal events', category: 'day', series: 'author', value: 'events', rows: recent.rows.map((a) => ({ ...a })), vertical: true },
        {
          id: 'activity',
          caption: 'Journal events per day (UTC) and author',
          columns: ['day', 'author', 'events'],
          rows: recent.rows.map((a) => [cell(a.day), cell(a.author), n(a.events)]),
          ...(recent.earlier.days > 0 ? { footnote: messages.earlierDays(recent.earlier.days, recent.earlier.events, ACTIVITY_DAYS) } : {}),
        },
        messages.noActivity,
      ),
      groupBlock(d.byAuthor, 'state', groupTable('by-author', 'Items by localizer (an item counts for each person who worked on it)', 'author', d.byAuthor)),
    ],
  };
  const taxonomy: Section = {
    id: 'taxonomy',
    title: 'By risk area, harm type and specific harm',
    notes: [],
    blocks: [
      groupBlock(d.byRiskArea, 'state', groupTable('by-risk-area', 'Items by risk area: states and decisions', 'risk area', d.byRiskArea)),
      groupBlock(d.byRiskArea, 'decision', {
        id: 'decisions-by-risk-area',
        caption: 'Decisions by risk area',
        columns: ['risk area', ...DECISION_SERIES],
        rows: d.byRiskArea.map((g) => [cell(label(g)), ...DECISIONS.map((x) => n(g.byDecision[x])), n(g.byDecision.none)]),
      }),
      groupBlock(d.byHarmType, 'decision', groupTable('by-harm-type', 'Items by harm type: states and decisions', 'harm type', d.byHarmType)),
      groupBlock(
        d.bySpecificHarm,
        'decision',
        groupTable('by-specific-harm', 'Items by specific harm: states and decisions', 'specific harm', d.bySpecificHarm),
      ),
      {
        table: {
          id: 'lost-specific-harms',
          caption: 'Specific harms that lost all their items through drops (no coverage left in the derived dataset)',
          columns: ['specific harm', 'items dropped'],
          rows: d.lostSpecificHarms.map((g) => [cell(label(g)), n(g.items)]),
          ...(d.lostSpecificHarms.length === 0 ? { footnote: messages.noLostHarms } : {}),
        },
      },
    ],
  };
  const qaTotal = (sev: (typeof SEVERITIES)[number]) => d.qa.open[sev] + d.qa.waived[sev];
  const quality: Section = {
    id: 'qa',
    title: 'Quality checks',
    notes: messages.qaNotes(d.qa.checked, d.qa.open, d.qa.waived),
    blocks: [
      block(
        {
          title: 'open findings',
          category: 'check',
          series: 'severity',
          seriesOrder: SEVERITIES,
          colors: SEVERITY_COLORS,
          value: 'findings',
          rows: d.qa.rows.map((r) => ({ check: r.check, severity: r.severity, findings: r.open })),
        },
        {
          id: 'qa-findings',
          caption: 'QA findings by check and severity (open, and waived with a reason)',
          columns: ['check', 'severity', 'open', 'waived'],
          rows: d.qa.rows.map((r) => [cell(r.check), cell(r.severity), n(r.open), n(r.waived)]),
        },
        SEVERITIES.some((sev) => qaTotal(sev) > 0) ? messages.allWaived : messages.noFindings,
      ),
      {
        table: {
          id: 'open-flags',
          caption: 'Items with open flags (for discussion)',
          columns: ['item', 'flags'],
          rows: d.flags.rows.map((f) => [cell(f.id), cell(f.notes)]),
          ...listFootnote(d.flags),
        },
      },
      {
        table: {
          id: 'stale',
          caption: 'Stale items (their source text changed)',
          columns: ['item'],
          rows: d.stale.rows.map((x) => [cell(x.id)]),
          ...listFootnote(d.stale),
        },
      },
      {
        table: {
          id: 'conflicts',
          caption: 'Items with conflicting decisions',
          columns: ['item', 'decisions'],
          rows: d.conflicts.rows.map((c) => [cell(c.id), cell(c.sides)]),
          ...listFootnote(d.conflicts),
        },
      },
    ],
  };
  const a = d.agreement;
  const agreement: Section = {
    id: 'agreement',
    title: 'Agreement (double annotation)',
    notes: a.notes,
    blocks: [
      {
        table: {
          id: 'agreement-figures',
          caption: 'Agreement on decisions over the double-annotated items',
          columns: ['figure', 'value'],
          rows: [
            [cell('double-annotated items'), n(a.items)],
            [cell('annotators'), cell(a.annotators.join(', ') || '—')],
            [cell('raw agreement'), { text: a.rawAgreement === undefined ? '—' : `${percent(a.rawAgreement)} (${a.agreed} of ${a.items})`, num: true }],
            [cell("Cohen's kappa"), { text: fixed(a.cohenKappa), num: true }],
            [cell("Krippendorff's alpha (nominal)"), { text: fixed(a.krippendorffAlpha), num: true }],
          ],
        },
      },
      block(
        {
          title: 'items both decided',
          category: 'pair',
          series: 'outcome',
          seriesOrder: ['agreed', 'disagreed'],
          colors: ['#54a24b', '#e45756'],
          value: 'items',
          rows: a.pairs.flatMap((p) => [
            { pair: p.annotators.join(' & '), outcome: 'agreed', items: p.agreed },
            { pair: p.annotators.join(' & '), outcome: 'disagreed', items: p.items - p.agreed },
          ]),
        },
        {
          id: 'agreement-pairs',
          caption: "Per pair of annotators: items both decided, raw agreement and Cohen's kappa",
          columns: ['pair', 'items', 'agreed', 'raw agreement', "Cohen's kappa"],
          rows: a.pairs.map((p) => [
            cell(p.annotators.join(' & ')),
            n(p.items),
            n(p.agreed),
            { text: percent(p.rawAgreement), num: true },
            { text: fixed(p.cohenKappa), num: true },
          ]),
        },
        messages.noPairs,
      ),
      {
        table: {
          id: 'disagreements',
          caption: 'Disagreements to discuss',
          columns: ['item', 'decisions'],
          rows: a.disagreements
            .slice(0, 200)
            .map((x) => [
              cell(x.id),
              cell(x.annotations.map((an) => `${an.annotator} (${an.role}): ${an.decision}${an.rationale ? ` — ${an.rationale}` : ''}`).join('; ')),
            ]),
          ...(a.disagreements.length > 200 ? { footnote: messages.more(a.disagreements.length - 200) } : {}),
        },
      },
    ],
  };
  const mt: Section = {
    id: 'mt',
    title: 'Machine translation',
    notes: [messages.mtNote],
    blocks: [
      block(
        { title: 'characters billed', category: 'provider', value: 'characters', rows: d.mt.map((m) => ({ provider: m.label, characters: m.characters })) },
        {
          id: 'mt-providers',
          caption: 'Machine translation by provider',
          columns: ['provider', 'items', 'unique texts', 'requests (fewest the limits allow)', 'characters billed', 'estimated cost'],
          rows: d.mt.map((m) => [
            cell(m.label),
            n(m.items),
            n(m.texts),
            n(m.requests),
            n(m.characters),
            { text: m.cost ? `${m.cost.currency} ${m.cost.amount.toFixed(2)}` : m.isTranslation ? 'no public price' : '0 (offline)', num: true },
          ]),
        },
        messages.noMt,
      ),
    ],
  };
  return [overview, progress, taxonomy, quality, agreement, mt].map(saysNone);
}

/** An empty table says so under it, unless it already has a footnote. */
function saysNone(section: Section): Section {
  const blocks = section.blocks.map((b) => (b.table.rows.length === 0 && !b.table.footnote ? { ...b, table: { ...b.table, footnote: messages.none } } : b));
  return { ...section, blocks };
}
