/** The report's set of unique source texts (MT figures): each text counted once, its code points as providers bill them. */
import assert from 'node:assert/strict';
import { TextSet } from '../../src/report/text-set.js';

describe('report: TextSet', () => {
  it('gives a new text its code points (a surrogate pair as one) and a text seen before -1, across table growth', () => {
    const set = new TextSet();
    assert.equal(set.add('안녕하세요'), 5);
    assert.equal(set.add('a😀b'), 3); // 4 UTF-16 units
    assert.equal(set.add('\uD83D'), 1); // a lone high surrogate is a code point of its own
    assert.equal(set.add('\uD83Dx\uDE00'), 3);
    const texts = Array.from({ length: 5000 }, (_, i) => `text ${i} ${'é'.repeat(i % 7)}`);
    for (const t of texts) assert.equal(set.add(t), t.length, t);
    for (const t of [...texts].reverse()) assert.equal(set.add(t), -1, t);
    assert.equal(set.add('안녕하세요'), -1);
    assert.equal(set.add('a😀b'), -1);
    // Texts that differ only in their length or order of characters are different texts.
    assert.equal(set.add('안녕하세'), 4);
    assert.equal(set.add('요세하녕안'), 5);
    assert.equal(set.add(''), 0);
    assert.equal(set.add(''), -1);
  });
});
