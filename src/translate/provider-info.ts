/**
 * What each translation backend is, needs and sends where — as static data, so
 * `carefully providers` and `--help` can show it without loading any SDK (the
 * SDKs take hundreds of milliseconds to import). Backends import their limits and
 * variable names from here; `loadProvider` is the only door to a backend module
 * and imports it lazily.
 */
import { UsageError } from '../errors.js';
import { PROVIDER_NAMES } from './provider.js';
import type { CreateProvider, Provider, ProviderLimits, ProviderName, ProviderSettings } from './provider.js';

/** Environment variables the backends read. Keys are only ever read, never printed or stored. */
export const ENV = {
  deeplKey: 'DEEPL_AUTH_KEY',
  deeplServer: 'DEEPL_SERVER_URL',
  googleV2Key: 'GOOGLE_TRANSLATE_API_KEY',
  googleV2Endpoint: 'GOOGLE_CLOUD_TRANSLATE_ENDPOINT',
  googleProject: 'GOOGLE_CLOUD_PROJECT',
  googleCredentials: 'GOOGLE_APPLICATION_CREDENTIALS',
  libreUrl: 'LIBRETRANSLATE_URL',
  libreKey: 'LIBRETRANSLATE_API_KEY',
  openaiBase: 'OPENAI_BASE_URL',
  openaiKey: 'OPENAI_API_KEY',
  openaiModel: 'OPENAI_MODEL',
} as const;

export const LIBRETRANSLATE_DEFAULT_URL = 'http://localhost:5000';
/** Ollama's OpenAI-compatible endpoint: a local model needs no account. */
export const OPENAI_DEFAULT_BASE_URL = 'http://localhost:11434';

/**
 * Request limits per backend (DESIGN "Machine translation").
 * DeepL caps the whole request body at 128 KiB. deepl-node sends it
 * form-encoded, where every non-ASCII UTF-8 byte becomes "%XX" (3 bytes), and
 * the body also carries the context and parameters. So the text budget is a
 * third of 128 KiB less 16 KiB headroom (the backend keeps context within 4 KiB).
 */
export const LIMITS: Record<ProviderName, ProviderLimits> = {
  deepl: { maxSegments: 50, maxRequestBytes: Math.floor((128 * 1024 - 16 * 1024) / 3), defaultConcurrency: 4 },
  // Google recommends request bodies under 204,800 bytes; JSON keeps UTF-8 as is.
  'google-v2': { maxSegments: 128, maxRequestBytes: 100_000, defaultConcurrency: 4 },
  'google-v3': { maxSegments: 1024, maxCodePoints: 30_000, defaultConcurrency: 4 },
  libretranslate: { maxSegments: 50, maxRequestBytes: 50_000, defaultConcurrency: 2 },
  // Small batches keep a local model's context window and JSON discipline intact.
  openai: { maxSegments: 20, maxRequestBytes: 16_000, defaultConcurrency: 2 },
  pseudo: { maxSegments: 100, defaultConcurrency: 4 }, // informational; the pseudo backend declares its own
};

/**
 * What the engine does for each backend without loading it: whether it takes
 * DeepL-style per-request `context` (batches are then grouped by item), and
 * whether it takes glossary entries (from the locale pack and the project's
 * glossary file). Backends declare the same at run time (Provider.supportsContext).
 */
export const FEATURES: Record<ProviderName, { context: boolean; glossaryEntries: boolean }> = {
  deepl: { context: true, glossaryEntries: true },
  'google-v2': { context: false, glossaryEntries: false },
  'google-v3': { context: false, glossaryEntries: false }, // glossaries by ID (provider.options.glossaryId)
  libretranslate: { context: false, glossaryEntries: false },
  openai: { context: false, glossaryEntries: true }, // listed in the prompt
  pseudo: { context: false, glossaryEntries: false },
};

