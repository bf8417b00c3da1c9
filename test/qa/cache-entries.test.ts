/** The QA caches' entry file read in chunks (CacheEntries): the same answers as a whole read, in file order or not. */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CacheEntries, HASH_LENGTH } from '../../src/qa/cache-entries.js';
import { TempDir } from '../helpers/fixtures.js';

const HEADER = { context: 'c' };
const hash = (i: number) => `h${String(i).padStart(21, '0')}`;
// IDs with multi-byte characters, a quote and a backslash; JSON long enough to cross several 16-byte chunks.
const ids = ['a', 'ü-東京-1', 'b "q" \\', 'c', 'd-日本語の長い識別子'];
const json = (i: number) => JSON.stringify([{ check: 'x', message: `回答 ${i} `.repeat(i + 1) }]);

describe('QA cache entries read in chunks', () => {
  let tmp: TempDir;
  let file: string;
  beforeEach(() => {
    tmp = new TempDir();
    file = tmp.join('entries.jsonl');
    const whole = new CacheEntries();
    ids.forEach((id, i) => whole.set(id, hash(i), json(i)));
    whole.write(file, HEADER);
  });
  afterEach(() => rmSync(tmp.path, { recursive: true, force: true }));

  const open = (chunk = 16) => {
    const entries = new CacheEntries(chunk);
    assert.deepEqual(
      entries.read(file, (h) => (h as { context?: string }).context === 'c'),
      HEADER,
    );
    return entries;
  };

  it('finds every entry in file order across chunk boundaries, and refuses a changed hash', () => {
    for (const chunk of [1, 7, 16, 1 << 18]) {
      const entries = open(chunk);
      ids.forEach((id, i) => assert.equal(entries.get(id, hash(i)), json(i), `${chunk}: ${id}`));
      const again = open(chunk);
      assert.equal(again.get('a', hash(9)), undefined);
      assert.equal(again.get(ids[1]!, hash(1)), json(1), 'the next entry in order after a refused hash');
    }
  });

  it('answers IDs asked out of order, and unknown IDs, exactly as in order', () => {
    const entries = open();
    for (const i of [3, 0, 4, 2, 1]) assert.equal(entries.get(ids[i]!, hash(i)), json(i), ids[i]);
    assert.equal(entries.get('missing', hash(0)), undefined);
    assert.equal(entries.size, ids.length);
    const partly = open();
    assert.equal(partly.get('a', hash(0)), json(0));
    assert.equal(partly.get('c', hash(3)), json(3), 'skips ahead: the whole file is read');
    assert.equal(partly.get(ids[1]!, hash(1)), json(1));
  });

  it('an entry changed in the pass is written with every entry not touched, blank lines ignored', () => {
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('\n', '\n\n\n'));
    const entries = open();
    assert.equal(entries.get('a', hash(0)), json(0));
    entries.set(ids[1]!, hash(7), '[]');
    assert.equal(entries.get('c', hash(3)), json(3));
    entries.write(file, HEADER);
    const after = open();
    assert.equal(after.get(ids[1]!, hash(1)), undefined);
    assert.equal(after.get(ids[1]!, hash(7)), '[]');
    ids.forEach((id, i) => i !== 1 && assert.equal(after.get(id, hash(i)), json(i), id));
  });

  it('a corrupt line anywhere, even past the first chunks, refuses the whole file', () => {
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    lines.splice(4, 0, '["x","short",[]]');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const entries = new CacheEntries(7);
    assert.throws(() => entries.read(file, () => true), /line 5 is not a cache entry/);
    assert.equal(entries.get('a', hash(0)), undefined);
  });

  it('checks every line even when a chunk ends right after a newline (the header filling the first chunk exactly)', () => {
    const header = `${JSON.stringify(HEADER)}\n`;
    writeFileSync(file, `${header}["a","${hash(0)}",[]]\n["x","short",[]]\n`);
    assert.throws(() => new CacheEntries(Buffer.byteLength(header)).read(file, () => true), /line 3 is not a cache entry/);
  });

  it('reads a hand-edited entry whose hash has multi-byte characters as its text reads: an entry, found by that hash only', () => {
    const odd = 'é'.repeat(HASH_LENGTH);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    lines.splice(2, 0, `["odd","${odd}",[1]]`);
    writeFileSync(file, `${lines.join('\n')}\n`);
    for (const chunk of [7, 1 << 18]) {
      const entries = open(chunk);
      assert.equal(entries.get('a', hash(0)), json(0));
      assert.equal(entries.get('odd', hash(0)), undefined);
      assert.equal(entries.get(ids[1]!, hash(1)), json(1));
      assert.equal(open(chunk).get('odd', odd), '[1]', 'out of order: read whole');
      const inOrder = open(chunk);
      assert.equal(inOrder.get('a', hash(0)), json(0));
      assert.equal(inOrder.get('odd', odd), '[1]');
    }
  });

  it('a file replaced after it was read starts empty when it must be read whole, rather than mixing two runs', () => {
    const entries = open();
    assert.equal(entries.get('a', hash(0)), json(0));
    const other = new CacheEntries();
    other.set('c', hash(3), '[]');
    other.write(file, HEADER);
    assert.equal(entries.get('c', hash(3)), undefined);
    assert.equal(entries.size, 0);
  });
});

