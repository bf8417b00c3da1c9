/**
 * Suggestions for items whose checklist proposes adapt or replace: one prompt
 * per item, served from the cache when the same inputs were asked before,
 * else sent to the model with bounded concurrency. Each answer is cached,
 * then recorded as a `suggestion` journal event; the item's target and
 * decision are never touched. Stopping or a provider failure loses nothing
 * received; a rerun resumes.
 */
import { InterruptedError, ProviderError } from '../errors.js';
import type { SourceItem } from '../dataset/item.js';
import { loadState, type Project } from '../project/project.js';
import { readJournal, JournalWriter } from '../project/journal.js';
import { checkAppendable } from '../project/append-file.js';
import { lockProjectRun } from '../project/run-lock.js';
import type { SuggestionEvent } from '../project/events.js';
import type { ItemState } from '../project/state.js';
import { loadProjectLocalePack } from '../locale/locale-pack.js';
import type { LocalePack } from '../locale/locale-pack-types.js';
import { itemDetails } from '../session/item-details.js';
import { applyFilters, parseFilters, type RawFilters } from '../session/filters.js';
import type { RetryPolicy } from '../translate/retry.js';
import type { SuggestionAnswer } from './answer.js';
import { SuggestionCache, suggestionKey } from './cache.js';
import { askModel, BadSuggestionError, modelSettings, type ModelSettings } from './model.js';
import { buildPrompt, loadPromptTemplate, type PromptTemplate } from './prompt.js';
import { interrupted, sourceSentRemote, sourceWithheld } from './messages.js';

export interface SuggestContext {
  project: Project;
  pack: LocalePack;
  settings: ModelSettings;
  template: PromptTemplate;
  sendSource: boolean;
  cache: SuggestionCache;
  /** The warning about the source text and the endpoint, for the caller to show. */
  notice: string | undefined;
}

export function suggestContext(
  project: Project,
  env: Record<string, string | undefined>,
  flags: { model?: string; endpoint?: string; timeoutMs?: number } = {},
): SuggestContext {
  const settings = modelSettings(project, env, flags);
  const loaded = loadProjectLocalePack(project);
  const allowed = project.config.suggest?.sendSource;
  const sendSource = allowed ?? settings.local;
  const notice = sendSource && !settings.local ? sourceSentRemote(settings.host) : !sendSource ? sourceWithheld(settings.host) : undefined;
  return { project, pack: loaded.pack, settings, template: loadPromptTemplate(loaded.resolved), sendSource, cache: new SuggestionCache(project.dir), notice };
}

export function promptFor(ctx: SuggestContext, item: SourceItem, state: ItemState): { prompt: string; key: string } {
  const prompt = buildPrompt(ctx.template, { item, state, pack: ctx.pack, to: ctx.project.config.languages.to, sendSource: ctx.sendSource });
  return { prompt, key: suggestionKey(ctx.settings.model, ctx.settings.host, prompt) };
}

/** The suggestion for one item: from the cache, else from the model (and cached). Records nothing in the journal. */
export async function fetchSuggestion(
  ctx: SuggestContext,
  item: SourceItem,
  state: ItemState,
  opts: { retry?: RetryPolicy; signal?: AbortSignal; onRetry?: (m: string) => void } = {},
): Promise<{ answer: SuggestionAnswer; cached: boolean }> {
  const { prompt, key } = promptFor(ctx, item, state);
  const hit = ctx.cache.get(key);
  if (hit) return { answer: hit, cached: true };
  const answer = await askModel(ctx.settings, prompt, { item: item.id, ...opts });
  await ctx.cache.add(key, answer);
  return { answer, cached: false };
}

export function suggestionEvent(ctx: SuggestContext, item: SourceItem, s: SuggestionAnswer): Omit<SuggestionEvent, 'v' | 'ts' | 'c' | 'author' | 'unit'> {
  return {
    type: 'suggestion',
    item: item.id,
    sourceHash: item.sourceHash,
    model: ctx.settings.model,
    endpoint: ctx.settings.host,
    promptHash: ctx.template.hash,
    sentSource: ctx.sendSource,
    question: s.question,
    answer: s.answer,
    rationale: s.rationale,
    changes: s.changes,
  };
}

export interface SuggestRunOptions {
  project: Project;
  author: string;
  env: Record<string, string | undefined>;
  filters?: RawFilters;
  model?: string;
  endpoint?: string;
  timeoutMs?: number;
  concurrency?: number;
  dryRun?: boolean;
  retry?: RetryPolicy;
  stop?: AbortSignal;
  signal?: AbortSignal;
  wait?: boolean;
  onWait?: (m: string) => void;
  onRetry?: (m: string) => void;
  onProgress?: (done: number, total: number) => void;
}

export interface SuggestResult {
  dryRun: boolean;
  model: string;
  endpoint: string;
  sendSource: boolean;
  notice?: string;
  /** Items whose checklist proposes adapt or replace, in the selection. */
  items: number;
  /** Items whose latest suggestion already answers their current inputs (nothing to do). */
  upToDate: number;
  /** Items served from the cache (no request). */
  cached: number;
  /** Requests a run would send / sent. */
  requests: number;
  /** Size of the prompts to send, in characters, and a rough token estimate (about 3 characters per token for mixed CJK/Latin text). */
  promptCharacters: number;
  estimatedTokens: number;
  suggested: number;
  remaining: number;
  failed: { item: string; reason: string }[];
}

