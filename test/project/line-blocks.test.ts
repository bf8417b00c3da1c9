/** lineBlocks (journal-stream.ts): the chunked line reader under the journal stream and the checkpoint read. */
import assert from 'node:assert/strict';
import { TempDir } from '../helpers/fixtures.js';
import { lineBlocks } from '../../src/project/journal-stream.js';

const MIB = 1 << 20;

describe('lineBlocks', () => {
  let tmp: TempDir;
  beforeEach(() => (tmp = new TempDir()));
  afterEach(() => tmp.remove());

  /** The blocks read from `from`, each copied (a block's bytes are reused once the next is asked for). */
  const blocks = (file: string, from: number) => {
    const out: { data: Buffer; at: number }[] = [];
    for (const { data, at } of lineBlocks(file, from)) out.push({ data: Buffer.from(data), at });
    return out;
  };

  it('gives the bytes from the offset in blocks of whole lines, across reads and lines longer than a read', () => {
    // Lines of many lengths (multi-byte characters too), one longer than two reads, around the 1 MiB read ends.
    const lines = ['{"a":"ü"}', 'x'.repeat(MIB - 20), '', 'y'.repeat(2 * MIB + 7), 'short', '€'.repeat(300_000), 'z'];
    for (const last of ['\n', '']) {
      const text = Buffer.from(lines.join('\n') + last);
      const file = tmp.file(`t${last.length}.jsonl`, text);
      for (const from of [0, 10, Buffer.byteLength(`${lines[0]}\n${lines[1]}\n`)]) {
        const got = blocks(file, from);
        assert.ok(got.length > 1, 'more than one block');
        assert.ok(Buffer.concat(got.map((b) => b.data)).equals(text.subarray(from)), 'every byte once, in order');
        let at = from;
        for (const [i, b] of got.entries()) {
          assert.equal(b.at, at, 'its offset in the file');
          at += b.data.length;
          const endsLine = b.data.at(-1) === 0x0a;
          if (i < got.length - 1) assert.ok(endsLine, 'a block ends after a newline');
          else assert.equal(endsLine, last === '\n', 'the last block ends as the file does');
          // A multi-byte character is never split: each block is valid UTF-8 on its own.
          assert.ok(Buffer.from(b.data.toString('utf8')).equals(b.data), 'valid UTF-8');
        }
      }
    }
  });

  it('gives nothing from the end of a file, and one unterminated block for a file without newlines', () => {
    const file = tmp.file('one.jsonl', 'abc');
    assert.deepEqual(blocks(file, 3), []);
    assert.deepEqual(blocks(file, 0), [{ data: Buffer.from('abc'), at: 0 }]);
    assert.deepEqual(blocks(tmp.file('empty.jsonl', ''), 0), []);
  });
});
