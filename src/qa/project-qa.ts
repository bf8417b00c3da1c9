/**
 * QA over a project: one QaInput per item that has target text, built from the
 * folded journal state and the source item, checked with the project's merged
 * locale pack and length statistics of the whole dataset (not only of the
 * items asked for, so `check --ids X` judges X's length as a full run would).
 *
 * Intended changes (QaInput.intendedChanges), the rule: an item departs from
 * its source on purpose when its decision is "adapt" or "replace", or, before
 * any decision, when one of its checklist answers implies adaptation or
 * replacement (effect needs-adaptation / needs-replacement). For such an item,
 * every locale-pack equivalent found in its source texts (Japanese and
 * English, `findEquivalents`) is an intended change, named by its ID: the QA
 * checks then accept the source terms of that equivalent disappearing and its
 * target appearing (110 → 112). Under "transfer" (or no decision and no such
 * answer) nothing is intended, so a changed number is a finding; "drop" is
 * not checked against the source at all. Source-culture leftovers are reported
 * whatever the rule says: an adaptation must remove them.
 */
import { effectOf } from '../locale/checklist.js';
import { findEquivalents, itemTexts } from '../locale/equivalents.js';
import path from 'node:path';
import { loadProjectLocalePack } from '../locale/locale-pack.js';
import { answerRegister } from '../locale/register-setting.js';
import { CONFIG_FILE } from '../project/config.js';
import type { ChecklistEffect, LocalePack } from '../locale/locale-pack-types.js';
import type { SourceItem } from '../dataset/item.js';
import { DataError } from '../errors.js';
import { trustedSourceKeys, type Project } from '../project/project.js';
import type { ItemState } from '../project/state.js';
import { CodePointSet, MAX_GLOBAL_SHINGLES, SourceShingleIndex } from './near-copy.js';
import { NEAR_COPY_CACHE_FILE, NearCopyCache, nearCopyTextsHash } from './near-copy-cache.js';
import { IndexKey, NearCopies, settledWithoutIndex, type NearCopyTexts, type NearCopyVerdict } from './near-copies.js';
import { validateSource, describeProblems } from '../dataset/validate.js';
import { sourceIndexSkipped } from './messages.js';
import { lengthPairs, lengthStatsOfLogRatios, logLengthRatio } from './length-stats.js';
import type { RunChecksResult } from './run-checks.js';
import type { Finding, ItemFinding, LengthStats, QaContext, QaInput, Severity } from './types.js';
import { splitWaived, type WaiverSplit } from './waivers.js';
import {
  QA_CACHE_FILE,
  QaResultCache,
  checkWithCache,
  deferIntendedChanges,
  qaCacheContext,
  recordSourceIndexOverflow,
  sourceIndexOverflows,
} from './qa-cache.js';
import { sourceFingerprint } from '../project/source-keys.js';
import { lengthStatsKey, readLengthStats, writeLengthStats } from './length-stats-cache.js';
import { datasetContextKey, readDatasetContext, writeDatasetContext } from './dataset-context-cache.js';

/** What every item of a project is checked with. */
export interface ProjectQaEnv {
  /** Base and target pack merged. */
  pack: LocalePack;
  /** The pack folder used ("ko", or "base" when none matched). */
  packName: string;
  /** The pack's version, if it gives one, and the hash of its files ("sha256:..."). */
  packVersion?: string;
  packHash?: string;
  sourceLanguage: string;
  targetLanguage: string;
  /** About the pack (e.g. no pack for the target language). */
  warnings: string[];
  /** The project's `register` setting, checked against the pack. */
  answerRegister?: string;
  /** The project's QA result cache (cache/qa/results.jsonl), when the caller asked for it. */
  cache?: QaResultCache;
  /** Its near-copy verdicts (cache/qa/near-copy.jsonl), likewise. */
  nearCopyCache?: NearCopyCache;
}

