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

  it('returns a promise only when a chunk is sent: awaiting just those keeps every text in order', async () => {
    const file = tmp.join('export-like.jsonl');
    const w = new ChunkedWriter(file);
    const texts = Array.from({ length: 20_000 }, (_, i) => `{"id":"item-${i}","text":"질문 ${i}"}\n`);
    let promises = 0;
    for (const t of texts) {
      const sent = w.write(t);
      if (sent) {
        promises++;
        await sent;
      }
    }
    await w.close();
    assert.deepEqual(readFileSync(file), Buffer.from(texts.join(''), 'utf8'));
    // About 3 * 64 KiB of buffer per chunk: a handful of sends for 20,000 texts, not one per text.
    assert.ok(promises > 0 && promises < 100, `${promises} promises`);
  });

  it('writes an empty file when nothing was written', async () => {
    const file = tmp.join('empty.json');
    const w = new ChunkedWriter(file);
    await w.close();
    assert.equal(readFileSync(file, 'utf8'), '');
  });
});
