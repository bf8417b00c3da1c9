import assert from 'node:assert/strict';
import { appendFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { TempDir } from '../helpers/fixtures.js';
import { keyTextsRecorded, readSourceKeys, sourceTextsFile, writeSourceKeys, SOURCE_KEYS_FILE } from '../../src/project/source-keys.js';

describe('source keys file', () => {
  let tmp: TempDir;
  beforeEach(() => (tmp = new TempDir()));
  afterEach(() => tmp.remove());

  it('writes each key as the JSON pair [id, hash] and reads back every ID, whatever its characters', () => {
    const ids = ['ac-001', 'with "quotes"', 'back\\slash', 'ユニコード', 'tab\there', 'ctrl\u0001', 'del\u007f', ' spaced ', '', 'line\u2028sep'];
    const keys = ids.map((id, n) => ({ id, sourceHash: `h${n}` }));
    writeSourceKeys(tmp.path, 'f1', keys);
    const lines = readFileSync(path.join(tmp.path, SOURCE_KEYS_FILE), 'utf8').split('\n');
    assert.deepEqual(
      lines.slice(1, -1),
      keys.map((k) => JSON.stringify([k.id, k.sourceHash])),
    );
    assert.deepEqual(readSourceKeys(tmp.path, 'f1'), { keys });
    assert.equal(readSourceKeys(tmp.path, 'other'), undefined);
  });

  it('refuses a file with a line that is not a key pair, and removes it so that the next full read writes it again', () => {
    const file = path.join(tmp.path, SOURCE_KEYS_FILE);
    for (const bad of ['["a","h1"', '["a",7]', '["a"]', 'not json']) {
      writeSourceKeys(tmp.path, 'f1', [{ id: 'a', sourceHash: 'h1' }]);
      writeFileSync(file, `${readFileSync(file, 'utf8').split('\n')[0]}\n${bad}\n`);
      assert.equal(readSourceKeys(tmp.path, 'f1'), undefined, bad);
      assert.equal(existsSync(file), false, bad);
    }
  });

  it("gives the header's texts with the keys, which keyTextsRecorded compares with the snapshot file now", () => {
    const snapshot = tmp.file('snapshot.jsonl', 'a\n');
    const keys = [{ id: 'a', sourceHash: 'h1' }];
    writeSourceKeys(tmp.path, 'f1', keys, sourceTextsFile(snapshot));
    const read = readSourceKeys(tmp.path, 'f1');
    assert.deepEqual(read, { keys, texts: sourceTextsFile(snapshot) });
    assert.equal(keyTextsRecorded(read.texts, snapshot), true, 'the same file');
    appendFileSync(snapshot, 'b\n');
    assert.equal(keyTextsRecorded(read.texts, snapshot), true, 'that file grown');
    const [ino, size] = read.texts!.split(':');
    assert.equal(keyTextsRecorded(`${ino}:${Number(size) + 100}`, snapshot), false, 'that file shorter than when the keys were written');
    assert.equal(keyTextsRecorded(undefined, snapshot), false, 'keys written without texts');
    rmSync(snapshot);
    assert.equal(keyTextsRecorded(read.texts, snapshot), false, 'no snapshot');
  });
});
