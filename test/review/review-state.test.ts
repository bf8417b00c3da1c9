import assert from 'node:assert/strict';
import { reviewEvents, reviewRefusal, ReviewError, selfReview, type ReviewAction } from '../../src/review/review-state.js';
import { ReviewSession } from '../../src/review/review-session.js';
import { testPack } from '../helpers/session-fixtures.js';
import { foldState, type ItemState } from '../../src/project/state.js';
import type { JournalEvent, NewEvent } from '../../src/project/events.js';
import { ActionError, ExitCode } from '../../src/errors.js';

let n = 0;
const at = () => new Date(Date.UTC(2026, 0, 1, 0, 0, n++)).toISOString();
function ev(e: Record<string, unknown>): JournalEvent {
  return { v: 1, ts: at(), author: 'kim', sourceHash: 'h1', item: 'a', ...e } as JournalEvent;
}
const mt = (item = 'a', extra = {}) =>
  ev({ item, type: 'mt', author: 'bot', provider: 'pseudo', label: 'pseudo', isTranslation: false, question: 'q', answer: 'a', ...extra });
const decide = (item = 'a', author = 'kim', extra = {}) => ev({ item, author, type: 'decision', decision: 'adapt', rationale: '110 -> 112', ...extra });
const ITEM = { id: 'a', sourceHash: 'h1' };

/** The events a reviewer's action adds, stamped as the journal would, so the fold can be replayed. */
const stamp = (author: string, events: NewEvent[]): JournalEvent[] => events.map((e) => ({ v: 1, ts: at(), author, ...e }));

class Journal {
  events: JournalEvent[] = [];
  constructor(readonly items = [ITEM]) {}
  add(...events: JournalEvent[]): this {
    this.events.push(...events);
    return this;
  }
  state(id = 'a'): ItemState {
    return foldState(this.items, this.events).states.get(id)!;
  }
  states(): ItemState[] {
    return [...foldState(this.items, this.events).states.values()];
  }
  /** Apply a review action as `reviewer` and return the new state. */
  act(action: ReviewAction, reviewer: string, allowSelfReview = false, id = 'a'): ItemState {
    const item = this.items.find((i) => i.id === id)!;
    this.add(...stamp(reviewer, reviewEvents(item, this.state(id), action, { reviewer, allowSelfReview })));
    return this.state(id);
  }
}

/** The IDs a review session on the journal as it is queues, and leaves out as the reviewer's own work. */
function queued(j: Journal, reviewer: string, allowSelfReview = false): { items: string[]; own: string[] } {
  const items = j.items.map((i, index) => ({ ...i, index, question: '質問です。', answer: '回答です。' }));
  const s = new ReviewSession({ items, events: j.events, pack: testPack(), reviewer, allowSelfReview });
  return { items: s.queue.map((i) => i.id), own: s.own.map((i) => i.id) };
}

