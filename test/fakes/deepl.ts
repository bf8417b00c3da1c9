/**
 * A fake DeepL API speaking what deepl-node 1.28 sends (read from
 * node_modules/deepl-node/dist/translator.js and utils.js):
 *  - POST /v2/translate, form-encoded: `text` repeated per segment, `target_lang`
 *    ("ko", "en-US", lower-cased base), `source_lang`, `context`, `formality`,
 *    `glossary_id`, `show_billed_characters=1`; header
 *    `Authorization: DeepL-Auth-Key <key>`. Reply `{translations: [{detected_source_language, text, billed_characters}]}`.
 *  - POST /v2/glossaries, form-encoded: name, source_lang, target_lang (no region),
 *    entries_format=tsv, entries. Reply 201 with the glossary info (snake_case).
 *  - GET/DELETE /v2/glossaries/{id}, GET /v2/glossaries, GET /v2/usage.
 * Errors are `{message}` with DeepL's statuses: 403 bad key, 456 quota, 429, 5xx.
 */
import { asList, asText, fakeTranslate, pathPattern, startFake } from './http-fake.js';
import type { FakeOptions, FakeServer, Reply, Route } from './http-fake.js';

export interface FakeGlossary {
  id: string;
  name: string;
  sourceLang: string;
  targetLang: string;
  entries: Map<string, string>;
}

export interface FakeDeepL extends FakeServer {
  /** Glossaries that exist on the fake server, by ID (tests may delete some to simulate drift). */
  readonly glossaries: Map<string, FakeGlossary>;
}

/** DeepL's documented request limits, enforced like the real API does. */
export const DEEPL_MAX_TEXTS = 50;
export const DEEPL_MAX_BODY_BYTES = 128 * 1024;

function info(g: FakeGlossary): Record<string, unknown> {
  return {
    glossary_id: g.id,
    name: g.name,
    ready: true,
    source_lang: g.sourceLang,
    target_lang: g.targetLang,
    creation_time: '2025-01-01T00:00:00.000Z',
    entry_count: g.entries.size,
  };
}

function applyGlossary(text: string, g: FakeGlossary | undefined): string {
  if (!g) return text;
  let out = text;
  for (const [s, t] of g.entries) out = out.split(s).join(t);
  return out;
}

export async function startFakeDeepL(opts: FakeOptions = {}): Promise<FakeDeepL> {
  const glossaries = new Map<string, FakeGlossary>();
  let nextId = 1;
  const err = (status: number, message: string): Reply => ({ status, body: { message } });

  const routes: Route[] = [
    {
      name: 'translate',
      method: 'POST',
      match: pathPattern('/v2/translate'),
      auth: true,
      handle(req, _p, core) {
        const b = (req.body ?? {}) as Record<string, unknown>;
        const texts = asList(b['text']);
        if (req.bytes > DEEPL_MAX_BODY_BYTES) return err(413, 'Request Entity Too Large');
        if (texts.length === 0) return err(400, "Parameter 'text' not specified.");
        if (texts.length > DEEPL_MAX_TEXTS) return err(400, `Too many texts (max ${DEEPL_MAX_TEXTS}).`);
        const target = asText(b['target_lang'] ?? '');
        if (!target) return err(400, "Value for 'target_lang' not supported.");
        let glossary: FakeGlossary | undefined;
        if (b['glossary_id'] !== undefined) {
          if (b['source_lang'] === undefined) return err(400, 'Use of glossary requires source_lang parameter to be specified.');
          glossary = glossaries.get(asText(b['glossary_id']));
          if (!glossary) return err(404, 'Glossary not found');
        }
        core.countTranslated(texts);
        return {
          status: 200,
          body: {
            translations: texts.map((t) => ({
              detected_source_language: asText(b['source_lang'] ?? 'ja').toUpperCase(),
              text: fakeTranslate(applyGlossary(t, glossary), target),
              billed_characters: [...t].length,
            })),
          },
        };
      },
      malformed(req) {
        const texts = asList((req.body as Record<string, unknown> | undefined)?.['text']);
        return { status: 200, body: { translations: texts.slice(1).map((t) => ({ detected_source_language: 'JA', text: t })) } };
      },
    },
    {
      name: 'glossary.create',
      method: 'POST',
      match: pathPattern('/v2/glossaries'),
      auth: true,
      handle(req) {
        const b = (req.body ?? {}) as Record<string, string>;
        if (b['entries_format'] !== 'tsv' && b['entries_format'] !== 'csv') return err(400, 'Unsupported entries_format');
        const entries = new Map<string, string>();
        for (const line of String(b['entries'] ?? '').split('\n')) {
          const [s, t] = b['entries_format'] === 'tsv' ? line.split('\t') : line.split(',');
          if (s && t) entries.set(s, t);
        }
        if (entries.size === 0) return err(400, 'Invalid glossary entries provided');
        const g: FakeGlossary = {
          id: `fake-glossary-${nextId++}`,
          name: String(b['name'] ?? ''),
          sourceLang: String(b['source_lang'] ?? ''),
          targetLang: String(b['target_lang'] ?? ''),
          entries,
        };
        glossaries.set(g.id, g);
        return { status: 201, body: info(g) };
      },
    },
    {
      name: 'glossary.list',
      method: 'GET',
      match: pathPattern('/v2/glossaries'),
      auth: true,
      handle: () => ({ status: 200, body: { glossaries: [...glossaries.values()].map(info) } }),
    },
    {
      name: 'glossary.get',
      method: 'GET',
      match: pathPattern('/v2/glossaries/:id'),
      auth: true,
      handle(_req, p) {
        const g = glossaries.get(p['id'] ?? '');
        return g ? { status: 200, body: info(g) } : err(404, 'Glossary not found');
      },
    },
    {
      name: 'glossary.delete',
      method: 'DELETE',
      match: pathPattern('/v2/glossaries/:id'),
      auth: true,
      handle(_req, p) {
        return glossaries.delete(p['id'] ?? '') ? { status: 204, body: undefined } : err(404, 'Glossary not found');
      },
    },
    {
      name: 'usage',
      method: 'GET',
      match: pathPattern('/v2/usage'),
      auth: true,
      handle: (_req, _p, core) => ({ status: 200, body: { character_count: core.stats.characters, character_limit: 500000 } }),
    },
  ];

  const fake = await startFake(
    {
      provider: 'deepl',
      routes,
      credential: (headers) => /^DeepL-Auth-Key (.+)$/.exec(headers['authorization'] ?? '')?.[1],
      errorReply: (status, f) => {
        const defaults: Record<number, string> = {
          403: 'Forbidden',
          429: 'Too many requests',
          456: 'Quota Exceeded',
          500: 'Internal Server Error',
          503: 'Service Unavailable',
        };
        return err(status, f.message ?? defaults[status] ?? 'Error');
      },
    },
    opts,
  );
  return Object.assign(fake, { glossaries });
}
