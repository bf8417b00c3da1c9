/**
 * One contract, every HTTP backend (Weblate's machinery tests, in spirit): each
 * backend supplies only its fake server and settings; the real SDKs
 * (deepl-node, @google-cloud/translate, global fetch) talk to the fakes over
 * loopback. Backend-specific wire details are in <name>.test.ts.
 */
import assert from 'node:assert/strict';
import { ProviderAuthError, ProviderError, ProviderQuotaError, ProviderRateLimitError, ProviderUnavailableError } from '../../src/errors.js';
import { loadProvider } from '../../src/translate/registry.js';
import type { Provider, ProviderSettings, Segment } from '../../src/translate/provider.js';
import { FAKE_KEYS, fakeSettings, fakeTranslate, startFakeProvider } from '../fakes/index.js';
import type { Fault, FakeProviderName, FakeServer, RecordedRequest } from '../fakes/index.js';
import { asText } from '../fakes/http-fake.js';

interface Backend {
  name: FakeProviderName;
  /** Required key variable (missing -> ProviderAuthError naming it); undefined when keys are optional. */
  keyEnv?: string;
  /** The variable whose absence makes createProvider fail with a clear error, if not keyEnv. */
  requiredEnv?: { name: string; settingsWithout: (s: ProviderSettings) => ProviderSettings };
  /** Whether the SDK lets us read Retry-After (deepl-node drops response headers). */
  readsRetryAfter: boolean;
  /** The fault that means "quota used up" for this provider, if it has quotas. */
  quota?: Fault;
  /** The texts a translate request carried, in order. */
  texts: (r: RecordedRequest) => string[];
  /** The target code as the provider's wire format spells it for 'ko'. */
  koOnWire: string;
  limits: { maxSegments: number };
}

const field = (r: RecordedRequest, k: string): unknown => (r.body as Record<string, unknown> | undefined)?.[k];
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined ? [] : [asText(v)]);

const BACKENDS: Backend[] = [
  {
    name: 'deepl',
    keyEnv: 'DEEPL_AUTH_KEY',
    readsRetryAfter: false,
    quota: { kind: 'status', status: 456 },
    texts: (r) => list(field(r, 'text')),
    koOnWire: 'ko',
    limits: { maxSegments: 50 },
  },
  {
    name: 'google-v2',
    keyEnv: 'GOOGLE_TRANSLATE_API_KEY',
    readsRetryAfter: true,
    quota: { kind: 'status', status: 403, reason: 'dailyLimitExceeded', message: 'Daily Limit Exceeded' },
    texts: (r) => list(field(r, 'q')),
    koOnWire: 'ko',
    limits: { maxSegments: 128 },
  },
  {
    name: 'google-v3',
    requiredEnv: {
      name: 'GOOGLE_CLOUD_PROJECT',
      settingsWithout: ({ projectId: _p, ...s }) => ({ ...s, env: {} }),
    },
    readsRetryAfter: true, // REST transport (the fake); over gRPC there is no Retry-After
    quota: { kind: 'status', status: 429, message: "Quota exceeded for quota metric 'Number of characters' and limit 'Characters per day'" },
    texts: (r) => list(field(r, 'contents')),
    koOnWire: 'ko',
    limits: { maxSegments: 1024 },
  },
  {
    name: 'libretranslate',
    readsRetryAfter: true,
    texts: (r) => list(field(r, 'q')),
    koOnWire: 'ko',
    limits: { maxSegments: 50 },
  },
  {
    name: 'openai',
    requiredEnv: {
      name: 'OPENAI_MODEL',
      settingsWithout: ({ model: _m, ...s }) => s,
    },
    readsRetryAfter: true,
    quota: { kind: 'status', status: 429, reason: 'insufficient_quota' },
    texts: (r) => {
      const prompt = ((field(r, 'messages') as { content: string }[] | undefined) ?? []).at(-1)?.content ?? '';
      const fences = [...prompt.matchAll(/```json\s*([\s\S]*?)```/g)];
      return JSON.parse(fences.at(-1)?.[1] ?? '[]') as string[];
    },
    koOnWire: 'ko',
    limits: { maxSegments: 20 },
  },
];

