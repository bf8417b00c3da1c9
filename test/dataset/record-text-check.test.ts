import assert from 'node:assert/strict';
import { checkRecordText, MAX_RECORD_DEPTH } from '../../src/dataset/record-text-check.js';

describe('checkRecordText with the parsed value (the cheap check of a record without problems)', () => {
  const deep = (n: number) => `{"ID":"x","meta":${'['.repeat(n)}${']'.repeat(n)}}`;
  const texts = [
    '{"ID":"a","text":"q: \\"quoted\\" {[","output":"o","meta":{"risk-area":"r","japan-specific":true}}',
    '{"ID":"a","ID":"b"}',
    '{"ID":"a","meta":{"x":1,"x":2}}',
    '{"ID":"a","list":[{"k":1},{"k":2,"k":3}]}',
    '{"ID":"a","\\u0049D":"b"}',
    '{"ID":"a","meta":{"__proto__":{"x":1}}}',
    '{"ID":"a","meta":{"\\u005f_proto__":1}}',
    '{"ID":"a","constructor":1}',
    '{"ID":"a","list":[{"prototype":1}]}',
    '{"k\\\\":"v\\\\","k\\\\":1}',
    '{"a":"x:y:z","b":":"}',
    '{ "spaced" : 1 , "spaced2" : [ 1 , { "c" : 2 } ] }',
    deep(MAX_RECORD_DEPTH - 1),
    deep(MAX_RECORD_DEPTH),
    deep(MAX_RECORD_DEPTH + 5),
  ];

  it('finds exactly what the key-by-key scan finds, on records with and without problems', () => {
    for (const text of texts) assert.deepEqual(checkRecordText(text, JSON.parse(text)), checkRecordText(text), text);
    const verdicts = texts.map((t) => checkRecordText(t, JSON.parse(t))?.kind ?? 'ok');
    assert.deepEqual(verdicts, [
      'ok',
      'duplicate-key',
      'duplicate-key',
      'duplicate-key',
      'duplicate-key',
      'forbidden-key',
      'forbidden-key',
      'forbidden-key',
      'forbidden-key',
      'duplicate-key',
      'ok',
      'ok',
      'ok',
      'too-deep',
      'too-deep',
    ]);
  });
});
