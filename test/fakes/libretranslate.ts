/**
 * A fake LibreTranslate server: `POST /translate` with JSON (or form)
 * `{q: string | string[], source, target, format, api_key?}`, answered by
 * `{translatedText: string[]}` for an array (a string for a string).
 * Errors are `{error: "..."}`; a wrong or missing key (when the fake has one)
 * gets 403 "Invalid API key", as LibreTranslate with --api-keys answers.
 */
import { asList, fakeTranslate, pathPattern, startFake } from './http-fake.js';
import type { FakeOptions, FakeServer, Reply } from './http-fake.js';

const err = (status: number, error: string): Reply => ({ status, body: { error } });

export async function startFakeLibreTranslate(opts: FakeOptions = {}): Promise<FakeServer> {
  return startFake(
    {
      provider: 'libretranslate',
      routes: [
        {
          name: 'translate',
          method: 'POST',
          match: pathPattern('/translate'),
          auth: opts.key !== undefined, // keyless servers accept anyone
          handle(req, _p, core) {
            const b = (req.body ?? {}) as Record<string, unknown>;
            const q = asList(b['q']);
            if (q.length === 0) return err(400, 'Invalid request: missing q parameter');
            if (!b['target']) return err(400, 'Invalid request: missing target parameter');
            core.countTranslated(q);
            const out = q.map((t) => fakeTranslate(t, String(b['target'])));
            return { status: 200, body: { translatedText: Array.isArray(b['q']) ? out : out[0] } };
          },
          malformed(req) {
            const q = asList((req.body as Record<string, unknown> | undefined)?.['q']);
            return { status: 200, body: { translatedText: q.slice(1) } };
          },
        },
        {
          name: 'languages',
          method: 'GET',
          match: pathPattern('/languages'),
          auth: false,
          handle: () => ({
            status: 200,
            body: ['en', 'ja', 'ko', 'zh-Hans'].map((code) => ({ code, name: code, targets: ['en', 'ja', 'ko', 'zh-Hans'] })),
          }),
        },
      ],
      credential(_headers, _query, body) {
        if (!body || typeof body !== 'object') return undefined;
        const b = body as Record<string, unknown>;
        const key = b['api_key'];
        delete b['api_key']; // never recorded
        return typeof key === 'string' ? key : undefined;
      },
      errorReply: (status, f) => {
        const defaults: Record<number, string> = { 403: 'Invalid API key', 429: 'Too many request limits violations', 500: 'Internal Server Error' };
        return err(status, f.message ?? defaults[status] ?? 'Error');
      },
    },
    opts,
  );
}
