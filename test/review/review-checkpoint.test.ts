/**
 * A review session opened on the compact fold checkpoint: its start-up reads
 * text-free states, the QA context takes the session's states (texts read
 * back from the journal), and it must show what a review session folded from
 * the journal's start shows, findings and MT changes included.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { openSession } from '../../src/adapt/open-session.js';
import { CHECKPOINT_FILE, foldJournal } from '../../src/project/journal-fold.js';
import { readJournal } from '../../src/project/journal.js';
import { LENGTH_STATS_FILE } from '../../src/qa/length-stats-cache.js';
import { openReview } from '../../src/review/open-review.js';
import { run } from '../helpers/cli.js';
import { TempDir } from '../helpers/fixtures.js';
import { translatedWithStaleItem } from '../helpers/stale-project.js';

describe('review session: opened on the compact checkpoint', function () {
  this.timeout(60_000);
  let tmp: TempDir;
  beforeEach(() => (tmp = new TempDir()));
  afterEach(() => tmp.remove());

  /**
   * A translated project (one MT event per item), item 2's source changed (stale, its MT its only event),
   * item 0's answer made five times longer, items 0, 1, 3 and 4 accepted by `loc`, with its checkpoint written by `status`.
   */
  async function project(n: number): Promise<string> {
    const dir = await translatedWithStaleItem(tmp, n);
    const { session, writer } = await openSession({ project: dir, author: 'loc' });
    // Item 0's answer five times over: a length outlier against the whole dataset's statistics.
    const long = Array.from({ length: 5 }, () => session.state('test-0000').answer).join(' ');
    const edit = session.eventsFor({ type: 'edit', field: 'answer', text: long }, 'test-0000');
    const accepts = ['test-0000', 'test-0001', 'test-0003', 'test-0004'].flatMap((id) => session.eventsFor({ type: 'accept' }, id));
    await writer.append([...edit, ...accepts]);
    assert.equal((await run(['status', '-p', dir])).code, 0);
    return dir;
  }

  /** The review screens, with the length statistics measured from the session's states (their cache removed first). */
  async function screens(dir: string) {
    rmSync(path.join(dir, LENGTH_STATS_FILE), { force: true });
    const opened = await openReview({ project: dir, reviewer: 'park', filters: { state: ['adapted', 'stale'] } });
    const { session } = opened;
    const start = { queue: session.queue.map((i) => i.id), current: session.currentId, progress: session.progress(), packName: opened.packName };
    const views = session.queue.map((i) => session.view(i.id));
    // What the QA context measured (written when it was not cached): the findings' length statistics.
    const lengthStats = JSON.parse(readFileSync(path.join(dir, LENGTH_STATS_FILE), 'utf8')) as unknown;
    return { session, start, views, lengthStats, states: session.queue.map((i) => session.state(i.id)) };
  }

  it('shows the same screens, findings, states and progress as a review session folded from the start', async () => {
    const dir = await project(6);
    const checkpoint = path.join(dir, CHECKPOINT_FILE);
    assert.ok(existsSync(checkpoint));
    assert.equal(foldJournal(dir).from, 'checkpoint', 'the session fold starts from the checkpoint');
    const fromCheckpoint = await screens(dir);

    rmSync(checkpoint);
    assert.equal(foldJournal(dir).from, 'start');
    const fromStart = await screens(dir);
    assert.deepEqual(fromCheckpoint.start, fromStart.start);
    assert.deepEqual(fromCheckpoint.states, fromStart.states);
    assert.deepEqual(fromCheckpoint.views, fromStart.views);
    assert.deepEqual(fromCheckpoint.lengthStats, fromStart.lengthStats);
    assert.equal((fromCheckpoint.lengthStats as { value: { count: number } }).value.count, 12, 'both fields of every item measured');
    const outlier = fromCheckpoint.views.find((v) => v.item.id === 'test-0000');
    assert.ok(
      outlier?.findings.some((f) => f.check === 'length-ratio' && f.field === 'answer'),
      'the outlier is judged against every item',
    );
    assert.deepEqual(fromCheckpoint.start.queue, ['test-0000', 'test-0001', 'test-0002', 'test-0003', 'test-0004']);
    assert.equal(fromCheckpoint.start.progress.remaining, 5);

    // The MT texts are on screen, read back for the items shown.
    const mt = new Map(readJournal(dir).events.flatMap((e) => (e.type === 'mt' ? [[e.item, e] as const] : [])));
    for (const view of fromCheckpoint.views) {
      const e = mt.get(view.item.id)!;
      assert.ok(e.question.length > 0);
      assert.equal(view.state.question, e.question, view.item.id);
      assert.equal(view.state.mt?.answer, e.answer, view.item.id);
    }
    const stale = fromCheckpoint.views.find((v) => v.item.id === 'test-0002');
    assert.equal(stale?.state.state, 'stale');
    assert.ok(stale?.staleDiff, 'the stale item shows its source diff');

    // After a verdict, progress and the item's view still agree.
    const { writer } = await openReview({ project: dir, reviewer: 'park' });
    const written = await writer.append(fromCheckpoint.session.eventsFor({ type: 'approve' }, 'test-0001'));
    for (const { session } of [fromCheckpoint, fromStart]) session.commit(written);
    assert.deepEqual(fromCheckpoint.session.progress(), fromStart.session.progress());
    assert.deepEqual(fromCheckpoint.session.view('test-0001'), fromStart.session.view('test-0001'));
  });
});
