/**
 * The journal read without MT and edit texts (textless-line.ts, mergedEvents' `textless`), as a compact fold reads
 * it: the same events but for texts as "", the same warnings, line numbers and skipped counts as the full parse.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { TempDir } from '../helpers/fixtures.js';
import { journalFiles, mergedEvents, progressWarnings, startProgress } from '../../src/project/journal-stream.js';
import { parseTextless } from '../../src/project/textless-line.js';

let n = 0;
// One stamp for all: lines built out of file order stay in order.
const base = (type: string) => ({ v: 2, ts: '2026-01-01T00:00:00.000Z', c: 0, author: 'kim', item: `i${n++}`, sourceHash: 'h', type });
/** An MT line with `bytes` as its question's content. */
const withBytes = (bytes: number[]) => {
  const [head, tail] = mt('@@', 'B').split('@@') as [string, string];
  return Buffer.concat([Buffer.from(head), Buffer.from(bytes), Buffer.from(tail)]);
};
const mt = (question: string, answer: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ ...base('mt'), provider: 'deepl', label: 'DeepL', isTranslation: true, question, answer, ...extra });
const edit = (field: string, text: string) => JSON.stringify({ ...base('edit'), field, text });

/** The line parsed whole, with the texts a compact fold drops set to "". */
function blanked(line: string): unknown {
  const e = JSON.parse(line) as Record<string, unknown>;
  if (e.type === 'mt') return { ...e, question: '', answer: '' };
  if (e.type === 'edit') return { ...e, text: '' };
  return e;
}

/** Lines the fast path must take: escapes of every kind, unicode, empty texts, keys in another order. */
const fastLines = (): string[] => [
  mt('질문입니다', '답변입니다'),
  mt('', ''),
  mt('줄 바꿈\n"따옴표" 역슬래시\\ 탭\t \u0001 \b\f\r /', '끝이 역슬래시\\'),
  mt('\\"', '"\\'),
  mt('😀 emoji and 漢字', 'lone surrogate \ud800 as an escape'),
  mt('"question":"inner"', '"type":"edit","text":"x"'),
  edit('question', '이의 질문'),
  edit('answer', ''),
  edit('answer', 'a "quoted" \\ text\n'),
  // Keys in another order than the writer's.
  JSON.stringify({ answer: '답', question: '질문', ...base('mt'), provider: 'p', label: 'l', isTranslation: false }),
  JSON.stringify({ text: '본문', ...base('edit'), field: 'answer' }),
];

/** Lines the fast path must leave to the full parse (or that it may take only when it gives the full parse's answer). */
const otherLines = (): string[] => {
  const good = mt('질문', '답변');
  return [
    JSON.stringify({ ...base('checklist'), question: 'q1', answer: 'yes' }),
    JSON.stringify({ ...base('checklist'), question: '', answer: 'yes' }),
    JSON.stringify({ ...base('new'), question: '새 질문', answer: '새 답변', rationale: 'r' }),
    JSON.stringify({
      ...base('suggestion'),
      model: 'm',
      endpoint: 'e',
      promptHash: 'p',
      sentSource: false,
      question: 'q',
      answer: 'a',
      rationale: 'r',
      changes: [],
    }),
    // Broken text values: a bad escape, a raw control character, a cut \u escape.
    good.replace('질문', 'bad \\x escape'),
    good.replace('질문', 'raw\ttab'),
    good.replace('질문', 'cut \\u12'),
    good.replace('답변', 'raw \u0000 nul'),
    // Broken elsewhere, or a text not a string.
    good.replace('"provider"', 'provider'),
    good.replace('"question":"질문"', '"question":5'),
    good.replace('"answer":"답변"', '"answer":null'),
    good.slice(0, -1),
    `${good}x`,
    good.replace('"type":"mt"', '"type":"edit"'),
    edit('question', 'x').replace('"text":"x"', '"txt":"x"'),
    '[1,2]',
    '{"type":"mt"}',
    '',
    '   ',
    `\uFEFF${good}`,
    `${good}\r`,
  ];
};

