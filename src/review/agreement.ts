/**
 * Inter-annotator agreement on decisions (double annotation): raw agreement,
 * Cohen's kappa (exactly two annotators) and Krippendorff's alpha (nominal,
 * any number of annotators, missing data allowed), and the disagreements to
 * discuss.
 *
 * Annotators of an item: the author of its decision (the primary one) and
 * every second annotator with a secondary decision on it. A secondary
 * decision by the primary decision's own author is ignored (one person, one
 * vote; the primary decision stands). Items with decisions by two or more
 * annotators are "double-annotated"; the figures are over those items, in
 * every state (a dropped item's decision counts like any other).
 */
import type { Decision } from '../project/events.js';
import type { ItemState } from '../project/state.js';
import { DECISIONS, decisionCounts } from '../project/decisions.js';
import { agreementParagraph } from './messages.js';

export interface Annotation {
  annotator: string;
  decision: Decision;
  rationale?: string;
  /** "primary": the item's decision; "secondary": a second annotator's. */
  role: 'primary' | 'secondary';
}

/** What agreement reads of an item's state (callers holding many keep only this). */
export type AnnotatedState = Pick<ItemState, 'id' | 'decision' | 'secondaryDecisions'>;

/** What agreement needs of an item annotated at least twice, or undefined (a caller going through every state keeps only these). */
export function annotatedPart(s: AnnotatedState): AnnotatedState | undefined {
  return (s.decision ? 1 : 0) + Object.keys(s.secondaryDecisions).length >= 2
    ? { id: s.id, decision: s.decision, secondaryDecisions: s.secondaryDecisions }
    : undefined;
}

/** One double-annotated item. */
export interface AnnotatedItem {
  id: string;
  /** Primary first, then second annotators by name. */
  annotations: Annotation[];
}

/** The annotations of an item (possibly fewer than two). */
export function annotationsOf(state: AnnotatedState): Annotation[] {
  const out: Annotation[] = [];
  const primary = state.decision;
  if (primary)
    out.push({ annotator: primary.author, decision: primary.decision, role: 'primary', ...(primary.rationale ? { rationale: primary.rationale } : {}) });
  for (const annotator of Object.keys(state.secondaryDecisions).sort()) {
    if (annotator === primary?.author) continue;
    const d = state.secondaryDecisions[annotator]!;
    out.push({ annotator, decision: d.decision, role: 'secondary', ...(d.rationale ? { rationale: d.rationale } : {}) });
  }
  return out;
}

/** Items with decisions by two or more annotators, in the states' order. */
export function doubleAnnotated(states: Iterable<AnnotatedState>): AnnotatedItem[] {
  const out: AnnotatedItem[] = [];
  for (const s of states) {
    const annotations = annotationsOf(s);
    if (annotations.length >= 2) out.push({ id: s.id, annotations });
  }
  return out;
}

// ---------------------------------------------------------------------------
// Statistics (pure; labels are any strings)

/** Share of units on which every value is the same; undefined for no units. */
export function rawAgreement(units: readonly (readonly string[])[]): number | undefined {
  if (units.length === 0) return undefined;
  return units.filter((u) => u.every((v) => v === u[0])).length / units.length;
}

/**
 * Cohen's kappa for two raters over the same units: (p_o − p_e) / (1 − p_e),
 * with p_e from each rater's own label distribution. Undefined for no pairs
 * or when chance agreement is 1 (both raters used one and the same label
 * throughout: kappa is 0/0).
 */
export function cohenKappa(pairs: readonly (readonly [string, string])[]): number | undefined {
  const n = pairs.length;
  if (n === 0) return undefined;
  const a = new Map<string, number>();
  const b = new Map<string, number>();
  let agree = 0;
  for (const [x, y] of pairs) {
    if (x === y) agree++;
    a.set(x, (a.get(x) ?? 0) + 1);
    b.set(y, (b.get(y) ?? 0) + 1);
  }
  const po = agree / n;
  let pe = 0;
  for (const [label, count] of a) pe += (count / n) * ((b.get(label) ?? 0) / n);
  if (pe === 1) return undefined;
  return (po - pe) / (1 - pe);
}

