/** carefully.json: read, validate (schemas/config.schema.json) and write atomically. */
import { readFileSync, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { ProjectError } from '../errors.js';
import { schemaValidator } from '../dataset/schemas.js';
import { isKnownLanguage } from './languages.js';
import { unknownTargetLanguage } from './messages.js';

export const CONFIG_FILE = 'carefully.json';

/**
 * carefully.json `provider.options`: the backend settings a project may fix
 * (which of them apply depends on the provider) plus engine knobs. The
 * provider name is checked against the known providers by the config schema.
 */
export interface ProviderOptions {
  endpoint?: string;
  model?: string;
  formality?: string;
  projectId?: string;
  location?: string;
  glossaryId?: string;
  timeoutMs?: number;
  concurrency?: number;
  /** "item", "packed" or "off" (translate/provider-options.ts CONTEXT_MODES). */
  context?: string;
  useContext?: boolean;
}

export interface ProjectConfig {
  version: 1;
  source: { path: string; profile: string; map?: Record<string, string> };
  languages: { from: string; to: string };
  provider: { name: string; options?: ProviderOptions };
  localePack?: string;
  /** Register ID (from the pack's `registers`) reference answers use; default: the pack's preferredRegister.answer. */
  register?: string;
  glossary?: string;
  /** `carefully suggest`: whether AnswerCarefully source text may go to the model's endpoint (default: only a local one). */
  suggest?: { sendSource?: boolean };
}

/** Check that `dir` is a project folder and read its validated config. */
export function readConfig(dir: string): ProjectConfig {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new ProjectError(
      `The project folder ${dir} does not exist. Create a project with \`carefully init ${dir} --source FILE --to LANG\`, or pass --project DIR.`,
    );
  }
  const file = path.join(dir, CONFIG_FILE);
  if (!existsSync(file)) {
    throw new ProjectError(
      `${dir} is not a carefully project (no ${CONFIG_FILE}). Run \`carefully init ${dir} --source FILE --to LANG\` first, or pass --project DIR.`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ProjectError(`${file} is not valid JSON (${(e as Error).message}). Fix it by hand or restore it from git.`);
  }
  const validate = schemaValidator('config.schema.json');
  if (!validate(value)) {
    const problems = (validate.errors ?? []).map(
      (e) =>
        `${e.instancePath ? `field "${e.instancePath.slice(1).replace(/\//g, '.')}"` : '(top level)'} ${e.message ?? ''}${e.params && 'additionalProperty' in e.params ? ` "${String(e.params.additionalProperty)}"` : ''}${e.params && 'allowedValues' in e.params ? ` (${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')})` : ''}`,
    );
    throw new ProjectError(`${file} is not a valid project config: ${problems.join('; ')}. Fix it by hand or restore it from git.`);
  }
  const config = value as ProjectConfig;
  // The schema only says "a string"; a tag must also be one BCP 47 tag the runtime knows.
  if (!isKnownLanguage(config.languages.to)) {
    throw new ProjectError(unknownTargetLanguage(file, config.languages.to));
  }
  return config;
}

export async function writeConfig(dir: string, config: ProjectConfig): Promise<void> {
  const { default: writeFileAtomic } = await import('write-file-atomic'); // loaded where used: most commands only read the config
  await writeFileAtomic(path.join(dir, CONFIG_FILE), `${JSON.stringify(config, null, 2)}\n`, { fsync: true });
}