describe('journal lines parsed without their texts', () => {
  let tmp: TempDir;
  beforeEach(() => (tmp = new TempDir()));
  afterEach(() => tmp.remove());

  it('gives what the full parse gives with the texts as "", for MT and edit lines of every kind', () => {
    for (const line of fastLines()) {
      const got = parseTextless(Buffer.from(line));
      assert.notEqual(got, undefined, `taken: ${line}`);
      assert.deepEqual(got, blanked(line), line);
    }
  });

  it('leaves any other line to the full parse, or gives exactly its answer', () => {
    for (const line of otherLines()) {
      const got = parseTextless(Buffer.from(line));
      if (got === undefined) continue;
      assert.deepEqual(got, blanked(line), `taken only when the full parse agrees: ${JSON.stringify(line)}`);
    }
    // Bytes that are not UTF-8 in a text: the full parse reads them as U+FFFD, the text is dropped either way.
    const bytes = withBytes([0xff, 0xc3, 0x41]);
    assert.deepEqual(parseTextless(bytes), blanked(bytes.toString('utf8')));
  });

  it('folds a journal to the same events, warnings, line numbers and skipped counts as the full parse, without decoding the texts', () => {
    const dir = tmp.join('p');
    mkdirSync(path.join(dir, 'journal'), { recursive: true });
    const lines = [...fastLines(), ...otherLines()];
    // Non-UTF-8 bytes in a text, and a torn last line.
    const bad = withBytes([0xe2, 0x82]);
    writeFileSync(
      path.join(dir, 'journal', 'kim.jsonl'),
      Buffer.concat([Buffer.from(`${lines.join('\n')}\n`), bad, Buffer.from(`\n${mt('잘린', '줄').slice(0, 60)}`)]),
    );
    writeFileSync(path.join(dir, 'journal', 'lee.jsonl'), `${[edit('answer', '이'), mt('다른 파일', '답')].join('\n')}\n`);

    const parsed: string[] = [];
    const read = (textless: boolean) => {
      const progress = journalFiles(dir).map(startProgress);
      const parse = JSON.parse;
      parsed.length = 0;
      JSON.parse = (text: string, reviver?: Parameters<typeof parse>[1]) => {
        parsed.push(text);
        return parse(text, reviver) as unknown;
      };
      try {
        const events = [...mergedEvents(dir, progress, textless)].map((r) => ({ file: r.file, line: r.line, start: r.start, e: r.e }));
        return { events, ...progressWarnings(progress), ends: progress.map((p) => [p.offset, p.line, p.openEnd]) };
      } finally {
        JSON.parse = parse;
      }
    };
    const full = read(false);
    assert.ok(
      parsed.some((t) => t.includes('다른 파일')),
      'the full parse decodes the texts',
    );
    const textless = read(true);
    // Each event as the full parse gives it, its texts as "" where the fast path took its line (each of fastLines at least).
    assert.deepEqual(
      textless.events.map((r) => ({ ...r, e: blanked(JSON.stringify(r.e)) })),
      full.events.map((r) => ({ ...r, e: blanked(JSON.stringify(r.e)) })),
    );
    const taken = textless.events.filter((r, i) => JSON.stringify(r.e) !== JSON.stringify(full.events[i]!.e));
    assert.ok(taken.length >= fastLines().length, `fast path taken (${taken.length})`);
    for (const r of taken) assert.deepEqual(r.e, blanked(JSON.stringify(r.e)));
    assert.deepEqual(textless.warnings, full.warnings);
    assert.equal(textless.skipped, full.skipped);
    assert.ok(full.skipped >= 15, `broken lines skipped (${full.skipped})`);
    assert.deepEqual(textless.ends, full.ends);
    // The texts of lines the fast path took were never parsed (nor, being parsed with the rest, decoded).
    for (const text of ['질문입니다', '다른 파일', '이의 질문', '본문']) assert.ok(!parsed.some((t) => t.includes(text)), `${text} not parsed`);
  });
});
