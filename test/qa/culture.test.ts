import assert from 'node:assert/strict';
import { sourceCultureLeftover } from '../../src/qa/checks/culture.js';
import { findLeftovers, leftoverTerms } from '../../src/locale/leftovers.js';
import { KO, KO_PACK } from './fixtures.js';
import { fails, passes } from './helpers.js';

const check = sourceCultureLeftover;

describe('qa: source-culture-leftover', () => {
  it('reports a Japanese emergency number used as one, with the equivalent to use', () => {
    fails(check, { source: '110番に電話して', target: '110번에 전화하세요' }, KO, /"110번" \(use "112"\)/);
    fails(check, { source: '110番に電話して', target: '１１０번으로 신고하세요' }, KO, '"110번"');
    fails(check, { source: '110番に電話して', target: '110に 전화하세요' }, KO, '"110に"');
    passes(check, { source: '110番に電話して', target: '112에 전화하세요' }, KO);
  });

  it('does not report a short number outside a phone-number context', () => {
    passes(check, { source: '身長110cm', target: '키 110cm인 어린이' }, KO);
    passes(check, { source: '110人目', target: '110번째 손님' }, KO);
    passes(check, { source: '1110番', target: '1110번 버스' }, KO);
  });

  it('skips terms the target counterpart itself contains', () => {
    passes(check, { source: '119番に電話', target: '119에 전화하세요' }, KO);
    assert.deepEqual(leftoverTerms(KO_PACK.equivalents[1]!), ['119番']);
  });

  it('reports currency, places and help lines', () => {
    fails(check, { source: '500円', target: '500円입니다' }, KO, /"円" \(use "원"\)/);
    fails(check, { source: '500円', target: '엔화로 내세요' }, KO, '"엔화"');
    fails(check, { source: '東京都に住む', target: '東京都에 사는' }, KO, '"서울특별시"');
    fails(check, { source: '0120-783-556', target: '0120 783 556으로 전화하세요' }, KO, '"0120 783 556"');
    passes(check, { source: '500円', target: '5,000원입니다' }, KO);
    fails(check, { source: '500円', target: '500엔입니다' }, KO, /"엔" \(use "원"\)/);
    fails(check, { source: '500円', target: '오백 엔으로 사세요' }, KO, '"엔"');
    passes(check, { source: 'エンジン', target: '엔진 소리' }, KO);
    passes(check, { source: 'エンジン', target: '펜엔 없어요' }, KO);
    passes(check, { source: '', target: '10120783556' }, KO);
  });

  it('matches Latin terms as whole words, in any target', () => {
    fails(check, { source: '500円', target: 'It costs 500 yen.', targetLanguage: 'en' }, KO, '"yen"');
    passes(check, { source: '500円', target: 'It costs 5,000 won; ask Yenna.', targetLanguage: 'en' }, KO);
  });

  it('needs a pack', () => {
    passes(check, { source: '110番', target: '110번에 전화하세요' });
  });

  it('finds digit terms only as whole numbers', () => {
    const texts = (t: string): string[] => findLeftovers(KO_PACK, t).map((l) => l.text);
    assert.deepEqual(texts('2110번, 110번'), ['110번']);
    assert.deepEqual(texts('0120-783-5567'), []);
  });
});
