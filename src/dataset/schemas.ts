/**
 * Validators for the JSON schemas shipped in schemas/. `npm run build`
 * compiles them ahead of time (scripts/compile-schemas.mjs, ajv standalone
 * code in dist/src/generated/schemas.cjs); a schema file that changed since,
 * or a build without that step (plain `tsc`), is compiled by ajv at first use.
 * Either way, the ajv compiler is only loaded when needed.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Ajv as AjvClass, ValidateFunction } from 'ajv';
import { assetPath } from '../paths.js';

const require = createRequire(import.meta.url);
/** Where the build puts the compiled validators (beside this module's folder). */
export const GENERATED_SCHEMAS = new URL('../generated/schemas.cjs', import.meta.url);

interface Generated {
  schemaFiles: Record<string, { sha256: string; name: string }>;
  [name: string]: unknown;
}

let generated: Generated | null | undefined;
const validators = new Map<string, { validate: ValidateFunction; precompiled: boolean }>();

function loadGenerated(): Generated | null {
  if (generated === undefined) generated = existsSync(GENERATED_SCHEMAS) ? (require(fileURLToPath(GENERATED_SCHEMAS)) as Generated) : null;
  return generated;
}

/** The validator for a schema in schemas/ (e.g. "config.schema.json"), and whether it was compiled at build time. */
export function schemaValidatorWithOrigin(schemaFile: string): { validate: ValidateFunction; precompiled: boolean } {
  const known = validators.get(schemaFile);
  if (known) return known;
  const text = readFileSync(assetPath('schemas', schemaFile), 'utf8');
  const built = loadGenerated()?.schemaFiles[schemaFile];
  let validate: ValidateFunction;
  let precompiled = false;
  if (built && built.sha256 === createHash('sha256').update(text).digest('hex')) {
    validate = generated![built.name] as ValidateFunction;
    precompiled = true;
  } else {
    const { Ajv } = require('ajv') as { Ajv: typeof AjvClass };
    validate = new Ajv({ allErrors: true, strict: true }).compile(JSON.parse(text) as object);
  }
  validators.set(schemaFile, { validate, precompiled });
  return { validate, precompiled };
}

/** The validator for a schema in schemas/ (e.g. "config.schema.json"). */
export function schemaValidator(schemaFile: string): ValidateFunction {
  return schemaValidatorWithOrigin(schemaFile).validate;
}
