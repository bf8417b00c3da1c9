/**
 * The one place where transport failures become our typed errors: an HTTP
 * status (+ Retry-After), a network failure, a timeout. Every backend maps its
 * SDK's errors through here so messages read the same everywhere and always say
 * what to do next. Nothing here imports an SDK.
 */
import { ProviderAuthError, ProviderError, ProviderQuotaError, ProviderRateLimitError, ProviderUnavailableError } from '../../errors.js';

/** Who failed, for messages. Never holds the key itself except in `secrets`, which are redacted. */
export interface FailureContext {
  /** Provider name, e.g. "deepl". */
  provider: string;
  /** Human label, e.g. "DeepL". */
  label: string;
  /** Environment variable holding the key, named in auth messages. */
  keyEnv?: string;
  /** Whether a key was given (changes the advice for 401/403). */
  keySet?: boolean;
  /** Where requests go (no key inside), named in network messages. */
  endpoint?: string;
  /** Values that must never appear in a message or cause (API keys). */
  secrets?: readonly string[];
}

/** Per-request timeout when the user does not set one. */
export const DEFAULT_TIMEOUT_MS = 60_000;

export const RESUME_HINT = 'Everything translated so far is saved; rerun `carefully translate` to resume.';

/** Replace every occurrence of a secret (and its URL-encoded form) with "***". */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const s of secrets) {
    if (s.length < 4) continue; // too short to be a key; replacing it would mangle text
    for (const form of new Set([s, encodeURIComponent(s)])) out = out.split(form).join('***');
  }
  return out;
}

/**
 * A cause that is safe to keep on our error: SDK errors often carry the request
 * config (headers with the key, URLs with `?key=`), so we keep only a redacted
 * name, code and message.
 */
export function safeCause(err: unknown, secrets: readonly string[] = []): Error {
  const e = err instanceof Error ? err : new Error(String(err));
  const copy = new Error(redact(e.message, secrets));
  copy.name = e.name;
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string' || typeof code === 'number') (copy as Error & { code?: unknown }).code = code;
  return copy;
}

/** A short, redacted, single-line excerpt of what the server said. */
export function detail(text: string | undefined, secrets: readonly string[] = []): string {
  if (!text) return '';
  // Servers echo keys masked ("sk-ab************wxyz"); even the visible ends are left out.
  const one = redact(text, secrets)
    .replace(/\S*\*{4,}\S*/g, '***')
    .replace(/\s+/g, ' ')
    .trim();
  return one.length > 200 ? `${one.slice(0, 197)}...` : one;
}

/** Retry-After is either delta-seconds or an HTTP date; returns whole seconds >= 0. */
export function parseRetryAfter(value: string | number | null | undefined, now = Date.now()): number | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.ceil(value) : undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed));
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

export type FailureKind = 'auth' | 'quota' | 'rate' | 'unavailable' | 'other';

/** The default meaning of an HTTP status; backends refine it with the body (e.g. Google's 403 reasons). */
export function classifyStatus(status: number): FailureKind {
  if (status === 401 || status === 403) return 'auth';
  if (status === 456) return 'quota'; // DeepL: character quota exceeded
  if (status === 429) return 'rate';
  if (status === 408 || status >= 500) return 'unavailable';
  return 'other';
}

function authAdvice(ctx: FailureContext): string {
  if (!ctx.keyEnv) return 'Check the credentials for this provider and try again.';
  return ctx.keySet === false ? `It needs an API key: export ${ctx.keyEnv}=... and try again.` : `Check the key and set it again: export ${ctx.keyEnv}=...`;
}

/** An error for a failed HTTP exchange, with advice fitting its kind. */
export function errorForStatus(
  ctx: FailureContext,
  status: number,
  opts: { kind?: FailureKind; retryAfter?: string | number | null; detail?: string; cause?: unknown } = {},
): ProviderError {
  const kind = opts.kind ?? classifyStatus(status);
  const said = detail(opts.detail, ctx.secrets);
  const where = `HTTP ${status}${said ? `: ${said}` : ''}`;
  const cause = opts.cause === undefined ? undefined : safeCause(opts.cause, ctx.secrets);
  switch (kind) {
    case 'auth': {
      const what = ctx.keyEnv && ctx.keySet !== false ? `rejected the key in ${ctx.keyEnv}` : 'refused the request';
      return new ProviderAuthError(ctx.provider, `${ctx.label} ${what} (${where}). ${authAdvice(ctx)}`, { cause });
    }
    case 'quota':
      return new ProviderQuotaError(
        ctx.provider,
        `${ctx.label} says the account's quota is used up (${where}). ${RESUME_HINT} Raise the quota or wait until it resets first.`,
        { cause },
      );
    case 'rate': {
      const seconds = parseRetryAfter(opts.retryAfter ?? undefined);
      const wait = seconds === undefined ? '' : `; it asked to wait ${seconds} s`;
      return new ProviderRateLimitError(
        ctx.provider,
        `${ctx.label} is limiting the request rate (${where}${wait}). carefully waits and retries; if this persists, lower the concurrency. ${RESUME_HINT}`,
        seconds,
        cause,
      );
    }
    case 'unavailable':
      return new ProviderUnavailableError(
        ctx.provider,
        `${ctx.label} had a server error (${where}). carefully retries a few times; if it persists, try again later. ${RESUME_HINT}`,
        cause,
      );
    default:
      return new ProviderError(
        ctx.provider,
        `${ctx.label} refused the request (${where}). This is not temporary: check the provider options (languages, model, glossary) in carefully.json.`,
        { cause },
      );
  }
}

