import assert from 'node:assert/strict';
import { compact, findTerm, quote, quoteList, sourceText } from '../../src/qa/text.js';
import { qaInput } from './helpers.js';

describe('qa: term matching', () => {
  it('finds Han and kana terms anywhere', () => {
    assert.deepEqual(findTerm('東京都の人', '東京都'), ['東京都']);
    assert.deepEqual(findTerm('110番に', '110番'), ['110番']);
    assert.deepEqual(findTerm('2110番に', '110番'), []);
  });

  it('finds Latin terms as whole words, with Korean particles attached', () => {
    assert.deepEqual(findTerm('LINE에서 연락', 'LINE', { caseSensitive: true }), ['LINE']);
    assert.deepEqual(findTerm('ONLINE', 'LINE', { caseSensitive: true }), []);
    assert.deepEqual(findTerm('a Scam  Call', 'scam call'), ['Scam  Call']);
    assert.deepEqual(findTerm('ＬＩＮＥで', 'LINE', { caseSensitive: true }), ['LINE']);
  });

  it('finds Hangul terms followed by a particle or no Hangul, never inside a word', () => {
    assert.deepEqual(findTerm('100엔으로', '엔'), ['엔']);
    assert.deepEqual(findTerm('100엔.', '엔'), ['엔']);
    assert.deepEqual(findTerm('엔진', '엔'), []);
    assert.deepEqual(findTerm('펜엔', '엔'), []);
  });
});

describe('qa: text helpers', () => {
  it('compares texts ignoring whitespace, width and case', () => {
    assert.equal(compact(' Ａb  c\n'), compact('abc'));
  });

  it('quotes, shortening long text and long lists', () => {
    assert.equal(quote('電話'), '"電話"');
    assert.equal(quote('가'.repeat(60)), `"${'가'.repeat(20)}…${'가'.repeat(19)}"`);
    assert.equal(quoteList(['a', 'b', 'a', 'c'], 2), '"a", "b" and 1 more');
  });

  it('takes the source from the English fields when translating from English', () => {
    assert.equal(sourceText(qaInput({ source: '警察', sourceEn: 'Police' }), 'answer'), '警察');
    assert.equal(sourceText(qaInput({ source: '警察', sourceEn: 'Police', sourceLanguage: 'en' }), 'answer'), 'Police');
  });
});
