import assert from 'node:assert/strict';
import { cacheKey, cacheKeyer } from '../../src/translate/cache.js';
import { unitKey, unitKeyer } from '../../src/translate/plan.js';

describe('cacheKeyer', () => {
  // Keys on disk (cache/translations.jsonl) were made by cacheKey: a keyer for many texts must give the very same keys.
  const texts = [
    '',
    'a',
    '近所の人から何度も連絡が来て困っています。',
    'quote " backslash \\ newline \n tab \t',
    '\u2028\u2029',
    '😀 surrogate',
    'x'.repeat(5000),
  ];

  it('gives cacheKey for every text, whatever the other parts', () => {
    for (const parts of [
      { provider: 'google-v2', options: 'google-v2;model=default', from: 'ja', to: 'ko' },
      { provider: 'deepl', options: 'o"dd,]', from: 'en', to: 'zh-Hans', context: 'ctx' },
    ]) {
      const keyOf = cacheKeyer(parts);
      for (const text of texts) assert.equal(keyOf(text), cacheKey({ ...parts, text }), JSON.stringify(text));
    }
  });

  it('unitKeyer gives unitKey in every context mode', () => {
    for (const mode of ['off', 'item', 'packed'] as const) {
      const keyOf = unitKeyer('deepl', 'deepl;formality=default', 'ja', 'ko', mode);
      for (const text of texts) assert.equal(keyOf(text), unitKey('deepl', 'deepl;formality=default', 'ja', 'ko', text, mode));
    }
  });

  it('tells texts, providers and languages apart', () => {
    const keyOf = cacheKeyer({ provider: 'google-v2', options: 'o', from: 'ja', to: 'ko' });
    assert.equal(new Set(texts.map(keyOf)).size, texts.length);
    assert.notEqual(keyOf('a'), cacheKeyer({ provider: 'google-v2', options: 'o', from: 'ja', to: 'en' })('a'));
  });
});
