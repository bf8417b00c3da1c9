import assert from 'node:assert/strict';
import { DECISIONS, DECISION_DESCRIPTIONS, decisionCounts, isDecision, requiresRationale, validateDecision } from '../../src/project/decisions.js';

describe('decisions', () => {
  it('has the KoBBQ vocabulary, each with a one-line description', () => {
    assert.deepEqual([...DECISIONS], ['transfer', 'adapt', 'replace-target', 'replace-scenario', 'drop', 'new']);
    for (const d of DECISIONS) {
      assert.ok(DECISION_DESCRIPTIONS[d].length > 0);
      assert.ok(!DECISION_DESCRIPTIONS[d].includes('\n'));
    }
  });

  it('gives a fresh zero count per decision, in vocabulary order', () => {
    const a = decisionCounts();
    assert.deepEqual(
      Object.entries(a),
      DECISIONS.map((d) => [d, 0]),
    );
    a.adapt++;
    assert.equal(decisionCounts().adapt, 0, 'each call is a new tally');
  });

  it('requires a rationale for every decision but transfer', () => {
    assert.deepEqual(DECISIONS.filter(requiresRationale), ['adapt', 'replace-target', 'replace-scenario', 'drop', 'new']);
  });

  it('accepts a complete decision', () => {
    assert.equal(validateDecision({ decision: 'transfer' }), undefined);
    assert.equal(validateDecision({ decision: 'adapt', rationale: '110番 → 112, 東京 → 서울' }), undefined);
    assert.equal(validateDecision({ decision: 'drop', rationale: '한국에 대응하는 제도가 없음' }), undefined);
  });

  it('rejects a missing or empty rationale where one is required', () => {
    for (const rationale of [undefined, '', '   ', '-', '...']) {
      const message = validateDecision({ decision: 'drop', rationale });
      assert.ok(message, `rationale ${JSON.stringify(rationale)} should be rejected`);
      assert.match(message, /"drop" decision needs a rationale/u);
    }
  });

  it('rejects an unknown decision', () => {
    assert.equal(isDecision('keep'), false);
    assert.equal(isDecision(3), false);
    assert.match(
      validateDecision({ decision: 'keep', rationale: 'x' }) ?? '',
      /"keep" is not a decision: use one of transfer, adapt, replace-target, replace-scenario, drop\./u,
    );
  });
});
