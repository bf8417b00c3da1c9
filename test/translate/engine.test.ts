import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { initProject, openProject, loadState } from '../../src/project/project.js';
import { translateProject } from '../../src/translate/engine.js';
import { createProvider as createPseudo } from '../../src/translate/providers/pseudo.js';
import { ProviderQuotaError, ProviderUnavailableError, InterruptedError } from '../../src/errors.js';
import type { Provider, Segment } from '../../src/translate/provider.js';
import { TempDir, makeRecords, makeRecord } from '../helpers/fixtures.js';

/** The pseudo backend, counting requests and failing on demand: the engine's view of a provider. */
function counting(failAt?: { request: number; error: () => Error }, limits = { maxSegments: 4, defaultConcurrency: 2 }) {
  const inner = createPseudo({ env: {} });
  const sent: Segment[][] = [];
  const provider: Provider = {
    ...inner,
    limits,
    async translate(segments, from, to) {
      sent.push([...segments]);
      if (failAt && sent.length >= failAt.request) throw failAt.error();
      return inner.translate(segments, from, to);
    },
  };
  return { provider, sent };
}

describe('translateProject', () => {
  let tmp: TempDir;
  beforeEach(() => (tmp = new TempDir()));
  afterEach(() => tmp.remove());

  async function project(records = makeRecords(10)) {
    await initProject({ dir: tmp.join('p'), source: tmp.json('src.json', records), to: 'ko' });
    return openProject(tmp.join('p'));
  }

  it('translates every item once, in the fewest requests, and a rerun sends nothing', async () => {
    const p = await project();
    const { provider, sent } = counting();
    const r = await translateProject({ project: p, author: 't', providerInstance: provider });
    assert.equal(r.translatedItems, 10);
    assert.equal(r.requestsSent, 5); // 20 unique texts / 4 per request
    assert.ok(sent.every((b) => b.length <= 4));
    const { states } = await loadState(p);
    assert.ok([...states.values()].every((s) => s.state === 'translated' && s.question?.startsWith('⟦')));
    const again = counting();
    const r2 = await translateProject({ project: p, author: 't', providerInstance: again.provider });
    assert.equal(r2.items, 0);
    assert.equal(again.sent.length, 0);
  });

  it('sends identical texts once', async () => {
    const recs = makeRecords(4).map((r) => ({ ...r, output: '同じ回答です。' }));
    const p = await project(recs);
    const { provider, sent } = counting();
    const r = await translateProject({ project: p, author: 't', providerInstance: provider });
    assert.equal(r.uniqueSegments, 5);
    assert.equal(sent.flat().length, 5);
    assert.equal(r.translatedItems, 4);
  });

  it('does not bill again after a crash between the cache and the journal', async () => {
    const p = await project();
    await translateProject({ project: p, author: 't', providerInstance: counting().provider });
    rmSync(path.join(p.dir, 'journal', 't.jsonl')); // as if the journal write never happened
    const again = counting();
    const r = await translateProject({ project: p, author: 't', providerInstance: again.provider });
    assert.equal(again.sent.length, 0);
    assert.equal(r.translatedItems, 10);
  });

  it('--limit translates only the first N missing items', async () => {
    const p = await project();
    const r = await translateProject({ project: p, author: 't', limit: 3, providerInstance: counting().provider });
    assert.equal(r.translatedItems, 3);
    const r2 = await translateProject({ project: p, author: 't', providerInstance: counting().provider });
    assert.equal(r2.items, 7);
  });

  it('a dry run reports segments and characters and sends nothing', async () => {
    const p = await project();
    const { provider, sent } = counting();
    const r = await translateProject({ project: p, author: 't', dryRun: true, providerInstance: provider });
    assert.equal(sent.length, 0);
    assert.equal(r.requests, 5);
    assert.equal(r.segments, 20);
    assert.ok(r.characters > 0);
    assert.equal((await loadState(p)).states.get('test-0000')!.state, 'untranslated');
  });

  it('stops cleanly on a quota error, keeping what was received and carrying what remains as data', async () => {
    const p = await project();
    const { provider } = counting({ request: 3, error: () => new ProviderQuotaError('fake', 'Quota exceeded.') }, { maxSegments: 4, defaultConcurrency: 1 });
    await assert.rejects(translateProject({ project: p, author: 't', providerInstance: provider }), (e: unknown) => {
      assert.ok(e instanceof ProviderQuotaError);
      assert.deepEqual(e.progress, { saved: 4, remaining: 6 });
      assert.equal(e.message, 'Quota exceeded.', "the provider's message is left as it said it");
      return true;
    });
    const { states } = await loadState(p);
    const translated = [...states.values()].filter((s) => s.state === 'translated');
    assert.equal(translated.length, 4);
    assert.ok(translated.every((s) => s.question && s.answer));
    const resume = counting();
    const r = await translateProject({ project: p, author: 't', providerInstance: resume.provider });
    assert.equal(r.translatedItems, 6);
    assert.equal(resume.sent.flat().length, 12);
  });

  it('retries a failing request within bounds, then gives a clear error', async () => {
    const p = await project(makeRecords(2));
    const { provider, sent } = counting({ request: 1, error: () => new ProviderUnavailableError('fake', 'HTTP 503') });
    await assert.rejects(
      translateProject({ project: p, author: 't', providerInstance: provider, retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 5 } }),
      (e: unknown) => e instanceof Error && /kept failing after 3 attempts/.test(e.message),
    );
    assert.equal(sent.length, 3);
  });

  it('on interrupt records nothing half-done and says how to resume', async () => {
    const p = await project();
    const controller = new AbortController();
    const { provider } = counting();
    const slow: Provider = {
      ...provider,
      limits: { maxSegments: 2, defaultConcurrency: 1 },
      translate: async (s, f, t) => {
        controller.abort();
        return provider.translate(s, f, t);
      },
    };
    await assert.rejects(
      translateProject({ project: p, author: 't', providerInstance: slow, signal: controller.signal }),
      (e: unknown) => e instanceof InterruptedError && /run `carefully translate` again/i.test(e.message),
    );
    const { states } = await loadState(p);
    for (const s of states.values()) assert.ok(s.state === 'untranslated' || (s.question && s.answer));
  });

  it('replaces pseudo-localized drafts when a real provider is used, and only then', async () => {
    const p = await project(makeRecords(3));
    await translateProject({ project: p, author: 't', providerInstance: counting().provider });
    const pseudoAgain = counting();
    assert.equal((await translateProject({ project: p, author: 't', providerInstance: pseudoAgain.provider })).items, 0);
    const real = counting();
    const realProvider: Provider = { ...real.provider, name: 'deepl', label: 'DeepL', isTranslation: true, cacheKey: () => 'real' };
    const r = await translateProject({ project: p, author: 't', providerInstance: realProvider });
    assert.equal(r.translatedItems, 3);
    const { states } = await loadState(p);
    assert.ok([...states.values()].every((s) => s.mt?.provider === 'deepl' && s.mt.isTranslation));
    assert.equal((await translateProject({ project: p, author: 't', providerInstance: realProvider })).items, 0);
  });

  it('re-translates an item whose source text changed', async () => {
    const p = await project(makeRecords(2));
    await translateProject({ project: p, author: 't', providerInstance: counting().provider });
    const changed = [makeRecord(0, { text: '質問が変わりました。' }), makeRecord(1)];
    tmp.json('src.json', changed);
    const { provider, sent } = counting();
    const r = await translateProject({ project: openProject(p.dir), author: 't', providerInstance: provider });
    assert.equal(r.items, 1);
    assert.equal(sent.flat().length, 1); // the answer text is unchanged and cached
  });
});