/**
 * Languages DeepL glossaries support, any two of them as a pair (DeepL API docs,
 * "Manage glossaries"). Creating a glossary for another pair fails, so the engine
 * sends none then (the glossary terms still drive QA). Extend when DeepL does.
 */
export const DEEPL_GLOSSARY_LANGUAGES: readonly string[] = ['da', 'de', 'en', 'es', 'fr', 'it', 'ja', 'ko', 'nb', 'nl', 'pl', 'pt', 'ru', 'sv', 'zh'];

/** List prices used by estimateCost (USD per 1M characters). */
export const PRICES = {
  deepl: { usdPerMillion: 25, basis: 'DeepL API Pro, USD 25 per 1M characters (list price, excluding the monthly base fee)' },
  'google-v2': { usdPerMillion: 20, basis: 'Google Cloud Translation Basic (v2), USD 20 per 1M characters (list price, first 500k/month free)' },
  'google-v3': { usdPerMillion: 20, basis: 'Google Cloud Translation Advanced (v3, NMT), USD 20 per 1M characters (list price, first 500k/month free)' },
} as const;

export interface EnvNeed {
  name: string;
  required: boolean;
  /** True for keys: describeProviders reports only whether they are set. */
  secret: boolean;
  purpose: string;
}

export interface ProviderInfo {
  name: ProviderName;
  label: string;
  summary: string;
  env: (EnvNeed & { set: boolean })[];
  /** carefully.json `provider.options` this backend reads. */
  options: string[];
  /** Every required variable is set (google-v3 may still lack credentials; see `note`). */
  configured: boolean;
  /** Required variables that are not set. */
  missing: string[];
  /** Whether texts leave this machine for a third party, given the configured endpoint. */
  sendsDataToThirdParty: boolean;
  /** False for pseudo: its output is never a translation. */
  isTranslation: boolean;
  limits: ProviderLimits;
  price?: string;
  note?: string;
}

interface StaticInfo {
  label: string;
  summary: string;
  env: EnvNeed[];
  options: string[];
  isTranslation: boolean;
  /** Third party unless the endpoint is on this machine. */
  thirdParty: (env: Record<string, string | undefined>) => boolean;
  note?: (env: Record<string, string | undefined>) => string | undefined;
}

function isLocalUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    return host === 'localhost' || host === '::1' || host.startsWith('127.') || host.endsWith('.localhost');
  } catch {
    return false;
  }
}

