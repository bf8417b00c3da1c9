/** SourceFields: the source fields an export leaves out, in the order first seen across records. */
import assert from 'node:assert/strict';
import { SourceFields } from '../../src/export/dropped-fields.js';
import type { RoleMapping } from '../../src/dataset/item.js';

const MAPPING: RoleMapping = { id: 'ID', question: 'text', answer: 'output', questionEn: 'text_en', riskArea: 'meta.risk-area' };
const EXPORTED = ['id', 'question', 'answer', 'riskArea'] as const;

describe('SourceFields', () => {
  it('lists each field not exported once, in the order first seen, one level into objects', () => {
    const fields = new SourceFields();
    fields.add({ ID: 'a', text: 'q', output: 'a', meta: { 'risk-area': 'r', note: 1 }, text_en: 'e' });
    fields.add({ ID: 'b', extra: [1], meta: { 'risk-area': 'r', note: 2, more: true }, text_en: 'e' });
    // A key once an object and once not is listed both ways; a top-level key spelled like an inner path is one field.
    fields.add({ ID: 'c', meta: 'flat', 'meta.more': 'x', extra: { deep: { x: 1 } } });
    assert.deepEqual(
      fields.dropped(MAPPING, [...EXPORTED]).map((d) => d.field),
      ['meta.note', 'text_en', 'extra', 'meta.more', 'extra.deep'],
    );
    assert.equal(fields.dropped(MAPPING, [...EXPORTED]).find((d) => d.field === 'text_en')?.holds, "AnswerCarefully's English translation of the question");
  });
});
