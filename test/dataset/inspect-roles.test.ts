/** Issue #9 item 17: inspect pairs English fields with their Japanese twins before guessing by length, and says how sure it is. */
import assert from 'node:assert/strict';
import { inspectFile } from '../../src/dataset/inspect.js';
import { TempDir, makeRecord } from '../helpers/fixtures.js';
import { cli } from '../helpers/cli.js';

/** Records whose texts vary in length, as real questions and answers do. */
function record(i: number, extra: Record<string, unknown> = {}) {
  const r = makeRecord(i);
  const n = 1 + (i % 5);
  return {
    ID: r.ID,
    text: `${r.text}${'詳しく教えて。'.repeat(n)}`,
    output: `${r.output}${'相談窓口に連絡してください。'.repeat(6 - n)}`,
    meta: r.meta,
    ...extra,
  };
}

describe('inspect: English roles', () => {
  let tmp: TempDir;
  beforeEach(() => (tmp = new TempDir()));
  afterEach(() => tmp.remove());

  it('maps questionEn=text_en, not an English annotation note, and does not make the note the answer', async () => {
    const records = Array.from({ length: 12 }, (_, i) => {
      const n = 1 + (i % 5);
      return record(i, {
        text_en: `${makeRecord(i).text_en} ${'Please tell me more. '.repeat(n)}`.trim(),
        // A long, unrelated English note: longer than the question, length independent of the texts.
        annotation: { note: `Reviewer note ${i}: ${'this item concerns a local institution. '.repeat(1 + ((i * 7) % 3))}`.trim() },
      });
    });
    const file = tmp.jsonl('ac.jsonl', records);
    const r = await inspectFile(file);
    assert.equal(r.roles.questionEn?.field, 'text_en');
    assert.equal(r.roles.questionEn?.confidence, 'high');
    assert.match(r.roles.questionEn.reason, /twin of text/);
    assert.notEqual(r.roles.answerEn?.field, 'annotation.note');
    assert.notEqual(r.roles.questionEn?.field, 'annotation.note');
    assert.ok(!r.suggestedMap.some((m) => m.includes('annotation.note')), r.suggestedMap.join(' '));
  });

  it('pairs English fields with unrelated names by per-record length correlation', async () => {
    const records = Array.from({ length: 12 }, (_, i) => {
      const n = 1 + (i % 5);
      return record(i, {
        // Named alike, so names cannot tell them apart; lengths can.
        eng_a: `Contact a helpline. ${'Call the support centre. '.repeat(6 - n)}`.trim(),
        eng_b: `How do I do this? ${'Tell me more. '.repeat(n)}`.trim(),
      });
    });
    const r = await inspectFile(tmp.jsonl('ac.jsonl', records));
    assert.equal(r.roles.questionEn?.field, 'eng_b');
    assert.equal(r.roles.answerEn?.field, 'eng_a');
    assert.equal(r.roles.questionEn?.confidence, 'medium');
    assert.match(r.roles.answerEn.reason, /length follows output record by record \(correlation 0\.\d\d\)/);
  });

  it('the CLI shows the confidence of each role', () => {
    const records = Array.from({ length: 6 }, (_, i) => record(i, { text_en: `Q ${'x '.repeat(i + 1)}`, output_en: `A ${'y '.repeat(7 - i)}` }));
    const r = cli(['inspect', tmp.jsonl('ac.jsonl', records)]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /questionEn\s+text_en {2}\(high confidence: English text named as the twin of text/);
    assert.match(r.stdout, /answerEn\s+output_en {2}\(high confidence/);
  });
});
