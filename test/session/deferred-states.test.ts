/**
 * What a session's first screen no longer makes up front (issue #11): item
 * states made when first asked for, the cursor's ID index made on first need,
 * and no snapshot look-up per record on a trusted read. Each deferred value
 * must be what the eager one was: states and progress after actions, a
 * filtered queue, and a stale item's diff.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { openSession } from '../../src/adapt/open-session.js';
import { loadItems, openProject } from '../../src/project/project.js';
import { readJournal } from '../../src/project/journal.js';
import { foldState } from '../../src/project/state.js';
import { SOURCE_TEXTS_FILE, SourceSnapshot } from '../../src/project/source-snapshot.js';
import { QueueCursor } from '../../src/session/queue-cursor.js';
import { run } from '../helpers/cli.js';
import { TempDir, makeRecords } from '../helpers/fixtures.js';

describe('session: deferred states, cursor index and snapshot look-ups', function () {
  this.timeout(60_000);
  let tmp: TempDir;
  beforeEach(() => (tmp = new TempDir()));
  afterEach(() => tmp.remove());

  async function project(n: number): Promise<{ dir: string; source: string }> {
    const dir = tmp.join('p');
    const source = tmp.jsonl('ac.jsonl', makeRecords(n));
    assert.equal((await run(['init', dir, '--source', source, '--to', 'ko'])).code, 0);
    assert.equal((await run(['translate', '-p', dir])).code, 0);
    return { dir, source };
  }

  it('keeps a filtered queue, its states and its progress right through accept, undo and skip', async () => {
    const { dir } = await project(6);
    const first = await openSession({ project: dir, author: 'loc' });
    first.session.commit(await first.writer.append(first.session.eventsFor({ type: 'accept' }, 'test-0000')));

    const { session, writer } = await openSession({ project: dir, author: 'loc', filters: { state: ['translated'] } });
    assert.deepEqual(
      session.queue.map((i) => i.id),
      ['test-0001', 'test-0002', 'test-0003', 'test-0004', 'test-0005'],
    );
    assert.equal(session.currentId, 'test-0001');
    session.commit(await writer.append(session.eventsFor({ type: 'accept' })));
    session.next();
    session.commit(await writer.append(session.eventsFor({ type: 'accept' })));
    session.commit(await writer.append(session.undoPlan('test-0002').events));
    session.goTo('test-0003');
    session.skip();
    assert.equal(session.currentId, 'test-0004');

    const items = await loadItems(openProject(dir));
    const whole = foldState(items, readJournal(dir).events).states;
    for (const { id } of session.queue) assert.deepEqual(session.state(id), whole.get(id), id);
    const p = session.progress();
    assert.deepEqual(
      [p.position, p.total, p.decided, p.remaining, p.skipped, p.byDecision.transfer, p.byState, p.decidedThisSession],
      [4, 5, 1, 4, 1, 1, { adapted: 1, translated: 4 }, 1],
    );
    // The item undone is to do again, after the ones still ahead; the one skipped is passed over.
    assert.equal(session.next(), true);
    assert.equal(session.currentId, 'test-0005');
    assert.equal(session.next(), true);
    assert.equal(session.currentId, 'test-0002');
  });

  it('records the source texts again on a trusted read when the snapshot was deleted, so a stale item still shows its diff', async () => {
    const { dir, source } = await project(3);
    const records = makeRecords(3);
    await loadItems(openProject(dir)); // the keys, with the snapshot they were written after
    rmSync(path.join(dir, SOURCE_TEXTS_FILE));
    rmSync(path.join(dir, `${SOURCE_TEXTS_FILE}.hashes`), { force: true });
    await loadItems(openProject(dir)); // a trusted read: the same source
    assert.equal(SourceSnapshot.read(dir).size, 3);

    const changed = { ...records[1]!, output: `${records[1]!.output} 新しい` };
    tmp.jsonl(path.basename(source), [records[0], changed, records[2]]);
    const { session } = await openSession({ project: dir, author: 'loc' });
    const view = session.view('test-0001');
    assert.equal(view.state.state, 'stale');
    assert.deepEqual(view.stale?.oldSource, { question: records[1]!.text, answer: records[1]!.output });
    assert.deepEqual(
      view.stale?.sourceDiff?.fields.map((f) => f.changed),
      [false, true],
    );
  });

  it('finds an item of the queue by ID whether or not it is the current one', () => {
    const queue = ['a', 'b', 'c'].map((id) => ({ id }));
    const cursor = new QueueCursor(queue, (id) => id !== 'a');
    cursor.resume();
    assert.equal(cursor.currentId, 'b');
    assert.deepEqual(
      ['a', 'b', 'c', 'x'].map((id) => [cursor.has(id), cursor.indexOf(id)]),
      [
        [true, 0],
        [true, 1],
        [true, 2],
        [false, undefined],
      ],
    );
    assert.equal(cursor.goTo('c'), true);
    assert.equal(cursor.back(), true);
    assert.equal(cursor.currentId, 'b');
  });
});