/**
 * Krippendorff's alpha for nominal data, any number of coders, missing values
 * allowed (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability"):
 * each unit is the list of values it received (missing ones left out). Units
 * with fewer than two values are not pairable and are ignored. With the
 * coincidence matrix o (each ordered pair of values within a unit of m values
 * adds 1/(m−1)), n_c its marginals and n = Σ n_c:
 *   alpha = 1 − (n − 1) · Σ_{c≠k} o_ck / Σ_{c≠k} n_c·n_k.
 * Undefined when fewer than two values are pairable or all pairable values
 * are one label (no expected disagreement: 0/0).
 */
export function krippendorffAlphaNominal(units: readonly (readonly string[])[]): number | undefined {
  const marginals = new Map<string, number>();
  let observed = 0; // Σ_{c≠k} o_ck
  let n = 0;
  for (const values of units) {
    const m = values.length;
    if (m < 2) continue;
    const counts = new Map<string, number>();
    for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
    // Ordered pairs with different values: m·(m−1) pairs minus Σ count·(count−1) equal ones.
    let same = 0;
    for (const c of counts.values()) same += c * (c - 1);
    observed += (m * (m - 1) - same) / (m - 1);
    for (const [v, c] of counts) marginals.set(v, (marginals.get(v) ?? 0) + c);
    n += m;
  }
  if (n < 2) return undefined;
  let sumSquares = 0;
  for (const c of marginals.values()) sumSquares += c * c;
  const expected = n * n - sumSquares; // Σ_{c≠k} n_c·n_k
  if (expected === 0) return undefined;
  return 1 - ((n - 1) * observed) / expected;
}

// ---------------------------------------------------------------------------
// The report

export interface Disagreement {
  id: string;
  annotations: Annotation[];
}

/** Agreement of two annotators over the items both decided. */
export interface PairAgreement {
  /** The two annotators, sorted. */
  annotators: [string, string];
  items: number;
  agreed: number;
  rawAgreement: number;
  /** Undefined when both chose one and the same decision throughout (chance agreement 1). */
  cohenKappa?: number;
}

export interface AgreementReport {
  /** Double-annotated items. */
  items: number;
  /** Items on which all annotators chose the same decision. */
  agreed: number;
  /** Everyone who annotated a double-annotated item, sorted. */
  annotators: string[];
  /** agreed / items; undefined when there are no double-annotated items. */
  rawAgreement?: number;
  /** Set only when exactly two annotators annotated all the double-annotated items. */
  cohenKappa?: number;
  /** Cohen's kappa for every pair of annotators who decided common items (several pairs with shards and more than two people). */
  pairs: PairAgreement[];
  krippendorffAlpha?: number;
  /** Why a figure is missing, in one sentence each. */
  notes: string[];
  /** Decisions per annotator, over the double-annotated items. */
  counts: Record<string, Record<Decision, number>>;
  /** Two annotators only: matrix[first][second] = items (first and second as in `annotators`). */
  matrix?: Record<Decision, Record<Decision, number>>;
  disagreements: Disagreement[];
}

