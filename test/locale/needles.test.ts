/** The needle scan (src/locale/needles.ts): which terms may match a text, never missing one. */
import assert from 'node:assert/strict';
import { loadLocalePack } from '../../src/locale/locale-pack.js';
import { NeedleSet, needleOf, patternNeedle } from '../../src/locale/needles.js';
import { randomBelow } from '../helpers/prng.js';

describe('NeedleSet', () => {
  it('finds overlapping and nested needles in one pass', () => {
    const set = new NeedleSet([
      { text: '110番', mode: 'exact' },
      { text: '110', mode: 'exact' },
      { text: '10番', mode: 'exact' },
      { text: '人権110番', mode: 'exact' },
      { text: '119', mode: 'exact' },
    ]);
    assert.deepEqual(set.candidates('みんなの人権110番'), [0, 1, 2, 3]);
    assert.deepEqual(set.candidates('1119'), [4]);
    assert.deepEqual(set.candidates('112'), []);
  });

  it('finds exactly the needles a text contains, over many needles sharing prefixes and suffixes', () => {
    let seed = 7;
    const rand = (n: number): number => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
    const word = (max: number): string => Array.from({ length: 1 + rand(max) }, () => 'ab가나番1A'[rand(7)]!).join('');
    const needles = Array.from({ length: 300 }, () => word(6));
    const lower = needles.map((text, k) => ({ text: text.toLowerCase(), mode: k % 2 === 0 ? ('exact' as const) : ('lower' as const) }));
    const set = new NeedleSet(lower);
    for (let n = 0; n < 500; n++) {
      const text = word(40);
      const expected = lower.flatMap((x, k) => ((x.mode === 'exact' ? text : text.toLowerCase()).includes(x.text) ? [k] : []));
      assert.deepEqual(set.candidates(text), expected, text);
    }
  });

  it('a term without a needle is always a candidate', () => {
    const set = new NeedleSet([undefined, { text: 'LINE', mode: 'exact' }]);
    assert.deepEqual(set.candidates('line'), [0]);
    assert.deepEqual(set.candidates('LINE'), [0, 1]);
  });

  it('case-insensitive needles are found in any case, and whenever case folding and lower case disagree', () => {
    const set = new NeedleSet([needleOf(['yes'], true), needleOf(['Tokyo'], false), needleOf(['円'], true)]);
    assert.deepEqual(set.candidates('YES Tokyo'), [0, 1]);
    assert.deepEqual(set.candidates('tokyo 円'), [2]);
    // /yes/iu matches "yeſ" (long s), which lower-cases to itself: the needle is not trusted there.
    assert.ok(/yes/iu.test('yeſ'));
    assert.deepEqual(set.candidates('yeſ'), [0]);
  });

  it('picks the longest whitespace-free piece, folded only when it has case', () => {
    assert.deepEqual(needleOf(['scam', 'calls'], true), { text: 'calls', mode: 'fold' });
    assert.deepEqual(needleOf(['110', '番'], true), { text: '110', mode: 'exact' });
    assert.equal(needleOf([''], true), undefined);
  });
});

