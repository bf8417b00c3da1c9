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
