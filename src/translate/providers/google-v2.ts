/**
 * Google Cloud Translation Basic (v2)'s facts. The backend (google-v2-client.ts,
 * with @google-cloud/translate) is imported only by `create`.
 */
import type { ProviderDescriptor } from '../provider.js';
import type { GoogleV2Facts } from './google-v2-client.js';

const ENV = { key: 'GOOGLE_TRANSLATE_API_KEY', endpoint: 'GOOGLE_CLOUD_TRANSLATE_ENDPOINT' } as const;

const facts: GoogleV2Facts = {
  name: 'google-v2',
  label: 'Google Cloud Translation (v2)',
  // 128 segments per request; Google recommends request bodies under 204,800 bytes, and JSON keeps UTF-8 as is.
  limits: { maxSegments: 128, maxRequestBytes: 100_000, defaultConcurrency: 4, typicalRequestMs: 1500 },
  price: {
    currency: 'USD',
    perMillionCharacters: 20,
    basis: 'Google Cloud Translation Basic (v2), USD 20 per 1M characters (list price, first 500k/month free)',
  },
  env: ENV,
};

export const googleV2: ProviderDescriptor = {
  ...facts,
  summary: 'Google Cloud Translation v2 with an API key.',
  isTranslation: true,
  env: [
    { name: ENV.key, required: true, secret: true, purpose: 'API key' },
    { name: ENV.endpoint, required: false, secret: false, purpose: 'endpoint override' },
  ],
  options: ['endpoint', 'model', 'timeoutMs'],
  capabilities: { context: false, glossaryEntries: false, formality: false },
  sendsDataToThirdParty: () => true,
  create: async (settings) => (await import('./google-v2-client.js')).createProvider(settings, facts),
};
