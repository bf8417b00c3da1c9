/**
 * Bulk machine translation of a project, written once around the Provider
 * interface: pick the items that need MT, dedupe texts, serve what the cache
 * has, batch the rest to the provider's limits, run batches concurrently with
 * bounded retries, and record every finished item (cache first, then journal)
 * before it counts as done. Stopping at any point loses nothing received.
 */
import path from 'node:path';
import { InterruptedError, ProviderError, UsageError } from '../errors.js';
import type { SourceItem } from '../dataset/item.js';
import type { Project } from '../project/project.js';
import { loadState } from '../project/project.js';
import { JournalWriter } from '../project/journal.js';
import { checkAppendable } from '../project/append-file.js';
import { lockProjectRun } from '../project/run-lock.js';
import type { ProviderOptions } from '../project/config.js';
import type { NewEvent } from '../project/events.js';
import type { Provider, ProviderDescriptor, ProviderName } from './provider.js';
import { providerDescriptor } from './registry.js';
import { TranslationCache } from './cache.js';
import { DEFAULT_RETRY, type RetryPolicy } from './retry.js';
import { sendBatch } from './send-batch.js';
import { projectGlossary, type ProviderGlossary } from './glossary.js';
import { planWork, staticProvider, type PlanProvider, type TranslatePlan, type Unit } from './plan.js';
import { dryRunWithoutKey, interrupted, unknownContextMode } from './messages.js';
import { CONTEXT_MODES, type ContextMode } from './provider-options.js';

export type { TranslatePlan } from './plan.js';

export interface TranslateProgress {
  itemsDone: number;
  itemsTotal: number;
  requests: number;
  retries: number;
}

export interface TranslateRunOptions {
  project: Project;
  author: string;
  /** Overrides the project's provider. */
  provider?: ProviderName;
  /** Overrides merged over the project's provider options. */
  options?: ProviderOptions;
  env?: Record<string, string | undefined>;
  dryRun?: boolean;
  /** Translate at most this many items (in source order). */
  limit?: number;
  concurrency?: number;
  /** Default: DEFAULT_RETRY. */
  retry?: RetryPolicy;
  /** Stop sending: requests in flight are awaited (they are billed) and saved (a first Ctrl-C). */
  stop?: AbortSignal;
  /** Stop now: requests in flight are aborted; what was received is still saved (a second Ctrl-C). */
  signal?: AbortSignal;
  /** Wait for another run holding the project lock instead of failing at once (exit 75). */
  wait?: boolean;
  /** Told once when waiting for the project lock. */
  onWait?: (message: string) => void;
  onProgress?: (p: TranslateProgress) => void;
  onRetry?: (message: string) => void;
  /** Tests and benchmarks may pass a ready provider. */
  providerInstance?: Provider;
}

export interface TranslateResult extends TranslatePlan {
  dryRun: boolean;
  translatedItems: number;
  requestsSent: number;
  charactersSent: number;
  retries: number;
  /** Items that still need MT after this run (0 when complete). */
  remainingItems: number;
  /** Texts the provider could not translate (too long, or no usable reply even alone); their items stay untranslated. */
  untranslated: { item: string; field: 'question' | 'answer'; reason: string }[];
  elapsedMs: number;
}

interface Entry {
  key: string;
  text: string;
}

/**
 * Translate a project. A real run holds the project's run lock throughout, and
 * checks that the cache and the journal can be written, before the first request:
 * two runs never send the same texts, and nothing is sent that could not be saved.
 */
export async function translateProject(opts: TranslateRunOptions): Promise<TranslateResult> {
  if (opts.dryRun) return translateLocked(opts);
  const lock = await lockProjectRun(opts.project.dir, 'carefully translate', {
    wait: !!opts.wait,
    ...(opts.onWait ? { onWait: opts.onWait } : {}),
    signal: AbortSignal.any([opts.stop, opts.signal].filter((x): x is AbortSignal => x !== undefined)),
  });
  try {
    return await translateLocked(opts);
  } finally {
    lock.release();
  }
}