describe('patternNeedle', () => {
  /** Every match of the pattern contains its needle (the only thing the shortcut relies on). */
  const holds = (pattern: string, flags: string, texts: readonly string[]): number => {
    const needle = patternNeedle(pattern, flags);
    if (!needle) return 0;
    let matches = 0;
    for (const text of texts) {
      for (const m of text.matchAll(new RegExp(pattern, `g${flags}`))) {
        if (m[0] === '') continue;
        matches++;
        const hay = needle.mode === 'exact' ? m[0] : m[0].toLowerCase();
        assert.ok(
          hay.includes(needle.text),
          `/${pattern}/${flags} matched ${JSON.stringify(m[0])} in ${JSON.stringify(text)} without its needle ${JSON.stringify(needle.text)}`,
        );
      }
    }
    return matches;
  };

  it("gives each of the ko pack's leftover patterns a needle that all their matches contain", () => {
    const pack = loadLocalePack('ko').pack;
    const patterns = pack.equivalents.flatMap((e) => e.leftoverPatterns ?? []);
    assert.ok(patterns.length >= 7);
    const pieces = [
      '경찰',
      '(',
      '110',
      '번',
      ' ',
      '5,000',
      '만',
      '엔',
      '엔진',
      '개별',
      '소비세',
      '20',
      '18',
      '세',
      '살',
      '미만',
      '이 되면',
      '성인',
      '연령은',
      '라인',
      '앱',
      'ID',
      '20세',
      '18세',
      '20살은',
      '넘어야',
      '이상',
      '성인 ',
    ];
    const rand = randomBelow(11);
    const texts = Array.from({ length: 3000 }, () => Array.from({ length: 2 + rand(6) }, () => pieces[rand(pieces.length)]!).join(''));
    for (const p of patterns) {
      assert.ok(patternNeedle(p, 'u'), p);
      assert.ok(holds(p, 'u', texts) > 0, `no match of ${p} was tried`);
    }
  });

  it('reads only what every match must contain, over random patterns', () => {
    const rand = randomBelow(5);
    const pick = <T>(xs: readonly T[]): T => xs[rand(xs.length)]!;
    const atoms = [
      'a',
      'b',
      'A',
      '가',
      '1',
      '😀',
      '\\.',
      '\\(',
      '[ab]',
      '\\d',
      '\\s',
      '.',
      '^',
      '$',
      '\\u0061',
      '\\u{62}',
      '\\x61',
      '\\p{Lu}',
      '(?<!a)',
      '(?=b)',
      '(?:a|b)',
      '(ab)',
      '(?<n>a)',
    ];
    const quantifiers = ['', '', '', '?', '*', '+', '{0,2}', '{1,2}', '{2}', '+?', '??'];
    const pattern = (): string => {
      const parts = Array.from({ length: 1 + rand(6) }, () => {
        const atom = pick(atoms);
        return /^\(\?<?[!=]|[\^$]/u.test(atom) ? atom : atom + pick(quantifiers);
      });
      if (rand(10) === 0) parts.splice(rand(parts.length), 0, '|');
      return parts.join('');
    };
    const texts = Array.from({ length: 300 }, () =>
      Array.from({ length: 1 + rand(12) }, () => pick(['a', 'b', 'A', 'B', '가', '1', '😀', '.', '(', ' ', 'ab', 'aab', 'aa', 'bb', 'bbb'])).join(''),
    );
    let withNeedle = 0;
    let matches = 0;
    for (let n = 0; n < 1500; n++) {
      const p = pattern();
      const flags = rand(4) === 0 ? 'iu' : 'u';
      try {
        new RegExp(p, flags);
      } catch {
        continue;
      }
      if (patternNeedle(p, flags)) withNeedle++;
      matches += holds(p, flags, texts);
    }
    // The test means something only if many patterns had needles and matched.
    assert.ok(withNeedle > 500, `${withNeedle}`);
    assert.ok(matches > 5000, `${matches}`);
  });

  it('finds the longest literal run and no needle where none is sure', () => {
    assert.deepEqual(patternNeedle('(?<!개별)소비세', 'u'), { text: '소비세', mode: 'exact' });
    assert.deepEqual(patternNeedle('경찰\\s*\\(?\\s*110(?![0-9])', 'u'), { text: '110', mode: 'exact' });
    assert.deepEqual(patternNeedle('xa{0,2}yz', 'u'), { text: 'yz', mode: 'exact' });
    assert.deepEqual(patternNeedle('ab+c', 'u'), { text: 'ab', mode: 'exact' });
    assert.deepEqual(patternNeedle('\\u0041bc', 'u'), { text: 'bc', mode: 'exact' });
    assert.deepEqual(patternNeedle('LINE', 'iu'), { text: 'line', mode: 'fold' });
    assert.equal(patternNeedle('abc|d', 'u'), undefined);
    assert.equal(patternNeedle('abc', ''), undefined);
    assert.equal(patternNeedle('[abc]\\d+', 'u'), undefined);
  });
});
