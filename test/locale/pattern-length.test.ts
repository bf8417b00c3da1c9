/** Upper bounds of pattern match lengths (src/locale/pattern-length.ts), which let the register check search only a sentence's end. */
import assert from 'node:assert/strict';
import { endingLength, maxLength } from '../../src/locale/pattern-length.js';
import { randomBelow } from '../helpers/prng.js';

describe('pattern-length', () => {
  const rand = randomBelow(3);
  const pick = <T>(xs: readonly T[]): T => xs[rand(xs.length)]!;
  const atoms = [
    'a',
    'b',
    '가',
    '😀',
    '\\.',
    '[ab.]',
    '[😀a]',
    '\\d',
    '\\s',
    '.',
    '^',
    '(?<!a)',
    '(?=b)',
    '(?:a|bb)',
    '(a(?:b|가😀))',
    '(?<n>ab)',
    '\\u0061',
    '\\p{L}',
    '\\1',
    '\\k<n>',
  ];
  const quantifiers = ['', '', '', '?', '*', '+', '{0,2}', '{2}', '{1,3}', '{2,}', '??', '*?'];
  const pattern = (): string => {
    const parts = Array.from({ length: 1 + rand(5) }, () => {
      const atom = pick(atoms);
      return /^\(\?<?[!=]|\^/u.test(atom) ? atom : atom + pick(quantifiers);
    });
    if (rand(8) === 0) parts.splice(rand(parts.length), 0, '|');
    return parts.join('');
  };
  const texts = Array.from({ length: 200 }, () =>
    Array.from({ length: rand(14) }, () => pick(['a', 'b', '가', '😀', '.', ' ', '1', 'ab', 'bb', '..'])).join(''),
  );

  it('no match is longer than maxLength, over random patterns', () => {
    let bounded = 0;
    let matches = 0;
    for (let n = 0; n < 1500; n++) {
      const p = pattern();
      let re: RegExp;
      try {
        re = new RegExp(p, 'gu');
      } catch {
        continue;
      }
      const most = maxLength(p);
      if (Number.isFinite(most)) bounded++;
      for (const text of texts) {
        for (const m of text.matchAll(re)) {
          matches++;
          assert.ok(m[0].length <= most, `/${p}/ matched ${JSON.stringify(m[0])} (${m[0].length}) but maxLength is ${most}`);
        }
      }
    }
    assert.ok(bounded > 300 && matches > 20000, `${bounded} ${matches}`);
  });

  it('no end-anchored match is longer than endingLength plus the run of its tail class ending the text', () => {
    let tails = 0;
    for (let n = 0; n < 1500; n++) {
      const p = pattern() + pick(['[.😀 ]*', '[.😀 ]*$', '[a.]*', '']);
      let re: RegExp;
      try {
        re = new RegExp(`(?:${p})$`, 'u');
      } catch {
        continue;
      }
      const bound = endingLength(p);
      if (!bound) continue;
      if (bound.tail) tails++;
      const tail = bound.tail ? new RegExp(`^${bound.tail}$`, 'u') : undefined;
      for (const text of texts) {
        const m = re.exec(text);
        if (!m) continue;
        const chars = Array.from(text);
        let run = 0;
        while (tail && run < chars.length && tail.test(chars[chars.length - 1 - run]!)) run++;
        const runUnits = chars.slice(chars.length - run).join('').length;
        assert.ok(m[0].length <= bound.length + runUnits, `/${p}$/ matched ${JSON.stringify(m[0])} in ${JSON.stringify(text)}; bound ${JSON.stringify(bound)}`);
      }
    }
    assert.ok(tails > 200, `${tails}`);
  });

  it('reads the ko pack endings as a short body before a trailing class', () => {
    assert.deepEqual(endingLength('(?:니다|니까)[\\s.!?]*$'), { length: 2, tail: '[\\s.!?]' });
    assert.deepEqual(endingLength('(?<![필중개수])요[.]*$'), { length: 1, tail: '[.]' });
    assert.deepEqual(endingLength('다'), { length: 1 });
    assert.equal(endingLength('다+'), undefined);
    assert.equal(endingLength('a|b[.]*'), undefined);
    assert.equal(maxLength('(a)\\1'), Infinity);
    assert.equal(maxLength('a{2,3}(?:bc|d)?😀'), 3 + 2 + 2);
  });
});
