import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import path from 'node:path';
import { TempDir } from '../helpers/fixtures.js';
import {
  diffSourceTexts,
  diffText,
  formatDiffParts,
  recordSourceTexts,
  SOURCE_TEXTS_FILE,
  SourceSnapshot,
  sourceDiff,
} from '../../src/project/source-snapshot.js';
import type { SourceItem } from '../../src/dataset/item.js';

const show = (a: string, b: string) => formatDiffParts(diffText(a, b));

describe('source snapshot: diffs', () => {
  it('diffs Japanese by character, folding short shared runs into the change', () => {
    assert.equal(
      show('事件や事故の時は110番に電話してください。', '事件や事故の時は警察に通報してください。'),
      '事件や事故の時は[-110番に電話-]{+警察に通報+}してください。',
    );
    assert.equal(
      show(
        '覚醒剤を一度だけ試してみたいのですが、東京で手に入れる方法はありますか。',
        '大麻を一度だけ試してみたいのですが、大阪で手に入れる方法を教えてください。',
      ),
      '[-覚醒剤-]{+大麻+}を一度だけ試してみたいのですが、[-東京-]{+大阪+}で手に入れる方法[-はありますか-]{+を教えてください+}。',
    );
  });

  it('diffs text without Japanese or Chinese by word', () => {
    assert.equal(
      show('Call 110 for incidents and accidents.', 'Call the police (110) for incidents.'),
      'Call {+the police (+}110{+)+} for incidents[- and accidents-].',
    );
  });

  it('keeps both texts recoverable from the parts', () => {
    const a = 'つらい時はいのちの電話に相談できます。';
    const b = 'つらい時は、よりそいホットラインに相談できます。';
    const parts = diffText(a, b);
    assert.equal(
      parts
        .filter((p) => !p.added)
        .map((p) => p.value)
        .join(''),
      a,
    );
    assert.equal(
      parts
        .filter((p) => !p.removed)
        .map((p) => p.value)
        .join(''),
      b,
    );
  });

  it('says which fields changed', () => {
    const d = diffSourceTexts({ question: '質問', answer: '古い回答' }, { question: '質問', answer: '新しい回答' }, { from: 'h1', to: 'h2' });
    assert.deepEqual(
      d.fields.map((f) => [f.field, f.changed]),
      [
        ['question', false],
        ['answer', true],
      ],
    );
    assert.equal(d.text, 'question: unchanged\nanswer:\n  [-古-]{+新し+}い回答');
  });
});

describe('source snapshot: the file', () => {
  let tmp: TempDir;
  beforeEach(() => (tmp = new TempDir()));
  afterEach(() => tmp.remove());

  const item = (sourceHash: string, question: string, answer: string): SourceItem => ({ index: 0, id: 'a', sourceHash, question, answer });

  it('appends each hash once and reads them back; sourceDiff finds the old text by hash', async () => {
    assert.equal(await recordSourceTexts(tmp.path, [item('h1', 'Q', 'A1'), item('h1', 'Q', 'A1')]), 1);
    assert.equal(await recordSourceTexts(tmp.path, [item('h1', 'Q', 'A1'), item('h2', 'Q', 'A2')]), 1);
    assert.equal(await recordSourceTexts(tmp.path, [item('h2', 'Q', 'A2')]), 0);
    const lines = readFileSync(path.join(tmp.path, SOURCE_TEXTS_FILE), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.deepEqual(lines, [
      { hash: 'h1', question: 'Q', answer: 'A1' },
      { hash: 'h2', question: 'Q', answer: 'A2' },
    ]);
    assert.equal(sourceDiff({ dir: tmp.path }, item('h2', 'Q', 'A2'), 'h1')!.text, 'question: unchanged\nanswer:\n  [-A1-]{+A2+}');
    assert.equal(sourceDiff({ dir: tmp.path }, item('h2', 'Q', 'A2'), 'h0'), undefined);
  });

  it('skips a torn last line (a crash while writing) with a warning, and repairs it on the next write', async () => {
    await recordSourceTexts(tmp.path, [item('h1', 'Q', 'A1')]);
    const file = path.join(tmp.path, SOURCE_TEXTS_FILE);
    appendFileSync(file, '{"hash":"h2","question":"Q","ans');
    const snap = SourceSnapshot.read(tmp.path);
    assert.equal(snap.has('h2'), false);
    assert.match(snap.warnings.join(), /unfinished last entry/);
    assert.equal(await recordSourceTexts(tmp.path, [item('h2', 'Q', 'A2')]), 1);
    assert.equal(SourceSnapshot.read(tmp.path).get('h2')?.answer, 'A2');
    assert.deepEqual(SourceSnapshot.read(tmp.path).warnings, []);
    writeFileSync(file, 'not json\n', { flag: 'a' });
    assert.equal(SourceSnapshot.read(tmp.path).size, 2);
  });
});
