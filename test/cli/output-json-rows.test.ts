/**
 * printJsonRows writes a long list a chunk at a time (`list --json` at
 * 100,000 items), one compact row per line: the same JSON value as
 * printJson's, escapes included.
 */
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { createPrinter } from '../../src/cli/output.js';
import { jsonRowLine } from '../../src/json-rows.js';

function capture(): { stream: Writable; text: () => string } {
  const parts: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _enc, done) {
      parts.push(chunk.toString());
      done();
    },
  });
  return { stream, text: () => parts.join('') };
}

function printed(f: (p: ReturnType<typeof createPrinter>) => void): string {
  const out = capture();
  f(createPrinter({ stdout: out.stream, stderr: capture().stream }));
  return out.text();
}

describe('CLI output: JSON rows written in chunks', () => {
  const row = (i: number) => ({
    id: `item-${i}`,
    state: i % 2 ? 'translated' : 'adapted',
    decision: i % 3 ? null : 'transfer',
    authors: i % 4 ? ['a', 'b\u202e'] : [],
    qa: { error: i % 5, warning: 0, info: 1 },
    note: 'line\nbreak "quoted" \u0085',
  });

  for (const n of [0, 1, 2, 4000, 5001]) {
    it(`prints the value printJson prints, one row per line, for ${n} rows`, () => {
      const rows = Array.from({ length: n }, (_, i) => row(i));
      const head = { selection: 'state adapted\u2028', total: n };
      const whole = printed((p) => p.printJson({ ...head, items: rows }));
      const chunked = printed((p) => p.printJsonRows(head, 'items', rows));
      assert.deepEqual(JSON.parse(chunked), JSON.parse(whole));
      const lines = chunked.split('\n');
      // The head as printJson indents it, then each row on its own line.
      assert.equal(lines.slice(0, 3).join('\n'), whole.split('\n').slice(0, 3).join('\n'));
      const rowLines = lines.filter((l) => l.startsWith('    {'));
      assert.equal(rowLines.length, n);
      rowLines.forEach((l, i) => assert.deepEqual(JSON.parse(l.replace(/,$/, '')), rows[i]));
      assert.ok(!chunked.includes('\u202e') && !chunked.includes('\u2028'), 'bidi and separator controls are escaped');
      assert.ok(chunked.endsWith('\n}\n'));
    });
  }
});

describe('CLI output: JSON rows printed from their stored lines', () => {
  /** The chunks written, each decoded on its own (as a reader of a pipe may). */
  function chunks(f: (p: ReturnType<typeof createPrinter>) => void): string[] {
    const parts: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer | string, _enc, done) {
        parts.push(chunk.toString());
        done();
      },
    });
    f(createPrinter({ stdout: stream, stderr: capture().stream }));
    return parts;
  }
  const row = (i: number, long = 0) => ({ id: `項目-${i}\u202e`, authors: ['ㄱ', '\u0085'], note: '한'.repeat(long), n: i });

  for (const [n, long] of [
    [0, 0],
    [1, 0],
    [2, 0],
    [5001, 0],
    [9000, 60], // over a megabyte of lines, in several chunks
    [3, 400_000], // a line longer than a chunk
  ] as const) {
    it(`prints the bytes printJsonRows prints, in whole lines, for ${n} rows of ${long} extra characters`, () => {
      const rows = Array.from({ length: n }, (_, i) => row(i, long));
      const head = { selection: 'all items\u2028' };
      const expected = chunks((p) => p.printJsonRows(head, 'items', rows)).join('');
      const lines = Buffer.from(rows.map(jsonRowLine).join(''));
      const written = chunks((p) => p.printJsonRowLines(head, 'items', [lines]));
      assert.equal(written.join(''), expected);
      // In parts (rows stored, rows replaced), empty ones among them.
      const parts = rows.map((r, i) => Buffer.from(i % 3 ? jsonRowLine(r) : '')).concat(Buffer.alloc(0));
      const some = rows.filter((_, i) => i % 3);
      assert.equal(chunks((p) => p.printJsonRowLines(head, 'items', parts)).join(''), chunks((p) => p.printJsonRows(head, 'items', some)).join(''));
      assert.ok(!expected.includes('\u202e') && !expected.includes('\ufffd'), 'controls escaped, no character cut');
      assert.ok(
        written.every((c) => !c.includes('\ufffd')),
        'each chunk decodes on its own',
      );
      if (long === 60) assert.ok(written.length > 3, 'several chunks');
    });
  }
});
