/**
 * The one Provider interface. A backend only talks to its API and declares its
 * limits; batching, caching, concurrency, retries and journaling are written
 * once around it (translate/engine.ts).
 */

export const PROVIDER_NAMES = ['pseudo', 'deepl', 'google-v2', 'google-v3', 'libretranslate', 'openai'] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];

/** One text to translate. */
export interface Segment {
  text: string;
  /**
   * Optional context for the provider (e.g. the other language's version of the
   * item, for DeepL's unbilled `context`). The engine only batches segments that
   * share the same context, since providers take context per request.
   */
  context?: string;
}

export interface ProviderLimits {
  /** Most texts in one request. */
  maxSegments: number;
  /** Most UTF-8 bytes of text in one request, if the provider has such a limit. */
  maxRequestBytes?: number;
  /** Most code points of text in one request, if the provider has such a limit. */
  maxCodePoints?: number;
  /** Concurrent requests used when the user does not say. */
  defaultConcurrency: number;
}

export interface CostEstimate {
  currency: string;
  amount: number;
  /** Where the price comes from, e.g. "DeepL API Pro, USD 25 per 1M characters (list price)". */
  basis: string;
}

export interface TranslateOptions {
  /** Aborted when the user presses Ctrl-C; backends pass it to their HTTP calls where they can. */
  signal?: AbortSignal;
}

export interface Provider {
  readonly name: ProviderName;
  /** Shown wherever its output appears, e.g. "DeepL" or "pseudo (NOT a translation)". */
  readonly label: string;
  /** False for pseudo-localization: its output must never pass as a translation. */
  readonly isTranslation: boolean;
  readonly limits: ProviderLimits;
  /** Whether the provider uses Segment.context (DeepL). The engine only then groups batches by context. */
  readonly supportsContext?: boolean;
  /**
   * Everything besides the text and languages that changes the output (model,
   * formality, glossary...). Part of the translation cache key.
   */
  cacheKey(): string;
  /** Translate a batch that already fits `limits`; returns one text per segment, in order. */
  translate(segments: readonly Segment[], from: string, to: string, options?: TranslateOptions): Promise<string[]>;
  /** Estimated cost of billing `characters`, where the provider has a public price. */
  estimateCost(characters: number): CostEstimate | undefined;
}

/**
 * What a backend is created from: the project's provider options
 * (carefully.json `provider.options`, overridable from the command line) plus
 * the environment, from which API keys are read. Keys are never stored.
 */
export interface ProviderSettings {
  /** Override of the API endpoint / server URL (tests, private endpoints, self-hosted). */
  endpoint?: string;
  /** Model name (openai-compatible, google-v3 custom models). */
  model?: string;
  /** DeepL formality: "more" | "less" | "prefer_more" | "prefer_less" | "default". */
  formality?: string;
  /** Google v3: project ID and location. */
  projectId?: string;
  location?: string;
  /** Pre-created glossary ID on the provider (google-v3, deepl). */
  glossaryId?: string;
  /** Glossary entries to create/reuse on the provider (from the locale pack and the user's glossary file). */
  glossary?: { source: string; target: string }[];
  /** Folder where a backend may keep small state (e.g. the DeepL glossary ID it created). */
  stateDir?: string;
  /** Per-request timeout in milliseconds. */
  timeoutMs?: number;
  /** Environment to read keys from (process.env by default; tests pass their own). */
  env: Record<string, string | undefined>;
}

/** Each backend module (translate/providers/<name>.ts) exports `createProvider`. */
export type CreateProvider = (settings: ProviderSettings) => Provider | Promise<Provider>;