/** The project's locale pack (config `localePack`, else the target language) and languages. */
export function projectQaEnv(project: Project, options: { cache?: boolean } = {}): ProjectQaEnv {
  const loaded = loadProjectLocalePack(project);
  const env: ProjectQaEnv = {
    pack: loaded.pack,
    packName: loaded.resolved,
    ...(loaded.pack.version === undefined ? {} : { packVersion: loaded.pack.version }),
    packHash: loaded.hash,
    sourceLanguage: project.config.languages.from,
    targetLanguage: project.config.languages.to,
    warnings: [...loaded.warnings],
    ...(project.config.register === undefined
      ? {}
      : { answerRegister: answerRegister(loaded.pack, project.config.register, path.join(project.dir, CONFIG_FILE))!.id }),
  };
  if (options.cache) {
    env.cache = new QaResultCache(path.join(project.dir, QA_CACHE_FILE), qaCacheContext(loaded.hash, env.answerRegister));
    env.nearCopyCache = new NearCopyCache(path.join(project.dir, NEAR_COPY_CACHE_FILE));
    env.warnings.push(...env.cache.warnings.splice(0), ...env.nearCopyCache.warnings.splice(0));
  }
  return env;
}

const DEPARTING_EFFECTS: readonly ChecklistEffect[] = ['needs-adaptation', 'needs-replacement', 'needs-target-replacement'];

/** Whether the item departs from its source on purpose (the rule in the module comment). */
export function departsFromSource(state: ItemState, pack: LocalePack): boolean {
  const decision = state.decision?.decision;
  if (decision !== undefined) return decision !== 'transfer' && decision !== 'drop';
  // Most items have no checklist answer (asked per item by check and export): the pack's questions are not gone through.
  if (!hasKeys(state.checklist)) return false;
  return pack.checklist.some((q) => {
    const answer = state.checklist[q.id]?.answer;
    return answer !== undefined && DEPARTING_EFFECTS.includes(effectOf(q, answer));
  });
}

function hasKeys(o: object): boolean {
  for (const _ in o) return true;
  return false;
}

/** IDs of the pack equivalents found in the item's source: its intended changes when it departs from the source on purpose. */
function equivalentIds(item: SourceItem, pack: LocalePack): string[] {
  return [...new Set(findEquivalents(pack, itemTexts(item)).map((m) => m.equivalent.id))];
}

/** Whether an item has target text to check (an MT or an edit). */
export function hasTargetText(state: ItemState): boolean {
  return state.question !== undefined || state.answer !== undefined;
}

/**
 * The QA input of one item, or undefined when it has no target text yet. A
 * field never written (an edit of one field before any MT) is checked as empty.
 * `intendedChanges: false` skips the equivalents search when only lengths matter.
 */
export function qaInputFor(
  item: SourceItem,
  state: ItemState,
  env: Omit<ProjectQaEnv, 'warnings' | 'packName'>,
  options: { intendedChanges?: boolean } = {},
): QaInput | undefined {
  if (!hasTargetText(state)) return undefined;
  const input: QaInput = {
    item,
    sourceLanguage: env.sourceLanguage,
    targetLanguage: env.targetLanguage,
    target: { question: state.question ?? '', answer: state.answer ?? '' },
  };
  if (state.mt) input.mt = { question: state.mt.question, answer: state.mt.answer };
  if (state.decision) {
    input.decision = state.decision.decision;
    if (state.decision.rationale !== undefined) input.rationale = state.decision.rationale;
  }
  if (options.intendedChanges !== false) {
    const declared = state.intended.map((i) => `${i.source} -> ${i.target}`);
    if (departsFromSource(state, env.pack)) {
      // The pack equivalents in the source are searched for only when the checks run (a QA cache miss).
      deferIntendedChanges(input, declared, () => equivalentIds(item, env.pack));
    } else if (declared.length > 0) input.intendedChanges = declared;
  }
  return input;
}

