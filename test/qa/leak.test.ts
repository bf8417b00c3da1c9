import assert from 'node:assert/strict';
import { sourceNearCopy } from '../../src/qa/checks/leak.js';
import { SourceShingleIndex, findNearCopy, shingles } from '../../src/qa/near-copy.js';
import type { SourceItem } from '../../src/dataset/item.js';
import { fails, passes } from './helpers.js';

const check = sourceNearCopy;
const SOURCE = '長く推測されにくいパスワードを使い、使い回しを避けましょう。';
const item = (id: string, question: string, answer = ''): SourceItem => ({ index: 0, id, question, answer, sourceHash: id });

describe('qa: source-near-copy', () => {
  it('fails on the source plus one Korean word, a zero-width space or changed punctuation', () => {
    fails(check, { source: SOURCE, target: `${SOURCE} 감사합니다` }, {}, /Answer copies 28 characters of the source's answer/u);
    fails(check, { source: SOURCE, target: `長く推測され\u200Bにくいパスワードを使い` }, {}, 'copies');
    fails(check, { source: SOURCE, target: '長く推測されにくい　パスワードを使い! 使い回しを避けましょう?' }, {}, 'copies');
    fails(check, { source: SOURCE, target: 'ＡＢ長く推測されにくいパスワード' }, {}, 'copies');
  });

  it('passes a translation, a short shared term, and kept URLs and numbers', () => {
    passes(check, { source: SOURCE, target: '길고 추측하기 어려운 비밀번호를 쓰고, 재사용은 피하십시오.' });
    passes(check, { source: SOURCE, target: 'パスワードを使い 라는 표현' }); // 9 characters
    passes(check, {
      source: '詳しくは https://www.example.go.jp/soudan/index.html または 0120-783-556 へ。',
      target: '자세한 내용은 https://www.example.go.jp/soudan/index.html 또는 0120-783-556으로.',
    });
  });

  it('finds another item\u2019s source through the dataset index', () => {
    const index = new SourceShingleIndex();
    const a = item('a', SOURCE);
    const b = item('b', '別の質問です。');
    index.add(a);
    index.add(b);
    assert.deepEqual(findNearCopy(`번역: ${SOURCE}`, b, index), { run: SOURCE.replace(/[、。]/gu, ''), source: 'question', otherItem: 'a' });
    assert.equal(findNearCopy(`번역: ${SOURCE}`, b), undefined);
    fails(check, { source: '別の質問です。', target: `번역: ${SOURCE}` }, { sourceIndex: index }, "copies 28 characters of item a's source question");
  });

  it('finds an item\u2019s own source whether or not the index holds the item, and a full-width copy', () => {
    const index = new SourceShingleIndex();
    const a = item('a', SOURCE);
    index.add(a);
    const expected = { run: SOURCE.replace(/[、。]/gu, ''), source: 'question' };
    assert.deepEqual(findNearCopy(`번역: ${SOURCE}`, a, index), expected);
    assert.deepEqual(findNearCopy(`번역: ${SOURCE}`, { ...a }, index), expected);
    assert.deepEqual(findNearCopy('ＡＢＣ長く推測されにくいパスワード', item('c', 'ABC長く推測されにくいパスワード')), {
      run: 'ABC長く推測されにくいパスワード',
      source: 'question',
    });
    assert.equal(findNearCopy('길고 추측하기 어려운 비밀번호를 사용하세요', a, index), undefined);
  });

  it('ignores runs of ASCII only', () => {
    assert.deepEqual([...shingles('0120783556 ABCDEFGHIJ')], []);
  });
});
