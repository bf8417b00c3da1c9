/**
 * Everything the HTML report shows, gathered in one or two streaming passes
 * over the source (collectReport) and one line-by-line pass over the journal
 * (activity.ts).
 */
import type { SourceItem } from '../dataset/item.js';
import type { Project } from '../project/project.js';
import { describeConflict, type ItemState, type StatusSummary } from '../project/state.js';
import type { StatusGroup } from '../project/status-by.js';
import { hasTargetText, projectQaEnv, type ProjectQa } from '../qa/project-qa.js';
import { streamWithDatasetQa } from '../qa/streamed-qa.js';
import type { Severity } from '../qa/types.js';
import { computeAgreement, type AgreementReport, type AnnotatedState, annotatedPart } from '../review/agreement.js';
import { sourceTextPair } from '../translate/plan.js';
import { estimateWith, type CostEstimate, type ProviderLimits } from '../translate/provider.js';
import { isProviderName, providerDescriptor } from '../translate/registry.js';
import { journalActivity, type ActivityRow } from './activity.js';
import { GroupCounts, SummaryTally } from './tally.js';
import { TextSet } from './text-set.js';
import { HeapCap } from '../collect-garbage.js';

/**
 * Garbage the pass over the source may leave in the heap before it is collected (collect-garbage.ts): about a tenth of
 * the peak at 100k items. Re-measured on the bench's team project at 100k (peak RSS / parse's, medians of 5-9): 2.7x at
 * 24 MB, 2.9x at 48 MB, 2.9-3.1x with no cap, 8 MB saving only 4 MB more; the CPU time differed by less than the noise.
 */
const HEAP_SLACK = 24 << 20;

/** Lists (flags, stale items, ...) longer than this are cut; the report says how many more there are. */
export const LIST_LIMIT = 200;

export interface CappedList<T> {
  rows: T[];
  /** Entries beyond LIST_LIMIT, not listed. */
  more: number;
}

export interface QaRow {
  check: string;
  severity: Severity;
  open: number;
  waived: number;
}

export interface MtRow {
  provider: string;
  label: string;
  isTranslation: boolean;
  /** Items whose current text comes from this provider. */
  items: number;
  /** Unique source texts of those items (what a run sends once). */
  texts: number;
  /** Code points of those texts: what the provider bills. */
  characters: number;
  /** The fewest requests the provider's batch limits allow for those texts. */
  requests: number;
  cost?: CostEstimate;
}

export interface ReportData {
  project: { dir: string; from: string; to: string; provider: string };
  generated: string;
  summary: StatusSummary;
  activity: ActivityRow[];
  byAuthor: StatusGroup[];
  byRiskArea: StatusGroup[];
  byHarmType: StatusGroup[];
  bySpecificHarm: StatusGroup[];
  /** Specific harms every item of which was dropped. */
  lostSpecificHarms: StatusGroup[];
  qa: { rows: QaRow[]; checked: number; open: Record<Severity, number>; waived: Record<Severity, number> };
  flags: CappedList<{ id: string; notes: string }>;
  stale: CappedList<{ id: string }>;
  conflicts: CappedList<{ id: string; sides: string }>;
  agreement: AgreementReport;
  mt: MtRow[];
  warnings: string[];
}

export interface CollectOptions {
  /** Called as items are read: pass 1 of 2 (states), then pass 2 of 2 (QA). */
  onProgress?: (done: number, total: number, pass: 1 | 2) => void;
  now?: () => Date;
}

function capped<T>(): CappedList<T> & { push(row: T): void } {
  const list = {
    rows: [] as T[],
    more: 0,
    push(row: T) {
      if (list.rows.length < LIST_LIMIT) list.rows.push(row);
      else list.more++;
    },
  };
  return list;
}

type TallyRow = MtRow & { seen: TextSet; batch: { texts: number; bytes: number; points: number }; limits?: ProviderLimits };
const ONE_SEGMENT: ProviderLimits = { maxSegments: 1, defaultConcurrency: 1 };

/** Per provider: unique texts, their characters and the requests they pack into (greedy, in order, as translate batches them). */
class MtTally {
  private readonly rows = new Map<string, TallyRow>();
  constructor(private readonly from: string) {}

  add(item: SourceItem, state: ItemState): void {
    const mt = state.mt;
    if (!mt) return;
    let row = this.rows.get(mt.provider);
    if (!row) {
      const d = isProviderName(mt.provider) ? providerDescriptor(mt.provider) : undefined;
      row = {
        provider: mt.provider,
        label: mt.label,
        isTranslation: mt.isTranslation,
        items: 0,
        texts: 0,
        characters: 0,
        requests: 0,
        seen: new TextSet(),
        batch: { texts: 0, bytes: 0, points: 0 },
      };
      if (d) row.limits = d.limits;
      this.rows.set(mt.provider, row);
    }
    row.items++;
    const { question, answer } = sourceTextPair(item, this.from);
    this.text(row, question);
    this.text(row, answer);
  }

