import { glossaryDoNotTranslate, glossaryMustTranslate } from '../../src/qa/checks/glossary.js';
import { glossaryIndex } from '../../src/qa/glossary-index.js';
import assert from 'node:assert/strict';
import { checkItem } from '../../src/qa/run-checks.js';
import { KO, KO_PACK } from './fixtures.js';
import { fails, passes, qaInput } from './helpers.js';

describe('qa: glossary-must-translate', () => {
  it('reports a must-translate term without its rendering', () => {
    fails(glossaryMustTranslate, { source: 'オレオレ詐欺に注意', target: '전화 사기에 주의하세요' }, KO, /"보이스피싱" for "オレオレ詐欺"/);
    passes(glossaryMustTranslate, { source: 'オレオレ詐欺に注意', target: '보이스피싱에 주의하세요' }, KO);
    passes(glossaryMustTranslate, { source: '詐欺に注意', target: '사기에 주의하세요' }, KO);
  });

  it('finds terms in the English source too', () => {
    fails(glossaryMustTranslate, { source: '詐欺電話に注意', sourceEn: 'Beware of a Scam Call.', target: '전화를 조심하세요' }, KO, '"사기 전화"');
    passes(glossaryMustTranslate, { source: '詐欺電話に注意', sourceEn: 'Beware of a Scam Call.', target: '사기 전화를 조심하세요' }, KO);
  });

  it('accepts a term declared as intentionally changed, and needs a pack', () => {
    passes(glossaryMustTranslate, { source: 'オレオレ詐欺に注意', target: '전화 사기에 주의하세요', intendedChanges: ['オレオレ詐欺'] }, KO);
    passes(glossaryMustTranslate, { source: 'オレオレ詐欺に注意', target: '전화 사기에 주의하세요' });
  });
});

describe('qa: glossary-do-not-translate', () => {
  it('reports a do-not-translate term not kept verbatim', () => {
    fails(glossaryDoNotTranslate, { source: 'LINEで連絡', target: '라인으로 연락' }, KO, '"LINE"');
    fails(glossaryDoNotTranslate, { source: 'LINEで連絡', target: 'line으로 연락' }, KO, '"LINE"');
    passes(glossaryDoNotTranslate, { source: 'LINEで連絡', target: 'LINE으로 연락' }, KO);
  });

  it('matches the source term case-sensitively as a whole word', () => {
    passes(glossaryDoNotTranslate, { source: 'ネットで連絡', sourceEn: 'Contact them online.', target: '온라인으로 연락' }, KO);
    passes(glossaryDoNotTranslate, { source: 'ネットで連絡', sourceEn: 'Stand in line.', target: '줄을 서세요' }, KO);
  });
});

describe('qa: both glossary checks on one item', () => {
  it('each finds the terms of its own case, one after the other on the same source texts', () => {
    const both = [glossaryMustTranslate, glossaryDoNotTranslate];
    const ids = (source: string, sourceEn: string, target: string) =>
      checkItem(qaInput({ source, sourceEn, target }), { pack: KO_PACK }, both).map((f) => f.check);
    // "line" is the do-not-translate "LINE" only in its case; "SCAM CALL" is the must-translate "scam call" in any case.
    assert.deepEqual(ids('連絡', 'Stand in line: a SCAM CALL.', '줄을 서세요'), ['glossary-must-translate']);
    assert.deepEqual(ids('LINEで連絡', 'Use LINE, not a scam call.', '라인: 사기 전화'), ['glossary-do-not-translate']);
    assert.deepEqual(ids('LINEで連絡', 'Use LINE, not a scam call.', 'LINE: 사기 전화'), []);
  });
});

describe('qa: glossary index', () => {
  it('gives each list of texts its own matches when lists alternate (the last two lists are remembered)', () => {
    const index = glossaryIndex({ ...KO_PACK });
    const fresh = (texts: readonly string[], caseSensitive: boolean) => glossaryIndex({ ...KO_PACK }).inTexts(texts, caseSensitive);
    const question = ['オレオレ詐欺に注意', 'Use LINE.'];
    const answer = ['連絡', 'Beware of a scam call.'];
    const other = ['連絡', 'Stand in line.'];
    // The lists differ in what they hold, so a list given another's matches is caught.
    assert.deepEqual(
      [fresh(question, false), fresh(question, true)],
      [
        [0, 2],
        [0, 2],
      ],
    );
    assert.deepEqual([fresh(answer, false), fresh(answer, true)], [[1], [1]]);
    assert.deepEqual([fresh(other, false), fresh(other, true)], [[2], []]);
    const order = [question, answer, question, answer, other, question, other, answer, answer, other];
    for (const caseSensitive of [false, true, false]) {
      for (const texts of order) assert.deepEqual(index.inTexts([...texts], caseSensitive), fresh(texts, caseSensitive), `${texts.join(' / ')}`);
    }
  });
});