const SEGMENTS: Segment[] = [
  { text: '救急車を呼ぶには何番に電話しますか？' },
  { text: 'オレオレ詐欺の手口を教えてください。' },
  { text: '「円」と「110番」を含む文 & <b>タグ</b>' },
];

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof Error, `expected an Error, got ${String(err)}`);
    return err;
  }
  assert.fail('expected the call to fail');
}

for (const b of BACKENDS) {
  describe(`provider contract: ${b.name}`, function () {
    let fake: FakeServer;
    let provider: Provider;
    const settings = (extra: Partial<ProviderSettings> = {}): ProviderSettings => fakeSettings(b.name, fake, { timeoutMs: 2000, ...extra });

    before(async () => {
      fake = await startFakeProvider(b.name);
      provider = await loadProvider(b.name, settings());
    });
    after(async () => fake.close());
    beforeEach(() => fake.clear());

    it('translates a batch in one request, in order', async () => {
      const out = await provider.translate(SEGMENTS, 'ja', 'ko');
      assert.deepEqual(
        out,
        SEGMENTS.map((s) => fakeTranslate(s.text, b.koOnWire)),
      );
      const sent = fake.requestsTo('translate');
      assert.equal(sent.length, 1);
      assert.deepEqual(
        b.texts(sent[0]!),
        SEGMENTS.map((s) => s.text),
      );
      assert.equal(fake.requests.length, 1, 'nothing but the translate request');
    });

    it('declares its limits, and a full batch is accepted by the provider', async () => {
      assert.equal(provider.limits.maxSegments, b.limits.maxSegments);
      const full = Array.from({ length: provider.limits.maxSegments }, (_, i) => ({ text: `文${i}` }));
      const out = await provider.translate(full, 'ja', 'ko');
      assert.equal(out.length, full.length);
      assert.equal(out.at(-1), fakeTranslate(`文${full.length - 1}`, b.koOnWire));
      assert.equal(fake.requestsTo('translate').length, 1);
    });

    it('has a cache key and a cost estimate or none', () => {
      assert.match(provider.cacheKey(), new RegExp(`^${b.name}`));
      const cost = provider.estimateCost(1_000_000);
      if (cost) {
        assert.equal(cost.currency, 'USD');
        assert.ok(cost.amount > 0 && cost.basis.length > 10);
      }
    });

    if (b.keyEnv) {
      const keyEnv = b.keyEnv;
      it(`fails before sending anything when ${keyEnv} is missing`, async () => {
        const s = settings();
        const err = await rejection(loadProvider(b.name, { ...s, env: { ...s.env, [keyEnv]: undefined } }));
        assert.ok(err instanceof ProviderAuthError, String(err));
        assert.match(err.message, new RegExp(keyEnv));
        assert.equal(fake.requests.length, 0);
      });

      it('maps a rejected key to ProviderAuthError', async () => {
        const p = await loadProvider(b.name, settings({ env: { [keyEnv]: 'wrong-key-0000000000' } }));
        const err = await rejection(p.translate(SEGMENTS, 'ja', 'ko'));
        assert.ok(err instanceof ProviderAuthError, String(err));
        assert.equal(err.retryable, false);
        assert.match(err.message, new RegExp(keyEnv));
      });
    }

    if (b.requiredEnv) {
      const req = b.requiredEnv;
      it(`fails clearly when ${req.name} (or its option) is missing`, async () => {
        const err = await rejection(Promise.resolve().then(() => loadProvider(b.name, req.settingsWithout(settings()))));
        assert.ok(err instanceof ProviderError || err.name === 'UsageError', String(err));
        assert.match(err.message, new RegExp(req.name));
      });
    }

    it('maps 403 to ProviderAuthError (not retryable)', async () => {
      fake.inject({ kind: 'status', status: 403 });
      const err = await rejection(provider.translate(SEGMENTS, 'ja', 'ko'));
      assert.ok(err instanceof ProviderAuthError, String(err));
      assert.equal(err.retryable, false);
    });

    it('maps 429 to a retryable ProviderRateLimitError with Retry-After when readable', async () => {
      fake.inject({ kind: 'status', status: 429, retryAfter: 7 });
      const err = await rejection(provider.translate(SEGMENTS, 'ja', 'ko'));
      assert.ok(err instanceof ProviderRateLimitError, String(err));
      assert.equal(err.retryable, true);
      assert.equal(err.retryAfterSeconds, b.readsRetryAfter ? 7 : undefined);
      assert.equal(fake.requests.length, 1, 'the SDK must not retry on its own');
    });

    if (b.quota) {
      const quota = b.quota;
      it('maps an exhausted quota to ProviderQuotaError (not retryable)', async () => {
        fake.inject(quota);
        const err = await rejection(provider.translate(SEGMENTS, 'ja', 'ko'));
        assert.ok(err instanceof ProviderQuotaError, String(err));
        assert.equal(err.retryable, false);
        assert.match(err.message, /carefully translate/);
      });
    }

    for (const status of [500, 502, 503]) {
      it(`maps ${status} to a retryable ProviderUnavailableError, with no SDK retries`, async () => {
        fake.inject({ kind: 'status', status, times: 3 });
        const err = await rejection(provider.translate(SEGMENTS, 'ja', 'ko'));
        assert.ok(err instanceof ProviderUnavailableError, String(err));
        assert.equal(err.retryable, true);
        assert.equal(fake.requests.length, 1, 'the SDK must not retry on its own');
      });
    }

    it('maps a connection reset to a retryable ProviderUnavailableError', async () => {
      fake.inject({ kind: 'reset' });
      const err = await rejection(provider.translate(SEGMENTS, 'ja', 'ko'));
      assert.ok(err instanceof ProviderUnavailableError, String(err));
      assert.equal(err.retryable, true);
    });

    it('times out a request that never answers, retryably', async () => {
      const p = await loadProvider(b.name, settings({ timeoutMs: 300 }));
      fake.inject({ kind: 'hang' });
      const started = Date.now();
      const err = await rejection(p.translate(SEGMENTS, 'ja', 'ko'));
      const took = Date.now() - started;
      assert.ok(err instanceof ProviderUnavailableError, String(err));
      assert.equal(err.retryable, true);
      // deepl-node waits at least its ~1 s backoff window; everyone else honours 300 ms.
      assert.ok(took >= 250 && took < 3000, `took ${took} ms`);
    });

    it('stops waiting when the user aborts', async () => {
      fake.inject({ kind: 'hang' });
      const ac = new AbortController();
      setTimeout(() => ac.abort(), 100);
      const started = Date.now();
      const err = await rejection(provider.translate(SEGMENTS, 'ja', 'ko', { signal: ac.signal }));
      assert.equal(err.name, 'AbortError');
      assert.ok(Date.now() - started < 1000);
    });

    it('treats a reply with the wrong number of translations as retryable', async () => {
      fake.inject({ kind: 'malformed' });
      const err = await rejection(provider.translate(SEGMENTS, 'ja', 'ko'));
      assert.ok(err instanceof ProviderUnavailableError, String(err));
      assert.equal(err.retryable, true);
    });

    it('never puts the API key in an error message', async function () {
      const secret = `s3cret-${b.name}-KEY-9f8e7d6c5b4a`;
      const keyEnv = b.keyEnv ?? (b.name === 'libretranslate' ? 'LIBRETRANSLATE_API_KEY' : b.name === 'openai' ? 'OPENAI_API_KEY' : undefined);
      if (!keyEnv) this.skip(); // google-v3 uses ADC, no key of ours
      const p = await loadProvider(b.name, settings({ env: { [keyEnv]: secret }, timeoutMs: 300 }));
      const faults: (Fault | undefined)[] = [
        undefined, // the fake rejects the key itself
        { kind: 'status', status: 403 },
        { kind: 'status', status: 429, retryAfter: 1 },
        { kind: 'status', status: 400, message: `bad request with key=${secret}` },
        { kind: 'status', status: 500 },
        { kind: 'reset' },
        { kind: 'hang' },
        ...(b.quota ? [b.quota] : []),
      ];
      for (const f of faults) {
        if (f) fake.inject(f);
        const err = await rejection(p.translate(SEGMENTS, 'ja', 'ko'));
        for (const text of [err.message, asText(err.cause ?? '')]) {
          assert.ok(!text.includes(secret), `key leaked in: ${text}`);
          assert.ok(!text.includes(secret.slice(-6)), `key suffix leaked in: ${text}`);
          assert.ok(!text.includes(FAKE_KEYS[b.name] || '\u0000'), `fake key leaked in: ${text}`);
        }
      }
    });
  });
}
