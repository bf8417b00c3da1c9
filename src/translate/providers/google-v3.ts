/**
 * Google Cloud Translation Advanced (v3)'s facts. The backend
 * (google-v3-client.ts, with @google-cloud/translate and gRPC) is imported only by `create`.
 */
import type { ProviderDescriptor } from '../provider.js';
import type { GoogleV3Facts } from './google-v3-client.js';

const ENV = { project: 'GOOGLE_CLOUD_PROJECT', credentials: 'GOOGLE_APPLICATION_CREDENTIALS' } as const;

const facts: GoogleV3Facts = {
  name: 'google-v3',
  label: 'Google Cloud Translation (v3)',
  limits: { maxSegments: 1024, maxCodePoints: 30_000, defaultConcurrency: 4, typicalRequestMs: 3000 },
  price: {
    currency: 'USD',
    perMillionCharacters: 20,
    basis: 'Google Cloud Translation Advanced (v3, NMT), USD 20 per 1M characters (list price, first 500k/month free)',
  },
  env: ENV,
};

export const googleV3: ProviderDescriptor = {
  ...facts,
  summary: 'Google Cloud Translation v3 with a project and Application Default Credentials.',
  isTranslation: true,
  env: [
    { name: ENV.project, required: true, secret: false, purpose: 'project ID (or provider.options.projectId)' },
    { name: ENV.credentials, required: false, secret: false, purpose: 'service-account key file (else `gcloud auth application-default login`)' },
  ],
  options: ['projectId', 'location', 'glossaryId', 'model', 'endpoint', 'timeoutMs'],
  // Glossaries by ID only (provider.options.glossaryId).
  capabilities: { context: false, glossaryEntries: false, formality: false },
  sendsDataToThirdParty: () => true,
  note: () => 'Credentials come from Application Default Credentials, checked on first use.',
  create: async (settings) => (await import('./google-v3-client.js')).createProvider(settings, facts),
};
