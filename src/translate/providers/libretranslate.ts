/**
 * LibreTranslate: its facts (the descriptor) and its backend, which needs no
 * SDK: `POST {url}/translate` with `{q: string[], source, target,
 * format: 'text', api_key?}`, answered by `{translatedText: string[]}`.
 * Self-hostable, free: no cost estimate.
 */
import { isLocalUrl } from '../provider.js';
import type { BackendFacts, Provider, ProviderDescriptor, ProviderSettings, Segment, TranslateOptions } from '../provider.js';
import { DEFAULT_TIMEOUT_MS, errorForStatus, errorMessageOf, postJson } from './http-status.js';
import type { FailureContext } from './http-status.js';

/** Our BCP 47 tag -> LibreTranslate code: base language, except Chinese scripts (zh-Hans / zh-Hant). */
export function libreLanguageCode(tag: string): string {
  const [base = '', sub = ''] = tag.split('-');
  if (base.toLowerCase() === 'zh') return /^(hant|tw|hk|mo)$/i.test(sub) ? 'zh-Hant' : 'zh-Hans';
  return base.toLowerCase();
}

const ENV = { url: 'LIBRETRANSLATE_URL', key: 'LIBRETRANSLATE_API_KEY' } as const;
export const LIBRETRANSLATE_DEFAULT_URL = 'http://localhost:5000';

const facts: BackendFacts<keyof typeof ENV> = {
  name: 'libretranslate',
  label: 'LibreTranslate',
  limits: { maxSegments: 50, maxRequestBytes: 50_000, defaultConcurrency: 2, typicalRequestMs: 5000 },
  env: ENV,
};

export const libretranslate: ProviderDescriptor = {
  ...facts,
  summary: 'A LibreTranslate server (self-hosted or libretranslate.com).',
  isTranslation: true,
  env: [
    { name: ENV.url, required: false, secret: false, purpose: `server URL (default ${LIBRETRANSLATE_DEFAULT_URL})` },
    { name: ENV.key, required: false, secret: true, purpose: 'API key, if the server requires one' },
  ],
  options: ['endpoint', 'timeoutMs'],
  capabilities: { context: false, glossaryEntries: false, formality: false },
  sendsDataToThirdParty: (env) => !isLocalUrl(env[ENV.url] ?? LIBRETRANSLATE_DEFAULT_URL),
  // The executor turns a throw (bad settings) into a rejection, as an async create would.
  create: (settings) => new Promise((resolve) => resolve(createProvider(settings))),
};

export class LibreTranslateProvider implements Provider {
  readonly name = facts.name;
  readonly label = facts.label;
  readonly isTranslation = true;
  readonly limits = facts.limits;

  constructor(
    private readonly ctx: FailureContext,
    private readonly opts: { url: string; apiKey: string | undefined; timeoutMs: number },
  ) {}

  cacheKey(): string {
    return 'libretranslate';
  }

  estimateCost(): undefined {
    return undefined;
  }

  async translate(segments: readonly Segment[], from: string, to: string, options: TranslateOptions = {}): Promise<string[]> {
    const body = {
      q: segments.map((s) => s.text),
      source: libreLanguageCode(from),
      target: libreLanguageCode(to),
      format: 'text',
      ...(this.opts.apiKey ? { api_key: this.opts.apiKey } : {}),
    };
    const reply = await postJson(this.ctx, `${this.opts.url}/translate`, body, {
      timeoutMs: this.opts.timeoutMs,
      ...(options.signal ? { signal: options.signal } : {}),
      mapStatus: (status, text, retryAfter) => {
        const said = errorMessageOf(text);
        // LibreTranslate answers a missing/invalid key with 400 or 403 and a message about the key.
        const kind = /api[ _]?key/i.test(said) && (status === 400 || status === 403) ? 'auth' : undefined;
        return errorForStatus(this.ctx, status, { ...(kind ? { kind } : {}), retryAfter, detail: said });
      },
    });
    const out = (reply as { translatedText?: unknown }).translatedText;
    if (!Array.isArray(out) || out.length !== segments.length || !out.every((t) => typeof t === 'string')) {
      throw errorForStatus(this.ctx, 502, {
        kind: 'unavailable',
        detail: `expected translatedText with ${segments.length} strings, got ${JSON.stringify(reply).slice(0, 120)}`,
      });
    }
    return out;
  }
}

export function createProvider(settings: ProviderSettings): LibreTranslateProvider {
  const env = settings.env;
  const url = (settings.endpoint ?? env[ENV.url] ?? LIBRETRANSLATE_DEFAULT_URL).replace(/\/+$/, '');
  const apiKey = env[ENV.key]?.trim() || undefined;
  const ctx: FailureContext = {
    provider: facts.name,
    label: facts.label,
    keyEnv: ENV.key,
    keySet: apiKey !== undefined,
    endpoint: url,
    secrets: apiKey ? [apiKey] : [],
  };
  return new LibreTranslateProvider(ctx, { url, apiKey, timeoutMs: settings.timeoutMs ?? DEFAULT_TIMEOUT_MS });
}
