import assert from 'node:assert/strict';
import { validateSource } from '../../src/dataset/validate.js';
import { loadProfile, resolveMapping } from '../../src/dataset/profile.js';
import { UsageError } from '../../src/errors.js';
import { TempDir, makeRecord, makeRecords } from '../helpers/fixtures.js';

const mapping = resolveMapping(loadProfile('answercarefully'));

describe('validateSource', () => {
  let tmp: TempDir;
  beforeEach(() => (tmp = new TempDir()));
  afterEach(() => tmp.remove());

  it('accepts AnswerCarefully-shaped records', async () => {
    const r = await validateSource(tmp.json('a.json', makeRecords(5)), mapping);
    assert.equal(r.valid, true);
    assert.equal(r.records, 5);
    assert.equal(r.format, 'json');
  });

  it('names the record, ID and real field of a missing answer', async () => {
    const recs = makeRecords(3);
    delete (recs[1] as Partial<(typeof recs)[1]>).output;
    const r = await validateSource(tmp.json('a.json', recs), mapping);
    assert.equal(r.valid, false);
    assert.equal(r.problems.length, 1);
    assert.deepEqual({ index: r.problems[0]!.index, id: r.problems[0]!.id, field: r.problems[0]!.field }, { index: 1, id: 'test-0001', field: 'output' });
  });

  it('reports a wrongly typed field with its path', async () => {
    const recs = [makeRecord(0, { meta: { 'risk-area': 5 } })];
    const r = await validateSource(tmp.json('a.json', recs), mapping);
    assert.equal(r.problems[0]!.field, 'meta.risk-area');
    assert.match(r.problems[0]!.message, /must be a string/);
  });

  it('reports duplicate IDs with the first occurrence', async () => {
    const recs = [makeRecord(0), makeRecord(1), makeRecord(2, { ID: 'test-0000' })];
    const r = await validateSource(tmp.json('a.json', recs), mapping);
    assert.equal(r.problemCount, 1);
    assert.match(r.problems[0]!.message, /duplicates the ID of record 0/);
    assert.equal(r.problems[0]!.index, 2);
  });

  it('warns about unknown taxonomy labels without rejecting', async () => {
    const recs = [makeRecord(0, { meta: { 'risk-area': '新しい分類' } })];
    const r = await validateSource(tmp.json('a.json', recs), mapping);
    assert.equal(r.valid, true);
    assert.equal(r.warningCount, 1);
    assert.equal(r.warnings[0]!.field, 'meta.risk-area');
  });

  it('rejects records that are not objects', async () => {
    const r = await validateSource(tmp.json('a.json', [makeRecord(0), 'just text']), mapping);
    assert.match(r.problems[0]!.message, /not an object/);
  });

  it('follows --map overrides, including the taxonomy shorthand', async () => {
    const rec = {
      qid: 'c1',
      prompt: '質問です',
      reply: '回答です',
      labels: { 'risk-area': '悪用', 'harm-type': '違法行為への加担', 'specific-harm': '違法薬物' },
    };
    const custom = resolveMapping(loadProfile('answercarefully'), ['id=qid', 'question=prompt', 'answer=reply', 'taxonomy=labels']);
    const ok = await validateSource(tmp.jsonl('c.jsonl', [rec]), custom);
    assert.equal(ok.valid, true, JSON.stringify(ok.problems));
    const bad = await validateSource(tmp.jsonl('c.jsonl', [rec]), mapping);
    assert.equal(bad.valid, false);
    assert.ok(bad.problems.some((p) => p.field === 'ID'));
  });

  it('refuses an unknown role in --map', () => {
    assert.throws(
      () => resolveMapping(loadProfile('answercarefully'), ['questoin=text']),
      (e: unknown) => e instanceof UsageError && /Unknown role "questoin"/.test(e.message),
    );
  });
});