const INFO: Record<ProviderName, StaticInfo> = {
  deepl: {
    label: 'DeepL',
    summary: 'DeepL API (deepl-node): context, glossaries, formality.',
    env: [
      { name: ENV.deeplKey, required: true, secret: true, purpose: 'API key (free keys end in ":fx")' },
      { name: ENV.deeplServer, required: false, secret: false, purpose: 'server URL override' },
    ],
    options: ['formality', 'glossary', 'glossaryId', 'endpoint', 'timeoutMs'],
    isTranslation: true,
    thirdParty: () => true,
  },
  'google-v2': {
    label: 'Google Cloud Translation (Basic, v2)',
    summary: 'Google Cloud Translation v2 with an API key.',
    env: [
      { name: ENV.googleV2Key, required: true, secret: true, purpose: 'API key' },
      { name: ENV.googleV2Endpoint, required: false, secret: false, purpose: 'endpoint override' },
    ],
    options: ['endpoint', 'model', 'timeoutMs'],
    isTranslation: true,
    thirdParty: () => true,
  },
  'google-v3': {
    label: 'Google Cloud Translation (Advanced, v3)',
    summary: 'Google Cloud Translation v3 with a project and Application Default Credentials.',
    env: [
      { name: ENV.googleProject, required: true, secret: false, purpose: 'project ID (or provider.options.projectId)' },
      { name: ENV.googleCredentials, required: false, secret: false, purpose: 'service-account key file (else `gcloud auth application-default login`)' },
    ],
    options: ['projectId', 'location', 'glossaryId', 'model', 'endpoint', 'timeoutMs'],
    isTranslation: true,
    thirdParty: () => true,
    note: () => 'Credentials come from Application Default Credentials, checked on first use.',
  },
  libretranslate: {
    label: 'LibreTranslate',
    summary: 'A LibreTranslate server (self-hosted or libretranslate.com).',
    env: [
      { name: ENV.libreUrl, required: false, secret: false, purpose: `server URL (default ${LIBRETRANSLATE_DEFAULT_URL})` },
      { name: ENV.libreKey, required: false, secret: true, purpose: 'API key, if the server requires one' },
    ],
    options: ['endpoint', 'timeoutMs'],
    isTranslation: true,
    thirdParty: (env) => !isLocalUrl(env[ENV.libreUrl] ?? LIBRETRANSLATE_DEFAULT_URL),
  },
  openai: {
    label: 'OpenAI-compatible chat model',
    summary: 'Any OpenAI-compatible /v1/chat/completions endpoint (e.g. a local Ollama) with a translation prompt.',
    env: [
      { name: ENV.openaiModel, required: true, secret: false, purpose: 'model name (or provider.options.model)' },
      { name: ENV.openaiBase, required: false, secret: false, purpose: `base URL (default ${OPENAI_DEFAULT_BASE_URL}, Ollama)` },
      { name: ENV.openaiKey, required: false, secret: true, purpose: 'API key, if the endpoint requires one' },
    ],
    options: ['model', 'endpoint', 'glossary', 'timeoutMs'],
    isTranslation: true,
    thirdParty: (env) => !isLocalUrl(env[ENV.openaiBase] ?? OPENAI_DEFAULT_BASE_URL),
  },
  pseudo: {
    label: 'pseudo (NOT a translation)',
    summary: 'Pseudo-localization for dry runs and demos: marks text visibly; never a translation.',
    env: [],
    options: [],
    isTranslation: false,
    thirdParty: () => false,
  },
};

/** Static facts about every backend, for this environment. Never reads key values beyond "set or not". */
export function describeProviders(env: Record<string, string | undefined> = process.env): ProviderInfo[] {
  return PROVIDER_NAMES.map((name) => {
    const s = INFO[name];
    const vars = s.env.map((need) => ({ ...need, set: (env[need.name] ?? '') !== '' }));
    const missing = vars.filter((v) => v.required && !v.set).map((v) => v.name);
    const price = name in PRICES ? PRICES[name as keyof typeof PRICES].basis : undefined;
    const note = s.note?.(env);
    return {
      name,
      label: s.label,
      summary: s.summary,
      env: vars,
      options: s.options,
      configured: missing.length === 0,
      missing,
      sendsDataToThirdParty: s.thirdParty(env),
      isTranslation: s.isTranslation,
      limits: LIMITS[name],
      ...(price === undefined ? {} : { price }),
      ...(note === undefined ? {} : { note }),
    };
  });
}

/** Backend modules, imported only when one is used. */
const BACKENDS: Record<ProviderName, () => Promise<{ createProvider: CreateProvider }>> = {
  deepl: () => import('./providers/deepl.js'),
  'google-v2': () => import('./providers/google-v2.js'),
  'google-v3': () => import('./providers/google-v3.js'),
  libretranslate: () => import('./providers/libretranslate.js'),
  openai: () => import('./providers/openai.js'),
  pseudo: () => import('./providers/pseudo.js'),
};

export function isProviderName(name: string): name is ProviderName {
  return (PROVIDER_NAMES as readonly string[]).includes(name);
}

/** Create a backend by name. Missing keys fail here (typed errors), before any text is sent. */
export async function loadProvider(name: string, settings: ProviderSettings): Promise<Provider> {
  if (!isProviderName(name)) {
    throw new UsageError(`Unknown translation provider "${name}". Choose one of: ${PROVIDER_NAMES.join(', ')} (see \`carefully providers\`).`);
  }
  const mod = await BACKENDS[name]();
  return mod.createProvider(settings);
}