/** A request that got no answer in time. Retryable. */
export function timeoutError(ctx: FailureContext, timeoutMs: number, cause?: unknown): ProviderUnavailableError {
  return new ProviderUnavailableError(
    ctx.provider,
    `${ctx.label} did not answer within ${timeoutMs} ms${ctx.endpoint ? ` (${redact(ctx.endpoint, ctx.secrets)})` : ''}. ` +
      `carefully retries a few times; if the provider is just slow, raise provider.options.timeoutMs in carefully.json. ${RESUME_HINT}`,
    cause === undefined ? undefined : safeCause(cause, ctx.secrets),
  );
}

/** No HTTP answer at all: refused, reset, DNS. Retryable (bounded by the engine). */
export function networkError(ctx: FailureContext, cause: unknown): ProviderUnavailableError {
  const safe = safeCause(cause, ctx.secrets);
  const code = (safe as { code?: unknown }).code;
  const why = typeof code === 'string' ? code : detail(safe.message, ctx.secrets) || 'connection failed';
  return new ProviderUnavailableError(
    ctx.provider,
    `Could not reach ${ctx.label}${ctx.endpoint ? ` at ${redact(ctx.endpoint, ctx.secrets)}` : ''} (${why}). ` +
      `Check the network and the endpoint setting; carefully retries a few times. ${RESUME_HINT}`,
    safe,
  );
}

/**
 * Bounds a call whose SDK offers no (working) timeout or cancellation: rejects
 * with a retryable timeout error after `timeoutMs`, or with the signal's reason
 * when the user aborts. The SDK call itself keeps running until its socket ends;
 * its late result is ignored.
 */
export function withDeadline<T>(ctx: FailureContext, work: Promise<T>, timeoutMs: number | undefined, signal?: AbortSignal): Promise<T> {
  // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the caller's abort reason, unchanged, whatever its type
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const timer = timeoutMs === undefined ? undefined : setTimeout(() => finish(() => reject(timeoutError(ctx, timeoutMs))), timeoutMs);
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the caller's abort reason, unchanged
    const onAbort = (): void => finish(() => reject(signal?.reason));
    signal?.addEventListener('abort', onAbort, { once: true });
    let done = false;
    function finish(settle: () => void): void {
      if (done) return;
      done = true;
      if (timer !== undefined) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      settle();
    }
    work.then(
      (v) => finish(() => resolve(v)),
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the work's own error, unchanged
      (e: unknown) => finish(() => reject(e)),
    );
  });
}

/**
 * POST a JSON body with global fetch and return the parsed JSON reply, mapping
 * every failure: non-2xx via `mapStatus` (default errorForStatus), no answer in
 * `timeoutMs` -> timeout error, network failure -> networkError, user abort ->
 * the signal's reason.
 */
export async function postJson(
  ctx: FailureContext,
  url: string,
  body: unknown,
  opts: {
    headers?: Record<string, string>;
    timeoutMs: number;
    signal?: AbortSignal;
    mapStatus?: (status: number, text: string, retryAfter: string | null) => ProviderError;
  },
): Promise<unknown> {
  const timeout = AbortSignal.timeout(opts.timeoutMs);
  const signal = opts.signal ? AbortSignal.any([timeout, opts.signal]) : timeout;
  let res: Response;
  let text: string;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...opts.headers },
      body: JSON.stringify(body),
      signal,
    });
    text = await res.text();
  } catch (err) {
    if (opts.signal?.aborted) throw opts.signal.reason;
    if (timeout.aborted) throw timeoutError(ctx, opts.timeoutMs, err);
    // fetch wraps socket errors: the useful code (ECONNRESET, ECONNREFUSED) is on err.cause
    const inner = (err as { cause?: unknown }).cause;
    throw networkError(ctx, inner instanceof Error ? inner : err);
  }
  if (!res.ok) {
    const retryAfter = res.headers.get('retry-after');
    throw opts.mapStatus ? opts.mapStatus(res.status, text, retryAfter) : errorForStatus(ctx, res.status, { retryAfter, detail: text });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new ProviderUnavailableError(
      ctx.provider,
      `${ctx.label} sent a reply that is not JSON (${detail(text, ctx.secrets) || 'empty'}). carefully retries a few times. ${RESUME_HINT}`,
      safeCause(err, ctx.secrets),
    );
  }
}

/** Pull a human message out of a JSON error body ({error: "..."}, {error: {message}}, {message}, {detail}). */
export function errorMessageOf(text: string): string {
  try {
    const j = JSON.parse(text) as Record<string, unknown>;
    const e = j['error'];
    if (typeof e === 'string') return e;
    if (e && typeof e === 'object' && typeof (e as Record<string, unknown>)['message'] === 'string') {
      return (e as Record<string, string>)['message'] ?? text;
    }
    for (const k of ['message', 'detail']) if (typeof j[k] === 'string') return j[k];
  } catch {
    // not JSON: use the raw text
  }
  return text;
}
