/**
 * A session opened on a project folder starts from the journal's fold, not
 * from every event in memory: its writer must still order and link its
 * decisions as one fed every event would, and an undo (which needs the
 * item's events, read then) must leave the state a whole-journal fold gives.
 */
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { CHECKPOINT_FILE, foldJournal } from '../../src/project/journal-fold.js';
import { STATUS_CACHE_FILE } from '../../src/project/status-cache.js';
import { openSession } from '../../src/adapt/open-session.js';
import { eventId } from '../../src/project/event-order.js';
import type { DecisionEvent } from '../../src/project/events.js';
import { readJournal } from '../../src/project/journal.js';
import { foldState } from '../../src/project/state.js';
import { loadItems, openProject } from '../../src/project/project.js';
import { run } from '../helpers/cli.js';
import { ADDED_ITEM, TempDir, journalOf, makeRecords } from '../helpers/fixtures.js';

describe('session journal: a session opened on the fold', function () {
  this.timeout(60_000);
  let tmp: TempDir;
  beforeEach(() => (tmp = new TempDir()));
  afterEach(() => tmp.remove());

  async function project(): Promise<string> {
    const dir = tmp.join('p');
    assert.equal((await run(['init', dir, '--source', tmp.json('ac.json', makeRecords(3)), '--to', 'ko'])).code, 0);
    assert.equal((await run(['translate', '-p', dir])).code, 0);
    return dir;
  }

  it('links a new decision to the one it replaces and stamps it after everything read', async () => {
    const dir = await project();
    const first = await openSession({ project: dir, author: 'loc' });
    const id = first.session.currentId!;
    first.session.commit(await first.writer.append(first.session.eventsFor({ type: 'accept' })));
    const [decided] = journalOf(dir, 'loc') as unknown as [{ ts: string; c: number; author: string }];

    const again = await openSession({ project: dir, author: 'loc', filters: { ids: [id] } });
    const written = await again.writer.append(again.session.eventsFor({ type: 'decide', decision: 'drop', rationale: 'no counterpart' }, id));
    again.session.commit(written);
    const decision = written[0] as DecisionEvent;
    assert.equal(decision.type, 'decision');
    assert.deepEqual(decision.after, [eventId(decided)], 'the decision saw the one before it');
    assert.ok(written[0]!.ts > decided.ts || (written[0]!.ts === decided.ts && (written[0]!.c ?? 0) > decided.c), 'stamped after it');
    assert.equal(again.session.state(id).state, 'adapted');
    assert.equal(again.session.state(id).decision?.decision, 'drop');
  });

  it('undoes a decision in a session opened on the fold, and ends with the state a whole-journal fold gives', async () => {
    const dir = await project();
    const opened = await openSession({ project: dir, author: 'loc' });
    const { session, writer } = opened;
    const id = session.currentId!;
    session.commit(await writer.append(session.eventsFor({ type: 'edit', field: 'answer', text: 'edited answer' })));
    session.commit(await writer.append(session.eventsFor({ type: 'decide', decision: 'adapt', rationale: 'local number' }, id)));
    assert.equal(session.state(id).state, 'adapted');
    const plan = session.undoPlan(id);
    assert.equal(plan.undone[0]?.type, 'decision');
    session.commit(await writer.append(plan.events));
    assert.equal(session.state(id).state, 'translated');
    assert.equal(session.state(id).answer, 'edited answer');

    const items = await loadItems(openProject(dir));
    const whole = foldState(items, readJournal(dir).events).states.get(id)!;
    assert.deepEqual(session.state(id), whole);
    // And the next action on the item folds it from its events, the undo included.
    session.commit(await writer.append(session.eventsFor({ type: 'flag', note: 'ask the reviewer' }, id)));
    assert.deepEqual(session.state(id), foldState(items, readJournal(dir).events).states.get(id)!);
  });

  it('keeps items added in the target language when the journal is read on from its checkpoint', async () => {
    const dir = await project();
    const add = await run(['add', '-p', dir, '--as', 'loc', '--answers', tmp.jsonl('add.jsonl', [ADDED_ITEM]), '--json']);
    assert.equal(add.code, 0, add.stderr);
    const answers = ['test-0000', 'test-0001', 'test-0002'].map((id) => ({ id, decision: 'transfer', flag: 'look again' }));
    assert.equal((await run(['adapt', '-p', dir, '--as', 'loc', '--answers', tmp.jsonl('a.jsonl', answers)])).code, 0);
    // Decisions changed back and forth: a journal much longer than its folds, so a checkpoint pays and is written (MAX_CHECKPOINT_SHARE).
    for (let round = 0; round < 12; round++) {
      const decision = round % 2 === 0 ? 'adapt' : 'transfer';
      const again = ['test-0000', 'test-0001', 'test-0002'].map((id) => ({
        id,
        decision,
        rationale: `round ${round}: ${'a reason given at length '.repeat(8)}`,
      }));
      assert.equal((await run(['adapt', '-p', dir, '--as', 'loc', '--answers', tmp.jsonl(`r${round}.jsonl`, again)])).code, 0);
    }
    const first = await run(['status', '-p', dir, '--json']);
    assert.equal((JSON.parse(first.stdout) as { items: number }).items, 4);
    // Two events per item or more: a checkpoint of every fold (here after any number of events read), which the next reads go on from.
    assert.equal(foldJournal(dir, { checkpointEvery: 1 }).from, 'checkpoint');
    assert.match(readFileSync(path.join(dir, CHECKPOINT_FILE), 'utf8'), /"items":4/);
    rmSync(path.join(dir, STATUS_CACHE_FILE), { force: true });
    const second = await run(['status', '-p', dir, '--json']);
    assert.equal((JSON.parse(second.stdout) as { items: number }).items, 4);
    const { session } = await openSession({ project: dir, author: 'loc', filters: { state: ['adapted'] } });
    assert.deepEqual(
      session.queue.filter((i) => i.added).map((i) => i.id),
      [(JSON.parse(add.stdout) as { added: string[] }).added[0]],
    );
  });
});
