import assert from 'node:assert/strict';
import { lengthRatio } from '../../src/qa/checks/length.js';
import { computeLengthStats, lengthPairs, textLength } from '../../src/qa/length-stats.js';
import type { QaContext } from '../../src/qa/types.js';
import { fails, passes, qaInput } from './helpers.js';

const SOURCE = 'あいうえおかきくけこさしすせそたちつてと'; // 20 characters
const hangul = (n: number): string => '가'.repeat(n);

/** A dataset where targets are 1.1× to 1.3× their source. */
const pairs = Array.from({ length: 21 }, (_, i) => ({ source: SOURCE, target: hangul(22 + (i % 5)) }));
const ctx: QaContext = { lengthStats: computeLengthStats(pairs)! };

describe('qa: length-ratio', () => {
  it('reports ratios far outside the dataset’s distribution', () => {
    fails(lengthRatio, { source: SOURCE, target: hangul(100) }, ctx, /5\.0× the source length where 1\.2× is typical/);
    fails(lengthRatio, { source: SOURCE, target: hangul(4) }, ctx, 'left-out');
    passes(lengthRatio, { source: SOURCE, target: hangul(25) }, ctx);
    passes(lengthRatio, { source: SOURCE, target: hangul(15) }, ctx);
  });

  it('stays silent without stats, for short texts, and for replacements', () => {
    passes(lengthRatio, { source: SOURCE, target: hangul(100) });
    passes(lengthRatio, { source: 'あいう', target: hangul(100) }, ctx);
    passes(lengthRatio, { source: SOURCE, target: hangul(100), decision: 'replace-scenario', rationale: 'new item' }, ctx);
    passes(lengthRatio, { source: SOURCE, target: hangul(100) }, { lengthStats: computeLengthStats(pairs.slice(0, 5))! });
  });
});

describe('qa: computeLengthStats', () => {
  it('gives the median and MAD of log ratios', () => {
    const stats = computeLengthStats([
      { source: hangul(10), target: hangul(10) },
      { source: hangul(10), target: hangul(20) },
      { source: hangul(10), target: hangul(40) },
    ]);
    assert.equal(stats?.count, 3);
    assert.ok(Math.abs((stats?.median ?? 0) - Math.log(2)) < 1e-12);
    assert.ok(Math.abs((stats?.mad ?? 0) - Math.log(2)) < 1e-12);
  });

  it('ignores whitespace and texts too short to measure', () => {
    assert.equal(textLength('가 나\n다'), 3);
    // Characters, not UTF-16 units; every Unicode space; a lone surrogate counts as one.
    assert.equal(textLength('😀 a\u3000b\u00a0\ufeff\u2028c\t'), 4);
    assert.equal(textLength('\ud83d\ud83d\ude00'), 2);
    assert.equal(textLength('\ude00\ud83d'), 2);
    assert.equal(computeLengthStats([{ source: 'あいう', target: '가나다' }]), undefined);
  });

  it('learns from translated questions and answers, not from dropped or replaced items', () => {
    const inputs = [
      qaInput({ source: SOURCE, target: hangul(24) }),
      qaInput({ source: SOURCE, target: hangul(90), decision: 'replace-scenario' }),
      qaInput({ source: SOURCE, target: '', decision: 'drop' }),
    ];
    assert.deepEqual(
      [...lengthPairs(inputs)].map((p) => p.target.length),
      [24],
    );
  });
});
