/**
 * The suggestion model: the `openai` provider's settings (OPENAI_BASE_URL,
 * OPENAI_MODEL, OPENAI_API_KEY, or provider.options of a project using it),
 * its transport and failure handling (translate/providers/http-status.ts,
 * translate/retry.ts). An answer that is not a valid suggestion is asked once
 * more, then reported; it is never used in part.
 */
import { ProviderError, UsageError } from '../errors.js';
import type { Project } from '../project/project.js';
import { isLocalUrl } from '../translate/provider.js';
import { OPENAI_DEFAULT_BASE_URL } from '../translate/providers/openai.js';
import { OPENAI_DEFAULT_TIMEOUT_MS } from '../translate/providers/openai-client.js';
import { RESUME_HINT, detail, errorForStatus, errorMessageOf, postJson, type FailureContext } from '../translate/providers/http-status.js';
import { DEFAULT_RETRY, withRetry, type RetryPolicy } from '../translate/retry.js';
import { parseSuggestion, type SuggestionAnswer } from './answer.js';
import { badAnswer, modelMissing } from './messages.js';

const ENV = { base: 'OPENAI_BASE_URL', key: 'OPENAI_API_KEY', model: 'OPENAI_MODEL' } as const;

export interface ModelSettings {
  base: string;
  model: string;
  apiKey: string | undefined;
  timeoutMs: number;
  /** host[:port] only: what the journal and messages name. */
  host: string;
  local: boolean;
  label: string;
}

export function modelSettings(
  project: Project,
  env: Record<string, string | undefined>,
  flags: { model?: string; endpoint?: string; timeoutMs?: number } = {},
): ModelSettings {
  const own = project.config.provider.name === 'openai' ? (project.config.provider.options ?? {}) : {};
  const model = flags.model ?? own.model ?? env[ENV.model];
  if (!model) throw new UsageError(modelMissing(ENV.model));
  const base = (flags.endpoint ?? own.endpoint ?? env[ENV.base] ?? OPENAI_DEFAULT_BASE_URL).replace(/\/+$/, '').replace(/\/v1$/, '');
  let host = base;
  try {
    host = new URL(base).host;
  } catch {
    throw new UsageError(`The suggestion endpoint "${base}" is not a URL. Set ${ENV.base} (or provider.options.endpoint) to e.g. http://localhost:11434.`);
  }
  return {
    base,
    model,
    apiKey: env[ENV.key]?.trim() || undefined,
    timeoutMs: flags.timeoutMs ?? own.timeoutMs ?? OPENAI_DEFAULT_TIMEOUT_MS,
    host,
    local: isLocalUrl(base),
    label: `${model} (OpenAI-compatible)`,
  };
}

/** A suggestion request failed for good (not a provider failure): the item is reported, nothing recorded. */
export class BadSuggestionError extends ProviderError {}

export async function askModel(
  settings: ModelSettings,
  prompt: string,
  opts: { item: string; retry?: RetryPolicy; signal?: AbortSignal; onRetry?: (message: string) => void },
): Promise<SuggestionAnswer> {
  const ctx: FailureContext = {
    provider: 'openai',
    label: settings.label,
    keyEnv: ENV.key,
    keySet: settings.apiKey !== undefined,
    endpoint: settings.host,
    secrets: settings.apiKey ? [settings.apiKey] : [],
  };
  const once = (): Promise<unknown> =>
    withRetry(
      () =>
        postJson(
          ctx,
          `${settings.base}/v1/chat/completions`,
          { model: settings.model, messages: [{ role: 'user', content: prompt }], temperature: 0, stream: false },
          {
            timeoutMs: settings.timeoutMs,
            ...(opts.signal ? { signal: opts.signal } : {}),
            ...(settings.apiKey ? { headers: { authorization: `Bearer ${settings.apiKey}` } } : {}),
            mapStatus: (status, text, retryAfter) => {
              const kind = status === 429 && /insufficient_quota/i.test(text) ? 'quota' : undefined;
              return errorForStatus(ctx, status, { ...(kind ? { kind } : {}), retryAfter, detail: errorMessageOf(text) });
            },
          },
        ),
      opts.retry ?? DEFAULT_RETRY,
      {
        label: settings.label,
        ...(opts.signal ? { signal: opts.signal } : {}),
        onRetry: (e) => opts.onRetry?.(withoutTranslateHint(e.message)),
      },
    );
  let reason = '';
  for (let attempt = 0; attempt < 2; attempt++) {
    const reply = await once();
    const content = (reply as { choices?: { message?: { content?: unknown } }[] }).choices?.[0]?.message?.content;
    if (typeof content !== 'string') {
      reason = 'no message content';
      continue;
    }
    const parsed = parseSuggestion(content);
    if (parsed.ok) return parsed.value;
    reason = `${parsed.reason}; it said "${detail(content, ctx.secrets).slice(0, 80)}"`;
  }
  throw new BadSuggestionError('openai', badAnswer(settings.label, opts.item, reason));
}

/** The shared transport messages end with how to resume `translate`; a suggestion run says its own. */
export function withoutTranslateHint(message: string): string {
  return message
    .replace(RESUME_HINT, '')
    .replace(/\s{2,}/g, ' ')
    .trim();
}
