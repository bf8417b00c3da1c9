/** Google v2 and v3 wire details, driving the real @google-cloud/translate clients against the fakes. */
import assert from 'node:assert/strict';
import { ProviderAuthError, ProviderRateLimitError } from '../../src/errors.js';
import { googleV2 } from '../../src/translate/providers/google-v2.js';
import { googleLanguageCode } from '../../src/translate/providers/google-v2-client.js';
import { googleV3 } from '../../src/translate/providers/google-v3.js';
import type { ProviderSettings } from '../../src/translate/provider.js';

const createV2 = (s: ProviderSettings) => googleV2.create(s);
const createV3 = (s: ProviderSettings) => googleV3.create(s);
import { fakeSettings, fakeTranslate, startFakeGoogleV2, startFakeGoogleV3 } from '../fakes/index.js';
import type { FakeServer } from '../fakes/index.js';

const body = (b: unknown): Record<string, unknown> => (b ?? {}) as Record<string, unknown>;

describe('google-v2 backend', () => {
  let fake: FakeServer;
  before(async () => {
    fake = await startFakeGoogleV2({ key: 'fake-google-key-0123456789' });
  });
  after(async () => fake.close());
  beforeEach(() => fake.clear());

  it("always sends format: 'text', even when a text looks like HTML", async () => {
    const p = await createV2(fakeSettings('google-v2', fake));
    const out = await p.translate([{ text: '<b>太字</b> & 記号' }, { text: '普通の文' }], 'ja', 'zh-Hans');
    assert.deepEqual(out, [fakeTranslate('<b>太字</b> & 記号', 'zh-CN'), fakeTranslate('普通の文', 'zh-CN')]);
    const [req] = fake.requests;
    assert.equal(req?.path, '/language/translate/v2');
    assert.deepEqual(body(req?.body), { q: ['<b>太字</b> & 記号', '普通の文'], format: 'text', source: 'ja', target: 'zh-CN' });
    assert.equal(req?.hadCredential, true, 'the key goes in the query string');
    assert.equal(req?.query['key'], undefined, 'and the fake does not record it');
  });

  it('maps Chinese tags to Google codes', () => {
    assert.equal(googleLanguageCode('zh-Hans'), 'zh-CN');
    assert.equal(googleLanguageCode('zh-Hant'), 'zh-TW');
    assert.equal(googleLanguageCode('ko'), 'ko');
  });

  it('reads the endpoint from GOOGLE_CLOUD_TRANSLATE_ENDPOINT in its env (adding the v2 path to a bare origin)', async () => {
    const before = process.env['GOOGLE_CLOUD_TRANSLATE_ENDPOINT'];
    const { endpoint: _e, ...s } = fakeSettings('google-v2', fake);
    const p = await createV2({ ...s, env: { ...s.env, GOOGLE_CLOUD_TRANSLATE_ENDPOINT: fake.url } });
    await p.translate([{ text: 'a' }], 'ja', 'ko');
    assert.equal(fake.requests[0]?.path, '/language/translate/v2');
    assert.equal(process.env['GOOGLE_CLOUD_TRANSLATE_ENDPOINT'], before, 'process.env untouched');
  });

  it('tells a per-user rate limit (403 userRateLimitExceeded) from a bad key', async () => {
    const p = await createV2(fakeSettings('google-v2', fake));
    fake.inject({ kind: 'status', status: 403, reason: 'userRateLimitExceeded', message: 'User Rate Limit Exceeded' });
    await assert.rejects(p.translate([{ text: 'a' }], 'ja', 'ko'), ProviderRateLimitError);
    fake.inject({ kind: 'status', status: 403, reason: 'accessNotConfigured', message: 'Cloud Translation API has not been used in project 123' });
    await assert.rejects(p.translate([{ text: 'a' }], 'ja', 'ko'), (err: Error) => {
      assert.ok(err instanceof ProviderAuthError);
      assert.match(err.message, /has not been used in project/, 'the server reason is kept');
      return true;
    });
  });

  it('prices at the Basic list price', async () => {
    const cost = (await createV2(fakeSettings('google-v2', fake))).estimateCost(1_000_000);
    assert.equal(cost?.amount, 20);
  });
});

