import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { TempDir } from '../helpers/fixtures.js';
import { recordSourceTexts, SOURCE_TEXTS_FILE, SourceSnapshot } from '../../src/project/source-snapshot.js';

const text = (n: number) => ({ sourceHash: `h${n}`, question: `質問${n}`, answer: `回答${n}` });

describe('source snapshot: hash index', () => {
  let tmp: TempDir;
  beforeEach(() => (tmp = new TempDir()));
  afterEach(() => tmp.remove());
  const snapshot = () => path.join(tmp.path, SOURCE_TEXTS_FILE);
  const index = () => `${snapshot()}.hashes`;

  it('answers which hashes the snapshot holds from the index, without reading the texts', async () => {
    await recordSourceTexts(tmp.path, [text(1), text(2)]);
    assert.equal(SourceSnapshot.lazy(tmp.path).size, 2);
    assert.ok(existsSync(index()));
    // Same size, texts no longer readable: the index still answers; reading the texts shows the change.
    const bytes = readFileSync(snapshot(), 'utf8');
    writeFileSync(snapshot(), bytes.replace('"question":"質問1"', '"question":"XXXXXXXX'));
    const lazy = SourceSnapshot.lazy(tmp.path);
    assert.ok(lazy.has('h1') && lazy.has('h2'));
    assert.equal(SourceSnapshot.read(tmp.path).has('h1'), false);
    assert.equal(lazy.get('h1'), undefined, 'get reads the texts');
    assert.equal(lazy.get('h2')?.answer, '回答2');
  });

  it('takes in appended entries and rebuilds after the snapshot shrank or the index broke', async () => {
    await recordSourceTexts(tmp.path, [text(1), text(2)]);
    assert.equal(SourceSnapshot.lazy(tmp.path).size, 2);
    assert.equal(await recordSourceTexts(tmp.path, [text(2), text(3)]), 1, 'only h3 is new');
    const grown = SourceSnapshot.lazy(tmp.path);
    assert.ok(grown.has('h3'));
    assert.equal(grown.size, 3);
    assert.match(readFileSync(index(), 'utf8'), /^h3$/m);

    truncateSync(snapshot(), readFileSync(snapshot()).indexOf(0x0a) + 1);
    const shrunk = SourceSnapshot.lazy(tmp.path);
    assert.equal(shrunk.size, 1);
    assert.equal(shrunk.has('h2'), false);

    writeFileSync(index(), 'garbage');
    assert.equal(SourceSnapshot.lazy(tmp.path).size, 1);
    rmSync(index());
    assert.ok(SourceSnapshot.lazy(tmp.path).has('h1'));
  });
});
