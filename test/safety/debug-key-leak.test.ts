/**
 * Issue #9 item 13: with DEBUG=* / DEBUG=follow-redirects / NODE_DEBUG=http /
 * NODE_DEBUG=net, the HTTP modules under the SDKs log requests (headers, URLs);
 * the API key must not reach stdout or stderr. The variables act when those
 * modules load, so each case is a spawned `carefully translate`.
 */
import assert from 'node:assert/strict';
import { initProject } from '../../src/project/project.js';
import { ENV } from '../helpers/provider-env.js';
import { FAKE_KEYS, startFakeProvider, type FakeServer } from '../fakes/index.js';
import { cliAsync } from '../helpers/cli.js';
import { TempDir, makeRecords } from '../helpers/fixtures.js';

const CLEAN_ENV = Object.fromEntries(Object.values(ENV).map((k) => [k, undefined]));
const SETTINGS: Record<string, string>[] = [{ DEBUG: '*' }, { DEBUG: 'follow-redirects' }, { NODE_DEBUG: 'http' }, { NODE_DEBUG: 'net' }];
const PROVIDERS = [
  { name: 'deepl', env: (fake: FakeServer) => ({ [ENV.deeplKey]: FAKE_KEYS.deepl, [ENV.deeplServer]: fake.url }), key: FAKE_KEYS.deepl },
  {
    name: 'google-v2',
    env: (fake: FakeServer) => ({ [ENV.googleV2Key]: FAKE_KEYS['google-v2'], [ENV.googleV2Endpoint]: fake.url }),
    key: FAKE_KEYS['google-v2'],
  },
] as const;

describe('API keys never printed under DEBUG / NODE_DEBUG', function () {
  this.timeout(60_000);
  let tmp: TempDir;
  before(() => (tmp = new TempDir()));
  after(() => tmp.remove());

  for (const provider of PROVIDERS) {
    for (const setting of SETTINGS) {
      const label = Object.entries(setting)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ');
      it(`${provider.name} with ${label}`, async () => {
        const fake = await startFakeProvider(provider.name);
        try {
          const dir = tmp.join(`${provider.name}-${label.replace(/\W/g, '_')}`);
          const source = tmp.json(`${provider.name}-${label.replace(/\W/g, '_')}.json`, makeRecords(2));
          await initProject({ dir, source, to: 'ko', provider: provider.name });
          const r = await cliAsync(['translate', '-p', dir], { env: { ...CLEAN_ENV, ...provider.env(fake), ...setting } });
          assert.equal(r.code, 0, r.stderr);
          assert.ok(fake.requestsTo('translate').length > 0, 'the fake server was called');
          for (const text of [r.stdout, r.stderr]) {
            assert.ok(!text.includes(provider.key), `the key appeared in the output:\n${text.slice(0, 4000)}`);
            assert.ok(!text.includes(encodeURIComponent(provider.key)), 'the URL-encoded key appeared in the output');
          }
        } finally {
          await fake.close();
        }
      });
    }
  }
});
