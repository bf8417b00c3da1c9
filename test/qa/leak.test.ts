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

  it('finds a copy split by astral format characters, punctuation or a link (the unbuilt-text shortcut skips what is ignored)', () => {
    const src = item('x', '', SOURCE);
    const split = (sep: string) => `번역: ${Array.from('長く推測されにくいパスワード').join(sep)} 끝`;
    for (const sep of ['\u{E0020}', '、', ' \u200B', '\u{1BCA0}'])
      assert.equal(findNearCopy(split(sep), src)?.run, '長く推測されにくいパスワード', JSON.stringify(sep));
    // A link is replaced before comparing: the runs on both sides of it join.
    assert.equal(findNearCopy('長く推測され https://example.jp/a にくいパスワード', src)?.run, '長く推測されにくいパスワード');
    assert.equal(findNearCopy('長く推測され mail@example.jp にくいパスワード', src)?.run, '長く推測されにくいパスワード');
    assert.equal(findNearCopy('長く推測され x にくいパスワード', src), undefined);
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

  it('indexes every shingle of the compared sources under its first owner, and nothing else', () => {
    const texts = [
      SOURCE,
      '𠮷野家で「牛丼」を食べました。詳しくは https://example.jp/ａｂｃ/長いパスの例 まで、電話は０１２０へ',
      'ｶﾀｶﾅの半角テキストを全角にします。長く推測されにくいパスワード',
      '短い',
    ];
    const items = texts.map((t, i) => item(`i${i}`, t, `${t}の答えです`));
    const index = new SourceShingleIndex();
    for (const i of items) index.add(i);
    const expected = new Map<string, { item: string; source: string }>();
    for (const i of items)
      for (const source of ['question', 'answer'] as const) for (const s of shingles(i[source])) if (!expected.has(s)) expected.set(s, { item: i.id, source });
    assert.ok(expected.size > 40, String(expected.size));
    for (const [s, owner] of expected) assert.deepEqual(index.owner(s), owner, s);
    assert.equal(index.owner('https://ex'), undefined, 'URLs are left out');
    assert.deepEqual(index.owner('長く推測されにくいパ'), { item: 'i0', source: 'question' }, 'the first owner, not a later one');
    assert.deepEqual(index.owner('にします長く推測されにく'.slice(0, 10)), { item: 'i2', source: 'question' });
    assert.ok([...expected.values()].some((o) => o.source === 'answer'));
    assert.equal(index.owner('길고추측하기어려운비밀'), undefined);
  });
});
