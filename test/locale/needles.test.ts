/** The needle scan (src/locale/needles.ts): which terms may match a text, never missing one. */
import assert from 'node:assert/strict';
import { NeedleSet, needleOf } from '../../src/locale/needles.js';

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