/** What the items of a project are checked with: its QA environment and context (pack and the whole dataset's length statistics). */
export interface ProjectQa {
  env: ProjectQaEnv;
  ctx: QaContext;
  /** The QA findings of one item in a given state (none without target text) that no current waiver covers. */
  check(item: SourceItem, state: ItemState): Finding[];
  /** The same findings, split into open and waived ones. */
  review(item: SourceItem, state: ItemState): WaiverSplit<Finding>;
  /** Whether the source-near-copy check of the item can run now (its verdict cached or settled, or the index built): else await `nearCopyVerdict` first. */
  nearCopiesReady(item: SourceItem, state: ItemState): boolean;
  /**
   * Near copies of a source in the item's target texts and rationale (export's leak guard): the
   * source-near-copy check's verdict, built or read once; builds the cross-item index if needed
   * (a promise only then).
   */
  nearCopyVerdict(item: SourceItem, state: ItemState): NearCopyVerdict | Promise<NearCopyVerdict>;
  /**
   * For builders over a streamed source: builds the cross-item index now when an item added
   * needs it (re-reading the source), so that `check` and `review` of those items need not.
   */
  prepare(): Promise<void>;
  /** Writes the QA result caches when the environment has them and they changed; returns warnings. */
  saveCache(): string[];
  /** The digest of the item set the near-copy verdicts are keyed by (IndexKey, without the overflow mark). */
  indexDigest: string;
}

export interface QaContextBuilderOptions {
  /** The source is known to outgrow the cross-item index (qa-cache.ts, sourceIndexOverflows): it is not built only to be dropped. */
  indexOverflows?: boolean;
  /**
   * For callers that stream the source: the items are not kept, and the index, when needed,
   * is built from this (which must give every item given to `add`, in the same order).
   */
  reread?: (onItem: (item: SourceItem) => void) => Promise<void>;
  /** Called when the index is built. */
  onIndexBuilt?: (index: SourceShingleIndex) => void;
  /** The length statistics, known already (length-stats-cache.ts; `null`: none): the items' lengths are not measured. */
  lengthStats?: LengthStats | null;
  /** With `lengthStats`: the items' IndexKey digest, known already (dataset-context-cache.ts), so `done` may come before any `add`. */
  indexDigest?: string;
}

/** An item's texts a near copy is looked for in. */
const nearCopyTexts = (state: ItemState): NearCopyTexts => {
  const rationale = state.decision?.rationale;
  return { question: state.question ?? '', answer: state.answer ?? '', ...(rationale === undefined ? {} : { rationale }) };
};

/**
 * Builds a ProjectQa item by item, keeping only the length ratios (and, unless
 * `reread` is given, the items): `qaContextFor` is the same over items in
 * memory. The cross-item near-copy index is built only when a verdict needs
 * it (near-copies.ts): a warm QA cache needs none.
 */
