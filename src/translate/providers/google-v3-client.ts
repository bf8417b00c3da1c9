/**
 * The Google Cloud Translation Advanced (v3) backend (its facts are in google-v3.ts), via @google-cloud/translate's
 * TranslationServiceClient: a project, a location, Application Default
 * Credentials, `mimeType: 'text/plain'`, optional glossary.
 *
 * Endpoint override (tests, emulators, private proxies): settings.endpoint is
 * a URL; the client then uses the REST transport (`fallback: true`) against
 * that host/port/protocol and google-auth-library's PassThroughClient, i.e. it
 * sends NO credentials. Only use it with endpoints that need none (or a proxy
 * that adds them). Without an override, gRPC + ADC as usual.
 */
import { TranslationServiceClient } from '@google-cloud/translate';
import { PassThroughClient } from 'google-auth-library';
import { ProviderAuthError, ProviderError } from '../../errors.js';
import { estimateWith } from '../provider.js';
import type { BackendFacts, CostEstimate, Provider, ProviderSettings, Segment, TranslateOptions } from '../provider.js';
import { googleFailureKind, googleLanguageCode } from './google-v2-client.js';
import { DEFAULT_TIMEOUT_MS, detail, errorForStatus, errorMessageOf, networkError, safeCause, withDeadline } from './http-status.js';
import type { FailureContext, FailureKind } from './http-status.js';

export const GOOGLE_V3_DEFAULT_LOCATION = 'global';

/** gRPC status codes (google.rpc.Code). */
const Code = {
  CANCELLED: 1,
  UNKNOWN: 2,
  DEADLINE_EXCEEDED: 4,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  ABORTED: 10,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  UNAUTHENTICATED: 16,
} as const;

/** What an HTTP status would be for each gRPC code, for messages that read like the other backends'. */
const HTTP_OF: Record<number, number> = { 3: 400, 4: 504, 5: 404, 7: 403, 8: 429, 9: 400, 13: 500, 14: 503, 16: 401 };

export function grpcFailureKind(code: number, message: string): FailureKind {
  switch (code) {
    case Code.UNAUTHENTICATED:
    case Code.PERMISSION_DENIED:
      return 'auth';
    case Code.RESOURCE_EXHAUSTED:
      // Per-minute quotas pass; a per-day quota does not until tomorrow.
      return /per day|daily/i.test(message) ? 'quota' : 'rate';
    case Code.UNAVAILABLE:
    case Code.INTERNAL:
    case Code.DEADLINE_EXCEEDED:
    case Code.ABORTED:
    case Code.UNKNOWN:
      return 'unavailable';
    default:
      return 'other';
  }
}

/** A full resource name, or a short ID placed under the project and location. */
function resourceName(value: string, parent: string, collection: string): string {
  return value.startsWith('projects/') ? value : `${parent}/${collection}/${value}`;
}

/** What google-v3.ts hands the backend. */
export type GoogleV3Facts = BackendFacts<'project' | 'credentials'>;

export class GoogleV3Provider implements Provider {
  readonly name: string;
  readonly label: string;
  readonly isTranslation = true;
  readonly limits: GoogleV3Facts['limits'];
  private readonly parent: string;

  constructor(
    private readonly facts: GoogleV3Facts,
    private readonly client: TranslationServiceClient,
    private readonly ctx: FailureContext,
    private readonly opts: { projectId: string; location: string; glossaryId?: string; model?: string; timeoutMs: number },
  ) {
    this.name = facts.name;
    this.label = facts.label;
    this.limits = facts.limits;
    this.parent = `projects/${opts.projectId}/locations/${opts.location}`;
  }

  cacheKey(): string {
    return `google-v3;model=${this.opts.model ?? 'default'};glossary=${this.opts.glossaryId ?? 'none'}`;
  }

  estimateCost(characters: number): CostEstimate | undefined {
    return estimateWith(this.facts.price, characters);
  }

  async translate(segments: readonly Segment[], from: string, to: string, options: TranslateOptions = {}): Promise<string[]> {
    const glossary = this.opts.glossaryId ? resourceName(this.opts.glossaryId, this.parent, 'glossaries') : undefined;
    const request = {
      parent: this.parent,
      contents: segments.map((s) => s.text),
      mimeType: 'text/plain',
      sourceLanguageCode: googleLanguageCode(from),
      targetLanguageCode: googleLanguageCode(to),
      ...(this.opts.model ? { model: resourceName(this.opts.model, this.parent, 'models') } : {}),
      ...(glossary ? { glossaryConfig: { glossary } } : {}),
    };
    let response;
    try {
      // TranslateText is non-idempotent in the client config (no retry codes); maxRetries: 0 keeps it so.
      // The REST transport ignores gax deadlines, so withDeadline bounds the wait in both transports.
      [response] = await withDeadline(
        this.ctx,
        this.client.translateText(request, { timeout: this.opts.timeoutMs, maxRetries: 0 }),
        this.opts.timeoutMs,
        options.signal,
      );
    } catch (err) {
      throw this.mapError(err);
    }
    // With a glossary, Google returns both versions; the glossary one is what was asked for.
    const list = glossary && response.glossaryTranslations?.length ? response.glossaryTranslations : (response.translations ?? []);
    if (list.length !== segments.length) {
      throw errorForStatus(this.ctx, 502, { kind: 'unavailable', detail: `expected ${segments.length} translations, got ${list.length}` });
    }
    return list.map((t) => t.translatedText ?? '');
  }

