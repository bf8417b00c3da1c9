/**
 * The provider options, declared once: carefully.json `provider.options`, the
 * `translate` command's flags, `carefully providers --json` and the TypeScript
 * types all derive from this table. Which backends read an option is stated by
 * each descriptor (`options`); engine options apply to every provider.
 * The config schema (schemas/config.schema.json) repeats names and types for
 * carefully.json; a test keeps the two in step.
 */
import type { ProviderOptions } from '../project/config.js';

export interface OptionSpec {
  type: 'string' | 'integer' | 'boolean';
  /** Smallest value, for integers. */
  minimum?: number;
  description: string;
  /** `engine`: read by the engine for every provider; `provider`: by the backends that list it. */
  scope: 'engine' | 'provider';
  /** The `translate` flag that overrides it; `--no-x` flags set a boolean option to false (the description then starts with a verb). */
  flag?: string;
  /** Only providers with this capability use it (engine options). */
  capability?: 'context';
  /** The values a string option takes (the config schema's enum). */
  values?: readonly string[];
  /** A `--no-x` flag that sets the option to its last value (e.g. --no-context: "off"). */
  negation?: string;
}

/** What context a request carries, for providers that take it (see README "Context modes"). */
export const CONTEXT_MODES = ['item', 'packed', 'off'] as const;
export type ContextMode = (typeof CONTEXT_MODES)[number];

export const PROVIDER_OPTIONS = {
  endpoint: { type: 'string', scope: 'provider', flag: '--endpoint <url>', description: 'API endpoint / server URL (self-hosted engines, private endpoints)' },
  model: { type: 'string', scope: 'provider', flag: '--model <name>', description: 'model name' },
  formality: { type: 'string', scope: 'provider', flag: '--formality <level>', description: 'formality: more, less, prefer_more, prefer_less or default' },
  projectId: { type: 'string', scope: 'provider', description: 'cloud project ID' },
  location: { type: 'string', scope: 'provider', description: 'cloud location (region)' },
  glossaryId: {
    type: 'string',
    scope: 'provider',
    description: 'ID of a glossary already created on the provider (replaces the locale pack and project glossary terms)',
  },
  timeoutMs: { type: 'integer', minimum: 1, scope: 'provider', description: 'per-request timeout in milliseconds' },
  concurrency: { type: 'integer', minimum: 1, scope: 'engine', flag: '--concurrency <n>', description: 'concurrent requests' },
  context: {
    type: 'string',
    values: CONTEXT_MODES,
    scope: 'engine',
    capability: 'context',
    flag: '--context <mode>',
    negation: '--no-context',
    description:
      'context sent with the texts: item (one request per item, with its other-language version), ' +
      'packed (the items of a request share their versions, joined; the default) or off',
  },
  useContext: {
    type: 'boolean',
    scope: 'engine',
    capability: 'context',
    description: 'older form of `context`: false is the same as "off" (`context` wins when both are set)',
  },
} as const satisfies Record<string, OptionSpec>;

export type ProviderOptionName = keyof typeof PROVIDER_OPTIONS;

type ValueOf<T extends OptionSpec['type']> = T extends 'string' ? string : T extends 'integer' ? number : boolean;
/** The values of the options, as carefully.json holds them. */
export type ProviderOptionValues = { -readonly [K in ProviderOptionName]?: ValueOf<(typeof PROVIDER_OPTIONS)[K]['type']> };

/** Compile-time guard: the project's declared `ProviderOptions` (src/project) has exactly this shape. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const CONFIG_OPTIONS_MATCH_TABLE: Same<ProviderOptions, ProviderOptionValues> = true;

export const OPTION_NAMES = Object.keys(PROVIDER_OPTIONS) as ProviderOptionName[];

/** The attribute a flag's value lands on in a parsed command line ("--no-context" -> "context"). */
export function flagAttribute(flag: string): string {
  const long = /--(?:no-)?([a-z0-9-]+)/.exec(flag)?.[1] ?? '';
  return long.replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/** Option overrides from parsed `translate` flags (only the flags that were given). */
export function optionsFromFlags(parsed: Record<string, unknown>): ProviderOptionValues {
  const out: Record<string, unknown> = {};
  for (const name of OPTION_NAMES) {
    const spec: OptionSpec = PROVIDER_OPTIONS[name];
    if (!spec.flag) continue;
    const value = parsed[flagAttribute(spec.flag)];
    if (value === undefined) continue;
    // A --no-x flag only ever turns an option off; its default (true) is no override.
    if (spec.flag.startsWith('--no-') && value !== false) continue;
    if (spec.negation && value === true) continue;
    out[name] = spec.negation && value === false ? spec.values?.at(-1) : value;
  }
  return out;
}
