/**
 * Which items a wizard session (or a scripted run) works on. All filters
 * combine (AND); within one filter any value matches (OR). Parsing turns the
 * command line's strings into a Filters value, naming the option at fault.
 */
import { createHash } from 'node:crypto';
import { UsageError } from '../errors.js';
import type { SourceItem } from '../dataset/item.js';
import { loadTaxonomy } from '../dataset/taxonomy.js';
import { ITEM_STATES, type ItemState, type ItemStateName } from '../project/state.js';
import type { NewEvent } from '../project/events.js';

export const ONLY_VALUES = ['japan-specific', 'flagged'] as const;
export type OnlyValue = (typeof ONLY_VALUES)[number];

export interface Shard {
  /** 1-based: shard K of N. */
  k: number;
  n: number;
}

export interface Filters {
  /** Japanese risk-area labels (already resolved from English names). */
  riskAreas?: string[];
  harmTypes?: string[];
  only?: OnlyValue[];
  states?: ItemStateName[];
  ids?: string[];
  shard?: Shard;
}

/** What the filters read of an item and of its state. */
export type FilterFacets = Pick<SourceItem, 'id' | 'riskArea' | 'harmType' | 'japanSpecific'>;
export type FilterState = Pick<ItemState, 'state'> & { flags: { length: number } };

/** What the command line gives (commander: repeatable options collect into arrays). */
export interface RawFilters {
  riskArea?: string[];
  harmType?: string[];
  only?: string[];
  state?: string[];
  ids?: string[];
  shard?: string;
}

/**
 * The shard (1..n) an ID belongs to: a hash of the ID alone, so an item keeps
 * its shard when the dataset grows, shrinks or is reordered.
 */
export function shardOf(id: string, n: number): number {
  const h = createHash('sha256').update(id, 'utf8').digest();
  return (h.readUInt32BE(0) % n) + 1;
}

export function parseShard(value: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/u.exec(value);
  const k = Number(m?.[1]);
  const n = Number(m?.[2]);
  if (!m || n < 1 || k < 1 || k > n) {
    throw new UsageError(`--shard ${JSON.stringify(value)} is not a shard: write K/N with 1 <= K <= N, e.g. --shard 1/3 for the first of three localizers.`);
  }
  return { k, n };
}

