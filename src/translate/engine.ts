/**
 * Bulk machine translation of a project, written once around the Provider
 * interface: pick the items that need MT, dedupe texts, serve what the cache
 * has, batch the rest to the provider's limits, run batches concurrently with
 * bounded retries, and record every finished item (cache first, then journal)
 * before it counts as done. Stopping at any point loses nothing received.
 */
import path from 'node:path';
import { InterruptedError, ProviderError, ProviderUnavailableError } from '../errors.js';
import type { SourceItem } from '../dataset/item.js';
import type { Project } from '../project/project.js';
import { loadState } from '../project/project.js';
import { JournalWriter } from '../project/journal.js';
import type { ProviderOptions } from '../project/config.js';
import type { NewEvent } from '../project/events.js';
import type { CostEstimate, Provider, ProviderName, Segment } from './provider.js';
import { loadProvider } from './provider-info.js';
import { TranslationCache, cacheKey } from './cache.js';
import { planBatches, codePoints } from './batches.js';
import { withRetry, DEFAULT_RETRY, type RetryPolicy } from './retry.js';

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
  retry?: RetryPolicy;
  signal?: AbortSignal;
  onProgress?: (p: TranslateProgress) => void;
  onRetry?: (message: string) => void;
  /** Tests and benchmarks may pass a ready provider. */
  providerInstance?: Provider;
}

export interface TranslatePlan {
  provider: string;
  label: string;
  isTranslation: boolean;
  from: string;
  to: string;
  /** Items that still need machine translation (after --limit). */
  items: number;
  segments: number;
  uniqueSegments: number;
  /** Unique segments already in the cache (not sent, not billed). */
  cachedSegments: number;
  /** Requests needed for the rest, at the provider's batch limits. */
  requests: number;
  /** Characters that would be billed: code points of the unique uncached texts. */
  characters: number;
  cost?: CostEstimate;
  usesContext: boolean;
}

export interface TranslateResult extends TranslatePlan {
  dryRun: boolean;
  translatedItems: number;
  requestsSent: number;
  charactersSent: number;
  retries: number;
  /** Items that still need MT after this run (0 when complete). */
  remainingItems: number;
  elapsedMs: number;
}

interface Unit extends Segment {
  key: string;
}

function sourceTexts(item: SourceItem, from: string): { question: string; answer: string; context?: string } {
  if (from === 'en') return { question: item.questionEn ?? '', answer: item.answerEn ?? '' };
  // DeepL-style context: the English version of the item, which providers do not bill.
  const context = [item.questionEn, item.answerEn].filter((t): t is string => !!t).join('\n\n');
  return { question: item.question, answer: item.answer, ...(context ? { context } : {}) };
}