  private text(row: TallyRow, text: string): void {
    if (text === '') return;
    const points = row.seen.add(text);
    if (points < 0) return;
    row.texts++;
    row.characters += points;
    const limits = row.limits ?? ONE_SEGMENT;
    const bytes = limits.maxRequestBytes ? Buffer.byteLength(text) : 0;
    const b = row.batch;
    const full =
      b.texts >= limits.maxSegments ||
      (limits.maxRequestBytes !== undefined && b.bytes + bytes > limits.maxRequestBytes) ||
      (limits.maxCodePoints !== undefined && b.points + points > limits.maxCodePoints);
    if (b.texts === 0 || full) {
      row.requests++;
      b.texts = b.bytes = b.points = 0;
    }
    b.texts++;
    b.bytes += bytes;
    b.points += points;
  }

  result(): MtRow[] {
    return [...this.rows.values()].map(({ seen: _s, batch: _b, limits: _l, provider, ...row }) => {
      const price = isProviderName(provider) ? providerDescriptor(provider).price : undefined;
      const cost = estimateWith(price, row.characters);
      return { provider, ...row, ...(cost ? { cost } : {}) };
    });
  }
}

/**
 * The report's data in streaming passes over the source, holding counts
 * rather than items. Each item's QA findings (from the QA cache when `check`
 * left them there) need what QA judges it against (the dataset's length
 * statistics, the near-copy index key): one pass counts and checks when an
 * earlier run kept those, else two (qa/streamed-qa.ts, as export). The journal
 * is folded once (from its checkpoint when one fits).
 */
export async function collectReport(project: Project, opts: CollectOptions = {}): Promise<ReportData> {
  const env = projectQaEnv(project, { cache: true });
  const summary = new SummaryTally();
  const tallies = {
    author: new GroupCounts('author'),
    riskArea: new GroupCounts('risk-area'),
    harmType: new GroupCounts('harm-type'),
    specificHarm: new GroupCounts('specific-harm'),
  };
  const mt = new MtTally(project.config.languages.from);
  const flags = capped<{ id: string; notes: string }>();
  const stale = capped<{ id: string }>();
  const conflicts = capped<{ id: string; sides: string }>();
  /** Items with decisions by two or more people: the only ones agreement looks at. */
  const annotated: AnnotatedState[] = [];
  const tally = (item: SourceItem, state: ItemState) => {
    summary.add(state);
    for (const t of Object.values(tallies)) t.add(item, state);
    mt.add(item, state);
    if (state.flags.length > 0) flags.push({ id: state.id, notes: state.flags.map((f) => `${f.author}: ${f.note}`).join('; ') });
    if (state.state === 'stale') stale.push({ id: state.id });
    if (state.conflict) conflicts.push({ id: state.id, sides: describeConflict(state.conflict) });
    const part = annotatedPart(state);
    if (part) annotated.push(part);
  };
  const qaRows = new Map<string, QaRow>();
  const open: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  const waived: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  let checked = 0;
  let done = 0;
  const row = (check: string, severity: Severity) => {
    const key = `${check}\u0000${severity}`;
    let r = qaRows.get(key);
    if (!r) qaRows.set(key, (r = { check, severity, open: 0, waived: 0 }));
    return r;
  };
  const review = (qa: ProjectQa, item: SourceItem, state: ItemState) => {
    if (hasTargetText(state)) checked++;
    const split = qa.review(item, state);
    for (const f of split.open) {
      row(f.check, f.severity).open++;
      open[f.severity]++;
    }
    for (const f of split.waived) {
      row(f.check, f.severity).waived++;
      waived[f.severity]++;
    }
  };
  let qa!: ProjectQa;
  let heap!: HeapCap;
  let total = 0;
  const {
    fold: { orphans, warnings, skippedEvents: skipped },
  } = await streamWithDatasetQa(project, env, {
    // Each row decoded when its item is met, and dropped once counted: the rows of items not met yet stay as read.
    lazyRows: true,
    tally,
    onMeasured: (n) => opts.onProgress?.(n, 0, 1),
    onReady: (ready, n) => {
      qa = ready;
      total = n;
      heap = new HeapCap(HEAP_SLACK);
      if (env.cache) env.cache.heap = heap; // one cap for the pass: the QA cache ticks it on its misses too
    },
    check: (item, state) => {
      heap.tick();
      review(qa, item, state);
      opts.onProgress?.(++done, total, 2);
    },
  });
  const cacheWarnings = qa.saveCache();
  const bySpecificHarm = tallies.specificHarm.result();
  const { provider } = project.config;
  return {
    project: { dir: project.dir, from: project.config.languages.from, to: project.config.languages.to, provider: provider.name },
    generated: (opts.now ?? (() => new Date()))().toISOString(),
    summary: summary.result(orphans, skipped),
    activity: journalActivity(project.dir),
    byAuthor: tallies.author.result(),
    byRiskArea: tallies.riskArea.result(),
    byHarmType: tallies.harmType.result(),
    bySpecificHarm,
    lostSpecificHarms: bySpecificHarm.filter((g) => g.items > 0 && g.byDecision.drop === g.items),
    qa: {
      rows: [...qaRows.values()].sort((a, b) => b.open + b.waived - (a.open + a.waived) || (a.check < b.check ? -1 : 1)),
      checked,
      open,
      waived,
    },
    flags: { rows: flags.rows, more: flags.more },
    stale: { rows: stale.rows, more: stale.more },
    conflicts: { rows: conflicts.rows, more: conflicts.more },
    agreement: computeAgreement(annotated),
    mt: mt.result(),
    warnings: [...warnings, ...env.warnings, ...cacheWarnings],
  };
}