describe('review state machine', () => {
  it('queues adapted items in source order, not untranslated, translated, approved, rejected or stale ones', () => {
    const items = ['u', 't', 'a1', 'ok', 'no', 'st', 'a2'].map((id) => ({ id, sourceHash: id === 'st' ? 'h2' : 'h1' }));
    const j = new Journal(items).add(
      mt('t'),
      mt('a1'),
      decide('a1'),
      mt('ok'),
      decide('ok'),
      ev({ item: 'ok', author: 'park', type: 'review', verdict: 'approve' }),
      mt('no'),
      decide('no'),
      ev({ item: 'no', author: 'park', type: 'review', verdict: 'reject', comment: 'use 112' }),
      mt('st'),
      decide('st'), // made against h1, source now h2
      mt('a2'),
      decide('a2'),
    );
    assert.deepEqual(queued(j, 'park'), { items: ['a1', 'a2'], own: [] });
  });

  it("keeps the reviewer's own decisions and edits out of the queue unless self-review is allowed", () => {
    const items = ['mine', 'edited', 'other'].map((id) => ({ id, sourceHash: 'h1' }));
    const j = new Journal(items).add(
      mt('mine'),
      decide('mine', 'park'),
      mt('edited'),
      ev({ item: 'edited', author: 'park', type: 'edit', field: 'answer', text: 'fixed' }),
      decide('edited', 'kim'),
      mt('other'),
      decide('other', 'kim'),
    );
    assert.deepEqual(queued(j, 'park'), { items: ['other'], own: ['mine', 'edited'] });
    assert.deepEqual(queued(j, 'park', true).items, ['mine', 'edited', 'other']);
    assert.equal(selfReview(j.state('mine'), 'park'), 'decision');
    assert.equal(selfReview(j.state('edited'), 'park'), 'edit');
    assert.equal(selfReview(j.state('other'), 'park'), undefined);
  });

  it('approve records the reviewer; reject needs a comment, which stays after the fix', () => {
    const j = new Journal().add(mt(), decide());
    assert.throws(
      () => j.act({ type: 'reject', comment: '  ...' }, 'park'),
      (e: unknown) => e instanceof ReviewError && e.reason === 'comment-required' && /needs a comment/.test(e.message),
    );
    assert.throws(
      () => j.act({ type: 'reject', comment: '' }, 'park'),
      (e: unknown) => e instanceof ActionError && e.exitCode === ExitCode.usage && e.field === 'comment',
      'a refused verdict is the refused-action usage error the wizard shows',
    );
    const rejected = j.act({ type: 'reject', comment: ' Use 112, not 110. ' }, 'park');
    assert.equal(rejected.state, 'rejected');
    assert.deepEqual(rejected.review && { verdict: rejected.review.verdict, comment: rejected.review.comment, author: rejected.review.author }, {
      verdict: 'reject',
      comment: 'Use 112, not 110.',
      author: 'park',
    });
    assert.deepEqual(queued(j, 'park').items, [], 'a rejected item goes back to the localizer, not to the reviewer');

    // The localizer fixes it: it is back in the review queue, with the rejection comment kept.
    j.add(ev({ type: 'edit', field: 'answer', text: '112에 전화하세요.' }));
    const fixed = j.state();
    assert.equal(fixed.state, 'adapted');
    assert.equal(fixed.lastRejection?.comment, 'Use 112, not 110.');
    assert.deepEqual(queued(j, 'park').items, ['a']);

    const approved = j.act({ type: 'approve' }, 'park');
    assert.equal(approved.state, 'approved');
    assert.equal(approved.review?.author, 'park');
  });

  it('an edit of an approved item returns it to review (by someone else than the editor)', () => {
    const j = new Journal().add(mt(), decide());
    j.act({ type: 'approve' }, 'park');
    const edited = j.act({ type: 'edit', field: 'question', text: '새 질문' }, 'park');
    assert.equal(edited.state, 'adapted');
    assert.equal(edited.review, undefined);
    assert.equal(edited.question, '새 질문');
    assert.deepEqual(edited.editors, ['park']);
    // The reviewer edited it, so approving it now is self-review.
    assert.throws(
      () => j.act({ type: 'approve' }, 'park'),
      (e: unknown) => e instanceof ReviewError && e.reason === 'self-review' && /--allow-self-review/.test(e.message),
    );
    assert.equal(j.act({ type: 'approve' }, 'lee').state, 'approved');
    // An edit that changes nothing makes no event and keeps the verdict.
    assert.deepEqual(reviewEvents(ITEM, j.state(), { type: 'edit', field: 'question', text: '새 질문' }, { reviewer: 'lee' }), []);
    assert.equal(j.state().state, 'approved');
  });

  it('refuses self-review of a decision unless allowed, with a usage error', () => {
    const j = new Journal().add(mt(), decide('a', 'kim'));
    const refusal = reviewRefusal(j.state(), { type: 'approve' }, { reviewer: 'kim' });
    assert.ok(refusal instanceof ReviewError);
    assert.equal(refusal.reason, 'self-review');
    assert.equal(refusal.exitCode, ExitCode.usage);
    assert.match(refusal.message, /kim made its decision, so cannot approve a/);
    assert.equal(j.act({ type: 'approve' }, 'kim', true).state, 'approved');
  });

  it('a new MT clears who edited: a reviewer who only fixed the old MT may review the new text', () => {
    const j = new Journal().add(mt(), ev({ author: 'park', type: 'edit', field: 'answer', text: 'x' }), mt('a', { question: 'q2' }), decide('a', 'kim'));
    assert.deepEqual(j.state().editors, []);
    assert.equal(reviewRefusal(j.state(), { type: 'approve' }, { reviewer: 'park' }), undefined);
  });

  it('refuses verdicts on stale and undecided items, and empty edits', () => {
    const stale = new Journal([{ id: 'a', sourceHash: 'h2' }]).add(mt(), decide());
    assert.equal(stale.state().state, 'stale');
    assert.throws(
      () => reviewEvents({ id: 'a', sourceHash: 'h2' }, stale.state(), { type: 'approve' }, { reviewer: 'park' }),
      (e: unknown) => e instanceof ReviewError && e.reason === 'stale' && /adapt --state stale/.test(e.message),
    );
    const translated = new Journal().add(mt());
    assert.equal(reviewRefusal(translated.state(), { type: 'approve' }, { reviewer: 'park' })?.reason, 'not-decided');
    const adapted = new Journal().add(mt(), decide());
    assert.equal(reviewRefusal(adapted.state(), { type: 'edit', field: 'answer', text: ' ' }, { reviewer: 'park' })?.reason, 'empty-text');
  });

  it('refuses verdicts on an item in conflict, naming both sides and how to settle it', () => {
    // Version 2 decisions without `after`: neither author saw the other's.
    const conflict = new Journal().add(mt(), decide('a', 'kim', { v: 2, c: 0 }), decide('a', 'lee', { v: 2, c: 0, decision: 'drop', rationale: 'none' }));
    assert.equal(conflict.state().state, 'conflict');
    const refusal = reviewRefusal(conflict.state(), { type: 'approve' }, { reviewer: 'park' });
    assert.equal(refusal?.reason, 'not-decided');
    assert.match(refusal.message, /a has conflicting decisions \(kim: adapt \(.+\); lee: drop \(.+\)\).*`carefully adapt --state conflict`/);
  });

  it('makes events against the current source hash, with the verdict and trimmed comment', () => {
    const j = new Journal().add(mt(), decide());
    assert.deepEqual(reviewEvents(ITEM, j.state(), { type: 'approve', comment: ' good ' }, { reviewer: 'park' }), [
      { item: 'a', sourceHash: 'h1', type: 'review', verdict: 'approve', comment: 'good' },
    ]);
    assert.deepEqual(reviewEvents(ITEM, j.state(), { type: 'approve' }, { reviewer: 'park' }), [
      { item: 'a', sourceHash: 'h1', type: 'review', verdict: 'approve' },
    ]);
    assert.deepEqual(reviewEvents(ITEM, j.state(), { type: 'edit', field: 'answer', text: 'b' }, { reviewer: 'park' }), [
      { item: 'a', sourceHash: 'h1', type: 'edit', field: 'answer', text: 'b' },
    ]);
  });
});