export async function translateProject(opts: TranslateRunOptions): Promise<TranslateResult> {
  const started = Date.now();
  const { project } = opts;
  const { from, to } = project.config.languages;
  const providerName = opts.provider ?? project.config.provider.name;
  const options: ProviderOptions = { ...(project.config.provider.options ?? {}), ...(opts.options ?? {}) };
  const provider =
    opts.providerInstance ??
    (await loadProvider(providerName, {
      ...options,
      stateDir: path.join(project.dir, 'cache'),
      env: opts.env ?? process.env,
    }));
  const usesContext = !!provider.supportsContext && options.useContext !== false && from === 'ja';

  const { items, states } = await loadState(project);
  let todo = items.filter((i) => {
    const mt = states.get(i.id)?.mt;
    return !mt || mt.sourceHash !== i.sourceHash;
  });
  if (opts.limit !== undefined) todo = todo.slice(0, opts.limit);

  const cache = new TranslationCache(project.dir);
  const keyOf = (text: string, context?: string) =>
    cacheKey({ provider: provider.name, options: provider.cacheKey(), from, to, text, ...(context && usesContext ? { context } : {}) });

  // Each item needs two segments; identical texts (with the same context) are sent once.
  const itemKeys = new Map<string, { question: string; answer: string }>();
  const units = new Map<string, Unit>();
  let segments = 0;
  for (const item of todo) {
    const t = sourceTexts(item, from);
    const ctx = usesContext ? t.context : undefined;
    const q = keyOf(t.question, ctx);
    const a = keyOf(t.answer, ctx);
    itemKeys.set(item.id, { question: q, answer: a });
    for (const [key, text] of [[q, t.question], [a, t.answer]] as const) {
      segments++;
      if (!units.has(key)) units.set(key, { key, text, ...(ctx ? { context: ctx } : {}) });
    }
  }
  const uncached = [...units.values()].filter((u) => cache.get(u.key) === undefined);
  const batches = planBatches(uncached, provider.limits, usesContext);
  const cost = provider.estimateCost(uncached.reduce((n, u) => n + codePoints(u.text), 0));
  const plan: TranslatePlan = {
    provider: provider.name,
    label: provider.label,
    isTranslation: provider.isTranslation,
    from,
    to,
    items: todo.length,
    segments,
    uniqueSegments: units.size,
    cachedSegments: units.size - uncached.length,
    requests: batches.length,
    characters: uncached.reduce((n, u) => n + codePoints(u.text), 0),
    ...(cost ? { cost } : {}),
    usesContext,
  };
  const result: TranslateResult = { ...plan, dryRun: !!opts.dryRun, translatedItems: 0, requestsSent: 0, charactersSent: 0, retries: 0, remainingItems: todo.length, elapsedMs: 0 };
  if (opts.dryRun) return { ...result, elapsedMs: Date.now() - started };

  const journal = new JournalWriter(project.dir, opts.author);
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
        events.push({ type: 'mt', item: item.id, sourceHash: item.sourceHash, provider: provider.name, label: provider.label, isTranslation: provider.isTranslation, question, answer });
      }
    }
    return events;
  };

  // Writes go one at a time: cache first, so a crash between the two never bills twice.
  let writes: Promise<void> = Promise.resolve();
  const record = (entries: { key: string; text: string }[]) => {
    writes = writes.then(async () => {
      if (entries.length > 0) await cache.add(entries);
      const events = completed(entries.length > 0 ? entries.map((e) => e.key) : pendingByKey.keys());
      if (events.length > 0) await journal.append(events);
      result.translatedItems = done.size;
      progress();
    });
    return writes;
  };

  await record([]); // items whose texts are all cached already
  let next = 0;
  let failure: unknown;
  const worker = async () => {
    while (failure === undefined && !opts.signal?.aborted && next < batches.length) {
      const batch = batches[next++]!;
      try {
        const texts = await withRetry(
          async () => {
            result.requestsSent++;
            result.charactersSent += batch.reduce((n, u) => n + codePoints(u.text), 0);
            const out = await provider.translate(batch, from, to, opts.signal ? { signal: opts.signal } : {});
            if (out.length !== batch.length || out.some((t) => typeof t !== 'string')) {
              throw new ProviderUnavailableError(provider.name, `${provider.label} returned ${out.length} texts for ${batch.length} sent`);
            }
            return out;
          },
          opts.retry ?? DEFAULT_RETRY,
          {
            ...(opts.signal ? { signal: opts.signal } : {}),
            onRetry: (e, attempt, delay) => {
              result.retries++;
              opts.onRetry?.(`${e.message} (retry ${attempt} in ${(delay / 1000).toFixed(1)} s)`);
            },
          },
        );
        await record(batch.map((u, i) => ({ key: u.key, text: texts[i]! })));
      } catch (e) {
        failure ??= e;
      }
    }
  };
  const concurrency = Math.max(1, opts.concurrency ?? options.concurrency ?? provider.limits.defaultConcurrency);
  await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(batches.length, 1)) }, worker));
  await writes;

  result.remainingItems = todo.length - done.size;
  result.elapsedMs = Date.now() - started;
  if (opts.signal?.aborted) {
    throw new InterruptedError(`Interrupted: ${done.size} item(s) translated and saved, ${result.remainingItems} left. Run \`carefully translate\` again to resume; nothing is sent twice.`);
  }
  if (failure !== undefined) {
    if (failure instanceof ProviderError) {
      failure.message = `${failure.message.replace(/\s+$/, '')} ${done.size} item(s) were translated and saved in this run; ${result.remainingItems} of ${todo.length} remain. Rerun \`carefully translate\` to resume; nothing is sent twice.`;
    }
    throw failure;
  }
  return result;
}
