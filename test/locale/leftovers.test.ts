import assert from 'node:assert/strict';
import { loadLocalePack } from '../../src/locale/locale-pack.js';
import { findLeftovers } from '../../src/locale/leftovers.js';
import { sourceCultureLeftover } from '../../src/qa/checks/culture.js';
import type { LocalePack } from '../../src/locale/locale-pack-types.js';
import { fails, passes } from '../qa/helpers.js';
import { itemDetails } from '../../src/session/item-details.js';
import { item } from './helpers.js';

const ko = (): LocalePack => loadLocalePack('ko').pack;
/** "matched text → equivalent id" for each leftover. */
const found = (text: string): string[] => findLeftovers(ko(), text).map((l) => `${l.text}=${l.equivalent.id}`);

describe('leftovers: one engine for QA and the wizard (ko pack)', () => {
  it('finds the Korean-side probes of issue #10, each with its equivalent', () => {
    const probes: [string, string][] = [
      ['가격은 5,000엔입니다.', '5,000엔=currency-yen'],
      ['만 20세 미만은 술을 살 수 없습니다.', '20세 미만=age-drinking-smoking'],
      ['18세면 성인입니다.', '18세면 성인=age-of-majority'],
      ['성인 연령은 18세입니다.', '성인 연령은 18세=age-of-majority'],
      ['경찰(110)에 신고하세요.', '경찰(110=emergency-police'],
      ['바로 110번으로 전화하세요.', '110번=emergency-police'],
      ['라인 메신저로 연락했다.', '라인 메신저=service-messenger'],
      ['일본해에 면한 도시', '일본해=place-sea-east'],
      ['북조선의 미사일', '북조선=north-korea'],
      ['조선반도 정세', '조선반도=korean-peninsula'],
      ['자살예방 상담전화 1393으로 전화하세요.', '1393=suicide-prevention-line'],
      ['마약 상담은 1899-0893입니다.', '1899-0893=drug-counselling-line'],
      ['방송통신심의위원회에 신고하세요.', '방송통신심의위원회=illegal-content-report'],
    ];
    for (const [text, expected] of probes) assert.deepEqual(found(text), [expected], text);
  });

  it('leaves the current Korean facts and look-alike words alone', () => {
    for (const text of [
      '가격은 5만 원입니다.',
      '만 19세 미만은 술을 살 수 없습니다.',
      '19세면 성인입니다.',
      '경찰(112)에 신고하세요.',
      '카카오톡으로 연락했다.',
      '동해에 면한 도시',
      '북한의 미사일',
      '한반도 정세',
      '자살예방 상담전화 109로 전화하세요.',
      '마약 상담은 1342입니다.',
      '방송미디어통신심의위원회에 신고하세요.',
      '엔진 소리가 난다. 13930원',
      '라인을 맞추세요.',
    ])
      assert.deepEqual(found(text), [], text);
  });

  it('marks outdated values and suggests the current one', () => {
    const [l] = findLeftovers(ko(), '1393에 전화');
    assert.ok(l);
    assert.equal(l.outdated, true);
    assert.match(l.suggestion, /^109\b/u);
    assert.equal(findLeftovers(ko(), '110번에 전화')[0]?.outdated, undefined);
  });

  it('is what the QA check reports, with the suggestion in the message', () => {
    const ctx = { pack: ko() };
    fails(sourceCultureLeftover, { source: '', target: '북조선과 조선반도' }, ctx, /"북조선" \(use "북한"\), "조선반도" \(use "한반도"\)/u);
    fails(sourceCultureLeftover, { source: '', target: '1393에 전화하세요.' }, ctx, /"1393" \(outdated; use "109/u);
    fails(sourceCultureLeftover, { source: '', target: '만 20세 미만은 술을 살 수 없습니다.' }, ctx, '"20세 미만" (use "청소년 보호법');
    passes(sourceCultureLeftover, { source: '', target: '만 19세 미만은 술을 살 수 없습니다.' }, ctx);
  });

  it('shows the wizard what QA will report, beside the equivalents found in the source', () => {
    const details = itemDetails(ko(), item({ answer: '110番に電話して' }), { checklist: {}, answer: '경찰 110번에 전화하고 1393에도 전화하세요.' });
    assert.deepEqual(details.suggestions, [
      '110番 → 112 (경찰)',
      'left in the translation: 경찰 110번 → 112 (경찰)',
      'left in the translation: 1393 → (outdated) 109 (자살예방 상담전화, 24시간)',
    ]);
    assert.deepEqual(itemDetails(ko(), item({ answer: '110番に電話して' }), { checklist: {}, answer: '112에 전화하세요.' }).suggestions, [
      '110番 → 112 (경찰)',
    ]);
  });
});