  private mapError(err: unknown): unknown {
    if (!(err instanceof Error) || err instanceof ProviderError || err.name === 'AbortError') return err;
    const ctx = this.ctx;
    if (/default credentials|GOOGLE_APPLICATION_CREDENTIALS|credential file|Could not refresh access token|invalid_grant/i.test(err.message)) {
      return new ProviderAuthError(
        ctx.provider,
        `Google Cloud credentials were not found or not accepted (${err.message.split('.')[0]}). ` +
          `Run \`gcloud auth application-default login\`, or set ${this.facts.env.credentials} to a service-account key file, and try again.`,
        { cause: safeCause(err, ctx.secrets) },
      );
    }
    // REST transport: google-auth-library's fetch throws a GaxiosError carrying the HTTP response
    // (status, headers, Google's JSON error body as the message). gRPC: a GoogleError with a gRPC code.
    const response = (err as { response?: { status?: unknown; headers?: unknown } }).response;
    if (typeof response?.status === 'number') {
      const said = errorMessageOf(err.message);
      // A fetch-style Headers (not necessarily the global class) or a plain object, by gaxios version.
      const headers = response.headers as { get?: (name: string) => string | null } | Record<string, string> | undefined;
      const retryAfter = typeof headers?.get === 'function' ? headers.get('retry-after') : (headers as Record<string, string> | undefined)?.['retry-after'];
      const kind = googleFailureKind(response.status, [], said);
      return kind === 'auth' ? this.authError(said, err) : errorForStatus(ctx, response.status, { kind, retryAfter, detail: said, cause: err });
    }
    const code = (err as { code?: unknown }).code;
    if (typeof code !== 'number') {
      // No status: socket reset/refused (string code), or an unparseable reply body (a proxy's HTML page).
      return err instanceof SyntaxError ? errorForStatus(ctx, 502, { kind: 'unavailable', detail: 'reply was not JSON', cause: err }) : networkError(ctx, err);
    }
    const kind = grpcFailureKind(code, err.message);
    if (kind === 'auth') return this.authError(err.message, err);
    return errorForStatus(ctx, HTTP_OF[code] ?? 500, { kind, detail: err.message, cause: err });
  }

  private authError(said: string, cause: Error): ProviderAuthError {
    return new ProviderAuthError(
      this.ctx.provider,
      `${this.label} refused the credentials for project "${this.opts.projectId}" (${detail(said, this.ctx.secrets)}). ` +
        `Check that the Cloud Translation API is enabled there and that your account has the "Cloud Translation API User" role; ` +
        `log in with \`gcloud auth application-default login\` or set ${this.facts.env.credentials}.`,
      { cause: safeCause(cause, this.ctx.secrets) },
    );
  }
}

export function createProvider(settings: ProviderSettings, facts: GoogleV3Facts): GoogleV3Provider {
  const env = settings.env;
  const projectId = settings.projectId ?? env[facts.env.project];
  if (!projectId) {
    throw new ProviderError(
      facts.name,
      `${facts.label} needs a project: set provider.options.projectId in carefully.json or export ${facts.env.project}=my-project.`,
    );
  }
  const location = settings.location ?? GOOGLE_V3_DEFAULT_LOCATION;
  let client: TranslationServiceClient;
  let endpoint = 'translate.googleapis.com';
  if (settings.endpoint) {
    const u = new URL(settings.endpoint);
    const protocol = u.protocol.replace(':', '');
    endpoint = settings.endpoint;
    client = new TranslationServiceClient({
      projectId,
      fallback: true, // REST over HTTP/1.1, so any HTTP server (or a plain proxy) can answer
      apiEndpoint: u.hostname,
      port: Number(u.port || (protocol === 'http' ? 80 : 443)),
      protocol,
      // No credentials to an endpoint we were pointed at by hand (see the file comment).
      // google-gax bundles its own google-auth-library; both versions' clients are interchangeable here.
      authClient: new PassThroughClient() as never,
    });
  } else {
    client = new TranslationServiceClient({ projectId });
  }
  const ctx: FailureContext = { provider: facts.name, label: facts.label, endpoint };
  return new GoogleV3Provider(facts, client, ctx, {
    projectId,
    location,
    ...(settings.glossaryId ? { glossaryId: settings.glossaryId } : {}),
    ...(settings.model ? { model: settings.model } : {}),
    timeoutMs: settings.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  });
}
