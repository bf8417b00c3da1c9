import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { readRecords } from '../../src/dataset/read-records.js';
import { validateSource } from '../../src/dataset/validate.js';
import { loadProfile, resolveMapping } from '../../src/dataset/profile.js';
import { DataError, UnreadableFileError, UsageError } from '../../src/errors.js';
import { TempDir, makeRecords } from '../helpers/fixtures.js';

async function readAll(file: string) {
  const out = [];
  for await (const r of readRecords(file)) out.push(r);
  return out;
}

describe('readRecords', () => {
  let tmp: TempDir;
  beforeEach(() => (tmp = new TempDir()));
  afterEach(() => tmp.remove());

  it('reads a JSON array with record indexes and start lines', async () => {
    const file = tmp.json('a.json', makeRecords(3));
    const recs = await readAll(file);
    assert.deepEqual(
      recs.map((r) => r.index),
      [0, 1, 2],
    );
    assert.equal((recs[2]!.value as { ID: string }).ID, 'test-0002');
    assert.ok(recs[1]!.line! > recs[0]!.line!);
  });

  it('reads JSONL with CRLF line ends and a BOM, skipping blank lines', async () => {
    const lines = makeRecords(2).map((r) => JSON.stringify(r));
    const file = tmp.file('a.jsonl', `\uFEFF${lines[0]}\r\n\r\n${lines[1]}\r\n`);
    const recs = await readAll(file);
    assert.equal(recs.length, 2);
    assert.equal(recs[1]!.line, 3);
  });

  it('keeps brackets and escaped quotes inside strings intact', async () => {
    const tricky = [
      { ID: 'x', text: 'a ] } [ { \\" ,', output: '"quoted" ]' },
      { ID: 'y', text: 't', output: 'o' },
    ];
    const recs = await readAll(tmp.json('t.json', tricky));
    assert.deepEqual(
      recs.map((r) => r.value),
      tricky,
    );
  });

  it('reads an empty array as no records', async () => {
    assert.equal((await readAll(tmp.file('e.json', ' [ ] '))).length, 0);
  });

  it('refuses an empty file as unreadable', async () => {
    await assert.rejects(readAll(tmp.file('e.json', '  \n')), (e: unknown) => e instanceof UnreadableFileError && /is empty/.test(e.message));
  });

  it('reports a truncated array with the count of complete records', async () => {
    const text = JSON.stringify(makeRecords(3), null, 2);
    const file = tmp.file('t.json', text.slice(0, Math.floor(text.length * 0.8)));
    await assert.rejects(readAll(file), (e: unknown) => e instanceof DataError && /ends inside the JSON array, after 2 complete record/.test(e.message));
  });

  it('explains a single top-level object', async () => {
    const file = tmp.file('o.json', JSON.stringify({ data: makeRecords(1) }, null, 2));
    await assert.rejects(readAll(file), (e: unknown) => e instanceof DataError && /single JSON object/.test(e.message));
  });

  it('names the JSONL line that does not parse', async () => {
    const file = tmp.file('b.jsonl', `${JSON.stringify(makeRecords(1)[0])}\n{"ID": "x", broken\n`);
    await assert.rejects(readAll(file), (e: unknown) => e instanceof DataError && /line 2/.test(e.message) && /record 1/.test(e.message));
  });

  it('refuses a __proto__ key, naming the field', async () => {
    const file = tmp.file('p.jsonl', '{"ID":"a","text":"t","output":"o","meta":{"__proto__":{"x":1}}}\n');
    await assert.rejects(readAll(file), (e: unknown) => e instanceof DataError && /"__proto__"/.test(e.message) && /line 1/.test(e.message));
  });

  it('refuses bytes that are not UTF-8, naming the line', async () => {
    const file = tmp.file(
      's.jsonl',
      Buffer.concat([Buffer.from('{"ID":"a","text":"ok","output":"o"}\n{"ID":"b","text":"'), Buffer.from([0x82, 0xa0, 0xff]), Buffer.from('"}\n')]),
    );
    await assert.rejects(readAll(file), (e: unknown) => e instanceof UnreadableFileError && /not valid UTF-8/.test(e.message) && /line 2/.test(e.message));
  });

  it('names the line of bytes that are not UTF-8 several read chunks into the file', async () => {
    const good = Buffer.from('{"ID":"a","text":"あいうえお","output":"o"}\n'.repeat(3000));
    const file = tmp.file('late.jsonl', Buffer.concat([good, Buffer.from('{"ID":"b","text":"'), Buffer.from([0xff]), Buffer.from('"}\n')]));
    assert.ok(good.length > 2 * 65536);
    await assert.rejects(readAll(file), (e: unknown) => e instanceof UnreadableFileError && /line 3001\b/.test(e.message));
  });

  it('refuses a missing file as a usage error', async () => {
    await assert.rejects(readAll(tmp.join('nope.json')), (e: unknown) => e instanceof UsageError && /no such file/.test(e.message));
  });

  it('handles records split across read chunks', async () => {
    const many = makeRecords(2000).map((r, i) => ({ ...r, pad: 'あ'.repeat(i % 700) }));
    const recs = await readAll(tmp.json('big.json', many));
    assert.equal(recs.length, 2000);
    assert.deepEqual(recs[1999]!.value, many[1999]);
  });
  it('reads JSONL records longer than several read chunks, the last one without a newline', async () => {
    const recs = makeRecords(4).map((r, i) => ({ ...r, pad: 'あ'.repeat(i % 2 === 1 ? 150_000 : 3) }));
    const file = tmp.join('long.jsonl');
    writeFileSync(file, recs.map((r) => JSON.stringify(r)).join('\n'));
    const read = await readAll(file);
    assert.deepEqual(
      read.map((r) => r.value),
      recs,
    );
    assert.deepEqual(
      read.map((r) => r.line),
      [1, 2, 3, 4],
    );
  });

  it('hands on every record before a broken one in the same read chunk, then the error (JSON and JSONL)', async () => {
    const lines = makeRecords(4).map((r) => JSON.stringify(r));
    const jsonl = tmp.file('b.jsonl', `${lines.join('\n')}\n{"ID": broken\n${lines[0]}\n`);
    const json = tmp.file('b.json', `[${lines.join(',\n')},\n{"ID": "x", "ID": "y"},\n${lines[0]}]`);
    for (const file of [jsonl, json]) {
      const seen: number[] = [];
      await assert.rejects(
        (async () => {
          for await (const r of readRecords(file)) seen.push(r.index);
        })(),
        (e: unknown) => e instanceof DataError && /record 4/.test(e.message),
      );
      assert.deepEqual(seen, [0, 1, 2, 3], file);
    }
    // A consumer that stops at an earlier record sees its own error, not the later broken record's.
    const stop = new Error('stopped at record 1');
    const mapping = resolveMapping(loadProfile(), []);
    for (const file of [jsonl, json]) {
      await assert.rejects(
        validateSource(file, mapping, {
          onItem: (item) => {
            if (item.index === 1) throw stop;
          },
        }),
        (e: unknown) => e === stop,
      );
    }
  });
});
