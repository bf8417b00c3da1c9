/**
 * Planning a translation run: which texts to send, in which requests, at what
 * cost. Used by the engine before every run and alone for `--dry-run`, also
 * when the provider cannot be created here (no key yet): the plan then uses
 * the backend's published limits and list price (its descriptor), which need
 * no SDK and no key.
 */
import type { SourceItem } from '../dataset/item.js';
import { estimateWith } from './provider.js';
import type { CostEstimate, ProviderDescriptor, ProviderLimits, ProviderName, Segment } from './provider.js';
import type { TranslationCache } from './cache.js';
import { cacheKeyer } from './cache.js';
import { codePoints, packWithContext, planBatches, type ItemSegments } from './batches.js';
import type { ContextMode } from './provider-options.js';

/** What planning needs of a provider: a live backend, or its static facts. */
export interface PlanProvider {
  name: ProviderName;
  label: string;
  isTranslation: boolean;
  limits: ProviderLimits;
  supportsContext?: boolean;
  /** Most UTF-8 bytes of context per request (needed for packed context). */
  contextMaxBytes?: number;
  /** Absent for static facts: the cache cannot be consulted without the backend's settings. */
  cacheKey?: () => string;
  estimateCost(characters: number): CostEstimate | undefined;
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
  /** Distinct texts among the segments: each is sent (and billed) at most once. */
  uniqueSegments: number;
  /** Unique segments already in the cache (not sent, not billed). */
  cachedSegments: number;
  /** Requests needed for the rest, at the provider's batch limits. */
  requests: number;
  /** Characters that would be billed: code points of the unique uncached texts. */
  characters: number;
  cost?: CostEstimate;
  /** Set when the provider takes per-request context: whether context characters are billed. */
  context?: { billed: boolean };
  /** Whether requests carry the items' other-language versions as context. */
  usesContext: boolean;
  /** Which context: one item's per request, the request's items' joined (packed), or none. */
  contextMode: ContextMode;
  /** Concurrent requests the run uses (set by the engine). */
  concurrency?: number;
  /** Rough wall time of the requests at that concurrency, from the provider's typical request time (set by the engine). */
  expectedSeconds?: number;
  /** The typical request time that estimate assumes. */
  typicalRequestMs?: number;
  /** Glossary terms sent to the provider, and where they come from. */
  glossary?: { terms: number; sources: string[] };
  /** Set when the plan comes from static facts because the provider could not be created (e.g. no key). */
  note?: string;
  /** Things the user should know that do not stop the run. */
  warnings?: string[];
}

/** A unique text to translate; `key` is its translation-cache key. */
export interface Unit extends Segment {
  key: string;
}

export interface WorkPlan {
  plan: TranslatePlan;
  /** Cache keys of each item's question and answer. */
  itemKeys: Map<string, { question: string; answer: string }>;
  /** Units not in the cache, packed into requests. */
  batches: Unit[][];
}

/**
 * The texts of an item in the source language, and the other language's
 * version as context, for providers that take it (it steers word choice).
 */
export function sourceTexts(item: SourceItem, from: string): { question: string; answer: string; context?: string } {
  const other = from === 'en' ? [item.question, item.answer] : [item.questionEn, item.answerEn];
  const context = other.filter((t): t is string => !!t && t.trim() !== '').join('\n\n');
  return { ...sourceTextPair(item, from), ...(context ? { context } : {}) };
}

/** The question and answer in the source language: what is sent to translate. */
export function sourceTextPair(item: SourceItem, from: string): { question: string; answer: string } {
  return from === 'en' ? { question: item.questionEn ?? '', answer: item.answerEn ?? '' } : { question: item.question, answer: item.answer };
}

/**
 * The cache key of a run's texts. It names the provider, every option that changes its
 * output (provider.cacheKey(): model, formality, glossary...), the languages,
 * whether context was sent, and the text, but not the context itself: identical
 * texts are sent once per run (with the context of the first item that has
 * them), so billed characters equal unique source characters and a rerun hits
 * the cache whatever item a text belongs to. One keyer serves every text of a run.
 */
export function unitKeyer(provider: string, options: string, from: string, to: string, context: ContextMode): (text: string) => string {
  return cacheKeyer({ provider, options: context === 'off' ? options : `${options};context=${context}`, from, to });
}

/** Plan the work for `todo` items: dedupe, subtract the cache, batch to the limits, price. */
export function planWork(args: {
  todo: readonly SourceItem[];
  from: string;
  to: string;
  provider: PlanProvider;
  context: ContextMode;
  cache?: TranslationCache;
}): WorkPlan {
  const { todo, from, to, provider, context: mode } = args;
  const usesContext = mode !== 'off';
  const options = provider.cacheKey?.() ?? '(static plan)';
  const cache = provider.cacheKey ? args.cache : undefined;
  const itemKeys = new Map<string, { question: string; answer: string }>();
  const units = new Map<string, Unit>();
  /** Packed context: each item with the texts it brings first, for packing whole items. */
  const byItem: ItemSegments<Unit>[] = [];
  let segments = 0;
  const keyOf = unitKeyer(provider.name, options, from, to, mode);
  for (const item of todo) {
    // Without context the English versions need not be joined.
    const t: { question: string; answer: string; context?: string } = usesContext ? sourceTexts(item, from) : sourceTextPair(item, from);
    const context = t.context;
    const q = keyOf(t.question);
    const a = t.answer === t.question ? q : keyOf(t.answer);
    itemKeys.set(item.id, { question: q, answer: a });
    const own: Unit[] = [];
    for (const [key, text] of [
      [q, t.question],
      [a, t.answer],
    ] as const) {
      segments++;
      if (units.has(key)) continue;
      const unit: Unit = { key, text, ...(context ? { context } : {}) };
      units.set(key, unit);
      if (cache?.get(key) === undefined) own.push(unit);
    }
    if (mode === 'packed') byItem.push({ segments: own, ...(context ? { context } : {}) });
  }
  const uncached = [...units.values()].filter((u) => cache?.get(u.key) === undefined);
  const batches =
    mode === 'packed' ? packWithContext(byItem, provider.limits, provider.contextMaxBytes ?? 0) : planBatches(uncached, provider.limits, usesContext);
  const characters = uncached.reduce((n, u) => n + codePoints(u.text), 0);
  const cost = provider.estimateCost(characters);
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
    characters,
    ...(cost ? { cost } : {}),
    usesContext,
    contextMode: mode,
  };
  return { plan, itemKeys, batches };
}

/** A backend's published facts, for planning without creating it (no SDK import, no key). */
export function staticProvider(d: ProviderDescriptor): PlanProvider {
  return {
    name: d.name,
    label: d.label,
    isTranslation: d.isTranslation,
    limits: d.limits,
    supportsContext: d.capabilities.context !== false,
    ...(d.capabilities.context ? { contextMaxBytes: d.capabilities.context.maxBytes } : {}),
    estimateCost: (characters) => estimateWith(d.price, characters),
  };
}