async function translateLocked(opts: TranslateRunOptions): Promise<TranslateResult> {
  const started = Date.now();
  const { project } = opts;
  const { from, to } = project.config.languages;
  const env = opts.env ?? process.env;
  const providerName = opts.provider ?? project.config.provider.name;
  const options: ProviderOptions = { ...(project.config.provider.options ?? {}), ...(opts.options ?? {}) };
  const retry = opts.retry ?? DEFAULT_RETRY;

  // Unknown names fail here, as a usage error; a ready instance needs no descriptor.
  const descriptor: ProviderDescriptor | undefined = opts.providerInstance ? undefined : providerDescriptor(providerName);
  const warnings: string[] = [];
  const glossary = descriptor ? glossaryFor(descriptor, project, options, from, to, warnings) : undefined;
  // Importing an SDK and reading the source overlap: both take a while before the first request.
  const [created, { items, states }] = await Promise.all([
    opts.providerInstance
      ? { provider: opts.providerInstance }
      : descriptor!.create({ ...options, ...(glossary ? { glossary: glossary.entries } : {}), stateDir: path.join(project.dir, 'cache'), env }).then(
          (p) => ({ provider: p }),
          (error: unknown) => ({ error }),
        ),
    loadState(project),
  ]);
  let note: string | undefined;
  const provider: Provider | undefined = 'provider' in created ? created.provider : undefined;
  if ('error' in created) {
    const e = created.error;
    // A dry run needs no key: plan with the backend's published limits and price instead.
    if (!(opts.dryRun && e instanceof ProviderError && descriptor)) throw e;
    note = dryRunWithoutKey(e.message.trim());
  }
  const facts: PlanProvider = provider ?? staticProvider(descriptor!);
  const contextMode = chooseContext(facts, options);

  // Pseudo-localized drafts (a demo or dry run) never count as translated once a real provider is chosen.
  const replacesPseudo = facts.isTranslation;
  let todo = items.filter((i) => {
    if (i.added) return false; // written in the target language: nothing to translate
    const mt = states.get(i.id)?.mt;
    return !mt || mt.sourceHash !== i.sourceHash || (replacesPseudo && !mt.isTranslation);
  });
  if (opts.limit !== undefined) todo = todo.slice(0, opts.limit);

  const cache = new TranslationCache(project.dir);
  const { plan, itemKeys, batches } = planWork({ todo, from, to, provider: facts, context: contextMode, cache });
  const concurrency = Math.max(1, opts.concurrency ?? options.concurrency ?? facts.limits.defaultConcurrency);
  plan.concurrency = concurrency;
  if (facts.limits.typicalRequestMs !== undefined) {
    plan.typicalRequestMs = facts.limits.typicalRequestMs;
    plan.expectedSeconds = (Math.ceil(plan.requests / concurrency) * facts.limits.typicalRequestMs) / 1000;
  }
  if (facts.supportsContext) {
    const cap = descriptor?.capabilities.context;
    plan.context = { billed: cap ? cap.billed : true };
  }
  if (glossary && glossary.entries.length > 0) plan.glossary = { terms: glossary.entries.length, sources: glossary.sources };
  if (note) plan.note = note;
  if (warnings.length > 0) plan.warnings = warnings;
  const result: TranslateResult = {
    ...plan,
    dryRun: !!opts.dryRun,
    translatedItems: 0,
    requestsSent: 0,
    charactersSent: 0,
    retries: 0,
    remainingItems: todo.length,
    untranslated: [],
    elapsedMs: 0,
  };
  if (opts.dryRun || !provider) return { ...result, elapsedMs: Date.now() - started };
  const live: Provider = provider;

  const journal = new JournalWriter(project.dir, opts.author);
  await checkAppendable([cache.file, journal.file]);
  const pendingByKey = new Map<string, SourceItem[]>();
  for (const item of todo) {
    const k = itemKeys.get(item.id)!;
    for (const key of new Set([k.question, k.answer])) {
      const list = pendingByKey.get(key);
      if (list) list.push(item);
      else pendingByKey.set(key, [item]);
    }
  }
  const done = new Set<string>();
  const progress = () => opts.onProgress?.({ itemsDone: done.size, itemsTotal: todo.length, requests: result.requestsSent, retries: result.retries });

  /** Items whose question and answer are now both known, as mt events. */
  const completed = (keys: Iterable<string>): NewEvent[] => {
    const events: NewEvent[] = [];
    for (const key of keys) {
      for (const item of pendingByKey.get(key) ?? []) {
        if (done.has(item.id)) continue;
        const k = itemKeys.get(item.id)!;
        const question = cache.get(k.question);
        const answer = cache.get(k.answer);
        if (question === undefined || answer === undefined) continue;
        done.add(item.id);
        events.push({
          type: 'mt',
          item: item.id,
          sourceHash: item.sourceHash,
          provider: live.name,
          label: live.label,
          isTranslation: live.isTranslation,
          question,
          answer,
        });
      }
    }
    return events;
  };

  // Items whose texts are all cached already (a crash between cache and journal, shared texts).
  const initial = completed(pendingByKey.keys());
  if (initial.length > 0) await journal.append(initial);
  result.translatedItems = done.size;
  progress();

  // Group commit: one writer at a time takes every batch received meanwhile, and writes
  // the cache first, then the journal (a crash between the two never bills twice).
  // A batch's promise settles once it is on disk; only then does it count as done.
  const queue: { entries: Entry[]; resolve: () => void; reject: (e: unknown) => void }[] = [];
  let writer: Promise<void> | undefined;
  const flush = async (): Promise<void> => {
    while (queue.length > 0) {
      const jobs = queue.splice(0);
      const entries = jobs.flatMap((j) => j.entries);
      try {
        await cache.add(entries);
        const events = completed(entries.map((e) => e.key));
        if (events.length > 0) await journal.append(events);
        result.translatedItems = done.size;
        progress();
        for (const j of jobs) j.resolve();
      } catch (e) {
        for (const j of jobs) j.reject(e);
      }
    }
    writer = undefined;
  };
  const record = (entries: Entry[]): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      queue.push({ entries, resolve, reject });
      writer ??= flush();
    });

  const untranslatable = (unit: Unit, reason: string) => {
    for (const item of pendingByKey.get(unit.key) ?? []) {
      const k = itemKeys.get(item.id)!;
      for (const field of ['question', 'answer'] as const) if (k[field] === unit.key) result.untranslated.push({ item: item.id, field, reason });
    }
  };
  const stopped = () => !!opts.stop?.aborted || !!opts.signal?.aborted;
  let next = 0;
  let failure: unknown;
  const worker = async () => {
    while (failure === undefined && !stopped() && next < batches.length) {
      const batch = batches[next++]!;
      try {
        const texts = await sendBatch(batch, {
          provider: live,
          from,
          to,
          retry,
          ...(opts.signal ? { abort: opts.signal } : {}),
          ...(opts.stop ? { stop: opts.stop } : {}),
          onRequest: (characters) => {
            result.requestsSent++;
            result.charactersSent += characters;
          },
          onRetry: (message) => {
            result.retries++;
            opts.onRetry?.(message);
          },
          onUntranslatable: untranslatable,
        });
        // Not awaited: the next request goes out while this batch is written. It counts as
        // done only once on disk, and the run ends only after every write has finished.
        const entries = batch.flatMap((u, i) => (texts[i] === undefined ? [] : [{ key: u.key, text: texts[i] }]));
        record(entries).catch((e: unknown) => {
          failure ??= e;
        });
      } catch (e) {
        failure ??= e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(batches.length, 1)) }, worker));
  while (writer) await writer; // every batch received is on disk (or its write failed) before we report

  result.remainingItems = todo.length - done.size;
  result.elapsedMs = Date.now() - started;
  if (stopped()) {
    throw new InterruptedError(interrupted(done.size, result.remainingItems));
  }
  if (failure !== undefined) {
    // The caller says what was kept and how to resume, from this data.
    if (failure instanceof ProviderError) failure.progress = { saved: done.size, remaining: result.remainingItems };
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- rethrows what a provider or the writer threw, unchanged
    throw failure;
  }
  return result;
}