describe('google-v3 backend', () => {
  let fake: FakeServer;
  before(async () => {
    fake = await startFakeGoogleV3();
  });
  after(async () => fake.close());
  beforeEach(() => fake.clear());

  it("posts to projects/*/locations/*:translateText over REST with mimeType 'text/plain' and no credentials", async () => {
    const p = await createV3(fakeSettings('google-v3', fake));
    const out = await p.translate([{ text: '一' }, { text: '二' }], 'ja', 'ko');
    assert.deepEqual(out, [fakeTranslate('一', 'ko'), fakeTranslate('二', 'ko')]);
    const [req] = fake.requests;
    assert.equal(req?.method, 'POST');
    assert.equal(req?.path, '/v3/projects/fake-project/locations/global:translateText');
    assert.deepEqual(
      { ...body(req?.body), labels: undefined },
      {
        contents: ['一', '二'],
        mimeType: 'text/plain',
        sourceLanguageCode: 'ja',
        targetLanguageCode: 'ko',
        labels: undefined,
      },
    );
    assert.equal(req?.hadCredential, false, 'PassThroughClient sends no Authorization');
    assert.equal(req?.headers['x-goog-request-params'], 'parent=projects%2Ffake-project%2Flocations%2Fglobal');
    assert.match(req?.headers['x-goog-api-client'] ?? '', /rest\//);
  });

  it('sends the glossary as a full resource name and returns the glossary translations', async () => {
    const p = await createV3(fakeSettings('google-v3', fake, { location: 'us-central1', glossaryId: 'ko-terms', model: 'general/nmt' }));
    const out = await p.translate([{ text: '110番' }], 'ja', 'ko');
    assert.deepEqual(out, [fakeTranslate('110番', 'ko+glossary')]);
    const b = body(fake.requests[0]?.body);
    assert.equal(fake.requests[0]?.path, '/v3/projects/fake-project/locations/us-central1:translateText');
    assert.deepEqual(b['glossaryConfig'], { glossary: 'projects/fake-project/locations/us-central1/glossaries/ko-terms' });
    assert.equal(b['model'], 'projects/fake-project/locations/us-central1/models/general/nmt');
    assert.match(p.cacheKey(), /ko-terms/);
  });

  it('takes the project from GOOGLE_CLOUD_PROJECT', async () => {
    const { projectId: _p, ...s } = fakeSettings('google-v3', fake);
    const p = await createV3({ ...s, env: { GOOGLE_CLOUD_PROJECT: 'env-project' } });
    await p.translate([{ text: 'a' }], 'ja', 'ko');
    assert.match(fake.requests[0]?.path ?? '', /^\/v3\/projects\/env-project\//);
  });

  it('maps a per-minute RESOURCE_EXHAUSTED to a rate limit', async () => {
    const p = await createV3(fakeSettings('google-v3', fake));
    fake.inject({ kind: 'status', status: 429, message: "Quota exceeded for quota metric 'Characters' and limit 'Characters per minute per project'" });
    await assert.rejects(p.translate([{ text: 'a' }], 'ja', 'ko'), ProviderRateLimitError);
  });

  it('names gcloud and GOOGLE_APPLICATION_CREDENTIALS when credentials are refused', async () => {
    const p = await createV3(fakeSettings('google-v3', fake));
    fake.inject({ kind: 'status', status: 401, message: 'Request had invalid authentication credentials.' });
    await assert.rejects(p.translate([{ text: 'a' }], 'ja', 'ko'), (err: Error) => {
      assert.ok(err instanceof ProviderAuthError);
      assert.match(err.message, /gcloud auth application-default login/);
      assert.match(err.message, /GOOGLE_APPLICATION_CREDENTIALS/);
      return true;
    });
  });
});
