/**
 * The one Provider interface and the descriptor each backend declares. A
 * backend only talks to its API; its facts (limits, price, environment,
 * options, capabilities) live in its descriptor (translate/providers/<name>.ts),
 * which the engine, the plan and the commands ask instead of naming providers.
 * Batching, caching, concurrency, retries and journaling are written once
 * around the interface (translate/engine.ts).
 */
import type { ProviderOptionName, ProviderOptionValues } from './provider-options.js';

/** A registered descriptor's name, e.g. "deepl" (see translate/registry.ts). */
export type ProviderName = string;

/** One text to translate. */
export interface Segment {
  text: string;
  /**
   * Optional context for the provider (e.g. the other language's version of the
   * item). The engine only batches segments that share the same context, since
   * providers take context per request.
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
  /** A full request's usual round trip, for the expected time of a dry run (a rough figure, not a promise). */
  typicalRequestMs?: number;
}

export interface CostEstimate {
  currency: string;
  amount: number;
  /** Where the price comes from, e.g. "DeepL API Pro, USD 25 per 1M characters (list price)". */
  basis: string;
}

/** A public per-character list price. */
export interface Price {
  currency: string;
  perMillionCharacters: number;
  basis: string;
}

/** The cost of billing `characters` at `price`. */
export function estimateWith(price: Price | undefined, characters: number): CostEstimate | undefined {
  return price ? { currency: price.currency, amount: (characters * price.perMillionCharacters) / 1_000_000, basis: price.basis } : undefined;
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
  /** Whether the provider uses Segment.context. The engine only then groups batches by context. */
  readonly supportsContext?: boolean;
  /** Most UTF-8 bytes of context one request carries (packed context fills up to this). */
  readonly contextMaxBytes?: number;
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
 * (carefully.json `provider.options`, overridable from the command line; their
 * types come from the option table) plus the environment, from which API keys
 * are read. Keys are never stored.
 */
export interface ProviderSettings extends ProviderOptionValues {
  /** Glossary entries to create/reuse on the provider (from the locale pack and the user's glossary file). */
  glossary?: { source: string; target: string }[];
  /** Folder where a backend may keep small state (e.g. the glossary ID it created). */
  stateDir?: string;
  /** Environment to read keys from (process.env by default; tests pass their own). */
  env: Record<string, string | undefined>;
}

/** An environment variable a backend reads. Keys are only ever read, never printed or stored. */
export interface EnvVar {
  name: string;
  required: boolean;
  /** True for keys: describeProviders reports only whether they are set. */
  secret: boolean;
  purpose: string;
}

export interface ProviderCapabilities {
  /**
   * Per-request context (the other language's version of the items sent);
   * `billed` says whether context characters cost, `maxBytes` how much context
   * one request takes (UTF-8 bytes; packed context fills up to it).
   */
  context: false | { billed: boolean; maxBytes: number };
  /**
   * Glossary entries (source -> target pairs) passed at creation. `languages`:
   * the provider takes glossaries for any two of these base languages only
   * (absent: every pair). A configured `glossaryId` option replaces the entries.
   */
  glossaryEntries: false | { languages?: readonly string[] };
  /** Whether the `formality` option has an effect. */
  formality: boolean;
}

/**
 * Everything the rest of the toolkit knows about a backend, as data, so
 * `carefully providers`, `--help` and dry runs work without loading any SDK.
 * `create` imports the backend (and its SDK) lazily.
 */
export interface ProviderDescriptor {
  readonly name: ProviderName;
  readonly label: string;
  /** One line for `carefully providers`. */
  readonly summary: string;
  /** False for pseudo-localization. */
  readonly isTranslation: boolean;
  readonly limits: ProviderLimits;
  readonly price?: Price;
  readonly env: readonly EnvVar[];
  /** Backend options (carefully.json `provider.options`) it reads; engine options apply to every provider. */
  readonly options: readonly ProviderOptionName[];
  readonly capabilities: ProviderCapabilities;
  /** Whether texts leave this machine for a third party, given the environment. */
  sendsDataToThirdParty(env: Record<string, string | undefined>): boolean;
  /** Something to know about its configuration here (shown by `carefully providers`). */
  note?(env: Record<string, string | undefined>): string | undefined;
  /** Build the backend. Missing keys fail here (typed errors), before any text is sent. */
  create(settings: ProviderSettings): Promise<Provider>;
}

/** Whether a URL points at this machine (its texts then reach no third party). */
export function isLocalUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    return host === 'localhost' || host === '::1' || host.startsWith('127.') || host.endsWith('.localhost');
  } catch {
    return false;
  }
}

/**
 * What a descriptor hands the backend it creates: its facts, and the names of
 * the environment variables it reads by role (e.g. `{ key: 'DEEPL_AUTH_KEY' }`).
 * Backends never import their descriptor (it imports them, lazily).
 */
export interface BackendFacts<Roles extends string> {
  name: ProviderName;
  label: string;
  limits: ProviderLimits;
  price?: Price;
  env: Readonly<Record<Roles, string>>;
}
