/** Review actions around QA and flags (issue #10): reply to a flag, resolve it, intended changes and waivers as events. */
import assert from 'node:assert/strict';
import { reviewEvents } from '../../src/review/review-state.js';
import { foldState, type ItemState } from '../../src/project/state.js';
import type { JournalEvent, NewEvent } from '../../src/project/events.js';
import { eventProblem } from '../../src/project/event-schema.js';
import { ActionError } from '../../src/errors.js';
import { splitWaived } from '../../src/qa/waivers.js';
import type { Finding } from '../../src/qa/types.js';

let n = 0;
const ITEM = { id: 'a', sourceHash: 'h1' };
const stamp = (author: string, events: NewEvent[]): JournalEvent[] =>
  events.map((e) => ({ v: 1 as const, ts: new Date(Date.UTC(2026, 0, 1, 0, 0, n++)).toISOString(), author, ...e }));

class Journal {
  events: JournalEvent[] = stamp('bot', [
    { type: 'mt', item: 'a', sourceHash: 'h1', provider: 'pseudo', label: 'pseudo', isTranslation: false, question: '질문', answer: '112에 전화하세요.' },
    { type: 'decision', item: 'a', sourceHash: 'h1', decision: 'adapt', rationale: '110 -> 112' },
  ]);
  state(): ItemState {
    return foldState([ITEM], this.events).states.get('a')!;
  }
  act(author: string, action: Parameters<typeof reviewEvents>[2]): NewEvent[] {
    const events = reviewEvents(ITEM, this.state(), action, { reviewer: author });
    this.events.push(...stamp(author, events));
    return events;
  }
}

describe('review: flags, intended changes and waivers', () => {
  it('replies to an open flag without opening a new one, then resolves it', () => {
    const j = new Journal();
    assert.throws(
      () => j.act('park', { type: 'reply', note: 'yes' }),
      (e: unknown) => e instanceof ActionError && /no open flag/.test(e.message),
    );
    j.events.push(...stamp('kim', [{ type: 'flag', item: 'a', sourceHash: 'h1', note: 'is 112 right?' }]));
    j.act('park', { type: 'reply', note: 'yes, 112 is the police' });
    let s = j.state();
    assert.equal(s.flags.length, 1);
    assert.deepEqual(
      s.flags[0]!.replies!.map((r) => [r.author, r.note]),
      [['park', 'yes, 112 is the police']],
    );
    j.act('park', { type: 'unflag' });
    s = j.state();
    assert.deepEqual(s.flags, []);
    assert.deepEqual(j.act('park', { type: 'unflag' }), [], 'nothing to resolve: no event');
  });

  it('records an intended change and a waiver with author and reason; both need a reason', () => {
    const j = new Journal();
    assert.throws(() => j.act('park', { type: 'intend', source: '110番', target: '112', reason: ' ' }), /needs a reason/);
    assert.throws(() => j.act('park', { type: 'waive', check: 'numbers', reason: '' }), /needs a reason/);
    j.act('park', { type: 'intend', source: '110番', target: '112', reason: 'police number' });
    j.act('park', { type: 'waive', check: 'register-mixed', field: 'answer', reason: 'a quoted sentence' });
    const s = j.state();
    assert.deepEqual(
      s.intended.map((i) => [i.source, i.target, i.reason, i.author]),
      [['110番', '112', 'police number', 'park']],
    );
    assert.deepEqual(
      s.waivers.map((w) => [w.check, w.field, w.reason, w.author]),
      [['register-mixed', 'answer', 'a quoted sentence', 'park']],
    );
    for (const e of j.events) assert.equal(eventProblem(e), undefined, JSON.stringify(e));
  });

  it('a waiver covers its check and field for the text it was given for, and goes stale when that text changes', () => {
    const j = new Journal();
    j.act('park', { type: 'waive', check: 'numbers', field: 'answer', reason: 'ok' });
    const finding = (field: 'question' | 'answer'): Finding => ({ check: 'numbers', severity: 'error', field, message: 'm' });
    let split = splitWaived([finding('answer'), finding('question')], j.state());
    assert.deepEqual(
      split.waived.map((f) => [f.field, f.waived.author]),
      [['answer', 'park']],
    );
    assert.deepEqual(
      split.open.map((f) => f.field),
      ['question'],
    );
    // Editing the question leaves the answer's waiver standing; editing the answer makes it stale.
    j.events.push(...stamp('kim', [{ type: 'edit', item: 'a', sourceHash: 'h1', field: 'question', text: '새 질문' }]));
    assert.equal(splitWaived([finding('answer')], j.state()).waived.length, 1);
    j.events.push(...stamp('kim', [{ type: 'edit', item: 'a', sourceHash: 'h1', field: 'answer', text: '113에 전화하세요.' }]));
    split = splitWaived([finding('answer')], j.state());
    assert.deepEqual(split.waived, []);
    assert.equal(split.open.length, 1);
    assert.deepEqual(
      split.stale.map((w) => w.check),
      ['numbers'],
    );
  });

  it('the journal schema refuses a waiver without its text hash or with an unknown field', () => {
    const base = { v: 1, ts: '2026-01-01T00:00:00.000Z', author: 'kim', item: 'a', sourceHash: 'h1', type: 'waiver', check: 'numbers', reason: 'r' };
    assert.equal(eventProblem(base)?.field, 'targetHash');
    assert.equal(eventProblem({ ...base, targetHash: 'x', field: 'title' })?.field, 'field');
    assert.equal(eventProblem({ ...base, targetHash: 'x' }), undefined);
  });
});
