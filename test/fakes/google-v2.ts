/**
 * A fake Google Cloud Translation v2 (Basic) API, as @google-cloud/translate's
 * `v2.Translate` sends it with an API key (build/src/v2/index.js `translate` and
 * `request`): `POST <baseUrl>?key=<key>` where baseUrl ends in
 * /language/translate/v2, JSON body `{q: string[], format, source?, target, model?}`.
 * Reply `{data: {translations: [{translatedText, detectedSourceLanguage?}]}}`.
 * Errors use Google's JSON error format: `{error: {code, message, errors: [{message, domain, reason}], status}}`;
 * a wrong key gets 400 API_KEY_INVALID, as the real API answers.
 */
import { asList, asText, fakeTranslate, pathPattern, startFake } from './http-fake.js';
import type { FakeOptions, FakeServer, Reply } from './http-fake.js';

export const GOOGLE_V2_PATH = '/language/translate/v2';
export const GOOGLE_V2_MAX_SEGMENTS = 128;

/** gRPC status names Google uses in error bodies (v2 JSON and v3 REST alike). */
export const GOOGLE_STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

export function googleErrorReply(status: number, f: { reason?: string; message?: string }): Reply {
  const message = f.message ?? (f.reason ? `Quota or limit: ${f.reason}` : (GOOGLE_STATUS_NAMES[status] ?? 'Error'));
  const reason = f.reason ?? (status === 403 ? 'forbidden' : status === 429 ? 'rateLimitExceeded' : status >= 500 ? 'backendError' : 'badRequest');
  const domain = /Limit|quota/i.test(reason) ? 'usageLimits' : 'global';
  return {
    status,
    body: { error: { code: status, message, errors: [{ message, domain, reason }], status: GOOGLE_STATUS_NAMES[status] ?? 'UNKNOWN' } },
  };
}

export async function startFakeGoogleV2(opts: FakeOptions = {}): Promise<FakeServer> {
  return startFake(
    {
      provider: 'google-v2',
      routes: [
        {
          name: 'translate',
          method: 'POST',
          match: pathPattern(GOOGLE_V2_PATH),
          auth: true,
          handle(req, _p, core) {
            const b = (req.body ?? {}) as Record<string, unknown>;
            const q = asList(b['q']);
            const target = asText(b['target'] ?? '');
            if (!target) return googleErrorReply(400, { message: 'Missing required field target' });
            if (q.length > GOOGLE_V2_MAX_SEGMENTS) return googleErrorReply(400, { message: 'Too many text segments' });
            core.countTranslated(q);
            return {
              status: 200,
              body: {
                data: {
                  translations: q.map((t) => ({
                    translatedText: fakeTranslate(t, target),
                    ...(b['source'] ? {} : { detectedSourceLanguage: 'ja' }),
                  })),
                },
              },
            };
          },
          malformed(req) {
            const q = asList((req.body as Record<string, unknown> | undefined)?.['q']);
            return { status: 200, body: { data: { translations: q.slice(1).map((t) => ({ translatedText: t })) } } };
          },
        },
      ],
      credential(_headers, query) {
        const key = query['key'];
        delete query['key']; // never recorded
        return key;
      },
      errorReply: googleErrorReply,
      authFailure: () => {
        const r = googleErrorReply(400, { message: 'API key not valid. Please pass a valid API key.', reason: 'badRequest' });
        const e = (r.body as { error: Record<string, unknown> }).error;
        e['details'] = [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com' }];
        return r;
      },
    },
    opts,
  );
}