function latestSuggestions(projectDir: string): Map<string, SuggestionEvent> {
  const latest = new Map<string, SuggestionEvent>();
  for (const e of readJournal(projectDir).events) if (e.type === 'suggestion') latest.set(e.item, e);
  return latest;
}

const same = (e: SuggestionEvent | undefined, s: SuggestionAnswer, ctx: SuggestContext, sourceHash: string): boolean =>
  !!e &&
  e.sourceHash === sourceHash &&
  e.model === ctx.settings.model &&
  e.endpoint === ctx.settings.host &&
  e.question === s.question &&
  e.answer === s.answer &&
  e.rationale === s.rationale;

export async function suggestProject(opts: SuggestRunOptions): Promise<SuggestResult> {
  const ctx = suggestContext(opts.project, opts.env, opts);
  const { items, states } = await loadState(opts.project);
  const selected = applyFilters(items, states, parseFilters(opts.filters ?? {}, items)).filter((item) => {
    const s = states.get(item.id)!;
    const proposed = itemDetails(ctx.pack, item, s).proposed;
    return (
      (proposed === 'adapt' || proposed === 'replace-target' || proposed === 'replace-scenario') &&
      s.state !== 'stale' &&
      (s.question !== undefined || s.answer !== undefined)
    );
  });
  const latest = latestSuggestions(opts.project.dir);
  const result: SuggestResult = {
    dryRun: !!opts.dryRun,
    model: ctx.settings.model,
    endpoint: ctx.settings.host,
    sendSource: ctx.sendSource,
    ...(ctx.notice ? { notice: ctx.notice } : {}),
    items: selected.length,
    upToDate: 0,
    cached: 0,
    requests: 0,
    promptCharacters: 0,
    estimatedTokens: 0,
    suggested: 0,
    remaining: 0,
    failed: [],
  };
  const todo: { item: SourceItem; prompt: string; key: string; hit?: SuggestionAnswer }[] = [];
  for (const item of selected) {
    const { prompt, key } = promptFor(ctx, item, states.get(item.id)!);
    const hit = ctx.cache.get(key);
    if (hit && same(latest.get(item.id), hit, ctx, item.sourceHash)) {
      result.upToDate++;
      continue;
    }
    if (hit) result.cached++;
    else {
      result.requests++;
      result.promptCharacters += prompt.length;
    }
    todo.push({ item, prompt, key, ...(hit ? { hit } : {}) });
  }
  result.estimatedTokens = Math.ceil(result.promptCharacters / 3);
  result.remaining = todo.length;
  if (opts.dryRun || todo.length === 0) return result;

  const lock = await lockProjectRun(opts.project.dir, 'carefully suggest', { wait: !!opts.wait, ...(opts.onWait ? { onWait: opts.onWait } : {}) });
  try {
    const journal = new JournalWriter(opts.project.dir, opts.author);
    await checkAppendable([ctx.cache.file, journal.file]);
    let next = 0;
    let failure: ProviderError | undefined;
    const worker = async (): Promise<void> => {
      while (!failure && !opts.stop?.aborted && !opts.signal?.aborted && next < todo.length) {
        const job = todo[next++]!;
        try {
          const answer = job.hit ?? (await askModel(ctx.settings, job.prompt, { item: job.item.id, ...pick(opts) }));
          if (!job.hit) await ctx.cache.add(job.key, answer);
          await journal.append([suggestionEvent(ctx, job.item, answer)]);
          result.suggested++;
          opts.onProgress?.(result.suggested + result.failed.length, todo.length);
        } catch (e) {
          if (e instanceof BadSuggestionError) result.failed.push({ item: job.item.id, reason: e.message });
          else if (e instanceof ProviderError) failure ??= e;
          else if (!opts.signal?.aborted) throw e;
        }
      }
    };
    const n = Math.max(1, Math.min(opts.concurrency ?? opts.project.config.provider.options?.concurrency ?? 2, todo.length));
    await Promise.all(Array.from({ length: n }, worker));
    result.remaining = todo.length - result.suggested;
    if (failure) {
      failure.progress = { saved: result.suggested, remaining: result.remaining };
      throw failure;
    }
    if (opts.stop?.aborted || opts.signal?.aborted) throw new InterruptedError(interrupted(result.suggested, result.remaining));
    return result;
  } finally {
    lock.release();
  }
}

function pick(opts: SuggestRunOptions): { retry?: RetryPolicy; signal?: AbortSignal; onRetry?: (m: string) => void } {
  return { ...(opts.retry ? { retry: opts.retry } : {}), ...(opts.signal ? { signal: opts.signal } : {}), ...(opts.onRetry ? { onRetry: opts.onRetry } : {}) };
}

/**
 * For [p] in the adapt wizard: the suggestion for one item (cache, else the
 * model) and its journal event, not yet written. The model settings are read
 * at the first use, so the wizard starts without them.
 */
export function itemSuggester(
  project: Project,
  env: Record<string, string | undefined>,
  lookup: (id: string) => { item: SourceItem; state: ItemState },
): (id: string) => Promise<SuggestionAnswer & { event: ReturnType<typeof suggestionEvent> }> {
  let ctx: SuggestContext | undefined;
  return async (id) => {
    ctx ??= suggestContext(project, env);
    const { item, state } = lookup(id);
    const { answer } = await fetchSuggestion(ctx, item, state);
    return { ...answer, event: suggestionEvent(ctx, item, answer) };
  };
}
