/** Static provider facts and the lazy loader. */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { UsageError } from '../../src/errors.js';
import { describeProviders, loadProvider } from '../../src/translate/provider-info.js';
import { PROVIDER_NAMES } from '../../src/translate/provider.js';

const run = promisify(execFile);

describe('provider-info', () => {
  it('describes every provider, reporting keys only as set or not', () => {
    const secret = 'very-secret-deepl-key:fx';
    const infos = describeProviders({ DEEPL_AUTH_KEY: secret, LIBRETRANSLATE_URL: 'https://libretranslate.com' });
    assert.deepEqual(infos.map((i) => i.name), [...PROVIDER_NAMES]);
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
  });

  it('loads backends by name and refuses unknown names', async () => {
    const pseudo = await loadProvider('pseudo', { env: {} });
    assert.equal(pseudo.isTranslation, false);
    await assert.rejects(loadProvider('babelfish', { env: {} }), UsageError);
  });

  it('does not load any SDK just to describe providers', async () => {
    const here = fileURLToPath(new URL('../../src/translate/', import.meta.url));
    const script = (mod: string): string => `
      import { createRequire } from 'node:module';
      await import(${JSON.stringify(here + mod)});
      const cache = Object.keys(createRequire(import.meta.url).cache);
      console.log(JSON.stringify(cache.filter((f) => /deepl-node|@google-cloud|google-gax|google-auth-library/.test(f)).length));`;
    const count = async (mod: string): Promise<number> =>
      Number((await run(process.execPath, ['--input-type=module', '-e', script(mod)])).stdout.trim());
    assert.equal(await count('provider-info.js'), 0);
    assert.ok((await count('providers/deepl.js')) > 0, 'control: importing a backend does load its SDK');
  });
});
