/**
 * LibreTranslate: `POST {url}/translate` with `{q: string[], source, target,
 * format: 'text', api_key?}`, answered by `{translatedText: string[]}`.
 * Self-hostable, free: no cost estimate.
 */
import { ENV, LIBRETRANSLATE_DEFAULT_URL, LIMITS } from '../provider-info.js';
import type { Provider, ProviderSettings, Segment, TranslateOptions } from '../provider.js';
import { DEFAULT_TIMEOUT_MS, errorForStatus, errorMessageOf, postJson } from './http-status.js';
import type { FailureContext } from './http-status.js';

/** Our BCP 47 tag -> LibreTranslate code: base language, except Chinese scripts (zh-Hans / zh-Hant). */
export function libreLanguageCode(tag: string): string {
  const [base = '', sub = ''] = tag.split('-');
  if (base.toLowerCase() === 'zh') return /^(hant|tw|hk|mo)$/i.test(sub) ? 'zh-Hant' : 'zh-Hans';
  return base.toLowerCase();
}

export class LibreTranslateProvider implements Provider {
  readonly name = 'libretranslate' as const;
  readonly label = 'LibreTranslate';
  readonly isTranslation = true;
  readonly limits = LIMITS.libretranslate;

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
    return out as string[];
  }
}

export function createProvider(settings: ProviderSettings): LibreTranslateProvider {
  const env = settings.env;
  const url = (settings.endpoint ?? env[ENV.libreUrl] ?? LIBRETRANSLATE_DEFAULT_URL).replace(/\/+$/, '');
  const apiKey = env[ENV.libreKey]?.trim() || undefined;
  const ctx: FailureContext = {
    provider: 'libretranslate',
    label: 'LibreTranslate',
    keyEnv: ENV.libreKey,
    keySet: apiKey !== undefined,
    endpoint: url,
    secrets: apiKey ? [apiKey] : [],
  };
  return new LibreTranslateProvider(ctx, { url, apiKey, timeoutMs: settings.timeoutMs ?? DEFAULT_TIMEOUT_MS });
}
