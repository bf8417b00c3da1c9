import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { TempDir } from '../helpers/fixtures.js';
import { readSourceKeys, writeSourceKeys, SOURCE_KEYS_FILE } from '../../src/project/source-keys.js';

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
    assert.deepEqual(readSourceKeys(tmp.path, 'f1'), keys);
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
});
