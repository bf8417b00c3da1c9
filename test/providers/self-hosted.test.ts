/** LibreTranslate and OpenAI-compatible wire details (global fetch against the fakes). */
import assert from 'node:assert/strict';
import { ProviderAuthError, ProviderError, ProviderUnavailableError } from '../../src/errors.js';
import { createProvider as createLibre, libreLanguageCode } from '../../src/translate/providers/libretranslate.js';
import { openai } from '../../src/translate/providers/openai.js';
import { parseTranslations } from '../../src/translate/providers/openai-client.js';
import type { ProviderSettings } from '../../src/translate/provider.js';

const createOpenAI = (s: ProviderSettings) => openai.create(s);
import { fakeSettings, fakeTranslate, startFakeLibreTranslate, startFakeOpenAI } from '../fakes/index.js';
import type { FakeServer } from '../fakes/index.js';

const body = (b: unknown): Record<string, unknown> => (b ?? {}) as Record<string, unknown>;

describe('libretranslate backend', () => {
  let open: FakeServer;
  let keyed: FakeServer;
  before(async () => {
    open = await startFakeLibreTranslate();
    keyed = await startFakeLibreTranslate({ key: 'fake-libre-key-0123456789' });
  });
  after(async () => Promise.all([open.close(), keyed.close()]));
  beforeEach(() => {
    open.clear();
    keyed.clear();
  });

  it("posts {q[], source, target, format: 'text'} and no api_key when none is set", async () => {
    const p = createLibre({ endpoint: `${open.url}/`, env: {} });
    const out = await p.translate([{ text: '一' }, { text: '二' }], 'ja', 'zh-Hans');
    assert.deepEqual(out, [fakeTranslate('一', 'zh-Hans'), fakeTranslate('二', 'zh-Hans')]);
    assert.equal(open.requests[0]?.path, '/translate');
    assert.deepEqual(body(open.requests[0]?.body), { q: ['一', '二'], source: 'ja', target: 'zh-Hans', format: 'text' });
    assert.equal(open.requests[0]?.hadCredential, false);
    assert.equal(p.estimateCost(), undefined);
  });

  it('sends LIBRETRANSLATE_API_KEY as api_key and reads LIBRETRANSLATE_URL', async () => {
    const p = createLibre({ env: { LIBRETRANSLATE_URL: keyed.url, LIBRETRANSLATE_API_KEY: 'fake-libre-key-0123456789' } });
    await p.translate([{ text: 'a' }], 'ja', 'ko');
    assert.equal(keyed.requests[0]?.authorized, true);
  });

  it('explains that a server requiring a key needs LIBRETRANSLATE_API_KEY', async () => {
    const p = createLibre({ endpoint: keyed.url, env: {} });
    await assert.rejects(p.translate([{ text: 'a' }], 'ja', 'ko'), (err: Error) => {
      assert.ok(err instanceof ProviderAuthError);
      assert.match(err.message, /needs an API key: export LIBRETRANSLATE_API_KEY=/);
      return true;
    });
  });

  it('maps 400 "Invalid API key" to an auth error', async () => {
    const p = createLibre(fakeSettings('libretranslate', keyed));
    keyed.inject({ kind: 'status', status: 400, message: 'Invalid API key' });
    await assert.rejects(p.translate([{ text: 'a' }], 'ja', 'ko'), ProviderAuthError);
  });

  it('maps language tags', () => {
    assert.equal(libreLanguageCode('pt-BR'), 'pt');
    assert.equal(libreLanguageCode('zh-TW'), 'zh-Hant');
  });
});

