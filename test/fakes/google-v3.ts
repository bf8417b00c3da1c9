/**
 * A fake Google Cloud Translation v3 REST API, as the gax "fallback" (REST)
 * transport of TranslationServiceClient sends it (google-gax
 * build/src/fallbackRest.js + the http rule of TranslateText):
 * `POST /v3/projects/{project}/locations/{location}:translateText?$alt=json%3Benum-encoding=int`
 * with a proto3-JSON body (camelCase, `parent` moved into the path):
 * `{contents, mimeType, sourceLanguageCode, targetLanguageCode, model?, glossaryConfig?: {glossary}}`,
 * headers `x-goog-api-client`, `x-goog-request-params: parent=...`.
 * Reply `{translations: [{translatedText}], glossaryTranslations?: [...]}`; with a
 * glossary the real API returns both lists, so this fake marks the glossary ones "[<target>+glossary]".
 * Errors: `{error: {code, message, status}}` (gax maps `status` to the gRPC code).
 */
import { asText, fakeTranslate, startFake } from './http-fake.js';
import type { FakeOptions, FakeServer, Reply } from './http-fake.js';
import { GOOGLE_STATUS_NAMES } from './google-v2.js';

export const GOOGLE_V3_MAX_SEGMENTS = 1024;
export const GOOGLE_V3_MAX_CODE_POINTS = 30_000;

export function googleV3ErrorReply(status: number, f: { reason?: string; message?: string }): Reply {
  const name = GOOGLE_STATUS_NAMES[status] ?? 'UNKNOWN';
  return { status, body: { error: { code: status, message: f.message ?? `${name}${f.reason ? `: ${f.reason}` : ''}`, status: name } } };
}

/** "/v3/projects/p/locations/l:translateText" or "/v3/projects/p:translateText". */
function matchTranslate(path: string): Record<string, string> | undefined {
  const m = /^\/v3\/projects\/([^/:]+)(?:\/locations\/([^/:]+))?:translateText$/.exec(path);
  return m ? { project: m[1] ?? '', location: m[2] ?? 'global' } : undefined;
}

export async function startFakeGoogleV3(opts: FakeOptions = {}): Promise<FakeServer> {
  return startFake(
    {
      provider: 'google-v3',
      routes: [
        {
          name: 'translate',
          method: 'POST',
          match: matchTranslate,
          auth: false, // the client sends no credentials to an overridden endpoint (PassThroughClient)
          handle(req, _p, core) {
            const b = (req.body ?? {}) as Record<string, unknown>;
            const contents = Array.isArray(b['contents']) ? b['contents'].map(String) : [];
            const target = asText(b['targetLanguageCode'] ?? '');
            if (!target) return googleV3ErrorReply(400, { message: 'Target language is required.' });
            if (contents.length > GOOGLE_V3_MAX_SEGMENTS) return googleV3ErrorReply(400, { message: 'Too many contents.' });
            if (contents.reduce((n, t) => n + [...t].length, 0) > GOOGLE_V3_MAX_CODE_POINTS) {
              return googleV3ErrorReply(400, { message: 'Text is too long.' });
            }
            core.countTranslated(contents);
            const glossary = (b['glossaryConfig'] as { glossary?: string } | undefined)?.glossary;
            return {
              status: 200,
              body: {
                translations: contents.map((t) => ({ translatedText: fakeTranslate(t, target) })),
                ...(glossary
                  ? { glossaryTranslations: contents.map((t) => ({ translatedText: fakeTranslate(t, `${target}+glossary`), glossaryConfig: { glossary } })) }
                  : {}),
              },
            };
          },
          malformed(req) {
            const contents = ((req.body as Record<string, unknown> | undefined)?.['contents'] as string[] | undefined) ?? [];
            return { status: 200, body: { translations: contents.slice(1).map((t) => ({ translatedText: t })) } };
          },
        },
      ],
      credential: (headers) => headers['authorization'],
      errorReply: googleV3ErrorReply,
    },
    opts,
  );
}
