/** Undo as journal events: the fold leaves undone events out (project/undo.ts), the journal is never rewritten. */
import assert from 'node:assert/strict';
import { foldState } from '../../src/project/state.js';
import type { JournalEvent } from '../../src/project/events.js';
import { eventId } from '../../src/project/event-order.js';
import { eventProblem } from '../../src/project/event-schema.js';
import { lastAction, undoneIds } from '../../src/project/undo.js';

let n = 0;
/** A version 2 event, stamped one second after the previous one. */
function ev(e: Record<string, unknown>, author = 'kim'): JournalEvent {
  return { v: 2, ts: new Date(Date.UTC(2026, 0, 1, 0, 0, n++)).toISOString(), c: 0, author, sourceHash: 'h1', item: 'a', ...e } as JournalEvent;
}
const mt = () => ev({ type: 'mt', provider: 'pseudo', label: 'pseudo', isTranslation: false, question: 'q', answer: 'a' }, 'bot');
const undo = (target: JournalEvent, author = target.author) => ev({ type: 'undo', undoes: eventId(target) }, author);
const items = [{ id: 'a', sourceHash: 'h1' }];
const stateOf = (events: JournalEvent[]) => foldState(items, events).states.get('a')!;

describe('undo in the fold', () => {
  it('is a valid journal event naming the undone event', () => {
    assert.equal(eventProblem(undo(mt())), undefined);
    assert.deepEqual(eventProblem({ ...undo(mt()), undoes: '' }), { field: 'undoes', message: 'must be a non-empty string' });
  });

  it('restores the previous decision; a second undo restores the one before', () => {
    const m = mt();
    const d1 = ev({ type: 'decision', decision: 'transfer' });
    const d2 = ev({ type: 'decision', decision: 'adapt', rationale: '110 -> 112', after: [eventId(d1)] });
    const d3 = ev({ type: 'decision', decision: 'drop', rationale: 'none', after: [eventId(d2)] });
    const base = [m, d1, d2, d3];
    assert.equal(stateOf(base).decision?.decision, 'drop');
    const u1 = undo(d3);
    let s = stateOf([...base, u1]);
    assert.equal(s.decision?.decision, 'adapt');
    assert.equal(s.decision?.rationale, '110 -> 112');
    assert.equal(s.state, 'adapted');
    assert.equal(s.conflict, undefined);
    s = stateOf([...base, u1, undo(d2)]);
    assert.equal(s.decision?.decision, 'transfer');
    s = stateOf([...base, u1, undo(d2), undo(d1)]);
    assert.equal(s.decision, undefined);
    assert.equal(s.state, 'translated');
  });

  it('keeps a later decision that saw an undone one free of conflict (it saw what that one saw)', () => {
    const d1 = ev({ type: 'decision', decision: 'transfer' }, 'lee');
    const d2 = ev({ type: 'decision', decision: 'adapt', rationale: 'r', after: [eventId(d1)] });
    const u = undo(d2);
    // Written by a writer that still had d2 as the head it saw.
    const d3 = ev({ type: 'decision', decision: 'replace-scenario', rationale: 'new', after: [eventId(d2)] });
    const s = stateOf([mt(), d1, d2, u, d3]);
    assert.equal(s.state, 'adapted');
    assert.equal(s.conflict, undefined);
    assert.equal(s.decision?.decision, 'replace-scenario');
  });

  it('undoes an edit back to the earlier text and voids a verdict given before the undo', () => {
    const e1 = ev({ type: 'edit', field: 'answer', text: 'first' });
    const e2 = ev({ type: 'edit', field: 'answer', text: 'second' });
    const d = ev({ type: 'decision', decision: 'adapt', rationale: 'r' });
    const r = ev({ type: 'review', verdict: 'approve' }, 'park');
    const events = [mt(), e1, e2, d, r];
    assert.equal(stateOf(events).state, 'approved');
    const s = stateOf([...events, undo(e2)]);
    assert.equal(s.answer, 'first');
    assert.equal(s.state, 'adapted', 'the approval was of the text that was undone');
    assert.equal(stateOf([...events, undo(e2), undo(e1)]).edited.answer, false);
  });

  it("undoes a verdict: the item awaits review again, or the reviewer's earlier verdict stands", () => {
    const d = ev({ type: 'decision', decision: 'transfer' });
    const r = ev({ type: 'review', verdict: 'reject', comment: 'use 112' }, 'park');
    let s = stateOf([mt(), d, r, undo(r)]);
    assert.equal(s.state, 'adapted');
    assert.equal(s.lastRejection, undefined);
    const r2 = ev({ type: 'review', verdict: 'approve' }, 'park');
    s = stateOf([mt(), d, r, r2, undo(r2)]);
    assert.equal(s.state, 'rejected');
  });

  it("ignores an undo naming another author's event, an MT, or an undo (no redo)", () => {
    const m = mt();
    const d = ev({ type: 'decision', decision: 'transfer' }, 'kim');
    const byOther = undo(d, 'lee');
    assert.equal(stateOf([m, d, byOther]).decision?.decision, 'transfer');
    assert.equal(undoneIds([m, d, byOther]).size, 0);
    assert.equal(stateOf([m, d, undo(m)]).question, 'q', 'an MT is not undoable');
    const u = undo(d);
    assert.equal(stateOf([m, d, u, undo(u)]).decision, undefined, 'undoing an undo does nothing');
  });

  it('makes no one an author by undone work or an undo, and leaves other items alone', () => {
    const other = { ...ev({ type: 'decision', decision: 'transfer' }), item: 'b' };
    const d = ev({ type: 'decision', decision: 'transfer' });
    // An undo must be on the item of the event it names.
    const wrongItem = { ...undo(other), item: 'a' };
    const { states } = foldState(
      [...items, { id: 'b', sourceHash: 'h1' }],
      [mt(), d, other, wrongItem, ev({ type: 'checklist', question: 'q1', answer: 'yes' }, 'lee'), undo(d)],
    );
    assert.equal(states.get('b')!.decision?.decision, 'transfer');
    assert.deepEqual(states.get('a')!.authors, ['bot', 'lee'], "kim's only work on the item was undone");
  });

  it("lastAction: the author's latest event still in effect, with the rest of its unit", () => {
    const c = ev({ type: 'checklist', question: 'q1', answer: 'yes' });
    const unit = `x/2`;
    const e = ev({ type: 'edit', field: 'question', text: 't', unit });
    const d = ev({ type: 'decision', decision: 'adapt', rationale: 'r', unit });
    const other = ev({ type: 'flag', note: 'hm' }, 'lee');
    assert.deepEqual(lastAction([mt(), c, e, d, other], 'kim'), [e, d]);
    assert.deepEqual(lastAction([mt(), c, e, d, other, undo(e), undo(d)], 'kim'), [c]);
    assert.deepEqual(lastAction([mt(), other], 'kim'), []);
  });
});
