import assert from 'node:assert/strict';
import { emails, kanjiNumberValue, numbers, numbersIn, placeholders, tags, urls } from '../../src/qa/checks/placeables.js';
import { KO } from './fixtures.js';
import { fails, passes, qaInput } from './helpers.js';
import { randomBelow } from '../helpers/prng.js';

describe('qa: numbers', () => {
  it('normalises full-width digits and thousands separators', () => {
    passes(numbers, { source: '１１０番に電話してください', target: '110에 전화하세요' });
    passes(numbers, { source: '１，０００円です', target: '1,000엔입니다' });
    passes(numbers, { source: '1,000円です', target: '1000엔입니다' });
    passes(numbers, { source: '3.5％です', target: '3.5%입니다' });
    assert.deepEqual(numbersIn('１２，３４５円、3.14、{0}、https://example.jp/99'), ['12345', '3.14']);
    // Markers written full width count once normalised: "ｈｔｔｐ：／／", "％ｓ", "＜ｂ＞" hide no number.
    assert.deepEqual(numbersIn('ｈｔｔｐ：／／ｅｘａｍｐｌｅ．ｊｐ／９　ｗｗｗ．ａ１．ｊｐ a2＠b.jp ％１＄ｓ ＜ｂ２＞'), []);
    assert.deepEqual(numbersIn('ＷＷＷ.x7.jp'), []);
  });

  it('reports numbers that differ', () => {
    fails(numbers, { source: '１１０番に電話', target: '112에 전화' }, {}, /"112" where the source has "110"/);
    fails(numbers, { source: '3日以内に', target: '30일 이내에' }, {}, '"30"');
    fails(numbers, { source: '10歳の子ども', target: '어린이' }, {}, /lacks the source’s number "10"/);
    fails(numbers, { source: '子ども', target: '10세 어린이' }, {}, /has number "10" that the source does not/);
  });

  it('accepts intended changes, given as a pair, as terms, or through a pack equivalent', () => {
    passes(numbers, { source: '110番に電話', target: '112에 전화', intendedChanges: ['110 -> 112'] });
    passes(numbers, { source: '110番に電話', target: '112에 전화', intendedChanges: ['110', '112'] });
    passes(numbers, { source: '110番に電話', target: '112에 전화', intendedChanges: ['110番'] }, KO);
    passes(numbers, { source: '110番に電話', target: '112에 전화', intendedChanges: ['police'] }, KO);
    fails(numbers, { source: '110番に電話', target: '112에 전화', intendedChanges: ['110番'] }, {}, '"112"');
  });

  it('accepts digits for kanji numerals of the source', () => {
    passes(numbers, { source: '二十歳未満の人', target: '20세 미만인 사람' });
    assert.equal(kanjiNumberValue('二十'), 20);
    assert.equal(kanjiNumberValue('三百五'), 305);
    assert.equal(kanjiNumberValue('二〇二四'), 2024);
    assert.equal(kanjiNumberValue('十'), 10);
  });

  it('does not compare a replacement item with its source', () => {
    passes(numbers, { source: '3日以内に', target: '30일 이내에', decision: 'replace-scenario', rationale: 'new item' });
  });
});

describe('qa: numbers over random texts', () => {
  it('reports a field exactly when the sets of numbersIn of source and target differ (and the target is not blank)', () => {
    const rand = randomBelow(5);
    const pieces = ['1', '2', '0', '10', '.', ',', ' ', 'a', '가', '円', '１', '<b>', 'www.', '//', '@', '{0}', '%', '３．５'];
    const text = (): string => Array.from({ length: 1 + rand(8) }, () => pieces[rand(pieces.length)]).join('');
    for (let i = 0; i < 3000; i++) {
      const source = text();
      const target = rand(3) === 0 ? source : text();
      const differ = (() => {
        const s = new Set(numbersIn(source));
        const t = new Set(numbersIn(target));
        return s.size !== t.size || [...s].some((n) => !t.has(n));
      })();
      // A blank target is left to the empty check.
      assert.equal(numbers.run(qaInput({ source, target }), {}).length, differ && target.trim() !== '' ? 1 : 0, `${source} -> ${target}`);
    }
  });
});

describe('qa: urls', () => {
  it('reports URLs that differ, ignoring surrounding punctuation', () => {
    fails(
      urls,
      { source: '詳しくは https://example.jp/help を見て', target: '자세한 내용은 https://example.kr/help 를 보세요' },
      {},
      '"https://example.kr/help"',
    );
    passes(urls, { source: '詳しくは https://example.jp/help。', target: '자세한 내용은 (https://example.jp/help).' });
    passes(urls, { source: '詳しくはhttps://example.jp/helpを見て', target: '자세한 내용은 https://example.jp/help 를 보세요' });
    passes(urls, { source: 'https://example.jp/a', target: 'https://example.kr/a', intendedChanges: ['https://example.jp/a → https://example.kr/a'] });
  });
});

describe('qa: emails', () => {
  it('reports e-mail addresses that differ, ignoring case', () => {
    fails(emails, { source: 'info@example.jp まで', target: 'info@example.kr 로' }, {}, '"info@example.kr"');
    passes(emails, { source: 'Info@Example.jp まで', target: 'info@example.jp 로' });
  });
});

describe('qa: placeholders', () => {
  it('reports placeholders that differ or are not repeated as often', () => {
    fails(placeholders, { source: '{name}さん、こんにちは', target: '님, 안녕하세요' }, {}, '"{name}"');
    fails(placeholders, { source: '%s と %s', target: '%s 및' }, {}, '"%s"');
    passes(placeholders, { source: '{name}さん、こんにちは', target: '{name}님, 안녕하세요' });
    passes(placeholders, { source: '{{ user }}さん', target: '{{user}}님' });
    passes(placeholders, { source: '%1$s と %2$s', target: '%2$s 및 %1$s' });
  });
});

describe('qa: tags', () => {
  it('reports markup tags that differ, ignoring attributes', () => {
    fails(tags, { source: '<b>注意</b>してください', target: '주의하세요' }, {}, '"<b>"');
    fails(tags, { source: '<b>注意</b>', target: '<b>주의' }, {}, '"</b>"');
    passes(tags, { source: '<b>注意</b>してください', target: '<b>주의</b>하세요' });
    passes(tags, { source: '改行<br/>です', target: '줄바꿈<br />입니다' });
  });
});
