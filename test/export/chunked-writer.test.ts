/** ChunkedWriter: the file holds exactly the texts written, in order, whatever their size and characters. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { TempDir } from '../helpers/fixtures.js';
import { ChunkedWriter } from '../../src/export/chunked-writer.js';

describe('ChunkedWriter', () => {
  let tmp: TempDir;
  beforeEach(() => (tmp = new TempDir()));
  afterEach(() => tmp.remove());

  it('writes texts across chunk boundaries byte for byte: multi-byte and astral characters, a lone surrogate, a text longer than a chunk', async () => {
    const file = tmp.join('out.jsonl');
    const w = new ChunkedWriter(file);
    const texts: string[] = [];
    for (let i = 0; i < 30_000; i++) texts.push(i % 3 === 0 ? `{"q":"질문 ${i} 😀"}\n` : i % 3 === 1 ? `ascii ${i}\n` : `日本語${i}\ud800\n`);
    texts.splice(12_345, 0, '긴'.repeat(200_000), 'x'.repeat(70_000));
    for (const t of texts) await w.write(t);
    await w.close();
    assert.deepEqual(readFileSync(file), Buffer.from(texts.join(''), 'utf8'));
  });

  it('writes an empty file when nothing was written', async () => {
    const file = tmp.join('empty.json');
    const w = new ChunkedWriter(file);
    await w.close();
    assert.equal(readFileSync(file, 'utf8'), '');
  });
});
