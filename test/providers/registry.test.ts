/** The provider registry: descriptors, the option table, the lazy loader, and the engine asking descriptors. */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { CarefullyError, ProviderAuthError, UsageError } from '../../src/errors.js';
import { assetPath } from '../../src/paths.js';
import { initProject, loadState, openProject } from '../../src/project/project.js';
import { translateProject } from '../../src/translate/engine.js';
import type { Provider, ProviderDescriptor, ProviderSettings, Segment } from '../../src/translate/provider.js';
import { OPTION_NAMES, PROVIDER_OPTIONS, optionsFromFlags } from '../../src/translate/provider-options.js';
import {
  BUILT_IN_PROVIDERS,
  describeProviders,
  loadProvider,
  optionTable,
  providerNames,
  registerProvider,
  translateOptionFlags,
} from '../../src/translate/registry.js';
import { TempDir, makeRecords } from '../helpers/fixtures.js';

const run = promisify(execFile);

describe('provider registry', () => {
  it('describes every provider, reporting keys only as set or not', () => {
    const secret = 'very-secret-deepl-key:fx';
    const infos = describeProviders({ DEEPL_AUTH_KEY: secret, LIBRETRANSLATE_URL: 'https://libretranslate.com' });
    assert.deepEqual(
      infos.map((i) => i.name),
      ['pseudo', 'deepl', 'google-v2', 'google-v3', 'libretranslate', 'openai'],
    );
    assert.ok(!JSON.stringify(infos).includes(secret));
    const by = Object.fromEntries(infos.map((i) => [i.name, i]));
    assert.equal(by['deepl']?.configured, true);
    assert.equal(by['deepl']?.env.find((e) => e.name === 'DEEPL_AUTH_KEY')?.set, true);
    assert.equal(by['google-v2']?.configured, false);
    assert.deepEqual(by['google-v2']?.missing, ['GOOGLE_TRANSLATE_API_KEY']);
    assert.deepEqual(by['openai']?.missing, ['OPENAI_MODEL']);
    assert.equal(by['libretranslate']?.sendsDataToThirdParty, true, 'a remote LibreTranslate is a third party');
    assert.equal(describeProviders({}).find((i) => i.name === 'libretranslate')?.sendsDataToThirdParty, false, 'localhost is not');
    assert.equal(by['pseudo']?.isTranslation, false);
    assert.equal(by['deepl']?.limits.maxSegments, 50);
    assert.match(by['deepl']?.price ?? '', /USD 25/);
    assert.ok(by['deepl']?.options.includes('useContext'), 'engine options that need a capability are listed where it exists');
    assert.ok(!by['google-v2']?.options.includes('useContext'));
    assert.ok(by['google-v2']?.options.includes('concurrency'), 'engine options apply to every provider');
  });

  it('loads backends by name and refuses unknown names', async () => {
    const pseudo = await loadProvider('pseudo', { env: {} });
    assert.equal(pseudo.isTranslation, false);
    await assert.rejects(loadProvider('babelfish', { env: {} }), UsageError);
  });

  it('does not load any SDK just to list providers or options', async () => {
    const here = fileURLToPath(new URL('../../src/translate/', import.meta.url));
    const script = (mod: string): string => `
      import { createRequire } from 'node:module';
      const m = await import(${JSON.stringify(here + mod)});
      m.describeProviders?.({}); m.translateOptionFlags?.();
      const cache = Object.keys(createRequire(import.meta.url).cache);
      console.log(JSON.stringify(cache.filter((f) => /deepl-node|@google-cloud|google-gax|google-auth-library|handlebars/.test(f)).length));`;
    const count = async (mod: string): Promise<number> => Number((await run(process.execPath, ['--input-type=module', '-e', script(mod)])).stdout.trim());
    assert.equal(await count('registry.js'), 0);
    assert.ok((await count('providers/deepl-client.js')) > 0, 'control: importing a backend does load its SDK');
  });

  describe('every built-in descriptor', () => {
    for (const d of BUILT_IN_PROVIDERS) {
      it(`${d.name}: states its facts completely`, () => {
        assert.match(d.name, /^[a-z][a-z0-9-]*$/);
        assert.ok(d.label.trim() && d.summary.trim());
        assert.equal(typeof d.isTranslation, 'boolean');
        assert.ok(Number.isInteger(d.limits.maxSegments) && d.limits.maxSegments > 0);
        assert.ok(Number.isInteger(d.limits.defaultConcurrency) && d.limits.defaultConcurrency > 0);
        for (const v of d.env) {
          assert.match(v.name, /^[A-Z][A-Z0-9_]+$/);
          assert.ok(v.purpose.trim(), `${v.name} says what it is for`);
        }
        for (const o of d.options) assert.equal(PROVIDER_OPTIONS[o].scope, 'provider', `${o} is a backend option of the table`);
        if (d.price) assert.ok(d.price.currency && d.price.perMillionCharacters > 0 && d.price.basis.trim());
        if (d.capabilities.formality) assert.ok(d.options.includes('formality'), 'formality support means it reads the option');
        if (d.capabilities.glossaryEntries && d.capabilities.glossaryEntries.languages) {
          for (const l of d.capabilities.glossaryEntries.languages) assert.match(l, /^[a-z]{2,3}$/);
        }
      });

      it(`${d.name}: creates a backend that agrees with it, and names each missing required variable`, async () => {
        const required = d.env.filter((v) => v.required);
        const env = Object.fromEntries(required.map((v) => [v.name, 'dummy-value-0123456789']));
        // A local endpoint that nothing answers: creation must not need the network.
        const settings: ProviderSettings = { env, ...(d.options.includes('endpoint') ? { endpoint: 'http://127.0.0.1:9' } : {}) };
        const p = await d.create(settings);
        assert.equal(p.name, d.name);
        assert.deepEqual(p.limits, d.limits);
        assert.equal(p.isTranslation, d.isTranslation);
        assert.equal(!!p.supportsContext, d.capabilities.context !== false);
        const cost = p.estimateCost(1_000_000);
        assert.deepEqual(cost, d.price ? { currency: d.price.currency, amount: d.price.perMillionCharacters, basis: d.price.basis } : undefined);
        for (const v of required) {
          const err = await d.create({ ...settings, env: { ...env, [v.name]: undefined } }).then(
            () => undefined,
            (e: unknown) => e,
          );
          assert.ok(err instanceof CarefullyError, `without ${v.name}: a typed error`);
          assert.match(err.message, new RegExp(v.name), `the message names ${v.name}`);
        }
      });
    }
  });

  describe('the option table', () => {
    const schema = JSON.parse(readFileSync(assetPath('schemas/config.schema.json'), 'utf8')) as {
      properties: {
        provider: {
          properties: {
            name: { enum: string[] };
            options: { additionalProperties: boolean; properties: Record<string, { type: string; minimum?: number; enum?: readonly string[] }> };
          };
        };
      };
    };
    const provider = schema.properties.provider.properties;

    it("agrees with the config schema's provider.options, name by name and type by type", () => {
      assert.deepEqual(Object.keys(provider.options.properties).sort(), [...OPTION_NAMES].sort());
      assert.equal(provider.options.additionalProperties, false);
      for (const name of OPTION_NAMES) {
        const spec: { type: string; minimum?: number; values?: readonly string[] } = PROVIDER_OPTIONS[name];
        assert.equal(provider.options.properties[name]?.type, spec.type, `${name}: type`);
        assert.equal(provider.options.properties[name]?.minimum, spec.minimum, `${name}: minimum`);
        assert.deepEqual(provider.options.properties[name]?.enum, spec.values, `${name}: values`);
      }
    });

    it("lists in the config schema's provider names exactly the built-in providers", () => {
      assert.deepEqual(
        provider.name.enum,
        BUILT_IN_PROVIDERS.map((d) => d.name),
      );
    });

    it('says which providers read each option, from their descriptors', () => {
      const rows = Object.fromEntries(optionTable().map((r) => [r.name, r]));
      assert.deepEqual(rows['formality']?.providers, ['deepl']);
      assert.deepEqual(rows['useContext']?.providers, ['deepl']);
      assert.deepEqual(rows['context']?.providers, ['deepl']);
      assert.deepEqual(rows['concurrency']?.providers, providerNames());
      assert.deepEqual(rows['projectId']?.providers, ['google-v3']);
    });

    it('derives the translate flags, naming the providers an option is limited to', () => {
      const flags = Object.fromEntries(translateOptionFlags().map((f) => [f.option, f]));
      const byFlag = Object.fromEntries(translateOptionFlags().map((f) => [f.flags, f]));
      assert.deepEqual(Object.keys(flags).sort(), ['concurrency', 'context', 'endpoint', 'formality', 'model']);
      assert.match(flags['formality']!.description, /\(deepl\)$/);
      assert.deepEqual(byFlag['--context <mode>']?.choices, ['item', 'packed', 'off']);
      assert.equal(byFlag['--no-context']?.option, 'context');
      assert.match(byFlag['--no-context'].description, /^same as --context off/);
      assert.doesNotMatch(flags['concurrency']!.description, /\(/, 'an option every provider reads names none');
    });

    it('turns parsed flags into option overrides, only for flags given', () => {
      assert.deepEqual(optionsFromFlags({ project: '.', model: 'm', concurrency: 3, context: false, endpoint: undefined }), {
        model: 'm',
        concurrency: 3,
        context: 'off',
      });
      assert.deepEqual(optionsFromFlags({ context: 'item' }), { context: 'item' });
      assert.deepEqual(optionsFromFlags({ context: true }), {}, '--no-context not given: no override of the config');
    });
  });

  describe('the engine with a provider it does not know by name', () => {
    let tmp: TempDir;
    let unregister: (() => void) | undefined;
    beforeEach(() => (tmp = new TempDir()));
    afterEach(() => {
      unregister?.();
      unregister = undefined;
      tmp.remove();
    });

    /** A test backend: upper-cases nothing, prefixes "T:", records what it was created with and sent. */
    function testDescriptor(over: Partial<ProviderDescriptor> = {}) {
      const created: ProviderSettings[] = [];
      const sent: Segment[][] = [];
      const limits = { maxSegments: 3, defaultConcurrency: 1 };
      const d: ProviderDescriptor = {
        name: 'test-echo',
        label: 'Test Echo',
        summary: 'a test backend',
        isTranslation: true,
        limits,
        price: { currency: 'EUR', perMillionCharacters: 1_000_000, basis: 'one euro a character' },
        env: [{ name: 'TEST_ECHO_KEY', required: true, secret: true, purpose: 'key' }],
        options: ['glossaryId'],
        capabilities: { context: { billed: true, maxBytes: 4096 }, glossaryEntries: { languages: ['ja', 'ko'] }, formality: false },
        sendsDataToThirdParty: () => false,
        create: (settings) => {
          if (!settings.env['TEST_ECHO_KEY']) return Promise.reject(new ProviderAuthError('test-echo', 'TEST_ECHO_KEY is not set.'));
          created.push(settings);
          const p: Provider = {
            name: 'test-echo',
            label: 'Test Echo',
            isTranslation: true,
            limits,
            supportsContext: true,
            cacheKey: () => 'test-echo',
            translate: (segments) => {
              sent.push([...segments]);
              return Promise.resolve(segments.map((s) => `T:${s.text}`));
            },
            estimateCost: () => undefined,
          };
          return Promise.resolve(p);
        },
        ...over,
      };
      return { d, created, sent };
    }

    async function project(to = 'ko') {
      await initProject({ dir: tmp.join('p'), source: tmp.json('src.json', makeRecords(4)), to });
      return openProject(tmp.join('p'));
    }

    it('creates it from its descriptor, passes glossary terms and context, and batches to its limits', async () => {
      const t = testDescriptor();
      unregister = registerProvider(t.d);
      const p = await project();
      const r = await translateProject({ project: p, author: 't', provider: 'test-echo', env: { TEST_ECHO_KEY: 'k' } });
      assert.equal(r.translatedItems, 4);
      assert.equal(r.label, 'Test Echo');
      assert.equal(r.usesContext, true);
      assert.deepEqual(r.context, { billed: true });
      assert.ok(r.glossary && r.glossary.terms > 0, 'the locale pack terms go to a backend that takes entries');
      assert.ok((t.created[0]?.glossary?.length ?? 0) > 0);
      assert.ok(
        t.sent.every((b) => b.length <= 3 && b.every((s) => s.context === b[0]!.context && s.context)),
        'batched by context, within 3 texts',
      );
      const { states } = await loadState(p);
      assert.ok([...states.values()].every((s) => s.question?.startsWith('T:')));
    });

    it('sends no glossary entries when its glossaryId option is set, or for a pair it has no glossaries for (with a warning naming it)', async () => {
      const byId = testDescriptor();
      unregister = registerProvider(byId.d);
      const p = await project();
      const r = await translateProject({
        project: p,
        author: 't',
        provider: 'test-echo',
        options: { glossaryId: 'g1' },
        env: { TEST_ECHO_KEY: 'k' },
        dryRun: true,
      });
      assert.equal(r.glossary, undefined);
      assert.equal(byId.created[0]?.glossary, undefined);
      assert.equal(byId.created[0]?.glossaryId, 'g1');
      unregister();

      const narrow = testDescriptor({ capabilities: { context: false, glossaryEntries: { languages: ['ja', 'de'] }, formality: false } });
      unregister = registerProvider(narrow.d);
      const r2 = await translateProject({ project: p, author: 't', provider: 'test-echo', env: { TEST_ECHO_KEY: 'k' }, dryRun: true });
      assert.equal(r2.glossary, undefined);
      assert.equal(narrow.created[0]?.glossary, undefined);
      assert.match((r2.warnings ?? []).join('\n'), /^Test Echo has no glossaries for ja -> ko/m);
    });

    it('plans a dry run from its descriptor when it cannot be created (no key)', async () => {
      const t = testDescriptor();
      unregister = registerProvider(t.d);
      const p = await project();
      const r = await translateProject({ project: p, author: 't', provider: 'test-echo', env: {}, dryRun: true });
      assert.match(r.note ?? '', /TEST_ECHO_KEY is not set/);
      assert.equal(r.requests, 4, '4 items, one context each: one request per item');
      assert.equal(r.cost?.currency, 'EUR');
      assert.equal(r.cost?.amount, r.characters);
      assert.equal(t.sent.length, 0);
    });
  });
});