export function computeAgreement(states: Iterable<AnnotatedState>): AgreementReport {
  const items = doubleAnnotated(states);
  const annotators = [...new Set(items.flatMap((i) => i.annotations.map((a) => a.annotator)))].sort();
  const counts: AgreementReport['counts'] = Object.fromEntries(annotators.map((a) => [a, decisionCounts()]));
  const units = items.map((i) => i.annotations.map((a) => a.decision));
  const disagreements: Disagreement[] = [];
  for (const item of items) {
    for (const a of item.annotations) counts[a.annotator]![a.decision]++;
    if (!item.annotations.every((a) => a.decision === item.annotations[0]!.decision)) disagreements.push({ id: item.id, annotations: item.annotations });
  }
  const report: AgreementReport = {
    items: items.length,
    agreed: items.length - disagreements.length,
    annotators,
    notes: [],
    counts,
    pairs: pairAgreements(items),
    disagreements,
  };
  if (items.length === 0) {
    report.notes.push(
      'No item has decisions by two annotators yet: assign a sample to a second annotator (`carefully adapt --double K`) and let them decide it.',
    );
    return report;
  }
  report.rawAgreement = rawAgreement(units);
  if (annotators.length === 2) {
    const [first, second] = annotators as [string, string];
    const pairs = items.map((i) => {
      const by = (who: string) => i.annotations.find((a) => a.annotator === who)!.decision;
      return [by(first), by(second)] as const;
    });
    report.matrix = Object.fromEntries(DECISIONS.map((d) => [d, decisionCounts()])) as Record<Decision, Record<Decision, number>>;
    for (const [x, y] of pairs) report.matrix[x][y]++;
    const kappa = cohenKappa(pairs);
    if (kappa === undefined)
      report.notes.push("Cohen's kappa is undefined: both annotators chose one and the same decision for every item, so chance agreement is 1.");
    else report.cohenKappa = kappa;
  } else {
    report.notes.push(
      `Cohen's kappa needs exactly two annotators; there are ${annotators.length}: see kappa per pair of annotators and Krippendorff's alpha over all.`,
    );
  }
  const alpha = krippendorffAlphaNominal(units);
  if (alpha === undefined) report.notes.push("Krippendorff's alpha is undefined: every decision is the same, so no disagreement could be expected.");
  else report.krippendorffAlpha = alpha;
  return report;
}

/** Per pair of annotators (names sorted), their decisions on the items both decided. */
function pairAgreements(items: readonly AnnotatedItem[]): PairAgreement[] {
  const byPair = new Map<string, { annotators: [string, string]; pairs: [string, string][] }>();
  for (const item of items) {
    const sorted = [...item.annotations].sort((a, b) => (a.annotator < b.annotator ? -1 : a.annotator > b.annotator ? 1 : 0));
    for (let i = 0; i < sorted.length; i++) {
      for (let j = i + 1; j < sorted.length; j++) {
        const [a, b] = [sorted[i]!, sorted[j]!];
        const key = JSON.stringify([a.annotator, b.annotator]);
        const entry = byPair.get(key) ?? { annotators: [a.annotator, b.annotator], pairs: [] };
        entry.pairs.push([a.decision, b.decision]);
        byPair.set(key, entry);
      }
    }
  }
  return [...byPair.values()]
    .sort((x, y) => (JSON.stringify(x.annotators) < JSON.stringify(y.annotators) ? -1 : 1))
    .map(({ annotators, pairs }) => {
      const agreed = pairs.filter(([x, y]) => x === y).length;
      const pair: PairAgreement = { annotators, items: pairs.length, agreed, rawAgreement: agreed / pairs.length };
      const kappa = cohenKappa(pairs);
      if (kappa !== undefined) pair.cohenKappa = kappa;
      return pair;
    });
}

const percent = (x: number) => `${(100 * x).toFixed(1)}%`;
const fixed = (x: number) => x.toFixed(3);

/** One paragraph for the dataset card, or undefined when nothing was double-annotated. */
export function agreementSummary(r: AgreementReport): string | undefined {
  if (r.items === 0) return undefined;
  const figures = [`raw agreement ${percent(r.rawAgreement ?? 0)} (${r.agreed} of ${r.items})`];
  if (r.cohenKappa !== undefined) figures.push(`Cohen's κ ${fixed(r.cohenKappa)}`);
  if (r.krippendorffAlpha !== undefined) figures.push(`Krippendorff's α ${fixed(r.krippendorffAlpha)} (nominal)`);
  return agreementParagraph(r.items, r.annotators.length, figures.join(', '), r.disagreements.length);
}
