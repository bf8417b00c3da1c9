/** An answers file is applied as one unit: a failed write leaves the journal and the session as they were, and a rerun applies it whole. */
import assert from 'node:assert/strict';
import { writeSync } from 'node:fs';
import { AdaptSession } from '../../src/adapt/adapt-session.js';
import { applyAnswers } from '../../src/adapt/answers-file.js';
import { JournalWriter, readJournal } from '../../src/project/journal.js';
import { ProjectError } from '../../src/errors.js';
import { items as makeItems, testPack, mt } from '../helpers/session-fixtures.js';
import { TempDir } from '../helpers/fixtures.js';

describe('adapt --answers: one unit', () => {
  let tmp: TempDir;
  beforeEach(() => (tmp = new TempDir()));
  afterEach(() => tmp.remove());

  it('a full disk mid-write leaves nothing appended; a rerun applies every line', async () => {
    const items = makeItems(40);
    const session = () =>
      new AdaptSession({ items, events: [...items.map((i) => mt(i)), ...readJournal(tmp.path).events], pack: testPack(), author: 'alice', filters: {} });
    const file = tmp.jsonl(
      'answers.jsonl',
      items.map((i) => ({ id: i.id, decision: 'drop', rationale: 'no counterpart' })),
    );
    let calls = 0;
    const diskFull = (fd: number, data: Buffer, offset: number, length: number, position: number) => {
      if (calls++ > 0) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      return writeSync(fd, data, offset, Math.floor(length / 3), position); // a third reaches the disk
    };
    const s1 = session();
    await assert.rejects(applyAnswers(file, s1, new JournalWriter(tmp.path, 'alice', undefined, { write: diskFull })), ProjectError);
    assert.equal(calls, 2);
    assert.deepEqual(readJournal(tmp.path).events, [], 'nothing of the file was appended');
    assert.equal(s1.state(items[0]!.id).decision, undefined, 'the session did not take the unwritten events');

    const summary = await applyAnswers(file, session(), new JournalWriter(tmp.path, 'alice'));
    assert.equal(summary.applied, 40);
    const events = readJournal(tmp.path).events;
    assert.equal(events.length, 40);
    assert.equal(new Set(events.map((e) => e.unit)).size, 1, 'all events of the file carry one unit');
  });
});
