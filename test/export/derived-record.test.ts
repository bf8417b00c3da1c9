/** derivedRecords: the mapping's paths compiled once give each record its own key order, target texts and kept labels. */
import assert from 'node:assert/strict';
import { derivedRecords } from '../../src/export/derived-record.js';
import type { RoleMapping, SourceItem } from '../../src/dataset/item.js';

const AC: RoleMapping = {
  id: 'ID',
  question: 'text',
  answer: 'output',
  questionEn: 'text_en',
  riskArea: 'meta.risk-area',
  harmType: 'meta.harm-type',
  specificHarm: 'meta.specific-harm',
};
const target = { question: 'Q', answer: 'A' };

describe('derivedRecords', () => {
  it('follows each record its own key order and keeps the labels under their parent in role order', () => {
    const records = derivedRecords(AC);
    const a = { meta: { 'specific-harm': 's', 'risk-area': 'r', x: 1 }, output: 'ja-a', text_en: 'en', ID: 'i1', text: 'ja-q' };
    const b = { text: 'ja-q', ID: 'i2', extra: true, output: 'ja-a', meta: { 'harm-type': 'h' } };
    const outA = records.fromSource(a, target);
    const outB = records.fromSource(b, target);
    assert.equal(JSON.stringify(outA), '{"meta":{"risk-area":"r","specific-harm":"s"},"output":"A","ID":"i1","text":"Q"}');
    assert.equal(JSON.stringify(outB), '{"text":"Q","ID":"i2","output":"A","meta":{"harm-type":"h"}}');
  });

  it('leaves out a role whose path the record does not hold, or holds under a non-object', () => {
    const records = derivedRecords(AC);
    assert.equal(JSON.stringify(records.fromSource({ ID: 'i', text: 'q', output: 'a', meta: 'flat' }, target)), '{"ID":"i","text":"Q","output":"A"}');
    assert.equal(JSON.stringify(records.fromSource({ ID: 'i', text: 'q', meta: null }, target)), '{"ID":"i","text":"Q"}');
    // A label present with the value null is kept as null (only absent paths are left out).
    assert.equal(JSON.stringify(records.fromSource({ meta: { 'risk-area': null }, ID: 'i' }, target)), '{"meta":{"risk-area":null},"ID":"i"}');
  });

  it('writes nested question and answer paths, and the same record twice gives two equal records', () => {
    const records = derivedRecords({ id: 'id', question: 'qa.q', answer: 'qa.a', riskArea: 'risk' });
    const source = { risk: 'r', qa: { a: 'ja-a', q: 'ja-q', note: 'n' }, id: 'x' };
    const first = records.fromSource(source, target);
    assert.equal(JSON.stringify(first), '{"risk":"r","qa":{"q":"Q","a":"A"},"id":"x"}');
    assert.deepEqual(records.fromSource(source, target), first);
    assert.notEqual(records.fromSource(source, target), first);
    assert.equal(JSON.stringify(source), '{"risk":"r","qa":{"a":"ja-a","q":"ja-q","note":"n"},"id":"x"}', 'the source record is not changed');
  });

  it('builds an added item in role order, with empty texts and only the labels it has', () => {
    const item: SourceItem = { index: 3, id: 'ko:new-1', question: '', answer: '', sourceHash: 'h', riskArea: 'r', specificHarm: 'ko:s' };
    assert.equal(JSON.stringify(derivedRecords(AC).added(item)), '{"ID":"ko:new-1","text":"","output":"","meta":{"risk-area":"r","specific-harm":"ko:s"}}');
  });
});
