/** DeepL wire details, driving real deepl-node against the fake server. */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { deepl } from '../../src/translate/providers/deepl.js';
import { CONTEXT_HEADROOM_BYTES, deeplSourceLang, deeplTargetLang, GLOSSARY_STATE_FILE } from '../../src/translate/providers/deepl-client.js';
import type { ProviderSettings } from '../../src/translate/provider.js';
import { DEEPL_MAX_BODY_BYTES, startFakeDeepL } from '../fakes/deepl.js';
import type { FakeDeepL } from '../fakes/deepl.js';
import { fakeSettings, fakeTranslate } from '../fakes/index.js';

const form = (b: unknown): Record<string, unknown> => (b ?? {}) as Record<string, unknown>;

describe('deepl backend', () => {
  let fake: FakeDeepL;
  let stateDir: string;
  const settings = (extra: Partial<ProviderSettings> = {}): ProviderSettings => fakeSettings('deepl', fake, extra);
  const createProvider = (s: ProviderSettings) => deepl.create(s);

  before(async () => {
    fake = await startFakeDeepL({ key: 'fake-deepl-key-0123456789:fx' });
  });
  after(async () => fake.close());
  beforeEach(async () => {
    fake.clear();
    fake.glossaries.clear();
    stateDir = await mkdtemp(path.join(os.tmpdir(), 'carefully-deepl-'));
  });
  afterEach(async () => rm(stateDir, { recursive: true, force: true }));

  it('sends texts form-encoded with context, prefer_* formality and language codes, authenticated', async () => {
    const p = await createProvider(settings({ formality: 'less' }));
    const ctx = 'What number do I call for an ambulance?';
    const out = await p.translate(
      [
        { text: '救急車は何番？', context: ctx },
        { text: '答え', context: ctx },
      ],
      'ja',
      'ko',
    );
    assert.deepEqual(out, [fakeTranslate('救急車は何番？', 'ko'), fakeTranslate('答え', 'ko')]);
    const [req] = fake.requestsTo('translate');
    assert.ok(req);
    assert.match(req.headers['content-type'] ?? '', /application\/x-www-form-urlencoded/);
    assert.equal(req.hadCredential, true);
    assert.equal(req.authorized, true);
    assert.equal(req.headers['authorization'], undefined, 'fakes never record the key');
    const b = form(req.body);
    assert.deepEqual(b['text'], ['救急車は何番？', '答え']);
    assert.equal(b['context'], ctx);
    assert.equal(b['formality'], 'prefer_less');
    assert.equal(b['source_lang'], 'ja');
    assert.equal(b['target_lang'], 'ko');
    assert.equal(b['tag_handling'], undefined, 'plain text: no tag handling');
    assert.equal(b['glossary_id'], undefined);
    assert.equal(p.supportsContext, true);
  });

  it('maps BCP 47 tags to DeepL codes (en-US, pt-BR, zh-HANS on the wire)', async () => {
    assert.equal(deeplSourceLang('zh-Hans'), 'zh');
    assert.equal(deeplSourceLang('en-GB'), 'en');
    assert.equal(deeplTargetLang('en'), 'en-US');
    assert.equal(deeplTargetLang('en-GB'), 'en-GB');
    assert.equal(deeplTargetLang('pt'), 'pt-BR');
    assert.equal(deeplTargetLang('pt-PT'), 'pt-PT');
    assert.equal(deeplTargetLang('zh-TW'), 'zh-HANT');
    assert.equal(deeplTargetLang('ko-KR'), 'ko');
    const p = await createProvider(settings());
    for (const [to, wire] of [
      ['en', 'en-US'],
      ['zh-Hans', 'zh-HANS'],
      ['pt-BR', 'pt-BR'],
    ] as const) {
      fake.clear();
      await p.translate([{ text: 'テスト' }], 'ja', to);
      assert.equal(form(fake.requestsTo('translate')[0]?.body)['target_lang'], wire);
    }
  });

  it('creates the glossary once, stores its ID, reuses it by ID, and recreates it when entries change', async () => {
    const entries = [{ source: '110番', target: '112' }];
    const p1 = await createProvider(settings({ glossary: entries, stateDir }));
    // Two concurrent batches share one creation.
    const [a] = await Promise.all([p1.translate([{ text: '110番に電話' }], 'ja', 'ko'), p1.translate([{ text: '別の文' }], 'ja', 'ko')]);
    assert.deepEqual(a, [fakeTranslate('112に電話', 'ko')], 'the glossary was applied');
    const created = fake.requestsTo('glossary.create');
    assert.equal(created.length, 1);
    assert.deepEqual(
      { ...form(created[0]?.body), name: undefined },
      { name: undefined, source_lang: 'ja', target_lang: 'ko', entries_format: 'tsv', entries: '110番\t112' },
    );
    const state = JSON.parse(await readFile(path.join(stateDir, GLOSSARY_STATE_FILE), 'utf8')) as { hash: string; id: string };
    assert.ok(fake.glossaries.has(state.id));
    for (const r of fake.requestsTo('translate')) assert.equal(form(r.body)['glossary_id'], state.id);

    // A new run (new provider object) reuses the stored ID after checking it exists.
    fake.clear();
    const p2 = await createProvider(settings({ glossary: entries, stateDir }));
    assert.equal(p2.cacheKey(), p1.cacheKey());
    await p2.translate([{ text: '110番' }], 'ja', 'ko');
    assert.equal(fake.requestsTo('glossary.create').length, 0);
    assert.deepEqual(
      fake.requestsTo('glossary.get').map((r) => r.path),
      [`/v2/glossaries/${state.id}`],
    );
    assert.equal(form(fake.requestsTo('translate')[0]?.body)['glossary_id'], state.id);

    // Changed entries: a new glossary, a new cache key, and the outdated glossary is deleted.
    fake.clear();
    const p3 = await createProvider(settings({ glossary: [...entries, { source: '円', target: '원' }], stateDir }));
    assert.notEqual(p3.cacheKey(), p1.cacheKey());
    await p3.translate([{ text: '100円' }], 'ja', 'ko');
    assert.equal(fake.requestsTo('glossary.create').length, 1);
    const state2 = JSON.parse(await readFile(path.join(stateDir, GLOSSARY_STATE_FILE), 'utf8')) as { hash: string; id: string };
    assert.notEqual(state2.id, state.id);
    assert.notEqual(state2.hash, state.hash);
    assert.ok(!fake.glossaries.has(state.id), 'old glossary deleted');
    assert.equal(form(fake.requestsTo('translate')[0]?.body)['glossary_id'], state2.id);
  });

  it('recreates a stored glossary that was deleted on the server', async () => {
    const entries = [{ source: '110番', target: '112' }];
    await (await createProvider(settings({ glossary: entries, stateDir }))).translate([{ text: 'a' }], 'ja', 'ko');
    fake.glossaries.clear();
    fake.clear();
    const out = await (await createProvider(settings({ glossary: entries, stateDir }))).translate([{ text: '110番' }], 'ja', 'ko');
    assert.deepEqual(out, [fakeTranslate('112', 'ko')]);
    assert.equal(fake.requestsTo('glossary.get').length, 1);
    assert.equal(fake.requestsTo('glossary.create').length, 1);
  });

  it('uses a configured glossaryId as given, creating nothing', async () => {
    await (await createProvider(settings({ glossary: [{ source: 'x', target: 'y' }], stateDir }))).translate([{ text: 'x' }], 'ja', 'ko');
    const id = [...fake.glossaries.keys()][0]!;
    fake.clear();
    const p = await createProvider(settings({ glossaryId: id }));
    assert.match(p.cacheKey(), new RegExp(id));
    await p.translate([{ text: 'x' }], 'ja', 'ko');
    assert.deepEqual(
      fake.requests.map((r) => r.route),
      ['translate'],
    );
    assert.equal(form(fake.requests[0]?.body)['glossary_id'], id);
  });

  it('returns empty texts as empty without sending them (deepl-node rejects them)', async () => {
    const out = await (await createProvider(settings())).translate([{ text: '' }, { text: '文' }, { text: ' ' }], 'ja', 'ko');
    assert.deepEqual(out, ['', fakeTranslate('文', 'ko'), '']);
    assert.deepEqual(form(fake.requests[0]?.body)['text'], '文');
  });

  it('keeps a full-size batch of Japanese text plus a long context under the 128 KiB body limit', async () => {
    const p = await createProvider(settings());
    const perText = Math.floor(p.limits.maxRequestBytes! / p.limits.maxSegments);
    const text = 'あ'.repeat(Math.floor(perText / 3)); // 3 UTF-8 bytes each, 9 on the wire
    const context = 'Long English context, with punctuation & symbols; '.repeat(400); // cut to the headroom
    const batch = Array.from({ length: p.limits.maxSegments }, () => ({ text, context }));
    const out = await p.translate(batch, 'ja', 'ko');
    assert.equal(out.length, batch.length);
    const [req] = fake.requestsTo('translate');
    assert.ok(req && req.bytes <= DEEPL_MAX_BODY_BYTES, `body ${req?.bytes} bytes`);
    assert.ok(req.bytes > DEEPL_MAX_BODY_BYTES * 0.75, 'the budget is not wastefully small');
    const unusedTextBudget = p.limits.maxRequestBytes! - Buffer.byteLength(text) * batch.length;
    assert.ok(Buffer.byteLength(String(form(req.body)['context'])) <= CONTEXT_HEADROOM_BYTES + unusedTextBudget);
  });

  it('sends a long (packed) context whole up to its budget when the texts leave room, and cuts it there', async () => {
    const p = await createProvider(settings());
    const budget = p.contextMaxBytes!;
    assert.ok(budget > CONTEXT_HEADROOM_BYTES, 'packed context may exceed the headroom');
    const fits = 'E'.repeat(budget - 10);
    await p.translate([{ text: '文', context: fits }], 'ja', 'ko');
    await p.translate([{ text: '文', context: `${fits}${'x'.repeat(100)}` }], 'ja', 'ko');
    const [whole, cut] = fake.requestsTo('translate').map((r) => String(form(r.body)['context']));
    assert.equal(whole, fits);
    assert.equal(Buffer.byteLength(cut!), budget);
  });

  it('takes the server from DEEPL_SERVER_URL when no endpoint is configured', async () => {
    const { endpoint: _e, ...s } = settings();
    const p = await createProvider({ ...s, env: { ...s.env, DEEPL_SERVER_URL: fake.url } });
    await p.translate([{ text: 'a' }], 'ja', 'ko');
    assert.equal(fake.requests.length, 1);
  });

  it('refuses an unknown formality', async () => {
    await assert.rejects(createProvider(settings({ formality: 'polite' })), /formality/);
  });

  it('prices at the DeepL API Pro list price', async () => {
    const cost = (await createProvider(settings())).estimateCost(2_000_000);
    assert.equal(cost?.amount, 50);
    assert.match(cost?.basis ?? '', /DeepL API Pro/);
  });
});
