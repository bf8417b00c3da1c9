/**
 * The translation backends, as descriptors: what each is, needs and sends
 * where, as static data, so `carefully providers`, `--help` and dry runs work
 * without loading any SDK (the SDKs take hundreds of milliseconds to import).
 * This is the one list of providers; everything else asks a descriptor.
 */
import { UsageError } from '../errors.js';
import type { EnvVar, Provider, ProviderDescriptor, ProviderLimits, ProviderSettings } from './provider.js';
import { OPTION_NAMES, PROVIDER_OPTIONS, type OptionSpec, type ProviderOptionName } from './provider-options.js';
import { pseudo } from './providers/pseudo.js';
import { deepl } from './providers/deepl.js';
import { googleV2 } from './providers/google-v2.js';
import { googleV3 } from './providers/google-v3.js';
import { libretranslate } from './providers/libretranslate.js';
import { openai } from './providers/openai.js';

/** Built in, in the order `carefully providers` lists them. */
export const BUILT_IN_PROVIDERS: readonly ProviderDescriptor[] = [pseudo, deepl, googleV2, googleV3, libretranslate, openai];

const registry = new Map<string, ProviderDescriptor>(BUILT_IN_PROVIDERS.map((d) => [d.name, d]));

/** Add a backend (a plugin, or a test's own). Returns a function that removes it again. */
export function registerProvider(descriptor: ProviderDescriptor): () => void {
  if (registry.has(descriptor.name)) throw new Error(`A provider named "${descriptor.name}" is already registered.`);
  registry.set(descriptor.name, descriptor);
  return () => {
    if (registry.get(descriptor.name) === descriptor) registry.delete(descriptor.name);
  };
}

export function providerDescriptors(): ProviderDescriptor[] {
  return [...registry.values()];
}

export function providerNames(): string[] {
  return [...registry.keys()];
}

export function isProviderName(name: string): boolean {
  return registry.has(name);
}

/** The descriptor of a provider; an unknown name is a usage error. */
export function providerDescriptor(name: string): ProviderDescriptor {
  const d = registry.get(name);
  if (!d) throw new UsageError(`Unknown translation provider "${name}". Choose one of: ${providerNames().join(', ')} (see \`carefully providers\`).`);
  return d;
}

/** Create a backend by name. Missing keys fail here (typed errors), before any text is sent. */
export async function loadProvider(name: string, settings: ProviderSettings): Promise<Provider> {
  return providerDescriptor(name).create(settings);
}

/** Whether a provider reads an option: engine options apply to every provider with the capability they need. */
export function acceptsOption(d: ProviderDescriptor, option: ProviderOptionName): boolean {
  const spec: OptionSpec = PROVIDER_OPTIONS[option];
  if (spec.scope === 'provider') return d.options.includes(option);
  return spec.capability === 'context' ? d.capabilities.context !== false : true;
}

export interface OptionRow extends OptionSpec {
  name: ProviderOptionName;
  /** Providers that read it. */
  providers: string[];
}

/** The option table with the providers that read each option. */
export function optionTable(): OptionRow[] {
  return OPTION_NAMES.map((name) => ({
    name,
    ...PROVIDER_OPTIONS[name],
    providers: providerDescriptors()
      .filter((d) => acceptsOption(d, name))
      .map((d) => d.name),
  }));
}

export interface OptionFlag {
  option: ProviderOptionName;
  /** Commander flags, e.g. "--endpoint <url>" or "--no-context". */
  flags: string;
  description: string;
  type: OptionSpec['type'];
  /** The values the flag takes, if limited. */
  choices?: readonly string[];
}

/** The `translate` command's option flags, described with the providers that read them. */
export function translateOptionFlags(): OptionFlag[] {
  return optionTable().flatMap((row) => {
    if (!row.flag) return [];
    const all = row.providers.length === providerDescriptors().length;
    const who = all ? '' : ` (${row.providers.join(', ')})`;
    const what = row.flag.startsWith('--no-') ? `do not ${row.description}` : row.description;
    const flag: OptionFlag = {
      option: row.name,
      flags: row.flag,
      description: `${what}${who}`,
      type: row.type,
      ...(row.values ? { choices: row.values } : {}),
    };
    const last = row.values?.at(-1);
    if (!row.negation || last === undefined) return [flag];
    return [flag, { option: row.name, flags: row.negation, description: `same as ${row.flag.split(' ')[0]} ${last}`, type: 'boolean' as const }];
  });
}

export interface ProviderInfo {
  name: string;
  label: string;
  summary: string;
  env: (EnvVar & { set: boolean })[];
  /** carefully.json `provider.options` this backend reads (engine options included). */
  options: ProviderOptionName[];
  capabilities: ProviderDescriptor['capabilities'];
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

/** Static facts about every backend, for this environment. Never reads key values beyond "set or not". */
export function describeProviders(env: Record<string, string | undefined> = process.env): ProviderInfo[] {
  return providerDescriptors().map((d) => {
    const vars = d.env.map((need) => ({ ...need, set: (env[need.name] ?? '') !== '' }));
    const missing = vars.filter((v) => v.required && !v.set).map((v) => v.name);
    const note = d.note?.(env);
    return {
      name: d.name,
      label: d.label,
      summary: d.summary,
      env: vars,
      options: OPTION_NAMES.filter((o) => acceptsOption(d, o)),
      capabilities: d.capabilities,
      configured: missing.length === 0,
      missing,
      sendsDataToThirdParty: d.sendsDataToThirdParty(env),
      isTranslation: d.isTranslation,
      limits: d.limits,
      ...(d.price ? { price: d.price.basis } : {}),
      ...(note === undefined ? {} : { note }),
    };
  });
}
