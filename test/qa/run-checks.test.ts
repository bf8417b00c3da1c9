import assert from 'node:assert/strict';
import { UsageError } from '../../src/errors.js';
import { defineCheck } from '../../src/qa/check.js';
import { ALL_CHECKS } from '../../src/qa/checks/index.js';
import { checkItem, runChecks, severityAtLeast } from '../../src/qa/run-checks.js';
import type { QaInput } from '../../src/qa/types.js';
import { KO } from './fixtures.js';
import { qaInput } from './helpers.js';

const withId = (id: string, input: QaInput): QaInput => ({ ...input, item: { ...input.item, id } });
const clean = withId('clean', qaInput({ source: '警察に相談してください', target: '경찰에 상담하세요' }));
const kanji = withId('kanji', qaInput({ source: '警察に電話してください', target: '경찰에 電話하세요' }));
const mixed = withId('mixed', qaInput({ source: '私は学生です。ご飯食べた？', target: '저는 학생이에요. 밥 먹었어?' }));

describe('qa: severityAtLeast', () => {
  it('orders error > warning > info', () => {
    assert.equal(severityAtLeast('error', 'warning'), true);
    assert.equal(severityAtLeast('warning', 'warning'), true);
    assert.equal(severityAtLeast('info', 'warning'), false);
    assert.equal(severityAtLeast('warning', 'error'), false);
    assert.equal(severityAtLeast('info', 'info'), true);
  });
});

describe('qa: runChecks', () => {
  it('reports findings with their item ID, and counts them', () => {
    const { findings, counts } = runChecks([clean, kanji, mixed], KO);
    assert.deepEqual(
      findings.map((f) => [f.item, f.check, f.severity, f.field]),
      [
        ['kanji', 'source-script', 'error', 'answer'],
        ['mixed', 'register-mixed', 'warning', 'answer'],
        ['mixed', 'register-preferred', 'warning', 'answer'],
      ],
    );
    assert.deepEqual(counts, { error: 1, warning: 2, info: 0 });
  });

  it('runs only the checks asked for, and rejects unknown IDs', () => {
    const { findings } = runChecks([clean, kanji, mixed], KO, { only: ['register-mixed'] });
    assert.deepEqual(
      findings.map((f) => f.item),
      ['mixed'],
    );
    assert.throws(
      () => runChecks([clean], KO, { only: ['numbres'] }),
      (err: unknown) => err instanceof UsageError && /"numbres".*Known checks: .*numbers/.test(err.message),
    );
  });

  it('filters by minimum severity', () => {
    const { findings, counts } = runChecks([clean, kanji, mixed], KO, { minSeverity: 'error' });
    assert.deepEqual(
      findings.map((f) => f.check),
      ['source-script'],
    );
    assert.deepEqual(counts, { error: 1, warning: 0, info: 0 });
  });

  it('checks only the decision of a dropped item', () => {
    const dropped = withId('dropped', qaInput({ source: '警察に電話', target: '', decision: 'drop' }));
    const { findings } = runChecks([dropped], KO);
    assert.deepEqual(
      findings.map((f) => f.check),
      ['decision-consistency'],
    );
  });

  it('computes length statistics from the inputs when the context has none', () => {
    const source = 'あいうえおかきくけこさしすせそたちつてと';
    function* inputs(): Generator<QaInput> {
      for (let i = 0; i < 12; i++) yield withId(`ok-${i}`, qaInput({ source, target: '가'.repeat(22 + (i % 4)) }));
      yield withId('long', qaInput({ source, target: '가'.repeat(120) }));
    }
    const { findings } = runChecks(inputs(), {}, { only: ['length-ratio'] });
    assert.deepEqual(
      findings.map((f) => f.item),
      ['long'],
    );
  });
});

describe('qa: checkItem', () => {
  it('turns a check that throws into an error finding of that check', () => {
    const broken = defineCheck({
      id: 'broken',
      title: 'Always throws',
      severity: 'warning',
      run() {
        throw new Error('bad pattern');
      },
    });
    assert.deepEqual(checkItem(clean, {}, [broken]), [
      { check: 'broken', severity: 'error', message: 'The check could not run (bad pattern); fix the locale pack or report this bug.' },
    ]);
  });
});

describe('qa: checkItem, texts shared by the checks of one item', () => {
  it('works out each call afresh, so an input changed between calls is checked as it is now', () => {
    const input = qaInput({ source: '警察に相談してください', target: '警察に相談してください', mt: '警察に相談してください' });
    const ids = (findings: { check: string }[]) => findings.map((f) => f.check);
    assert.ok(ids(checkItem(input, KO)).includes('untranslated'));
    input.target.answer = '경찰에 상담하세요';
    assert.deepEqual(
      ids(checkItem(input, KO)).filter((id) => id === 'untranslated' || id === 'source-script' || id === 'unchanged-from-source'),
      [],
    );
    input.item = { ...input.item, answer: '경찰에 상담하세요' };
    assert.ok(ids(checkItem(input, KO)).includes('untranslated'));
  });

  it('finds what each check finds when run alone', () => {
    // Both fields filled, differently: full-width digits and a mixed-case URL in the question, untranslated text in the
    // answer, so that anything one field's checks kept would show in the other's findings.
    const both = withId(
      'both',
      qaInput({
        field: 'question',
        source: 'ＵＲＬはHTTPS://Example.com/A です。価格は１２３円。',
        target: 'URL은 https://example.com/b 입니다. 가격은 124원.',
      }),
    );
    both.item = { ...both.item, answer: '警察に相談してください' };
    both.target = { ...both.target, answer: '警察に相談してください' };
    const fields = new Set(checkItem(both, KO).map((f) => f.field));
    assert.ok(fields.has('question') && fields.has('answer'), [...fields].join());
    // Each field's findings are those of the same field checked with the other one left empty.
    const only = (field: 'question' | 'answer') => {
      const other = field === 'question' ? 'answer' : 'question';
      return { ...both, item: { ...both.item, [other]: '' }, target: { ...both.target, [other]: '' } };
    };
    for (const field of ['question', 'answer'] as const) {
      const of = (findings: { field?: string }[]) => findings.filter((f) => f.field === field);
      assert.deepEqual(of(checkItem(both, KO)), of(checkItem(only(field), KO)), field);
    }
    for (const input of [clean, kanji, mixed, both]) {
      const alone = ALL_CHECKS.flatMap((check) => check.run(input, KO));
      assert.deepEqual(checkItem(input, KO), alone);
    }
  });
});
