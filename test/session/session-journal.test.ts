/**
 * A session opened on a project folder starts from the journal's fold, not
 * from every event in memory: its writer must still order and link its
 * decisions as one fed every event would, and an undo (which needs the
 * item's events, read then) must leave the state a whole-journal fold gives.
 */
import assert from 'node:assert/strict';
import { openSession } from '../../src/adapt/open-session.js';
import { eventId } from '../../src/project/event-order.js';
import type { DecisionEvent } from '../../src/project/events.js';
import { readJournal } from '../../src/project/journal.js';
import { foldState } from '../../src/project/state.js';
import { loadItems, openProject } from '../../src/project/project.js';
import { run } from '../helpers/cli.js';
import { TempDir, journalOf, makeRecords } from '../helpers/fixtures.js';

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
});
