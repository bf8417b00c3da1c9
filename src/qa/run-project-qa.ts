/**
 * `carefully check` over a project: the source streamed with the journal's
 * fold (streamed-qa.ts), each item checked as it is read, with the whole
 * dataset's length statistics (not only those of the items asked for, so
 * `check --ids X` judges X's length as a full run would). When an earlier run
 * kept the dataset's context (dataset-context-cache.ts), one pass does all and
 * no item or state is kept; else a first pass measures the dataset.
 */
import type { SourceItem } from '../dataset/item.js';
import { UsageError } from '../errors.js';
import type { Project } from '../project/project.js';
import type { ItemState, ItemWaiver } from '../project/state.js';
import { unknownItemIds } from './messages.js';
import { hasTargetText, projectQaEnv, qaInputFor, type ProjectQa } from './project-qa.js';
import { checkWithCache } from './qa-cache.js';
import { selectChecks, severityAtLeast, skipsDecision, type RunChecksResult } from './run-checks.js';
import { streamWithDatasetQa } from './streamed-qa.js';
import type { Check, ItemFinding, Severity } from './types.js';
import { UnmatchedLabels } from './unmatched-labels.js';
import { splitWaived, type Waived } from './waivers.js';

export interface ProjectQaOptions {
  /** Check only these item IDs (an unknown ID is a UsageError). Length statistics still come from the whole dataset. */
  ids?: readonly string[];
  /** Run only these checks (an unknown check ID is a UsageError). */
  only?: readonly string[];
  /** Report only findings at least this severe. */
  minSeverity?: Severity;
  /** Called as items are checked (a progress bar), at most about 100 times. */
  onProgress?: (done: number, total: number) => void;
}

export interface ProjectQaResult extends RunChecksResult {
  /** Findings covered by a current waiver (not in `findings` nor `counts`), each with who waived it and why. */
  waived: Waived<ItemFinding>[];
  waivedCounts: Record<Severity, number>;
  /** Waivers given for an earlier text: their findings are open again. */
  staleWaivers: (ItemWaiver & { item: string })[];
  /** Items in the source. */
  items: number;
  /** Items checked (selected and with target text). */
  checked: number;
  /** Item state and decision of every item with findings, for grouping output. */
  itemInfo: Record<string, { state: ItemState['state']; decision?: string }>;
  localePack: string;
  warnings: string[];
}

/** Run the QA checks over a project (what `carefully check` prints). */
export async function runProjectQa(project: Project, options: ProjectQaOptions = {}): Promise<ProjectQaResult> {
  const env = projectQaEnv(project, { cache: true });
  // An unknown check is reported after an unknown item ID, which only the pass can tell.
  let checks: readonly Check[] | undefined;
  let checksError: Error | undefined;
  try {
    checks = selectChecks({ ...(options.only ? { only: options.only } : {}) });
  } catch (err) {
    if (options.ids === undefined) throw err;
    checksError = err as Error;
  }
  const minSeverity = options.minSeverity ?? 'info';
  const wanted = options.ids === undefined ? undefined : new Set(options.ids);
  const seen = new Set<string>();
  const nearCopyCheck = checks?.find((c) => c.id === 'source-near-copy');
  const result: Omit<ProjectQaResult, 'items' | 'localePack' | 'warnings'> = {
    findings: [],
    counts: { error: 0, warning: 0, info: 0 },
    waived: [],
    waivedCounts: { error: 0, warning: 0, info: 0 },
    staleWaivers: [],
    checked: 0,
    itemInfo: {},
  };
  const unmatched = new UnmatchedLabels(env.pack, env.packName);
  let qa: ProjectQa | undefined;
  let total = 0;
  let done = 0;
  let step = 1;

  const checkOne = (item: SourceItem, state: ItemState, q: ProjectQa, selected: readonly Check[]) => {
    const input = qaInputFor(item, state, env);
    if (!input) return;
    result.checked++;
    const found: ItemFinding[] = [];
    for (const f of checkWithCache(env.cache, input, q.ctx, selected)) if (severityAtLeast(f.severity, minSeverity)) found.push({ ...f, item: item.id });
    if (found.length === 0) return;
    const { open, waived, stale } = splitWaived(found, state);
    result.findings.push(...open);
    result.waived.push(...waived);
    result.staleWaivers.push(...stale.map((w) => ({ ...w, item: item.id })));
    for (const f of open) result.counts[f.severity]++;
    for (const f of waived) result.waivedCounts[f.severity]++;
    result.itemInfo[item.id] = { state: state.state, ...(state.decision ? { decision: state.decision.decision } : {}) };
  };

  const streamed = await streamWithDatasetQa(
    project,
    // Its own warnings list: `check` does not report a skipped cross-item index.
    { ...env, warnings: [] },
    {
      onReady: (ready, items) => {
        qa = ready;
        total = items;
        step = Math.max(1, Math.ceil(items / 100));
      },
      check: (item, state) => {
        unmatched.add(item);
        if (wanted?.has(item.id)) seen.add(item.id);
        const progress = () => {
          done++;
          if (done % step === 0 || done === total) options.onProgress?.(done, total);
        };
        if (!checks || (wanted && !wanted.has(item.id))) return progress();
        const selected = checks;
        // The source-near-copy check is synchronous: its verdict is made ready first, reading the source again if it needs the index.
        const primes = nearCopyCheck !== undefined && !skipsDecision(nearCopyCheck, state.decision?.decision);
        if (primes && hasTargetText(state) && !qa!.nearCopiesReady(item, state))
          return Promise.resolve(qa!.nearCopyVerdict(item, state)).then(() => {
            checkOne(item, state, qa!, selected);
            progress();
          });
        checkOne(item, state, qa!, selected);
        progress();
      },
    },
  );
  if (wanted) {
    const unknown = options.ids!.filter((id) => !seen.has(id));
    if (unknown.length > 0) throw new UsageError(unknownItemIds(unknown));
  }
  if (checksError !== undefined) throw checksError;
  const { fold } = streamed;
  const warnings = [...env.warnings, ...fold.warnings, ...streamed.qa.saveCache()];
  const unmatchedWarning = unmatched.warning();
  if (unmatchedWarning) warnings.push(unmatchedWarning);
  return { ...result, items: fold.items, localePack: env.packName, warnings };
}
