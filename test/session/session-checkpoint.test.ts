/**
 * A session opened on the compact fold checkpoint (issue #11): its start-up
 * reads text-free states, and the texts of an item only when it is shown. It
 * must show what a session folded from the journal's start shows, at one
 * event per item (the MT), where folds asking every text skipped the checkpoint.
 */
import assert from 'node:assert/strict';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { openSession } from '../../src/adapt/open-session.js';
import { CHECKPOINT_FILE, foldJournal } from '../../src/project/journal-fold.js';
import { readJournal } from '../../src/project/journal.js';
import { TempDir } from '../helpers/fixtures.js';
import { translatedWithStaleItem } from '../helpers/stale-project.js';

describe('session: opened on the compact checkpoint', function () {
  this.timeout(60_000);
  let tmp: TempDir;
  beforeEach(() => (tmp = new TempDir()));
  afterEach(() => tmp.remove());

  /** A translated project (one MT event per item) with its checkpoint written by `status`, and item 2's source changed. */
  const project = (n: number) => translatedWithStaleItem(tmp, n, { status: true });

  async function screens(dir: string) {
    const { session } = await openSession({ project: dir, author: 'loc' });
    const start = { queue: session.queue.map((i) => i.id), current: session.currentId, progress: session.progress() };
    const views = session.queue.map((i) => session.view(i.id));
    return { session, start, views, states: session.queue.map((i) => session.state(i.id)) };
  }

  it('shows the same screens, states and progress as a session folded from the start', async () => {
    const dir = await project(6);
    const checkpoint = path.join(dir, CHECKPOINT_FILE);
    assert.ok(existsSync(checkpoint));
    assert.equal(foldJournal(dir).from, 'checkpoint', 'the session fold starts from the checkpoint');
    const fromCheckpoint = await screens(dir);

    rmSync(checkpoint);
    const fromStart = await screens(dir);
    assert.deepEqual(fromCheckpoint.start, fromStart.start);
    assert.deepEqual(fromCheckpoint.states, fromStart.states);
    assert.deepEqual(fromCheckpoint.views, fromStart.views);
    const stale = fromCheckpoint.views.find((v) => v.item.id === 'test-0002');
    assert.equal(stale?.state.state, 'stale');
    assert.ok(stale?.stale, 'the stale item shows its source diff');
    assert.equal(fromCheckpoint.start.progress.remaining, 6);

    // After a decision, progress and the item's state still agree.
    const { writer } = await openSession({ project: dir, author: 'loc' });
    const written = await writer.append(fromCheckpoint.session.eventsFor({ type: 'accept' }, 'test-0001'));
    for (const { session } of [fromCheckpoint, fromStart]) session.commit(written);
    assert.deepEqual(fromCheckpoint.session.progress(), fromStart.session.progress());
    assert.deepEqual(fromCheckpoint.session.view('test-0001'), fromStart.session.view('test-0001'));
  });

  it('shows the MT texts of items whose text-free state the start-up made', async () => {
    const dir = await project(4);
    assert.equal(foldJournal(dir).from, 'checkpoint');
    const mt = new Map(readJournal(dir).events.flatMap((e) => (e.type === 'mt' ? [[e.item, e] as const] : [])));
    // Filters on state, the to-do rule and the progress counts ask every queued item's state before anything is shown.
    const { session } = await openSession({ project: dir, author: 'loc', filters: { state: ['translated', 'stale'] } });
    assert.equal(session.progress().remaining, 4);
    for (const { id } of session.queue) {
      const e = mt.get(id)!;
      const { state } = session.view(id);
      assert.ok(e.question.length > 0);
      assert.equal(state.question, e.question, id);
      assert.equal(state.answer, e.answer, id);
      assert.equal(state.mt?.question, e.question, id);
      assert.equal(session.state(id).answer, e.answer, id);
    }
  });
});
