/**
 * The OpenAI-compatible chat backend's facts (OpenAI, a local Ollama, vLLM,
 * llama.cpp server). The backend (openai-client.ts) is imported only by `create`.
 */
import { isLocalUrl } from '../provider.js';
import type { ProviderDescriptor } from '../provider.js';
import type { OpenAIFacts } from './openai-client.js';

const ENV = { base: 'OPENAI_BASE_URL', key: 'OPENAI_API_KEY', model: 'OPENAI_MODEL' } as const;
/** Ollama's OpenAI-compatible endpoint: a local model needs no account. */
export const OPENAI_DEFAULT_BASE_URL = 'http://localhost:11434';

const facts: OpenAIFacts = {
  name: 'openai',
  label: 'OpenAI-compatible chat model',
  // Small batches keep a local model's context window and JSON discipline intact.
  limits: { maxSegments: 20, maxRequestBytes: 16_000, defaultConcurrency: 2, typicalRequestMs: 30_000 },
  // Token-priced or free (local): no per-character list price.
  env: ENV,
  defaultBase: OPENAI_DEFAULT_BASE_URL,
};

export const openai: ProviderDescriptor = {
  ...facts,
  summary: 'Any OpenAI-compatible /v1/chat/completions endpoint (e.g. a local Ollama) with a translation prompt.',
  isTranslation: true,
  env: [
    { name: ENV.model, required: true, secret: false, purpose: 'model name (or provider.options.model)' },
    { name: ENV.base, required: false, secret: false, purpose: `base URL (default ${OPENAI_DEFAULT_BASE_URL}, Ollama)` },
    { name: ENV.key, required: false, secret: true, purpose: 'API key, if the endpoint requires one' },
  ],
  options: ['model', 'endpoint', 'timeoutMs'],
  // Glossary terms are listed in the prompt.
  capabilities: { context: false, glossaryEntries: {}, formality: false },
  sendsDataToThirdParty: (env) => !isLocalUrl(env[ENV.base] ?? OPENAI_DEFAULT_BASE_URL),
  create: async (settings) => (await import('./openai-client.js')).createProvider(settings, facts),
};
