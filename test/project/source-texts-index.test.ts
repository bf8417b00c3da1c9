import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { TempDir } from '../helpers/fixtures.js';
import { recordSourceTexts, SOURCE_TEXTS_FILE, SourceSnapshot } from '../../src/project/source-snapshot.js';

const text = (n: number) => ({ sourceHash: `h${n}`, question: `質問${n}`, answer: `回答${n}` });

describe('source snapshot: hash index', () => {
  let tmp: TempDir;
  beforeEach(() => (tmp = new TempDir()));
  afterEach(() => tmp.remove());
  const snapshot = () => path.join(tmp.path, SOURCE_TEXTS_FILE);
  const index = () => `${snapshot()}.hashes`;

  it('answers which hashes the snapshot holds from the index, without reading the texts', async () => {
    await recordSourceTexts(tmp.path, [text(1), text(2)]);
    assert.equal(SourceSnapshot.lazy(tmp.path).size, 2);
    assert.ok(existsSync(index()));
    // Same size, texts no longer readable: the index still answers; reading the texts shows the change.
    const bytes = readFileSync(snapshot(), 'utf8');
    writeFileSync(snapshot(), bytes.replace('"question":"質問1"', '"question":"XXXXXXXX'));
    const lazy = SourceSnapshot.lazy(tmp.path);
    assert.ok(lazy.has('h1') && lazy.has('h2'));
    assert.equal(SourceSnapshot.read(tmp.path).has('h1'), false);
    assert.equal(lazy.get('h1'), undefined, 'get reads the texts');
    assert.equal(lazy.get('h2')?.answer, '回答2');
  });

  it('takes in appended entries and rebuilds after the snapshot shrank or the index broke', async () => {
    await recordSourceTexts(tmp.path, [text(1), text(2)]);
    assert.equal(SourceSnapshot.lazy(tmp.path).size, 2);
    assert.equal(await recordSourceTexts(tmp.path, [text(2), text(3)]), 1, 'only h3 is new');
    const grown = SourceSnapshot.lazy(tmp.path);
    assert.ok(grown.has('h3'));
    assert.equal(grown.size, 3);
    assert.match(readFileSync(index(), 'utf8'), /^h3$/m);

    truncateSync(snapshot(), readFileSync(snapshot()).indexOf(0x0a) + 1);
    const shrunk = SourceSnapshot.lazy(tmp.path);
    assert.equal(shrunk.size, 1);
    assert.equal(shrunk.has('h2'), false);

    writeFileSync(index(), 'garbage');
    assert.equal(SourceSnapshot.lazy(tmp.path).size, 1);
    rmSync(index());
    assert.ok(SourceSnapshot.lazy(tmp.path).has('h1'));
  });

  it('indexes exactly the entries a full parse finds, whatever the lines look like (the rebuild scans bytes)', () => {
    const lines = [
      JSON.stringify({ hash: 'a1', question: '質問 "引用" \\ \n改行\t', answer: '回答\u2028' }),
      '{"hash":"a2","question":"\\u3042\\/\\b\\f\\r","answer":"x"}',
      '{"hash":"a0","question":"raw\u0001control","answer":"x"}',
      '{"hash":"a3","question":"bad escape \\x","answer":"x"}',
      '{"hash":"a4","question":"raw\ttab","answer":"x"}',
      '{"hash":"a5","question":"x","answer":"short \\u12"}',
      '{"question":"reordered","answer":"x","hash":"a6"}',
      '{ "hash": "a7", "question": "spaced", "answer": "x" }',
      '{"hash":"a8","question":"crlf","answer":"x"}\r',
      '{"hash":"a9","question":1,"answer":"x"}',
      '{"hash":"a10","question":"x","answer":"x"} trailing',
      '{"hash":"a\\u0031\\u0031","question":"escaped hash","answer":"x"}',
      '\ufeff{"hash":"a12","question":"bom","answer":"x"}',
      '{"hash":"a13","question":"x","answer":"x","extra":1}',
      '{"hash":"a14","question":"unterminated,"answer":"x"}',
      '',
      '   ',
      '{"hash":"a15","question":"torn last line","answer":"x"',
    ];
    mkdirSync(path.dirname(snapshot()), { recursive: true });
    writeFileSync(snapshot(), lines.join('\n'));
    const full = SourceSnapshot.read(tmp.path);
    const scanned = SourceSnapshot.lazy(tmp.path);
    const candidates = Array.from({ length: 16 }, (_, i) => `a${i}`);
    assert.deepEqual(
      candidates.map((h) => scanned.has(h)),
      candidates.map((h) => full.has(h)),
    );
    assert.equal(scanned.size, full.size);
    assert.ok(full.has('a1') && full.has('a6') && full.has('a11') && !full.has('a3') && !full.has('a4'), 'the lines cover both outcomes');
  });
  it('finds the same entries when lines cross the read chunks or are longer than one (the rebuild reads 64 KiB at a time)', () => {
    const lines: string[] = [];
    // Lengths that move line ends across many chunk boundaries, one line of 200 KB, one broken line past the first chunk.
    for (let i = 0; i < 300; i++) {
      const filler = '本'.repeat((i * 977) % 3000) + (i % 7 === 0 ? '\\n\\"' : '');
      lines.push(`{"hash":"b${i}","question":"${filler}","answer":"${i}"}`);
    }
    lines[150] = JSON.stringify({ hash: 'b150', question: 'long '.repeat(40_000), answer: 'x' });
    lines[200] = `{"hash":"b200","question":"raw\u0001control ${'x'.repeat(70_000)}","answer":"x"}`;
    lines[201] = '{"hash":"b201","question":"torn","answer":"x"';
    mkdirSync(path.dirname(snapshot()), { recursive: true });
    writeFileSync(snapshot(), `${lines.join('\n')}\n{"hash":"b300","question":"last, unterminated","answer":"x"}`);
    const full = SourceSnapshot.read(tmp.path);
    const scanned = SourceSnapshot.lazy(tmp.path);
    const candidates = Array.from({ length: 301 }, (_, i) => `b${i}`);
    assert.deepEqual(
      candidates.filter((h) => scanned.has(h)),
      candidates.filter((h) => full.has(h)),
    );
    assert.equal(scanned.size, 299);
    assert.ok(full.has('b150') && full.has('b300') && !full.has('b200') && !full.has('b201'));
  });
});