/** Split "a,b" and repeated options into one list of non-empty trimmed values. */
function list(values: readonly string[] | undefined): string[] {
  return (values ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

const norm = (s: string) => s.normalize('NFKC').trim().toLowerCase();

/**
 * A risk area or harm type given as its Japanese label or English name (any
 * case), or a part of the English name that picks exactly one ("misinformation").
 * Labels found in the data count too, since unknown labels are allowed.
 */
export function resolveLabel(level: 'riskArea' | 'harmType', value: string, dataLabels: Iterable<string>): string {
  const taxonomy = loadTaxonomy();
  const known = level === 'riskArea' ? taxonomy.riskAreas : taxonomy.harmTypes;
  const candidates = new Map<string, string | undefined>(known.map((k) => [k.ja, k.en]));
  for (const l of dataLabels) if (!candidates.has(l)) candidates.set(l, undefined);
  const v = norm(value);
  const option = level === 'riskArea' ? '--risk-area' : '--harm-type';
  for (const [ja, en] of candidates) if (norm(ja) === v || (en && norm(en) === v)) return ja;
  const partial = [...candidates].filter(([ja, en]) => norm(ja).includes(v) || (en && norm(en).includes(v)));
  if (partial.length === 1) return partial[0]![0];
  const show = (c: [string, string | undefined][]) => c.map(([ja, en]) => (en ? `${ja} (${en})` : ja)).join('; ');
  if (partial.length > 1)
    throw new UsageError(`${option} ${JSON.stringify(value)} matches several: ${show(partial)}. Give the Japanese label or the full English name.`);
  throw new UsageError(
    `${option} ${JSON.stringify(value)} is not a known ${level === 'riskArea' ? 'risk area' : 'harm type'}. Known: ${show([...candidates])}.`,
  );
}

/** Command-line strings to Filters; every problem is a UsageError naming the option. */
export function parseFilters(raw: RawFilters, items: readonly FilterFacets[]): Filters {
  const out: Filters = {};
  // Risk-area and harm-type names contain commas ("Discrimination, Exclusion, ..."): repeat the option, never split.
  const rawRisk = (raw.riskArea ?? []).filter((v) => v.trim() !== '');
  const rawHarm = (raw.harmType ?? []).filter((v) => v.trim() !== '');
  if (rawRisk.length > 0) {
    const data = new Set(items.map((i) => i.riskArea).filter((l): l is string => l !== undefined));
    out.riskAreas = rawRisk.map((v) => resolveLabel('riskArea', v, data));
  }
  if (rawHarm.length > 0) {
    const data = new Set(items.map((i) => i.harmType).filter((l): l is string => l !== undefined));
    out.harmTypes = rawHarm.map((v) => resolveLabel('harmType', v, data));
  }
  const only = list(raw.only);
  if (only.length > 0) {
    for (const o of only) {
      if (!(ONLY_VALUES as readonly string[]).includes(o))
        throw new UsageError(`--only ${JSON.stringify(o)} is not a filter: use ${ONLY_VALUES.join(' or ')}.`);
    }
    out.only = only as OnlyValue[];
  }
  const states = list(raw.state);
  if (states.length > 0) {
    for (const s of states) {
      if (!(ITEM_STATES as readonly string[]).includes(s))
        throw new UsageError(`--state ${JSON.stringify(s)} is not a state: use one or more of ${ITEM_STATES.join(', ')} (comma-separated).`);
    }
    out.states = states as ItemStateName[];
  }
  const ids = list(raw.ids);
  if (ids.length > 0) {
    const known = new Set(items.map((i) => i.id));
    const unknown = ids.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw new UsageError(
        `--ids: ${unknown.length} ID(s) are not in the source: ${unknown
          .slice(0, 5)
          .map((u) => JSON.stringify(u))
          .join(', ')}${unknown.length > 5 ? ', ...' : ''}.`,
      );
    }
    out.ids = ids;
  }
  if (raw.shard !== undefined) out.shard = parseShard(raw.shard);
  return out;
}

/** The items the filters select, in source order. `states` are the states at the start of the session. */
export function applyFilters<T extends FilterFacets>(items: readonly T[], states: Pick<ReadonlyMap<string, FilterState>, 'get'>, f: Filters): T[] {
  const ids = f.ids ? new Set(f.ids) : undefined;
  const labelIn = (label: string | undefined, labels: readonly string[] | undefined) =>
    labels === undefined || (label !== undefined && labels.some((l) => norm(l) === norm(label)));
  const flagged = f.only?.includes('flagged') === true;
  return items.filter((item) => {
    if (ids && !ids.has(item.id)) return false;
    // Labels are read only for a filter on them: an item read lazily (project/lazy-source.ts) is then not parsed.
    if (f.riskAreas && !labelIn(item.riskArea, f.riskAreas)) return false;
    if (f.harmTypes && !labelIn(item.harmType, f.harmTypes)) return false;
    if (f.only?.includes('japan-specific') && item.japanSpecific !== true) return false;
    if (f.shard && shardOf(item.id, f.shard.n) !== f.shard.k) return false;
    // A state is looked up only for a filter on it, and only for the items the other filters keep: a session's states are made when asked for.
    if (!flagged && !f.states) return true;
    const s = states.get(item.id);
    if (flagged && !(s && s.flags.length > 0)) return false;
    if (f.states && !(s && f.states.includes(s.state))) return false;
    return true;
  });
}

/** One line for the session header: "risk area 悪用, shard 1/3". */
export function describeFilters(f: Filters): string {
  const parts: string[] = [];
  if (f.riskAreas) parts.push(`risk area ${f.riskAreas.join(' | ')}`);
  if (f.harmTypes) parts.push(`harm type ${f.harmTypes.join(' | ')}`);
  if (f.only) parts.push(f.only.join(', '));
  if (f.states) parts.push(`state ${f.states.join(' | ')}`);
  if (f.ids) parts.push(`${f.ids.length} ID(s)`);
  if (f.shard) parts.push(`shard ${f.shard.k}/${f.shard.n}`);
  return parts.join(', ') || 'all items';
}

// ---------------------------------------------------------------------------
// Double annotation (`adapt --double K [--second NAME]`)

/**
 * Whether an item is in the K% double-annotation sample: a hash of the ID
 * alone, like shards, so the sample stays the same when the dataset grows,
 * shrinks or is reordered, and a larger K holds every item of a smaller one.
 * The hash is salted apart from `shardOf`, so a sample cuts across shards.
 */
export function inDoubleSample(id: string, percent: number): boolean {
  const h = createHash('sha256').update(`double-annotation\0${id}`, 'utf8').digest();
  return (h.readUInt32BE(0) / 2 ** 32) * 100 < percent;
}

export function parseDoublePercent(value: string): number {
  const k = Number(value.trim().replace(/%$/u, ''));
  if (value.trim() === '' || !Number.isFinite(k) || k <= 0 || k > 100) {
    throw new UsageError(
      `--double ${JSON.stringify(value)} is not a share of items: give a percentage above 0 and at most 100, e.g. --double 10 for a 10% sample.`,
    );
  }
  return k;
}

export interface SecondaryAssignment {
  assignee: string;
  percent: number;
  /** Items the filters selected. */
  selected: number;
  /** Of those, items in the sample. */
  sampled: number;
  /** `assign` events to write: sampled items not yet assigned to the assignee. */
  events: NewEvent[];
  /** Sampled items already assigned to the assignee (nothing to write: assigning is idempotent). */
  alreadyAssigned: number;
  /** Sampled items left out because the assignee made their primary decision: one person cannot be both annotators. */
  ownPrimary: string[];
}

/**
 * The `assign` events that give the K% sample of the selected items to a
 * second annotator. Running it again writes nothing new.
 */
export function planSecondaryAssignment(
  selected: readonly SourceItem[],
  states: ReadonlyMap<string, ItemState>,
  percent: number,
  assignee: string,
): SecondaryAssignment {
  const plan: SecondaryAssignment = { assignee, percent, selected: selected.length, sampled: 0, events: [], alreadyAssigned: 0, ownPrimary: [] };
  for (const item of selected) {
    if (!inDoubleSample(item.id, percent)) continue;
    plan.sampled++;
    const s = states.get(item.id);
    if (s?.assignees.includes(assignee)) plan.alreadyAssigned++;
    else if (s?.decision?.author === assignee) plan.ownPrimary.push(item.id);
    else plan.events.push({ type: 'assign', item: item.id, sourceHash: item.sourceHash, assignee, role: 'secondary' });
  }
  return plan;
}
