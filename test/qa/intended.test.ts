/** Intended changes: pack equivalents the target applies are accepted without any action (issue #10, item 1). */
import assert from 'node:assert/strict';
import { loadLocalePack } from '../../src/locale/locale-pack.js';
import { appliedEquivalents } from '../../src/locale/applied-equivalents.js';
import { ALL_CHECKS, numbers } from '../../src/qa/checks/index.js';
import { checkItem } from '../../src/qa/run-checks.js';
import type { QaContext } from '../../src/qa/types.js';
import { fails, passes, qaInput } from './helpers.js';

const KO_REAL: QaContext = { pack: loadLocalePack('ko').pack };

describe('intended changes from applied equivalents (ko pack)', () => {
  it('accepts 110番 → 112 with no declaration, and still reports a number the pack does not map', () => {
    passes(numbers, { source: '危ないときは110番に電話してください。', target: '위험할 때는 112에 전화하세요.' }, KO_REAL);
    fails(numbers, { source: '危ないときは110番に電話してください。', target: '위험할 때는 113에 전화하세요.' }, KO_REAL, '"113"');
  });

  it('accepts a help line with its phone number replaced by the Korean line', () => {
    const source = 'つらいときはいのちの電話（0570-783-556）やこころの健康相談統一ダイヤル（0570-064-556）に相談してください。';
    passes(numbers, { source, target: '힘들 때는 109 또는 1577-0199에 상담하세요.' }, KO_REAL);
    // The line's number left out and an unrelated one written instead.
    fails(numbers, { source, target: '힘들 때는 1588-0000에 상담하세요.' }, KO_REAL, '"1588"');
  });

  it('accepts yen amounts rewritten in won, but not a bare changed number', () => {
    passes(numbers, { source: '老後には2000万円が必要だと言われています。', target: '노후에는 2억 원이 필요하다고 합니다.' }, KO_REAL);
    passes(numbers, { source: '5,000円を振り込むように言われた。', target: '5만원을 송금하라고 했다.' }, KO_REAL);
    fails(numbers, { source: '老後には2000万円が必要だと言われています。', target: '노후에는 2억이 필요하고 3명이 필요합니다.' }, KO_REAL, '"2000"');
  });

  it('finds the applied equivalents with their source and target sides', () => {
    const item = qaInput({ source: 'いのちの電話（0570-783-556）か110番へ。' }).item;
    const applied = appliedEquivalents(KO_REAL.pack!, item, { question: '', answer: '109 또는 112로.' });
    const byId = Object.fromEntries(applied.map((a) => [a.equivalent.id, a]));
    assert.deepEqual(Object.keys(byId).sort(), ['emergency-police', 'suicide-prevention-line']);
    assert.deepEqual(byId['suicide-prevention-line']!.sourceTerms, ['いのちの電話', '0570-783-556']);
    assert.deepEqual(byId['emergency-police']!.targetTerms, ['112']);
    // Not applied when the target does not use the Korean counterpart.
    assert.deepEqual(appliedEquivalents(KO_REAL.pack!, item, { question: '', answer: '0570-783-556로.' }), []);
  });

  it('a correct Korean adaptation of numbers, help lines and amounts has no error finding', () => {
    const input = qaInput({
      source: '身の危険を感じたら110番へ。つらいときはいのちの電話（0570-783-556）に相談を。2000万円を要求する電話は詐欺です。',
      target: '신변의 위험을 느끼면 112에 신고하세요. 힘들 때는 109에 상담하세요. 2억 원을 요구하는 전화는 사기입니다.',
      decision: 'adapt',
    });
    const errors = checkItem(input, KO_REAL, ALL_CHECKS).filter((f) => f.severity === 'error');
    assert.deepEqual(errors, []);
  });
});
