import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cacheKeyer } from '../../src/translate/cache.js';
import { unitKeyer } from '../../src/translate/plan.js';

/** The keys in cache/translations.jsonl, as earlier versions wrote them: a keyer must give the very same ones, or every rerun bills again. */
function onDisk(parts: { provider: string; options: string; from: string; to: string; context?: string }, text: string): string {
  return createHash('sha256')
    .update(JSON.stringify([parts.provider, parts.options, parts.from, parts.to, parts.context ?? '', text]))
    .digest('hex')
    .slice(0, 32);
}

describe('cacheKeyer', () => {
  const texts = [
    '',
    'a',
    '近所の人から何度も連絡が来て困っています。',
    'quote " backslash \\ newline \n tab \t',
    '\u2028\u2029',
    '😀 surrogate',
    'x'.repeat(5000),
  ];

  it('gives the keys on disk for every text, whatever the other parts', () => {
    for (const parts of [
      { provider: 'google-v2', options: 'google-v2;model=default', from: 'ja', to: 'ko' },
      { provider: 'deepl', options: 'o"dd,]', from: 'en', to: 'zh-Hans', context: 'ctx' },
    ]) {
      const keyOf = cacheKeyer(parts);
      for (const text of texts) assert.equal(keyOf(text), onDisk(parts, text), JSON.stringify(text));
    }
  });

  it('unitKeyer names the context mode in the options (none for off)', () => {
    for (const mode of ['off', 'item', 'packed'] as const) {
      const keyOf = unitKeyer('deepl', 'deepl;formality=default', 'ja', 'ko', mode);
      const options = mode === 'off' ? 'deepl;formality=default' : `deepl;formality=default;context=${mode}`;
      for (const text of texts) assert.equal(keyOf(text), onDisk({ provider: 'deepl', options, from: 'ja', to: 'ko' }, text));
    }
  });

  it('tells texts, providers and languages apart', () => {
    const keyOf = cacheKeyer({ provider: 'google-v2', options: 'o', from: 'ja', to: 'ko' });
    assert.equal(new Set(texts.map(keyOf)).size, texts.length);
    assert.notEqual(keyOf('a'), cacheKeyer({ provider: 'google-v2', options: 'o', from: 'ja', to: 'en' })('a'));
  });
});
