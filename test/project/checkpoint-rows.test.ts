/**
 * The checkpoint's rows held as bytes (project/checkpoint-rows.ts): each row found by the ID its line starts with,
 * read without parsing the row, whatever the ID holds (escapes, non-ASCII); rows that may hold a key found by a byte
 * search; each row's text given back as it was read.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { TempDir } from '../helpers/fixtures.js';
import { CheckpointRows } from '../../src/project/checkpoint-rows.js';
import { CHECKPOINT_FILE } from '../../src/project/journal-fold.js';
import { emptyState, NONE, type ItemFold } from '../../src/project/state.js';

describe('checkpoint rows kept as bytes', () => {
  let tmp: TempDir;
  beforeEach(() => (tmp = new TempDir()));
  afterEach(() => tmp.remove());

  const header = '{"format":4}';
  const write = (content: string) => {
    mkdirSync(path.join(tmp.path, 'cache'), { recursive: true });
    writeFileSync(path.join(tmp.path, CHECKPOINT_FILE), content);
    return Buffer.byteLength(`${header}\n`);
  };
  const decode = (row: unknown): ItemFold => ({ s: emptyState((row as string[])[0]!), lastChange: -1, reviewAt: -1, heads: NONE });

  it('finds each row by its ID, escaped or not ASCII, and gives its text back as read', () => {
    const ids = ['plain-1', 'quote"and\\backslash', 'ü-日本-2', 'line\nbreak', 'esc\u00e9'];
    const rows = [
      JSON.stringify([ids[0], 3, 1, 'kim', '2026-01-01T00:00:00.000Z', 0, 'h']),
      JSON.stringify([ids[1], { s: { assignees: ['lee'] } }]),
      JSON.stringify([ids[2], { s: {}, heads: ['x'] }]),
      JSON.stringify([ids[3], 1, 2, 'a"heads":', 't', 0, 'h']),
      // An escape written where none is needed: still the same ID.
      `["esc\\u00e9",{"s":{},"added":{"x":1}}]`,
    ];
    const from = write(`${header}\n${rows.join('\n')}\n`);
    const r = new CheckpointRows(tmp.path, from, decode);
    const seen: [string, number][] = [];
    assert.equal(
      r.scan(header, (id, at) => seen.push([id, at])),
      true,
    );
    assert.deepEqual(
      seen.map(([id]) => id),
      ids,
    );
    assert.deepEqual(
      seen.map(([, at]) => r.text(at)),
      rows,
    );
    assert.deepEqual(
      seen.map(([, at]) => r.decode(at).s.id),
      ids,
    );
    const holding = (key: 'heads' | 'added' | 'assignees') => seen.filter(([, at]) => r.holds(at, key)).map(([id]) => id);
    assert.deepEqual(holding('assignees'), [ids[1]]);
    assert.deepEqual(holding('added'), [ids[4]]);
    // A string that spells the key only costs a decode (its caller reads the fold); the row that holds it is found.
    assert.ok(holding('heads').includes(ids[2]!));
    assert.ok(!holding('heads').includes(ids[0]!));
  });

  it('refuses a file whose header changed, a line that does not start a row, or a last line cut short', () => {
    const row = JSON.stringify(['a', 1, 1, 'kim', 't', 0, 'h']);
    const cases = [`{"format":5}\n${row}\n`, `${header}\n${row}\n\n`, `${header}\n${row}\n{"x":1}\n`, `${header}\n${row}\n["b",1`];
    for (const content of cases) {
      const from = write(content);
      assert.equal(
        new CheckpointRows(tmp.path, from, decode).scan(header, () => {}),
        false,
        JSON.stringify(content),
      );
    }
    const from = write(`${header}\n${row}\n`);
    assert.equal(
      new CheckpointRows(tmp.path, from, decode).scan(header, () => {}),
      true,
    );
  });
});
