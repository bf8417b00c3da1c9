/**
 * DeepL's facts: limits, price, variables, options, capabilities. The backend
 * (deepl-client.ts, with deepl-node) is imported only by `create`.
 */
import type { ProviderDescriptor } from '../provider.js';
import type { DeepLFacts } from './deepl-client.js';

/** Most context per request, UTF-8 bytes: DeepL bills none of it, but it travels in the 128 KiB body. */
const CONTEXT_MAX_BYTES = 16 * 1024;
const ENV = { key: 'DEEPL_AUTH_KEY', server: 'DEEPL_SERVER_URL' } as const;

const facts: DeepLFacts = {
  name: 'deepl',
  label: 'DeepL',
  /*
   * DeepL caps the whole request body at 128 KiB. deepl-node sends it
   * form-encoded, where every non-ASCII UTF-8 byte becomes "%XX" (3 bytes), and
   * the body also carries the context and parameters. So the text budget is a
   * third of 128 KiB less 16 KiB headroom. Context beyond 4 KiB counts toward
   * the text budget (packed batches do so; the backend cuts context to fit).
   */
  limits: { maxSegments: 50, maxRequestBytes: Math.floor((128 * 1024 - 16 * 1024) / 3), defaultConcurrency: 4, typicalRequestMs: 1500 },
  price: { currency: 'USD', perMillionCharacters: 25, basis: 'DeepL API Pro, USD 25 per 1M characters (list price, excluding the monthly base fee)' },
  env: ENV,
  contextMaxBytes: CONTEXT_MAX_BYTES,
};

export const deepl: ProviderDescriptor = {
  ...facts,
  summary: 'DeepL API (deepl-node): context, glossaries, formality.',
  isTranslation: true,
  env: [
    { name: ENV.key, required: true, secret: true, purpose: 'API key (free keys end in ":fx")' },
    { name: ENV.server, required: false, secret: false, purpose: 'server URL override' },
  ],
  options: ['formality', 'glossaryId', 'endpoint', 'timeoutMs'],
  capabilities: {
    // The other language's version of the item steers word choice and is not billed.
    // Packed context joins the versions of a request's items up to maxBytes (about 50 texts' worth).
    context: { billed: false, maxBytes: CONTEXT_MAX_BYTES },
    // Languages DeepL glossaries support, any two of them as a pair (DeepL API docs,
    // "Manage glossaries"). Creating a glossary for another pair fails. Extend when DeepL does.
    glossaryEntries: { languages: ['da', 'de', 'en', 'es', 'fr', 'it', 'ja', 'ko', 'nb', 'nl', 'pl', 'pt', 'ru', 'sv', 'zh'] },
    formality: true,
  },
  sendsDataToThirdParty: () => true,
  create: async (settings) => (await import('./deepl-client.js')).createProvider(settings, facts),
};