export function qaContextBuilder(
  env: ProjectQaEnv,
  options: QaContextBuilderOptions = {},
): { add(item: SourceItem, state: ItemState): void; done(): ProjectQa } {
  const logs: number[] = [];
  const key = new IndexKey();
  const items: SourceItem[] = [];
  const cache = env.nearCopyCache;
  /** Streaming: whether an item added needs the index, if the cache turns out to be for this set of items. */
  let predicted = false;
  let anyText = false;
  const fileCodePoints = lazy(() => CodePointSet.fromRanges(cache!.fileSummary!.codePoints));
  const newIndex = () => {
    const index = new SourceShingleIndex();
    if (options.indexOverflows) index.complete = false;
    return index;
  };
  return {
    add(item, state) {
      // A known digest reads no item's texts (a session's items are parsed when first read: project/lazy-source.ts).
      if (options.indexDigest === undefined) key.add(item);
      if (!options.reread) items.push(item);
      else if (hasTargetText(state) || state.decision?.rationale) {
        anyText = true;
        const texts = nearCopyTexts(state);
        // What NearCopies will do with the item, judged from the file's header (whatever set it was made for).
        if (!predicted && !cache?.get(item.id, nearCopyTextsHash(item, texts)))
          predicted = settledWithoutIndex(item, texts, cache?.fileSummary, fileCodePoints) === undefined;
      }
      if (options.lengthStats !== undefined) return;
      const input = qaInputFor(item, state, env, { intendedChanges: false });
      if (!input) return;
      for (const { source, target } of lengthPairs([input])) {
        const r = logLengthRatio(source, target);
        if (r !== undefined) logs.push(r);
      }
    },
    done() {
      const indexDigest = options.indexDigest ?? key.digest();
      const indexKey = `${indexDigest}${options.indexOverflows ? ':overflows' : ''}`;
      const needIndex = options.reread !== undefined && anyText && (cache?.matches(indexKey) ? predicted : true);
      cache?.use(indexKey);
      let warned = false;
      const skipped = () => {
        if (!warned) env.warnings.push(sourceIndexSkipped(MAX_GLOBAL_SHINGLES));
        warned = true;
      };
      if (options.indexOverflows || cache?.index?.complete === false) skipped();
      const nearCopies = new NearCopies({
        cache,
        build: () => {
          if (options.reread) return undefined;
          const index = newIndex();
          for (const item of items) index.add(item);
          return index;
        },
        buildAsync: async () => {
          const index = newIndex();
          await options.reread!((item) => index.add(item));
          return index;
        },
        onBuilt: (index) => {
          if (!index.complete) skipped();
          options.onIndexBuilt?.(index);
        },
      });
      const lengthStats = options.lengthStats === undefined ? lengthStatsOfLogRatios(logs) : (options.lengthStats ?? undefined);
      const ctx: QaContext = {
        pack: env.pack,
        ...(env.answerRegister ? { answerRegister: env.answerRegister } : {}),
        ...(lengthStats ? { lengthStats } : {}),
        nearCopies,
      };
      const review = (item: SourceItem, state: ItemState): WaiverSplit<Finding> => {
        const input = qaInputFor(item, state, env);
        return splitWaived(input ? checkWithCache(env.cache, input, ctx) : [], state);
      };
      const saveCache = () => {
        env.cache?.save();
        cache?.save();
        return [...(env.cache?.warnings.splice(0) ?? []), ...(cache?.warnings.splice(0) ?? [])];
      };
      return {
        env,
        ctx,
        review,
        check: (item, state) => review(item, state).open,
        nearCopiesReady: (item, state) => nearCopies.ready(item, nearCopyTexts(state)),
        nearCopyVerdict: (item, state) => nearCopies.verdict(item, nearCopyTexts(state)),
        prepare: () => (needIndex ? nearCopies.ensureIndex() : Promise.resolve()),
        saveCache,
        indexDigest,
      };
    },
  };
}

function lazy<T>(make: () => T): () => T {
  let made = false;
  let value: T;
  return () => {
    if (!made) [value, made] = [make(), true];
    return value;
  };
}

type QaContextBuilder = ReturnType<typeof qaContextBuilder>;

/**
 * `qaContextBuilder` over a project's source that remembers whether the
 * source's own items outgrow the cross-item index (cache/qa/source-index.json,
 * keyed by the source fingerprint): a source known to outgrow it is not indexed
 * only for the index to be dropped, so check, list, report and export pay for
 * that at most once per source release. Added items come after the source's.
 * `streaming`: the caller streams the source (export, report): the items are
 * not kept, and the source is read again if the index is needed (call `prepare`).
 */
export function projectQaContextBuilder(
  project: Project,
  env: ProjectQaEnv,
  options: { streaming?: boolean; known?: Pick<QaContextBuilderOptions, 'lengthStats' | 'indexDigest'> } = {},
): QaContextBuilder {
  const fingerprint = sourceFingerprint(project.sourcePath, project.mapping);
  const known = fingerprint !== undefined && sourceIndexOverflows(project.dir, fingerprint);
  const added: SourceItem[] = [];
  const builder = qaContextBuilder(env, {
    ...options.known,
    indexOverflows: known,
    // Items without source text (added ones) index nothing: the source alone decides an overflow.
    onIndexBuilt: (index) => {
      if (!index.complete && !known && fingerprint !== undefined) recordSourceIndexOverflow(project.dir, fingerprint);
    },
    ...(options.streaming
      ? {
          reread: async (onItem: (item: SourceItem) => void) => {
            const report = await validateSource(project.sourcePath, project.mapping, { trusted: trustedSourceKeys(project), onItem });
            if (!report.valid) throw new DataError(describeProblems(report), report.problems);
            for (const item of added) onItem(item);
          },
        }
      : {}),
  });
  return {
    add(item, state) {
      if (item.added && options.streaming) added.push(item);
      builder.add(item, state);
    },
    done: () => builder.done(),
  };
}

