/** Undo and revert to the machine translation through the sessions' public functions (no terminal, no project folder). */
import assert from 'node:assert/strict';
import { AdaptSession } from '../../src/adapt/adapt-session.js';
import { ReviewSession } from '../../src/review/review-session.js';
import { ActionError } from '../../src/errors.js';
import { eventId } from '../../src/project/event-order.js';
import type { JournalEvent } from '../../src/project/events.js';
import { describeUndone } from '../../src/session/undo-action.js';
import { items as makeItems, testPack, mt, decision, written } from '../helpers/session-fixtures.js';

const throwsAction = (fn: () => unknown, field: string, message: RegExp) =>
  assert.throws(fn, (e: unknown) => e instanceof ActionError && e.field === field && message.test(e.message));

function adapt(events: (its: ReturnType<typeof makeItems>) => JournalEvent[], author = 'tester') {
  const items = makeItems(3);
  return { items, s: new AdaptSession({ items, events: events(items), pack: testPack(), author }) };
}

/** Do an action as `author` would in the wizard: its events written and committed. */
function act(s: AdaptSession, action: Parameters<AdaptSession['eventsFor']>[0], author = 'tester'): JournalEvent[] {
  const out = written(s.eventsFor(action), author);
  s.commit(out);
  return out;
}

describe('undo and revert in the sessions', () => {
  it("undoes the localizer's last action on the item, then the one before, as new undo events", () => {
    const { s, items } = adapt((its) => its.map((i) => mt(i)));
    const id = items[0]!.id;
    const [edit] = act(s, { type: 'edit', field: 'answer', text: '112에 전화하세요.' });
    const [check] = act(s, { type: 'checklist', question: 'always', answer: 'yes' });
    const [dec] = act(s, { type: 'decide', decision: 'adapt', rationale: '110 → 112' });
    s.goTo(id);
    assert.equal(s.state(id).decision?.decision, 'adapt');

    const plan = s.undoPlan();
    assert.deepEqual(plan.undone, [dec]);
    assert.equal(describeUndone(plan.undone), 'decision "adapt"');
    const undos = act(s, { type: 'undo' });
    assert.deepEqual(
      undos.map((e) => e.type === 'undo' && e.undoes),
      [eventId(dec!)],
    );
    assert.equal(s.state(id).decision, undefined);
    assert.equal(s.state(id).state, 'translated');
    assert.equal(s.progress().decidedThisSession, 0, 'an undone decision no longer counts as made in this session');

    assert.deepEqual(s.undoPlan().undone, [check]);
    act(s, { type: 'undo' });
    assert.equal(s.state(id).checklist.always, undefined, 'the second undo takes back the checklist answer');
    assert.deepEqual(s.undoPlan().undone, [edit]);
    act(s, { type: 'undo' });
    assert.equal(s.state(id).answer, `KO ${id} A`);
    throwsAction(() => s.eventsFor({ type: 'undo' }), 'undo', /Nothing of tester's to undo on test-0000: you have no action on it still in effect/);
  });

  it("refuses to undo another author's work, naming them", () => {
    const { s, items } = adapt((its) => [...its.map((i) => mt(i)), decision(its[0]!, 'transfer')]);
    s.goTo(items[0]!.id);
    throwsAction(() => s.eventsFor({ type: 'undo' }), 'undo', /its changes are by kim\. Undo takes back only your own actions/);
    // Their own later action is undone, and kim's decision stays.
    act(s, { type: 'flag', note: 'check this' });
    act(s, { type: 'undo' });
    assert.equal(s.state(items[0]!.id).flags.length, 0);
    assert.equal(s.state(items[0]!.id).decision?.decision, 'transfer');
  });

  it('reverts the changed fields to the machine translation with edit events, and writes nothing when the text is the MT already', () => {
    const { s, items } = adapt((its) => [mt(its[0]!), mt(its[1]!)]);
    const id = items[0]!.id;
    assert.deepEqual(s.eventsFor({ type: 'revert' }), [], 'the text is the machine translation already');
    act(s, { type: 'edit', field: 'question', text: '새 질문' });
    const events = s.eventsFor({ type: 'revert' });
    assert.deepEqual(events, [{ item: id, sourceHash: items[0]!.sourceHash, type: 'edit', field: 'question', text: `KO ${id} Q` }]);
    s.commit(written(events));
    assert.equal(s.state(id).question, `KO ${id} Q`);
    // Undo takes the revert back.
    act(s, { type: 'undo' });
    assert.equal(s.state(id).question, '새 질문');
    throwsAction(() => s.eventsFor({ type: 'revert' }, items[2]!.id), 'revert', /no machine translation to revert to\. Run `carefully translate`/);
  });

  it('undoes a whole answers-file line (one unit) at once', () => {
    const { s, items } = adapt((its) => its.map((i) => mt(i)));
    const id = items[1]!.id;
    const line = s.eventsForAll(
      [
        { type: 'edit', field: 'answer', text: '새 답' },
        { type: 'decide', decision: 'adapt', rationale: 'r' },
      ],
      id,
    );
    s.commit(written(line).map((e) => ({ ...e, unit: 'u1/2' })));
    const plan = s.undoPlan(id);
    assert.equal(plan.events.length, 2);
    assert.equal(describeUndone(plan.undone), 'edit of the answer and decision "adapt"');
    s.commit(written(plan.events));
    assert.equal(s.state(id).answer, `KO ${id} A`);
    assert.equal(s.state(id).decision, undefined);
  });

  it("review: undoing a verdict puts the item back in the reviewer's queue", () => {
    const items = makeItems(2);
    const events = [...items.map((i) => mt(i)), ...items.map((i) => decision(i, 'transfer'))];
    const s = new ReviewSession({ items, events, pack: testPack(), reviewer: 'park' });
    const id = items[0]!.id;
    s.commit(written(s.eventsFor({ type: 'approve' }), 'park'));
    assert.equal(s.state(id).state, 'approved');
    assert.equal(s.isTodo(id), false);
    assert.equal(s.progress().approved, 1);
    s.commit(written(s.eventsFor({ type: 'undo' }, id), 'park'));
    assert.equal(s.state(id).state, 'adapted');
    assert.equal(s.isTodo(id), true);
    assert.equal(s.progress().approved, 0);
    assert.throws(() => s.eventsFor({ type: 'undo' }, id), /its changes are by kim/);
  });
});
