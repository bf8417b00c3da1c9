import assert from 'node:assert/strict';
import { loadLocalePack } from '../../src/locale/locale-pack.js';
import { findEquivalents, suggestionsFor } from '../../src/locale/equivalents.js';
import { findLeftovers } from '../../src/locale/leftovers.js';
import type { LocalePack } from '../../src/locale/locale-pack-types.js';
import { item } from './helpers.js';

const ko = (): LocalePack => loadLocalePack('ko').pack;
const found = (pack: LocalePack, text: string): string[] => findEquivalents(pack, [text]).map((m) => `${m.text}=${m.equivalent.id}`);
const leftovers = (text: string): string[] => findLeftovers(ko(), text).map((l) => l.text);

describe('equivalents: source terms', () => {
  it('finds 110番 in Japanese text and suggests 112', () => {
    const matches = findEquivalents(ko(), [{ field: 'answer', text: 'すぐに110番に電話してください。' }]);
    assert.equal(matches.length, 1);
    const m = matches[0];
    assert.ok(m);
    assert.equal(m.equivalent.id, 'emergency-police');
    assert.equal(m.field, 'answer');
    assert.equal(m.offset, 3);
    assert.equal(m.text, '110番');
    assert.match(m.equivalent.target, /^112\b/u);
    assert.deepEqual(suggestionsFor(item({ answer: 'すぐに110番に電話してください。' }), ko()), ['110番 → 112 (경찰)']);
  });

  it('matches full-width digits and reports offsets in the original text', () => {
    const text = 'まず＃９１１０に相談、緊急なら１１０番へ。';
    const matches = findEquivalents(ko(), [text]);
    assert.deepEqual(
      matches.map((m) => [m.text, m.equivalent.id]),
      [
        ['＃９１１０', 'police-consultation-line'],
        ['１１０番', 'emergency-police'],
      ],
    );
    for (const m of matches) assert.equal(text.slice(m.offset, m.offset + m.length), m.text);
  });

  it('keeps the longer of nested matches and respects digit boundaries', () => {
    assert.deepEqual(found(ko(), 'みんなの人権110番に相談'), ['みんなの人権110番=human-rights-line']);
    assert.deepEqual(found(ko(), '1110番'), []);
    assert.deepEqual(found(ko(), '東京電力の社員'), ['東京電力=company-power']);
  });

  it('matches Latin terms as whole words, case-sensitively unless written in lower case', () => {
    assert.deepEqual(found(ko(), 'Send it on LINE.'), ['LINE=service-messenger']);
    assert.deepEqual(found(ko(), 'online guideline, on the line'), []);
    assert.deepEqual(found(ko(), 'It costs 500 Yen.'), ['500 Yen=currency-yen']);
    assert.deepEqual(found(ko(), 'Yen and ¥1,000'), ['Yen=currency-yen', '¥1,000=currency-yen']);
    assert.deepEqual(found(ko(), 'You can call 110 now.'), ['call 110=emergency-police']);
  });

  it('finds amounts in yen with source patterns, not words that only contain 円', () => {
    assert.deepEqual(found(ko(), '1万円と5,000円'), ['1万円=currency-yen', '5,000円=currency-yen']);
    assert.deepEqual(found(ko(), '円滑に進める'), []);
  });

  it('groups suggestions per equivalent, in order of appearance, from all source fields', () => {
    const lines = suggestionsFor(
      item({ question: '東京で闇バイトに誘われた。', answer: '5,000円でも受け取らず、110番へ。', answerEn: 'Call 110 (police).' }),
      ko(),
    );
    assert.deepEqual(
      lines.map((l) => l.split(' → ')[0]),
      ['東京', '闇バイト', '5,000円', '110番 / Call 110'],
    );
  });

  it('suggests the base instruction when the target has no pack', () => {
    const base = loadLocalePack('xx').pack;
    assert.deepEqual(suggestionsFor(item({ answer: '110番へ' }), base), ["110番 → the target country's police emergency number"]);
  });
});

describe('equivalents: leftovers in Korean text', () => {
  it('flags the Japanese police number, not the Korean one', () => {
    assert.deepEqual(leftovers('경찰 110번에 신고하세요.'), ['경찰 110번']);
    assert.deepEqual(leftovers('바로 110번으로 전화하세요.'), ['110번']);
    assert.deepEqual(leftovers('경찰(112)에 신고하세요.'), []);
  });

  it('never flags a term that is the same in the target (119)', () => {
    assert.deepEqual(leftovers('119에 전화하세요.'), []);
    assert.deepEqual(leftovers('119番に電話'), ['119番']);
  });

  it('flags yen amounts but not words that contain 엔', () => {
    assert.deepEqual(leftovers('5,000엔을 보냈다.'), ['5,000엔']);
    assert.deepEqual(leftovers('3만 엔'), ['3만 엔']);
    assert.deepEqual(leftovers('V8 엔진과 엔터테인먼트'), []);
  });

  it('flags machine-translation renderings of Japanese entities', () => {
    assert.deepEqual(leftovers('도쿄에 사는 야마다 씨가 라인 메신저로 연락했다.'), ['도쿄', '야마다', '라인 메신저']);
    assert.deepEqual(leftovers('법무성과 후생노동성'), ['법무성', '후생노동성']);
    assert.deepEqual(leftovers('서울에 사는 김철수 씨가 카카오톡으로 연락했다.'), []);
  });

  it('uses leftover patterns to tell Korean terms from Japanese ones', () => {
    assert.deepEqual(leftovers('개별소비세가 붙는다.'), []);
    assert.deepEqual(leftovers('소비세 10%'), ['소비세']);
    assert.deepEqual(leftovers('20세 미만은 술을 살 수 없다.'), ['20세 미만']);
    assert.deepEqual(leftovers('19세 미만은 술을 살 수 없다.'), []);
  });

  it('does not match a Hangul term in the middle of a word', () => {
    assert.deepEqual(leftovers('블로손'), []);
    assert.deepEqual(leftovers('로손에서'), ['로손']);
  });

  it('skips do-not-translate glossary terms and reports the suggestion', () => {
    const pack: LocalePack = {
      tag: 'xx',
      languageName: 'Test',
      checklist: [],
      equivalents: [{ id: 'msg', category: 'service', source: ['LINE', 'ライン'], target: '카카오톡' }],
      glossary: [{ source: 'LINE', doNotTranslate: true }],
    };
    const found = findLeftovers(pack, 'LINE과 ライン');
    assert.deepEqual(
      found.map((l) => [l.text, l.offset, l.suggestion]),
      [['ライン', 6, '카카오톡']],
    );
  });
});
