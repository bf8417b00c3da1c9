/**
 * One door to every fake provider server, for the provider contract tests, the
 * engine's tests and the benchmark:
 *
 *   const fake = await startFakeProvider('deepl', { delayMs: 50 });
 *   const provider = await loadProvider('deepl', fakeSettings('deepl', fake));
 *   ... fake.requests, fake.stats, fake.inject({ kind: 'status', status: 429, retryAfter: 2 }) ...
 *   await fake.close();
 */
import type { ProviderSettings } from '../../src/translate/provider.js';
import { startFakeDeepL } from './deepl.js';
import { startFakeGoogleV2 } from './google-v2.js';
import { startFakeGoogleV3 } from './google-v3.js';
import type { FakeOptions, FakeServer } from './http-fake.js';
import { startFakeLibreTranslate } from './libretranslate.js';
import { startFakeOpenAI } from './openai.js';

export * from './http-fake.js';
export { startFakeDeepL } from './deepl.js';
export type { FakeDeepL, FakeGlossary } from './deepl.js';
export { startFakeGoogleV2 } from './google-v2.js';
export { startFakeGoogleV3 } from './google-v3.js';
export { startFakeLibreTranslate } from './libretranslate.js';
export { startFakeOpenAI } from './openai.js';
export type { FakeOpenAIOptions } from './openai.js';

/** Backends that talk HTTP and have a fake (pseudo needs none). */
export const FAKE_PROVIDERS = ['deepl', 'google-v2', 'google-v3', 'libretranslate', 'openai'] as const;
export type FakeProviderName = (typeof FAKE_PROVIDERS)[number];

/** The key every fake accepts by default and fakeSettings puts in the environment. Obviously fake. */
export const FAKE_KEYS: Record<FakeProviderName, string> = {
  deepl: 'fake-deepl-key-0123456789:fx',
  'google-v2': 'fake-google-key-0123456789',
  'google-v3': '',
  libretranslate: 'fake-libre-key-0123456789',
  openai: 'sk-fake-openai-key-0123456789',
};

export function startFakeProvider(name: FakeProviderName, opts: FakeOptions = {}): Promise<FakeServer> {
  const withKey = { key: FAKE_KEYS[name] || undefined, ...opts };
  switch (name) {
    case 'deepl':
      return startFakeDeepL(withKey);
    case 'google-v2':
      return startFakeGoogleV2(withKey);
    case 'google-v3':
      return startFakeGoogleV3(opts);
    case 'libretranslate':
      return startFakeLibreTranslate(withKey);
    case 'openai':
      return startFakeOpenAI(withKey);
  }
}

/**
 * Provider settings that point a backend at its fake: endpoint, the fake key in a
 * private env (never process.env), a model/project where one is required.
 */
export function fakeSettings(name: FakeProviderName, fake: FakeServer, extra: Partial<ProviderSettings> = {}): ProviderSettings {
  const { env: extraEnv, ...rest } = extra;
  const base: Record<FakeProviderName, ProviderSettings> = {
    deepl: { endpoint: fake.url, env: { DEEPL_AUTH_KEY: FAKE_KEYS.deepl } },
    'google-v2': { endpoint: `${fake.url}/language/translate/v2`, env: { GOOGLE_TRANSLATE_API_KEY: FAKE_KEYS['google-v2'] } },
    'google-v3': { endpoint: fake.url, projectId: 'fake-project', env: {} },
    libretranslate: { endpoint: fake.url, env: { LIBRETRANSLATE_API_KEY: FAKE_KEYS.libretranslate } },
    openai: { endpoint: fake.url, model: 'fake-model', env: { OPENAI_API_KEY: FAKE_KEYS.openai } },
  };
  const s = base[name];
  return { ...s, ...rest, env: { ...s.env, ...extraEnv } };
}
