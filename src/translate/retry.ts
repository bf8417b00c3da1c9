/** Bounded retries with backoff around one provider request; Retry-After wins when given. */
import { ProviderError, ProviderRateLimitError, ProviderUnavailableError } from '../errors.js';

export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** First backoff delay; doubles each retry, with jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
}

/** Defaults, referred to by the README. */
export const DEFAULT_RETRY: RetryPolicy = { maxRetries: 5, baseDelayMs: 500, maxDelayMs: 30_000 };

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal!.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function backoffDelay(attempt: number, policy: RetryPolicy, error: unknown): number {
  if (error instanceof ProviderError && error.retryAfterSeconds !== undefined) return Math.min(error.retryAfterSeconds * 1000, policy.maxDelayMs);
  const exp = Math.min(policy.baseDelayMs * 2 ** attempt, policy.maxDelayMs);
  return exp / 2 + Math.random() * (exp / 2);
}

export async function withRetry<T>(
  run: () => Promise<T>,
  policy: RetryPolicy,
  hooks: { signal?: AbortSignal; onRetry?: (error: ProviderError, attempt: number, delayMs: number) => void } = {},
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (e) {
      if (hooks.signal?.aborted) throw e;
      const retryable = e instanceof ProviderError && e.retryable;
      if (!retryable || attempt >= policy.maxRetries) {
        if (retryable && e instanceof ProviderError) {
          const what = e instanceof ProviderRateLimitError ? 'kept refusing with "too many requests"' : e instanceof ProviderUnavailableError ? 'kept failing' : 'kept failing';
          throw new ProviderError(e.provider, `${e.provider} ${what} after ${attempt + 1} attempts (${e.message}). Everything received so far is saved; rerun \`carefully translate\` later to resume, or lower --concurrency.`, { cause: e });
        }
        throw e;
      }
      const delay = backoffDelay(attempt, policy, e);
      hooks.onRetry?.(e as ProviderError, attempt + 1, delay);
      await sleep(delay, hooks.signal);
    }
  }
}
