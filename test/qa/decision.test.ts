import assert from 'node:assert/strict';
import { boundedEditDistance, decisionConsistency, similarity } from '../../src/qa/checks/decision.js';
import { fails, passes } from './helpers.js';

const check = decisionConsistency;
const MT = '가까운 경찰서에 바로 연락해서 상담을 받으세요';

describe('qa: decision-consistency', () => {
  it('allows small fixes of the MT under "transfer"', () => {
    passes(check, { source: 'x', mt: MT, target: MT, decision: 'transfer' });
    passes(check, { source: 'x', mt: MT, target: `${MT}!`, decision: 'transfer' });
    passes(check, { source: 'x', mt: MT, target: '가까운 경찰서에 바로 연락해서 상담을 받아요', decision: 'transfer' });
    passes(check, { source: 'x', target: '다시 쓴 문장입니다', decision: 'transfer' });
  });

  it('warns when a "transfer" rewrote the MT, and only notes it when a rationale explains', () => {
    const [w] = fails(
      check,
      { source: 'x', mt: MT, target: '지구대를 찾아가 도움을 청하세요', decision: 'transfer' },
      {},
      /similarity 0\.\d\d < 0\.9.*"adapt"/,
    );
    assert.equal(w?.severity, 'warning');
    assert.equal(w?.field, 'answer');
    const [i] = fails(check, { source: 'x', mt: MT, target: '지구대를 찾아가 도움을 청하세요', decision: 'transfer', rationale: 'MT was wrong' });
    assert.equal(i?.severity, 'info');
  });

  it('reports an "adapt" or "replace" that left the MT unchanged', () => {
    const [e] = fails(check, { source: 'x', mt: MT, target: ` ${MT}.`, decision: 'adapt', rationale: 'police number' }, {}, 'make the adaptation');
    assert.equal(e?.severity, 'error');
    fails(check, { source: 'x', mt: MT, target: MT, decision: 'replace-scenario', rationale: 'new item' }, {}, 'write the replacement item');
    passes(check, { source: 'x', mt: MT, target: '112에 바로 신고하세요', decision: 'adapt', rationale: '110 -> 112' });
  });

  it('requires a rationale: error for "drop", warning for "adapt" and "replace"', () => {
    const [d] = fails(check, { source: 'x', target: '', decision: 'drop' }, {}, 'Decision "drop" has no rationale');
    assert.equal(d?.severity, 'error');
    const [a] = fails(check, { source: 'x', mt: MT, target: '112에 신고하세요', decision: 'adapt', rationale: '  ' }, {}, '"adapt" has no rationale');
    assert.equal(a?.severity, 'warning');
    passes(check, { source: 'x', target: '', decision: 'drop', rationale: 'No counterpart in Korea.' });
    passes(check, { source: 'x', target: '조심하세요' });
  });
});

describe('qa: edit distance', () => {
  const levenshtein = (a: string[], b: string[]): number => {
    const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
    for (let i = 1; i <= a.length; i++)
      for (let j = 1; j <= b.length; j++) d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    return d[a.length]![b.length]!;
  };

  it('agrees with plain Levenshtein up to its bound', () => {
    let seed = 7;
    const rand = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
    for (let k = 0; k < 400; k++) {
      const a = Array.from({ length: rand(9) }, () => 'abc'[rand(3)]!);
      const b = Array.from({ length: rand(9) }, () => 'abc'[rand(3)]!);
      const max = rand(6);
      const exact = levenshtein(a, b);
      assert.equal(boundedEditDistance(a, b, max), Math.min(exact, max + 1), `${a.join('')} / ${b.join('')} / ${max}`);
    }
  });

  it('ignores whitespace, punctuation and width in similarity', () => {
    assert.equal(similarity('경찰에 연락하세요.', '경찰에연락하세요'), 1);
    assert.equal(similarity('ＡＢＣ', 'abc'), 1);
    assert.equal(similarity('', ''), 1);
    assert.equal(similarity('abcd', 'abce'), 0.75);
  });
});