describe('QA cache entries written', () => {
  let tmp: TempDir;
  beforeEach(() => (tmp = new TempDir()));
  afterEach(() => rmSync(tmp.path, { recursive: true, force: true }));

  const golden = (name: string) => fileURLToPath(new URL(`../../../test/qa/golden/${name}`, import.meta.url));
  const hash = (i: number) => `h${String(i).padStart(21, '0')}`;
  const json = (i: number) => (i % 2 ? '[]' : JSON.stringify([{ check: 'x', severity: 'info', message: `回答 "${i}" \\ `.repeat(i + 1) }]));

  it('writes, byte for byte, what the code before the streamed save wrote: entries as read (IDs with escapes among them), changed and new', () => {
    // The golden files were written by the earlier code (lines joined in memory, then written whole).
    for (const chunk of [16, 1 << 18]) {
      const file = tmp.join(`c${chunk}.jsonl`);
      copyFileSync(golden('cache-entries-in.jsonl'), file);
      const entries = new CacheEntries(chunk);
      entries.read(file, () => true);
      assert.notEqual(entries.get('a', hash(0)), undefined);
      assert.notEqual(entries.get('ü-東京-1', hash(1)), undefined);
      entries.set('new-1', hash(20), '[]');
      entries.set('f-esc', hash(21), json(21));
      entries.set('新 "2"', hash(22), json(22));
      entries.write(file, { context: 'golden', more: ['x'] });
      assert.equal(readFileSync(file, 'utf8'), readFileSync(golden('cache-entries-out.jsonl'), 'utf8'), `chunk ${chunk}`);
    }
  });

  it('streams a file of several write chunks: every line whole, in order, and read back', () => {
    const file = tmp.join('big.jsonl');
    const entries = new CacheEntries();
    const n = 3000;
    const long = (i: number) => JSON.stringify([{ check: 'x', message: `${i}:${'長'.repeat(400)}` }]);
    for (let i = 0; i < n; i++) entries.set(`id-${i}`, hash(i), long(i));
    entries.write(file, { context: 'big' });
    const text = readFileSync(file, 'utf8');
    assert.ok(Buffer.byteLength(text) > 3 << 20, 'more than one chunk');
    const expected = [JSON.stringify({ context: 'big' }), ...Array.from({ length: n }, (_, i) => `["id-${i}","${hash(i)}",${long(i)}]`)];
    assert.equal(text, `${expected.join('\n')}\n`);
    const again = new CacheEntries();
    again.read(file, () => true);
    for (const i of [0, 1234, n - 1]) assert.equal(again.get(`id-${i}`, hash(i)), long(i));
  });

  it('a write that cannot be put in place throws and leaves no temporary file', () => {
    // The path is a folder that is not empty: the rename over it fails after the entries were written.
    const file = tmp.join('cache', 'taken.jsonl');
    mkdirSync(path.join(file, 'inside'), { recursive: true });
    const entries = new CacheEntries();
    entries.set('a', hash(0), '[]');
    assert.throws(() => entries.write(file, { context: 'c' }));
    assert.deepEqual(readdirSync(path.dirname(file)).sort(), ['.gitignore', 'taken.jsonl']);
    assert.deepEqual(readdirSync(file), ['inside']);
  });
});
