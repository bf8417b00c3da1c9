/**
 * printJsonRowLines prints rows laid out as bytes (`list --json` at 100,000
 * items), one compact row per line: rows printed as objects that way
 * (test/helpers/json-rows.ts) give the same JSON value as printJson's,
 * escapes included, and rows in parts the same bytes as in one.
 */
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { createPrinter } from '../../src/cli/output.js';
import { jsonRowLine } from '../../src/json-rows.js';
import { printJsonRows } from '../helpers/json-rows.js';

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

describe('CLI output: JSON rows printed as objects', () => {
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
      const asRows = printed((p) => printJsonRows(p, head, 'items', rows));
      assert.deepEqual(JSON.parse(asRows), JSON.parse(whole));
      const lines = asRows.split('\n');
      // The head as printJson indents it, then each row on its own line.
      assert.equal(lines.slice(0, 3).join('\n'), whole.split('\n').slice(0, 3).join('\n'));
      const rowLines = lines.filter((l) => l.startsWith('    {'));
      assert.equal(rowLines.length, n);
      rowLines.forEach((l, i) => assert.deepEqual(JSON.parse(l.replace(/,$/, '')), rows[i]));
      assert.ok(!asRows.includes('\u202e') && !asRows.includes('\u2028'), 'bidi and separator controls are escaped');
      assert.ok(asRows.endsWith('\n}\n'));
    });
  }
});

describe('CLI output: JSON rows printed from their stored lines', () => {
  const row = (i: number, long = 0) => ({ id: `項目-${i}\u202e`, authors: ['ㄱ', '\u0085'], note: '한'.repeat(long), n: i });

  for (const [n, long] of [
    [0, 0],
    [1, 0],
    [2, 0],
    [5001, 0],
    [3, 400_000], // long lines
  ] as const) {
    it(`prints rows in parts as in one, for ${n} rows of ${long} extra characters`, () => {
      const rows = Array.from({ length: n }, (_, i) => row(i, long));
      const head = { selection: 'all items\u2028' };
      const expected = printed((p) => printJsonRows(p, head, 'items', rows));
      assert.deepEqual(JSON.parse(expected), { ...head, items: rows });
      // In parts (rows stored, rows replaced), empty ones among them.
      const parts = rows.map((r, i) => Buffer.from(i % 3 ? jsonRowLine(r) : '')).concat(Buffer.alloc(0));
      const some = rows.filter((_, i) => i % 3);
      assert.equal(
        printed((p) => p.printJsonRowLines(head, 'items', parts)),
        printed((p) => printJsonRows(p, head, 'items', some)),
      );
      assert.ok(!expected.includes('\u202e') && !expected.includes('\ufffd'), 'controls escaped, no character cut');
    });
  }
});
