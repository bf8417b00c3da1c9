import assert from 'node:assert/strict';
import { registerMixed, registerOf, registerPreferred, sentences } from '../../src/qa/checks/register.js';
import { KO, KO_PACK } from './fixtures.js';
import { fails, passes } from './helpers.js';
import { randomBelow } from '../helpers/prng.js';

const registers = KO_PACK.registers ?? [];

describe('qa: register-mixed', () => {
  it('reports mixed speech levels in one text', () => {
    fails(
      registerMixed,
      { source: '私は学生です。ご飯食べた？', target: '저는 학생입니다. 밥 먹었어?' },
      KO,
      /합니다체 in "저는 학생입니다" and 반말 in "밥 먹었어"/,
    );
    fails(registerMixed, { source: '', target: '도와드릴게요.\n그럼 가자', field: 'question' }, KO, '해요체');
    passes(registerMixed, { source: '', target: '저는 학생입니다. 밥을 먹었습니까?' }, KO);
    passes(registerMixed, { source: '', target: '안녕하세요. 무엇을 도와드릴까요?' }, KO);
  });

  it('ignores quoted speech and unclassified sentences', () => {
    passes(registerMixed, { source: '', target: '사기범은 "엄마, 나야. 돈 좀 보내 줘."라고 말합니다. 조심하십시오.' }, KO);
    fails(registerMixed, { source: '', target: '사기범은 엄마, 나야. 돈 좀 보내 줘.라고 말합니다.' }, KO, '반말');
    passes(registerMixed, { source: '', target: '1. 경찰 2. 소방\n도와드릴게요.' }, KO);
  });

  it('needs a pack with registers', () => {
    passes(registerMixed, { source: '', target: '저는 학생입니다. 밥 먹었어?' });
    passes(registerMixed, { source: '', target: '저는 학생입니다. 밥 먹었어?' }, { pack: { ...KO_PACK, registers: [] } });
  });

  it('prefers the longest matching ending', () => {
    const longer = [{ id: 'plain', name: '해라체', endings: ['다'] }, ...registers];
    assert.equal(registerOf('저는 학생입니다.', longer)?.id, 'hapsho');
    assert.equal(registerOf('나는 학생이다.', longer)?.id, 'plain');
    assert.equal(registerOf('음…', longer), undefined);
    const tie = [
      { id: 'first', name: 'A', endings: ['요'] },
      { id: 'second', name: 'B', endings: ['요'] },
    ];
    assert.equal(registerOf('좋아요', tie)?.id, 'first');
    assert.deepEqual(sentences('하나. 둘!\n셋? 3.5배'), ['하나.', '둘!', '셋?', '3.5배']);
  });

  it('splits a text without quotes as one with its quoted passages removed', () => {
    assert.deepEqual(sentences('밥 먹었어? 네, 먹었습니다.'), ['밥 먹었어?', '네, 먹었습니다.']);
    assert.deepEqual(sentences('그는 "밥 먹었어?"라고 물었다. 「좋아」 그래요.'), ['그는  라고 물었다.', '그래요.']);
    // An opener without its closer removes nothing.
    assert.deepEqual(sentences('그는 "밥 먹었어? 네.'), ['그는 "밥 먹었어?', '네.']);
  });

  it('tells registers apart whatever groups their endings have (one combined scan per sentence)', () => {
    const grouped = [
      { id: 'a', name: 'A', endings: ['(니)(다)'] },
      { id: 'b', name: 'B', endings: ['(?<x>습)니다', '다'] },
      { id: 'c', name: 'C', endings: ['(다)\\1'] },
    ];
    assert.equal(registerOf('습니다', grouped)?.id, 'b');
    assert.equal(registerOf('갔니다', grouped)?.id, 'a');
    assert.equal(registerOf('나는 간다다', grouped)?.id, 'c');
    // Longest first, then pack order, whichever of "with" or "without closing punctuation" matched:
    // "a" matches "요" in the bare sentence, "b" matches "요." with the full stop: "b" is longer.
    const marks = [
      { id: 'a', name: 'A', endings: ['요'] },
      { id: 'b', name: 'B', endings: ['요\\.'] },
    ];
    assert.equal(registerOf('좋아요.', marks)?.id, 'b');
    const same = [
      { id: 'a', name: 'A', endings: ['아요'] },
      { id: 'b', name: 'B', endings: ['요\\.'] },
    ];
    assert.equal(registerOf('좋아요.', same)?.id, 'a');
  });

  it('skips pack endings that are not valid regular expressions', () => {
    const bad = { ...KO_PACK, registers: [{ id: 'broken', name: 'broken', endings: ['(요'] }, ...registers] };
    fails(registerMixed, { source: '', target: '저는 학생입니다. 밥 먹었어?' }, { pack: bad }, '반말');
  });
});

describe('qa: register-preferred', () => {
  it('reports sentences not in the pack’s preferred register', () => {
    fails(registerPreferred, { source: '', target: '도와드리겠습니다.' }, KO, /합니다체 in "도와드리겠습니다".*use 해요체/);
    fails(registerPreferred, { source: '', target: '도와드리겠습니다. 알겠어. 괜찮아요.' }, KO, /합니다체 in "도와드리겠습니다" and 반말 in "알겠어"/);
    passes(registerPreferred, { source: '', target: '도와드릴게요. 괜찮아요?' }, KO);
  });

  it('applies only to fields the pack has a preference for', () => {
    passes(registerPreferred, { source: '', target: '밥 먹었어?', field: 'question' }, KO);
  });
});