describe('openai-compatible backend', () => {
  let fake: FakeServer;
  before(async () => {
    fake = await startFakeOpenAI({ models: ['fake-model'] });
  });
  after(async () => fake.close());
  beforeEach(() => fake.clear());

  it('posts one user prompt rendered from the template, unescaped, asking for a JSON array', async () => {
    const p = await createOpenAI({ endpoint: `${fake.url}/v1`, model: 'fake-model', glossary: [{ source: '110番', target: '112' }], env: {} });
    const ctx = 'Q: "Which number?" & more';
    const texts = ['<b>A&B</b> "引用"', '二'];
    const out = await p.translate(
      texts.map((text) => ({ text, context: ctx })),
      'ja',
      'ko',
    );
    assert.deepEqual(
      out,
      texts.map((t) => fakeTranslate(t, 'ko')),
    );
    const [req] = fake.requests;
    assert.equal(req?.path, '/v1/chat/completions');
    assert.equal(req?.hadCredential, false, 'no OPENAI_API_KEY, no Authorization header');
    const b = body(req?.body);
    assert.equal(b['model'], 'fake-model');
    assert.equal(b['temperature'], 0);
    const prompt = (b['messages'] as { role: string; content: string }[])[0]!;
    assert.equal(prompt.role, 'user');
    assert.match(prompt.content, /from Japanese \(ja\) to Korean \(ko\)/);
    assert.match(prompt.content, /exactly 2 strings/);
    assert.match(prompt.content, /110番 => 112/);
    assert.ok(prompt.content.includes(ctx), 'context and "&" reach the model unescaped');
    assert.ok(prompt.content.includes(JSON.stringify(texts, null, 1)));
  });

  it('leaves context out when the batch does not share one', async () => {
    const p = await createOpenAI(fakeSettings('openai', fake));
    await p.translate(
      [
        { text: 'a', context: 'one' },
        { text: 'b', context: 'two' },
      ],
      'ja',
      'ko',
    );
    const prompt = (body(fake.requests[0]?.body)['messages'] as { content: string }[])[0]!.content;
    assert.doesNotMatch(prompt, /Context/);
  });

  it('accepts fenced and {"translations": [...]} replies', async () => {
    for (const replyStyle of ['fenced', 'object'] as const) {
      const f = await startFakeOpenAI({ replyStyle });
      try {
        const out = await (await createOpenAI(fakeSettings('openai', f, { env: { OPENAI_API_KEY: undefined } }))).translate([{ text: 'x' }], 'ja', 'ko');
        assert.deepEqual(out, [fakeTranslate('x', 'ko')]);
      } finally {
        await f.close();
      }
    }
    assert.deepEqual(parseTranslations('Sure!\n["a", "b"]\nHope this helps.'), ['a', 'b']);
    assert.equal(parseTranslations('I cannot help with that.'), undefined);
  });

  it('sends OPENAI_API_KEY as a bearer token', async () => {
    const f = await startFakeOpenAI({ key: 'sk-fake-openai-key-0123456789' });
    try {
      await (await createOpenAI(fakeSettings('openai', f))).translate([{ text: 'x' }], 'ja', 'ko');
      assert.equal(f.requests[0]?.authorized, true);
    } finally {
      await f.close();
    }
  });

  it('treats a chatty reply without the JSON array as retryable', async () => {
    const p = await createOpenAI(fakeSettings('openai', fake));
    // The fake answers with one translation too few.
    fake.inject({ kind: 'malformed' });
    await assert.rejects(p.translate([{ text: 'a' }, { text: 'b' }], 'ja', 'ko'), ProviderUnavailableError);
  });

  it('explains an unknown model', async () => {
    const p = await createOpenAI(fakeSettings('openai', fake, { model: 'no-such-model' }));
    await assert.rejects(p.translate([{ text: 'a' }], 'ja', 'ko'), (err: Error) => {
      assert.ok(err instanceof ProviderError && !err.retryable);
      assert.match(err.message, /ollama pull no-such-model/);
      return true;
    });
  });

  it('puts model and prompt version in the cache key', async () => {
    const a = (await createOpenAI(fakeSettings('openai', fake))).cacheKey();
    const b = (await createOpenAI(fakeSettings('openai', fake, { model: 'other' }))).cacheKey();
    assert.notEqual(a, b);
    assert.match(a, /model=fake-model;prompt=[0-9a-f]{12}/);
  });
});
