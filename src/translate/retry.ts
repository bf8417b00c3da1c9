/** Bounded retries with backoff around one provider request; Retry-After wins when given. */
import { ProviderError, ProviderRateLimitError } from '../errors.js';
import { RESUME_HINT } from './providers/http-status.js';
import { retriesExhausted } from './messages.js';

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

/** An error's message without its "carefully retries" and resume sentences (said once, by whoever reports it). */
export function retryText(e: Error): string {
  return e.message
    .replace(RESUME_HINT, '')
    .replace(/carefully (?:waits and )?retries(?: a few times)?[;.]\s*(\w?)/, (_m, c: string) => c.toUpperCase())
    .replace(/\s{2,}/g, ' ')
    .trim();
}

export function backoffDelay(attempt: number, policy: RetryPolicy, error: unknown): number {
  if (error instanceof ProviderError && error.retryAfterSeconds !== undefined) return Math.min(error.retryAfterSeconds * 1000, policy.maxDelayMs);
  const exp = Math.min(policy.baseDelayMs * 2 ** attempt, policy.maxDelayMs);
  return exp / 2 + Math.random() * (exp / 2);
}

export async function withRetry<T>(
  run: () => Promise<T>,
  policy: RetryPolicy,
  hooks: { signal?: AbortSignal; label?: string; onRetry?: (error: ProviderError, attempt: number, delayMs: number) => void } = {},
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (e) {
      if (hooks.signal?.aborted) throw e;
      const retryable = e instanceof ProviderError && e.retryable;
      if (!retryable || attempt >= policy.maxRetries) {
        if (retryable && e instanceof ProviderError) {
          const rate = e instanceof ProviderRateLimitError;
          const what = rate ? 'kept refusing with "too many requests"' : 'kept failing';
          // The engine adds how many items remain and that a rerun resumes.
          throw new ProviderError(e.provider, retriesExhausted(hooks.label ?? e.provider, what, attempt + 1, retryText(e), rate), { cause: e });
        }
        throw e;
      }
      const delay = backoffDelay(attempt, policy, e);
      hooks.onRetry?.(e, attempt + 1, delay);
      await sleep(delay, hooks.signal);
    }
  }
}