describe('qa: register sentences', () => {
  /** The regex split `sentences` replaces (quoted passages are removed first, as there). */
  const QUOTED = /"[^"\n]*"|“[^”\n]*”|‘[^’\n]*’|'[^'\n]*'|「[^」\n]*」|『[^』\n]*』/gu;
  const bySplit = (text: string): string[] =>
    text
      .replace(QUOTED, ' ')
      .split(/(?<=[.!?。？！…])\s+|\n+/u)
      .map((s) => s.trim())
      .filter((s) => s !== '');

  it('splits as the regex split and trim would, over random texts', () => {
    const rand = randomBelow(9);
    const pieces = [
      '가',
      '다',
      'a',
      '1',
      '.',
      '!',
      '?',
      '。',
      '？',
      '！',
      '…',
      ' ',
      '  ',
      '\n',
      '\n\n',
      '\r',
      '\t',
      '\u3000',
      '\u00a0',
      '\ufeff',
      '\u2028',
      '"',
      '「',
      '」',
      '😀',
      '\ud83d',
      '요.',
      '~',
    ];
    let split = 0;
    for (let n = 0; n < 20000; n++) {
      const text = Array.from({ length: rand(16) }, () => pieces[rand(pieces.length)]!).join('');
      const expected = bySplit(text);
      if (expected.length > 1) split++;
      assert.deepEqual(sentences(text), expected, JSON.stringify(text));
    }
    assert.ok(split > 5000, `${split}`);
  });

  it('classifies as trying each ending alone on the whole sentence would (the search starts only near the end), over random sentences', () => {
    const reference = (sentence: string): string | undefined => {
      const candidates = [sentence.trim(), sentence.replace(/[\s.!?。？！…~～)\]）」』"'”’]+$/u, '')];
      let best: string | undefined;
      let length = 0;
      for (const register of registers) {
        for (const ending of register.endings) {
          for (const c of candidates) {
            const m = new RegExp(`(?:${ending})$`, 'u').exec(c);
            if (m && m[0].length > length) [best, length] = [register.id, m[0].length];
          }
        }
      }
      return best;
    };
    const rand = randomBelow(21);
    const pieces = [
      '저는',
      ' ',
      '학생',
      '입',
      '습니다',
      '합',
      '니다',
      '니까',
      '십시오',
      '갑시다',
      '요',
      '필요',
      '죠',
      '다',
      '는다',
      '이야',
      '했어',
      '니?',
      '냐?',
      '.',
      '!',
      '?',
      '"',
      '」',
      '…',
      '~',
      ')',
      '😀',
      '가',
    ];
    const seen = new Set<string | undefined>();
    for (let n = 0; n < 20000; n++) {
      const sentence = Array.from({ length: 1 + rand(8) }, () => pieces[rand(pieces.length)]!).join('');
      const expected = reference(sentence);
      seen.add(expected);
      assert.equal(registerOf(sentence, registers)?.id, expected, JSON.stringify(sentence));
    }
    assert.deepEqual([...seen].sort(), ['banmal', 'haeyo', 'hapsho', undefined]);
  });
});

describe('qa: registerOf against one regex per ending', () => {
  /** The rule, ending by ending: the longest match at the end of the trimmed or the bare sentence, then pack order. */
  const slow = (sentence: string, list: typeof registers): string | undefined => {
    const trimmed = sentence.trim();
    const bare = trimmed.replace(/[\s.!?。？！…~～)\]）」』"'”’]+$/u, '');
    let best: string | undefined;
    let length = 0;
    for (const r of list) {
      for (const e of r.endings) {
        for (const c of [trimmed, bare]) {
          const m = new RegExp(`(?:${e})$`, 'u').exec(c);
          if (m && m[0].length > length) {
            best = r.id;
            length = m[0].length;
          }
        }
      }
    }
    return best;
  };

  it('gives the same register over random sentences, with and without closing punctuation', () => {
    const rand = randomBelow(11);
    const stems = ['저는 학생', '밥 먹', '좋아', '필요', '그렇', '알겠', '갑니', '하', '이', '아니', '가'];
    const ends = ['입니다', '습니까', '십시오', '요', '죠', '다', '어', '야', '니', '지', '자', '까', '해줘', '거야', ''];
    const tails = ['', '.', '?', '!', '..', ' .', '…', '?!', '~', ')', '."', '」', ' '];
    const withTail = [{ id: 'tail', name: 'T', endings: ['요\\.\\.'] }, ...registers];
    for (let i = 0; i < 3000; i++) {
      const sentence = `${stems[rand(stems.length)]}${ends[rand(ends.length)]}${tails[rand(tails.length)]}${tails[rand(tails.length)]}`;
      assert.equal(registerOf(sentence, registers)?.id, slow(sentence, registers), sentence);
      assert.equal(registerOf(sentence, withTail)?.id, slow(sentence, withTail), sentence);
    }
  });
});
