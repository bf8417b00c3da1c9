/**
 * The Google Cloud Translation Basic (v2) backend (its facts are in google-v2.ts), via @google-cloud/translate's `v2.Translate`,
 * with an API key. Always `format: 'text'`: the SDK would otherwise guess HTML
 * from the first text and Google would then unescape/strip markup-like text.
 */
import type { v2 } from '@google-cloud/translate';
// Only the v2 client: the package's index also loads v3 (gax, gRPC, protobufs), about 160 ms more.
import { Translate } from '@google-cloud/translate/build/src/v2/index.js';
import { ProviderAuthError, ProviderError } from '../../errors.js';
import { estimateWith } from '../provider.js';
import type { BackendFacts, CostEstimate, Provider, ProviderSettings, Segment, TranslateOptions } from '../provider.js';
import { DEFAULT_TIMEOUT_MS, errorForStatus, networkError, withDeadline } from './http-status.js';
import type { FailureContext, FailureKind } from './http-status.js';
import { googleKeyMissing } from '../messages.js';

export const GOOGLE_V2_DEFAULT_BASE_URL = 'https://translation.googleapis.com/language/translate/v2';

/** Our BCP 47 tag -> Google's code. Google names Chinese by region (zh-CN / zh-TW); the rest pass through. */
export function googleLanguageCode(tag: string): string {
  const [base = '', sub = ''] = tag.split('-');
  if (base.toLowerCase() === 'zh') return /^(hant|tw|hk|mo)$/i.test(sub) ? 'zh-TW' : 'zh-CN';
  return tag;
}

/**
 * Google's JSON error body, as @google-cloud/common's ApiError / gax's GoogleError
 * expose it, -> our error kind. 403 is overloaded: a bad key, a disabled API, or
 * a quota (by `reason`).
 */
export function googleFailureKind(status: number, reasons: readonly string[], message: string): FailureKind {
  const has = (...r: string[]): boolean => reasons.some((x) => r.includes(x));
  if (has('dailyLimitExceeded', 'quotaExceeded', 'billingNotEnabled')) return 'quota';
  if (has('userRateLimitExceeded', 'rateLimitExceeded')) return 'rate';
  if (has('keyInvalid', 'API_KEY_INVALID', 'keyExpired', 'API_KEY_EXPIRED') || /API key (not valid|expired)/i.test(message)) return 'auth';
  if (status === 401 || status === 403) return 'auth';
  if (status === 429) return /per day|daily/i.test(message) ? 'quota' : 'rate';
  if (status === 408 || status >= 500) return 'unavailable';
  return 'other';
}

interface ApiErrorLike {
  code?: unknown;
  message?: string;
  errors?: { reason?: string; message?: string }[];
  response?: { headers?: Record<string, string> };
}

/** What google-v2.ts hands the backend. */
export type GoogleV2Facts = BackendFacts<'key' | 'endpoint'>;

export class GoogleV2Provider implements Provider {
  readonly name: string;
  readonly label: string;
  readonly isTranslation = true;
  readonly limits: GoogleV2Facts['limits'];

  constructor(
    private readonly facts: GoogleV2Facts,
    private readonly client: v2.Translate,
    private readonly ctx: FailureContext,
    private readonly opts: { model: string | undefined; timeoutMs: number },
  ) {
    this.name = facts.name;
    this.label = facts.label;
    this.limits = facts.limits;
  }

  cacheKey(): string {
    return `google-v2;model=${this.opts.model ?? 'default'}`;
  }

  estimateCost(characters: number): CostEstimate | undefined {
    return estimateWith(this.facts.price, characters);
  }

  async translate(segments: readonly Segment[], from: string, to: string, options: TranslateOptions = {}): Promise<string[]> {
    const request: v2.TranslateRequest = { from: googleLanguageCode(from), to: googleLanguageCode(to), format: 'text' };
    if (this.opts.model) request.model = this.opts.model;
    let out: string[];
    try {
      // With an API key the SDK sets no timeout it honours (node-fetch 3 ignores `timeout`), hence the deadline.
      [out] = await withDeadline(
        this.ctx,
        this.client.translate(
          segments.map((s) => s.text),
          request,
        ),
        this.opts.timeoutMs,
        options.signal,
      );
    } catch (err) {
      throw this.mapError(err);
    }
    if (out.length !== segments.length) {
      throw errorForStatus(this.ctx, 502, { kind: 'unavailable', detail: `expected ${segments.length} translations, got ${out.length}` });
    }
    return out;
  }

  private mapError(err: unknown): unknown {
    const e = err as ApiErrorLike;
    if (!(err instanceof Error) || err instanceof ProviderError || err.name === 'AbortError') return err; // ours already, or an abort
    if (typeof e.code !== 'number') return networkError(this.ctx, err); // node-fetch FetchError: reset, refused
    const reasons = (e.errors ?? []).map((x) => x.reason ?? '');
    const message = e.message ?? '';
    return errorForStatus(this.ctx, e.code, {
      kind: googleFailureKind(e.code, reasons, message),
      retryAfter: e.response?.headers?.['retry-after'],
      detail: [message, ...reasons.filter(Boolean)].join(' / '),
      cause: err,
    });
  }
}

export function createProvider(settings: ProviderSettings, facts: GoogleV2Facts): GoogleV2Provider {
  const env = settings.env;
  const key = env[facts.env.key]?.trim();
  if (!key) {
    throw new ProviderAuthError(facts.name, googleKeyMissing(facts.env.key));
  }
  const endpoint = settings.endpoint ?? env[facts.env.endpoint];
  // A bare host is an https apiEndpoint; a full URL (http:// for emulators and tests) is the base URL,
  // with the v2 path added to a bare origin.
  const isUrl = endpoint !== undefined && /^https?:\/\//i.test(endpoint);
  const client = new Translate({
    key,
    ...(endpoint && !isUrl ? { apiEndpoint: endpoint } : {}),
    // The engine owns retries; the SDK's own (3 by default) would multiply them.
    autoRetry: false,
  });
  // Set baseUrl in every case: the SDK's constructor lets its endpoint variable in process.env win otherwise.
  if (isUrl) {
    const u = new URL(endpoint);
    client.baseUrl = u.pathname === '/' ? `${u.origin}/language/translate/v2` : endpoint.replace(/\/+$/, '');
  } else {
    client.baseUrl = endpoint ? `https://${endpoint}/language/translate/v2` : GOOGLE_V2_DEFAULT_BASE_URL;
  }
  const ctx: FailureContext = {
    provider: facts.name,
    label: facts.label,
    keyEnv: facts.env.key,
    keySet: true,
    endpoint: client.baseUrl,
    secrets: [key],
  };
  return new GoogleV2Provider(facts, client, ctx, { model: settings.model, timeoutMs: settings.timeoutMs ?? DEFAULT_TIMEOUT_MS });
}