/** What qaContextFor gives a builder that has the length statistics and rereads nothing: it reads no state (see `add`). */
const NO_STATE = Object.freeze({}) as ItemState;

/** The project's QA (locale pack, languages, length statistics over every item given): what check, review and export judge items with. */
export function qaContextFor(
  project: Project,
  items: Iterable<SourceItem>,
  states: Pick<ReadonlyMap<string, ItemState>, 'get'>,
  pack?: LocalePack,
  /** The journal files as folded into `states` (SessionJournal.unchangedEnds): the length statistics are cached under them. */
  journalEnds?: ReadonlyMap<string, number>,
): ProjectQa {
  const env = projectQaEnv(project);
  // The near-copy verdicts `check` left (read only: the sessions never save them): no index unless an item needs it.
  env.nearCopyCache = new NearCopyCache(path.join(project.dir, NEAR_COPY_CACHE_FILE));
  const key = journalEnds && lengthStatsKey(project, journalEnds);
  // The item set's digest as a streamed run (or an earlier session) found it: then no item's texts are read.
  const contextKey = journalEnds && datasetContextKey(project, journalEnds);
  const context = contextKey === undefined ? undefined : readDatasetContext(project.dir, contextKey);
  const cached = key === undefined ? undefined : readLengthStats(project.dir, key);
  const lengthStats = cached !== undefined ? cached : context?.lengthStats;
  const builder = qaContextBuilder(pack ? { ...env, pack } : env, {
    ...(lengthStats === undefined ? {} : { lengthStats }),
    ...(context ? { indexDigest: context.indexDigest } : {}),
  });
  // With the statistics cached the builder reads no state: none is made (a session makes its states when asked for).
  let n = 0;
  for (const item of items) {
    builder.add(item, lengthStats === undefined ? states.get(item.id)! : NO_STATE);
    n++;
  }
  const qa = builder.done();
  if (key !== undefined && cached === undefined) writeLengthStats(project.dir, key, qa.ctx.lengthStats);
  if (contextKey !== undefined && !context)
    writeDatasetContext(project.dir, contextKey, { lengthStats: qa.ctx.lengthStats ?? null, indexDigest: qa.indexDigest, items: n });
  return qa;
}

/** QA of items one at a time, with the whole dataset's length statistics (see `openItemQa`). */
export interface ItemQa {
  /** Check one item (no-op without target text); its findings are also kept for `result`. */
  check(item: SourceItem, state: ItemState): ItemFinding[];
  /** Everything found so far, with counts by severity; waived findings are only counted, apart. */
  result(): RunChecksResult & { waivedCounts: Record<Severity, number> };
  warnings: string[];
  /** Near copies of a source in the item's target texts and rationale: for the export's leak guard (ProjectQa.nearCopyVerdict); a promise only when the index must be built first. */
  nearCopies(item: SourceItem, state: ItemState): NearCopyVerdict | Promise<NearCopyVerdict>;
  /** See ProjectQa.prepare. */
  prepare(): Promise<void>;
  /** Writes the QA result cache when it changed (see ProjectQa); returns warnings. */
  saveCache(): string[];
}

/**
 * For commands that stream the source (export): checks item by item with the
 * dataset's length statistics (from `qaContextBuilder`), with the same inputs
 * and context `runProjectQa` uses.
 */
export function openItemQa(qa: ProjectQa): ItemQa {
  const findings: ItemFinding[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  const waivedCounts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  return {
    warnings: qa.env.warnings,
    nearCopies: (item, state) => qa.nearCopyVerdict(item, state),
    prepare: () => qa.prepare(),
    check(item, state) {
      const { open, waived } = qa.review(item, state);
      const found = open.map((f) => ({ ...f, item: item.id }));
      for (const f of found) counts[f.severity]++;
      for (const f of waived) waivedCounts[f.severity]++;
      findings.push(...found);
      return found;
    },
    result: () => ({ findings: [...findings], counts: { ...counts }, waivedCounts: { ...waivedCounts } }),
    saveCache: () => qa.saveCache(),
  };
}