/**
 * The context mode: `context` if set, else `useContext: false` means off; by
 * default packed where the provider has a context budget, else one item's per request.
 */
function chooseContext(facts: PlanProvider, options: ProviderOptions): ContextMode {
  if (!facts.supportsContext) return 'off';
  const asked = options.context ?? (options.useContext === false ? 'off' : undefined);
  if (asked !== undefined && !(CONTEXT_MODES as readonly string[]).includes(asked)) throw new UsageError(unknownContextMode(asked));
  const mode = (asked as ContextMode | undefined) ?? 'packed';
  return mode === 'packed' && !facts.contextMaxBytes ? 'item' : mode;
}

/**
 * Locale pack + project glossary terms, for backends that take entries, when
 * the provider supports the language pair (else a warning: the terms still
 * drive QA). A configured `glossaryId` the backend reads replaces them.
 */
function glossaryFor(
  d: ProviderDescriptor,
  project: Project,
  options: ProviderOptions,
  from: string,
  to: string,
  warnings: string[],
): ProviderGlossary | undefined {
  const takes = d.capabilities.glossaryEntries;
  if (takes === false || (options.glossaryId && d.options.includes('glossaryId'))) return undefined;
  const glossary = projectGlossary(project);
  const base = (tag: string) => tag.split('-')[0]!.toLowerCase();
  if (takes.languages && ![from, to].every((l) => takes.languages!.includes(base(l)))) {
    if (glossary.entries.length > 0)
      warnings.push(`${d.label} has no glossaries for ${from} -> ${to}; the ${glossary.entries.length} glossary term(s) are not sent (QA still checks them).`);
    return undefined;
  }
  return glossary;
}
