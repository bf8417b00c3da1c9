/**
 * Schemas are compiled at build time (scripts/compile-schemas.mjs, run by
 * `npm run build` and `npm test`): every command validates with the
 * precompiled code, which must judge exactly like ajv compiling the schema now.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { assetPath } from '../../src/paths.js';
import { schemaValidatorWithOrigin } from '../../src/dataset/schemas.js';

const SCHEMAS = readdirSync(assetPath('schemas')).filter((f) => f.endsWith('.schema.json'));

/** Valid and invalid inputs for each schema: a real file of the repo, and broken variants of it. */
function samples(file: string): unknown[] {
  const base: Record<string, unknown> =
    file === 'config.schema.json'
      ? { version: 1, source: { path: 'ac.json', profile: 'answercarefully' }, languages: { from: 'ja', to: 'ko' }, provider: { name: 'deepl' } }
      : file === 'locale-pack.schema.json'
        ? (JSON.parse(readFileSync(assetPath('locales', 'ko', 'pack.json'), 'utf8')) as Record<string, unknown>)
        : { id: 'x-1', question: '質問', answer: '回答' };
  const [first] = Object.keys(base);
  return [
    base,
    {},
    null,
    'text',
    { ...base, unexpected: true },
    { ...base, [first!]: 42 },
    Object.fromEntries(Object.entries(base).slice(1)),
    file === 'config.schema.json' ? { ...base, provider: { name: 'deepl', options: { context: 'sometimes', concurrency: 0 } } } : { ...base, version: 'x' },
  ];
}

describe('schemas compiled at build time', () => {
  it('covers every schema in schemas/, current with its file (a stale or missing build falls back to ajv at run time)', () => {
    assert.ok(SCHEMAS.length >= 3);
    for (const file of SCHEMAS) assert.equal(schemaValidatorWithOrigin(file).precompiled, true, `${file} is precompiled and current`);
  });

  for (const file of SCHEMAS) {
    it(`${file}: the same verdicts and errors as ajv compiling the schema now`, () => {
      const { validate } = schemaValidatorWithOrigin(file);
      const fresh = new Ajv({ allErrors: true, strict: true }).compile(JSON.parse(readFileSync(assetPath('schemas', file), 'utf8')) as object);
      const verdicts = samples(file).map((input) => {
        const ok = validate(input);
        const expected = fresh(input);
        assert.equal(ok, expected, JSON.stringify(input).slice(0, 80));
        assert.deepEqual(
          (validate.errors ?? []).map((e) => [e.instancePath, e.keyword, e.message, e.params]),
          (fresh.errors ?? []).map((e) => [e.instancePath, e.keyword, e.message, e.params]),
        );
        return ok;
      });
      assert.ok(verdicts.includes(true) && verdicts.includes(false), 'the samples hold valid and invalid inputs');
    });
  }
});
