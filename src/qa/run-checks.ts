/** Runs the QA checks over items and counts what they find. */
import { UsageError } from '../errors.js';
import { ALL_CHECKS } from './checks/index.js';
import { withFieldScope } from './check.js';
import { computeLengthStats, lengthPairs } from './length-stats.js';
import { SEVERITIES } from './types.js';
import type { Check, Finding, ItemFinding, QaContext, QaDecision, QaInput, Severity } from './types.js';

export interface RunChecksOptions {
  /** Run only the checks with these IDs (an unknown ID is a UsageError). */
  only?: readonly string[];
  /** Report only findings at least this severe (default "info": everything). */
  minSeverity?: Severity;
  /** The checks to choose from (default ALL_CHECKS). */
  checks?: readonly Check[];
}

export interface RunChecksResult {
  /** In input order, then check order. */
  findings: ItemFinding[];
  /** Of the findings reported (after `minSeverity`). */
  counts: Record<Severity, number>;
}

/** True when `a` is as severe as `b` or more ("error" ≥ "warning" ≥ "info"). */
export function severityAtLeast(a: Severity, b: Severity): boolean {
  return SEVERITIES.indexOf(a) <= SEVERITIES.indexOf(b);
}

/** Whether the check does not run on an item with this decision (e.g. only decision-consistency looks at a dropped item). */
export function skipsDecision(check: Check, decision: QaDecision | undefined): boolean {
  return decision !== undefined && check.skipDecisions.includes(decision);
}

/**
 * All findings of `checks` for one item. A check does not run on decisions it
 * skips (e.g. only decision-consistency looks at a dropped item). A check that
 * throws is reported as an error finding of that check, so one bad pack
 * pattern or bug cannot stop a run over the whole dataset.
 */
export function checkItem(input: QaInput, ctx: QaContext, checks: readonly Check[] = ALL_CHECKS): Finding[] {
  return withFieldScope(input, ctx, () => runItemChecks(input, ctx, checks));
}

function runItemChecks(input: QaInput, ctx: QaContext, checks: readonly Check[]): Finding[] {
  const findings: Finding[] = [];
  for (const check of checks) {
    if (skipsDecision(check, input.decision)) continue;
    try {
      const found = check.run(input, ctx);
      if (found.length > 0) findings.push(...found);
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      findings.push({ check: check.id, severity: 'error', message: `The check could not run (${reason}); fix the locale pack or report this bug.` });
    }
  }
  return findings;
}

/** The checks `only` names, in check order (all of them without it); a UsageError names unknown ones. */
export function selectChecks(options: RunChecksOptions): readonly Check[] {
  const checks = options.checks ?? ALL_CHECKS;
  if (options.only === undefined) return checks;
  const unknown = options.only.filter((id) => !checks.some((c) => c.id === id));
  if (unknown.length > 0) {
    throw new UsageError(`Unknown QA check ${unknown.map((id) => `"${id}"`).join(', ')}. Known checks: ${checks.map((c) => c.id).join(', ')}.`);
  }
  return checks.filter((c) => options.only!.includes(c.id));
}

/**
 * Runs the checks over every input. When the length-ratio check is selected
 * and `ctx.lengthStats` is absent, the stats are computed from these inputs
 * first (so the inputs are read into memory).
 */
export function runChecks(inputs: Iterable<QaInput>, ctx: QaContext, options: RunChecksOptions = {}): RunChecksResult {
  const checks = selectChecks(options);
  const minSeverity = options.minSeverity ?? 'info';
  let items: Iterable<QaInput> = inputs;
  let context = ctx;
  if (context.lengthStats === undefined && checks.some((c) => c.id === 'length-ratio')) {
    const all = Array.from(inputs);
    items = all;
    const lengthStats = computeLengthStats(lengthPairs(all));
    if (lengthStats) context = { ...ctx, lengthStats };
  }
  const findings: ItemFinding[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const input of items) {
    for (const finding of checkItem(input, context, checks)) {
      if (!severityAtLeast(finding.severity, minSeverity)) continue;
      findings.push({ ...finding, item: input.item.id });
      counts[finding.severity]++;
    }
  }
  return { findings, counts };
}
