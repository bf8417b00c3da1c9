import assert from 'node:assert/strict';
import { compact, findTerm, isBlank, nfkc, originalTexts, quote, quoteList, sameCompact, sourceText } from '../../src/qa/text.js';
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

  it('sameCompact agrees with comparing compact() of both texts, combining marks and width forms included', () => {
    assert.equal(sameCompact('경찰에 電話', ' 경찰에電話 '), true);
    assert.equal(sameCompact('ABC', 'abd'), false);
    assert.equal(sameCompact('Ａｂｃ', 'a b c'), true);
    assert.equal(sameCompact('가\u11a8', '각'), true); // a Hangul syllable and a final consonant compose
    assert.equal(sameCompact('か\u3099', 'が'), true);
    assert.equal(sameCompact('e\u0301', 'é'), true);
    assert.equal(sameCompact('ｶﾞ', 'ガ'), true);
    // Random texts over characters that do and do not survive NFKC alone, each beside a near variant of itself.
    const pool = [
      ...['a', 'A', 'e', 'E', ' ', '\u3000', '\n', 'Ａ', 'ｅ', '\u0301', 'é', 'か', 'が', '\u3099', 'ｶ', 'ﾞ'],
      ...['가', '각', '\u11a8', '\u1100', '\u1161', '電', '①', '1', '\u00a8', 'İ', 'i', 'Σ', 'σ', '\u2000', '、', 'ー'],
    ];
    let seed = 42;
    const rand = (n: number): number => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
    const text = (): string => Array.from({ length: rand(6) }, () => pool[rand(pool.length)]!).join('');
    const variant = (t: string): string => {
      const chars = Array.from(t);
      const k = rand(chars.length + 1);
      const edits = [() => chars.splice(k, 0, ' '), () => chars.splice(k, 1), () => chars.splice(k, 0, pool[rand(pool.length)]!), () => chars.reverse()];
      edits[rand(edits.length)]!();
      return chars.join('');
    };
    let same = 0;
    for (let n = 0; n < 20000; n++) {
      const a = text();
      const b = rand(2) === 0 ? variant(a) : text();
      const expected = compact(a) === compact(b);
      assert.equal(sameCompact(a, b), expected, JSON.stringify([a, b]));
      if (expected) same++;
    }
    assert.ok(same > 1000, `only ${same} equal pairs generated`);
  });

  it('nfkc is String.prototype.normalize("NFKC"), also for texts it does not normalise', () => {
    const pool = [
      'a',
      'Z',
      ' ',
      '\t',
      '~',
      'か',
      'ゞ',
      '\u3099',
      'ﾞ',
      'ｶ',
      '가',
      '\u11a8',
      '\u1161',
      '電',
      '、',
      '。',
      'ー',
      '・',
      '？',
      '①',
      'é',
      'e',
      '\u0301',
    ];
    let seed = 3;
    const rand = (n: number): number => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
    for (let n = 0; n < 5000; n++) {
      const text = Array.from({ length: rand(8) }, () => pool[rand(pool.length)]!).join('');
      assert.equal(nfkc(text), text.normalize('NFKC'), JSON.stringify(text));
    }
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

describe('qa: originalTexts', () => {
  it('gives each input its own texts, though the last list is reused for the same texts', () => {
    const a = qaInput({ source: '警察', sourceEn: 'Police' });
    const b = qaInput({ source: '消防', sourceEn: 'Fire' });
    assert.deepEqual(originalTexts(a, 'answer'), ['警察', 'Police']);
    assert.equal(originalTexts(a, 'answer'), originalTexts(a, 'answer'));
    assert.deepEqual(originalTexts(a, 'question'), []);
    assert.deepEqual(originalTexts(b, 'answer'), ['消防', 'Fire']);
    assert.deepEqual(originalTexts(qaInput({ source: '消防' }), 'answer'), ['消防']);
    assert.deepEqual(originalTexts(qaInput({ source: ' ', sourceEn: 'Fire' }), 'answer'), ['Fire']);
    // The same input object with its text changed.
    const item = { ...b.item, answer: '救急' };
    assert.deepEqual(originalTexts({ ...b, item }, 'answer'), ['救急', 'Fire']);
  });
});

describe('qa: isBlank', () => {
  it('is true exactly when trim() leaves nothing, for every UTF-16 unit alone, doubled and beside a letter', () => {
    assert.equal(isBlank(undefined), true);
    assert.equal(isBlank(''), true);
    let blanks = 0;
    for (let unit = 0; unit < 0x10000; unit++) {
      const c = String.fromCharCode(unit);
      const blank = c.trim() === '';
      if (blank) blanks++;
      assert.equal(isBlank(c), blank, `U+${unit.toString(16)}`);
      assert.equal(isBlank(c + c), blank, `U+${unit.toString(16)} twice`);
      assert.equal(isBlank(`${c}a${c}`), false);
    }
    // Tab, LF, VT, FF, CR, space, NBSP, U+1680, U+2000-U+200A, LS, PS, U+202F, U+205F, U+3000, BOM.
    assert.equal(blanks, 25);
    assert.equal(isBlank(' \u3000\n\t\ufeff'), true);
    assert.equal(isBlank(' \u3000x\n'), false);
  });
});
