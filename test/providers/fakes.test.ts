/** The fake servers themselves: recording, fault injection, delay, stats, close. */
import assert from 'node:assert/strict';
import { FAKE_PROVIDERS, startFakeDeepL, startFakeProvider } from '../fakes/index.js';

async function post(url: string, body: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string; headers: Headers }> {
  const res = await fetch(url, { method: 'POST', body, headers });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

describe('fake provider servers', () => {
  it('each starts on loopback and closes', async () => {
    for (const name of FAKE_PROVIDERS) {
      const fake = await startFakeProvider(name);
      assert.match(fake.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.equal(fake.provider, name);
      await fake.close();
    }
  });

  it('applies a fault the given number of times, then answers normally; records without the key', async () => {
    const fake = await startFakeDeepL({ key: 'k-123456' });
    try {
      fake.inject({ kind: 'status', status: 503, times: 2, retryAfter: 4 });
      const send = () =>
        post(`${fake.url}/v2/translate`, 'text=a&target_lang=ko', {
          authorization: 'DeepL-Auth-Key k-123456',
          'content-type': 'application/x-www-form-urlencoded',
        });
      const a = await send();
      const b = await send();
      const c = await send();
      assert.deepEqual([a.status, b.status, c.status], [503, 503, 200]);
      assert.equal(a.headers.get('retry-after'), '4');
      assert.deepEqual(JSON.parse(c.text), { translations: [{ detected_source_language: 'JA', text: '[ko] a', billed_characters: 1 }] });
      assert.equal(fake.requests.length, 3);
      assert.ok(!JSON.stringify(fake.requests).includes('k-123456'));
      assert.equal(fake.stats.characters, 1);
    } finally {
      await fake.close();
    }
  });

  it('delays answers and counts concurrent requests', async () => {
    const fake = await startFakeProvider('libretranslate', { delayMs: 100, key: undefined });
    try {
      const started = Date.now();
      await Promise.all(
        [1, 2, 3].map(() =>
          post(`${fake.url}/translate`, JSON.stringify({ q: ['x'], source: 'ja', target: 'ko', api_key: 'fake-libre-key-0123456789' }), {
            'content-type': 'application/json',
          }),
        ),
      );
      const took = Date.now() - started;
      assert.ok(took >= 95 && took < 1000, `took ${took} ms`);
      assert.equal(fake.stats.maxInFlight, 3);
      assert.equal(fake.stats.inFlight, 0);
    } finally {
      await fake.close();
    }
  });

  it('closes even with a hanging request, which the client sees as a reset', async () => {
    const fake = await startFakeProvider('openai', { key: undefined });
    fake.inject({ kind: 'hang' });
    const pending = post(`${fake.url}/v1/chat/completions`, '{}', { 'content-type': 'application/json' });
    await new Promise((r) => setTimeout(r, 50));
    await fake.close();
    await assert.rejects(pending);
  });
});
