/** The per-author cursor file: where each person stopped in the adapt wizard. */
import assert from 'node:assert/strict';
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { cursorPath, readCursor, writeCursor } from '../../src/adapt/cursor-file.js';
import { TempDir } from '../helpers/fixtures.js';

describe('cursor file', () => {
  let tmp: TempDir;
  beforeEach(() => (tmp = new TempDir()));
  afterEach(() => tmp.remove());

  it('keeps the last item shown per author, in cache/, apart for each person', () => {
    const dir = tmp.join('p');
    assert.equal(readCursor(dir, 'kim'), undefined, 'nothing recorded yet');
    writeCursor(dir, 'kim', 'test-0003');
    writeCursor(dir, 'kim', 'test-0004');
    writeCursor(dir, 'lee', 'test-0001');
    assert.equal(readCursor(dir, 'kim'), 'test-0004');
    assert.equal(readCursor(dir, 'lee'), 'test-0001');
    assert.equal(path.relative(dir, cursorPath(dir, 'kim')), path.join('cache', 'cursor-kim.json'));
  });

  it('reads an unreadable file as no cursor', () => {
    const dir = tmp.join('p');
    mkdirSync(path.join(dir, 'cache'), { recursive: true });
    writeFileSync(cursorPath(dir, 'kim'), '{not json');
    assert.equal(readCursor(dir, 'kim'), undefined);
  });
});
