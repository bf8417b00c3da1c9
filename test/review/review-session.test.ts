/** The review session state machine, driven with plain function calls: no terminal, no project folder. */
import assert from 'node:assert/strict';
import { ReviewSession, checkReviewStates } from '../../src/review/review-session.js';
import { ReviewError } from '../../src/review/review-state.js';
import { UsageError, ExitCode } from '../../src/errors.js';
import type { JournalEvent } from '../../src/project/events.js';
import type { SourceItem } from '../../src/dataset/item.js';
import { items as makeItems, testPack, mt, ev, decision, written, toItems } from '../helpers/session-fixtures.js';
import { makeRecord } from '../helpers/fixtures.js';

const REVIEWER = 'park';
/** Events as the reviewer's journal writer would stamp them. */
const byReviewer = (events: Parameters<typeof written>[0]) => written(events, REVIEWER);

function session(
  events: (items: SourceItem[]) => JournalEvent[],
  opts: {
    n?: number;
    allowSelfReview?: boolean;
    states?: ('adapted' | 'approved' | 'rejected' | 'stale')[];
    qa?: ConstructorParameters<typeof ReviewSession>[0]['qa'];
  } = {},
) {
  const items = makeItems(opts.n ?? 4);
  const s = new ReviewSession({
    items,
    events: events(items),
    pack: testPack(),
    reviewer: REVIEWER,
    allowSelfReview: opts.allowSelfReview ?? false,
    ...(opts.states ? { filters: { states: opts.states } } : {}),
    ...(opts.qa ? { qa: opts.qa } : {}),
  });
  return { items, s };
}

/** MT for every item, and kim's decision on the given ones. */
const decided =
  (...which: number[]) =>
  (its: SourceItem[]) => [...its.map((i) => mt(i)), ...which.map((k) => decision(its[k]!, 'transfer'))];

const throwsReview = (fn: () => unknown, reason: ReviewError['reason'], message?: RegExp) =>
  assert.throws(fn, (e: unknown) => e instanceof ReviewError && e.reason === reason && (!message || message.test(e.message)));

describe('ReviewSession', () => {
  describe('queue and resume', () => {
    it('queues the items awaiting review (decided, no verdict) in source order', () => {
      const { s, items } = session((its) => [...decided(0, 2, 3)(its), ev(its[3]!, { type: 'review', verdict: 'approve' }, 'lee')]);
      assert.deepEqual(
        s.queue.map((i) => i.id),
        [items[0]!.id, items[2]!.id],
      );
      assert.equal(s.currentId, items[0]!.id);
      assert.deepEqual(s.progress(), { position: 1, total: 2, approved: 0, rejected: 0, edited: 0, handedOn: 0, remaining: 2, skipped: 0, own: 0 });
    });

    it("leaves the reviewer's own decisions and edits out, unless self-review is allowed", () => {
      const events = (its: SourceItem[]) => [
        ...its.map((i) => mt(i)),
        ev(its[0]!, { type: 'decision', decision: 'transfer' }, REVIEWER),
        ev(its[1]!, { type: 'edit', field: 'answer', text: '고친 답' }, REVIEWER),
        decision(its[1]!, 'adapt', 'answer fixed'),
        decision(its[2]!, 'transfer'),
      ];
      const { s, items } = session(events);
      assert.deepEqual(
        s.queue.map((i) => i.id),
        [items[2]!.id],
      );
      assert.deepEqual(
        s.own.map((i) => i.id),
        [items[0]!.id, items[1]!.id],
      );
      assert.equal(s.progress().own, 2);

      const allowed = session(events, { allowSelfReview: true }).s;
      assert.deepEqual(
        allowed.queue.map((i) => i.id),
        [items[0]!.id, items[1]!.id, items[2]!.id],
      );
      assert.equal(allowed.view(items[0]!.id).own, 'decision');
      assert.equal(allowed.view(items[1]!.id).own, 'edit');
      assert.equal(allowed.view(items[2]!.id).own, undefined);
      assert.equal(allowed.view(items[0]!.id).blocked, undefined, 'approving is allowed');
      allowed.commit(byReviewer(allowed.eventsFor({ type: 'approve' })));
      assert.equal(allowed.state(items[0]!.id).state, 'approved');
    });

    it('resumes with what still awaits review: a new session over the journal leaves out what was reviewed, keeps what was skipped', () => {
      const { s, items } = session(decided(0, 1, 2));
      const log = [...decided(0, 1, 2)(items)];
      const act = (events: JournalEvent[]) => {
        log.push(...events);
        s.commit(events);
      };
      act(byReviewer(s.eventsFor({ type: 'approve' })));
      s.next();
      s.skip();
      act(byReviewer(s.eventsFor({ type: 'reject', comment: 'use 112' })));
      assert.equal(s.next(), false, 'only the skipped item is left, and it is passed over');
      assert.equal(s.finished, true);
      assert.deepEqual([s.progress().approved, s.progress().rejected, s.progress().remaining, s.progress().skipped], [1, 1, 1, 1]);

      const again = new ReviewSession({ items, events: log, pack: testPack(), reviewer: REVIEWER });
      assert.deepEqual(
        again.queue.map((i) => i.id),
        [items[1]!.id],
      );
      assert.equal(again.currentId, items[1]!.id);
    });

    it('selects reviewed or stale items only when --state asks, and refuses states without a decision', () => {
      const { s, items } = session((its) => [...decided(0, 1)(its), ev(its[0]!, { type: 'review', verdict: 'approve' }, 'lee')], { states: ['approved'] });
      assert.deepEqual(
        s.queue.map((i) => i.id),
        [items[0]!.id],
      );
      assert.equal(s.current()!.todo, true, 'an approved item asked for can be given a new verdict');
      s.commit(byReviewer(s.eventsFor({ type: 'reject', comment: 'on second thought: use 112' })));
      assert.equal(s.state(items[0]!.id).state, 'rejected');
      assert.equal(s.isTodo(items[0]!.id), false);

      assert.throws(
        () => checkReviewStates(['adapted', 'translated']),
        (e: unknown) => e instanceof UsageError && e.exitCode === ExitCode.usage && /--state translated: only decided items are reviewed/.test(e.message),
      );
      assert.doesNotThrow(() => checkReviewStates(['adapted', 'approved', 'rejected', 'stale']));
      assert.throws(() => new ReviewSession({ items, events: [], pack: testPack(), reviewer: REVIEWER, filters: { states: ['untranslated'] } }), UsageError);
    });
  });

  describe('verdicts', () => {
    it('approve: a review event against the current source hash, applied only on commit', () => {
      const { s, items } = session(decided(0, 1));
      const events = s.eventsFor({ type: 'approve' });
      assert.deepEqual(events, [{ item: items[0]!.id, sourceHash: items[0]!.sourceHash, type: 'review', verdict: 'approve' }]);
      assert.equal(s.state(items[0]!.id).state, 'adapted', 'eventsFor changes nothing');
      assert.deepEqual(s.commit(byReviewer(events)), [items[0]!.id]);
      assert.equal(s.state(items[0]!.id).state, 'approved');
      assert.equal(s.state(items[0]!.id).review?.author, REVIEWER);
      assert.equal(s.view(items[0]!.id).verdict, 'approve');
      assert.equal(s.isTodo(items[0]!.id), false);
      assert.equal(s.next(), true);
      assert.equal(s.currentId, items[1]!.id);
      assert.equal(s.progress().approved, 1);
    });

    it('reject needs a comment that says something; it is kept for the localizer', () => {
      const { s, items } = session(decided(0));
      throwsReview(() => s.eventsFor({ type: 'reject', comment: '  ' }), 'comment-required', /needs a comment/);
      throwsReview(() => s.eventsFor({ type: 'reject', comment: '...' }), 'comment-required');
      s.commit(byReviewer(s.eventsFor({ type: 'reject', comment: ' use 112, not 110 ' })));
      const st = s.state(items[0]!.id);
      assert.equal(st.state, 'rejected');
      assert.deepEqual([st.lastRejection?.comment, st.lastRejection?.author], ['use 112, not 110', REVIEWER]);
      assert.equal(s.progress().rejected, 1);
    });

    it('refuses a verdict on a stale item, and shows what changed in its source', () => {
      const old = makeItems(1)[0]!;
      const changed = toItems([makeRecord(0, { text: '別の質問です。' })])[0]!;
      const events = [mt(old), decision(old, 'transfer')];
      const texts = new Map([[old.sourceHash, { question: old.question, answer: old.answer }]]);
      const s = new ReviewSession({ items: [changed], events, pack: testPack(), reviewer: REVIEWER, filters: { states: ['stale'] }, sourceTexts: texts });
      const v = s.current()!;
      assert.equal(v.state.state, 'stale');
      assert.equal(v.blocked?.reason, 'stale');
      assert.deepEqual(
        v.staleDiff?.fields.map((f) => f.changed),
        [true, false],
      );
      assert.match(v.staleDiff.text, /\{\+別の質問です。\+\}/);
      throwsReview(() => s.eventsFor({ type: 'approve' }), 'stale', /carefully adapt --state stale/);
      throwsReview(() => s.eventsFor({ type: 'edit', field: 'question', text: 'x' }), 'stale');
      // Without the old text there is no diff, and still no verdict.
      const blind = new ReviewSession({ items: [changed], events, pack: testPack(), reviewer: REVIEWER, filters: { states: ['stale'] } });
      assert.equal(blind.current()!.staleDiff, undefined);
    });
  });

  describe('edits', () => {
    it('are trimmed; an unchanged or empty edit is no event or refused', () => {
      const { s, items } = session(decided(0));
      assert.deepEqual(s.eventsFor({ type: 'edit', field: 'question', text: '  새 질문\n' }), [
        { item: items[0]!.id, sourceHash: items[0]!.sourceHash, type: 'edit', field: 'question', text: '새 질문' },
      ]);
      assert.deepEqual(s.eventsFor({ type: 'edit', field: 'answer', text: `KO ${items[0]!.id} A\n` }), []);
      throwsReview(() => s.eventsFor({ type: 'edit', field: 'answer', text: ' \n' }), 'empty-text');
    });

    it("return the item to review: it now awaits another reviewer's verdict, or the reviewer's own with --allow-self-review", () => {
      const { s, items } = session(decided(0, 1));
      const id = items[0]!.id;
      s.commit(byReviewer(s.eventsFor({ type: 'approve' })));
      assert.equal(s.state(id).state, 'approved');
      s.back();
      assert.equal(s.currentId, id, 'back to the approved item');
      s.commit(byReviewer(s.eventsFor({ type: 'edit', field: 'answer', text: '112에 전화하세요.' })));
      const st = s.state(id);
      assert.equal(st.state, 'adapted', 'an edited approved item awaits review again');
      assert.equal(st.review, undefined);
      assert.deepEqual(st.editors, [REVIEWER]);
      assert.equal(s.isTodo(id), false, 'the reviewer now edited it: not theirs to approve');
      throwsReview(() => s.eventsFor({ type: 'approve' }), 'self-review', /--allow-self-review/);
      assert.deepEqual([s.progress().edited, s.progress().handedOn, s.progress().approved], [1, 1, 0]);

      const allowed = session(decided(0), { allowSelfReview: true }).s;
      allowed.commit(byReviewer(allowed.eventsFor({ type: 'edit', field: 'answer', text: '112에 전화하세요.' })));
      assert.equal(allowed.isTodo(id), true, 'with --allow-self-review the reviewer may approve their own edit');
      assert.equal(allowed.current()!.own, 'edit');
      allowed.commit(byReviewer(allowed.eventsFor({ type: 'approve' })));
      assert.equal(allowed.state(id).state, 'approved');
    });
  });

  describe('what the screen shows', () => {
    it('the change from the machine translation per field, QA findings, checklist answers and second annotations', () => {
      const calls: string[] = [];
      const { s, items } = session(
        (its) => [
          ...its.map((i) => mt(i)),
          ev(its[0]!, { type: 'edit', field: 'question', text: `KO ${its[0]!.id} Q 112` }),
          ev(its[0]!, { type: 'checklist', question: 'always', answer: 'yes' }),
          decision(its[0]!, 'adapt', '110 → 112'),
          ev(its[0]!, { type: 'decision', decision: 'transfer', secondary: true }, 'lee'),
        ],
        {
          qa: (item, state) => {
            calls.push(`${item.id}:${state.question}`);
            return [{ check: 'culture-leftover', severity: 'warning', field: 'answer', message: 'Answer still mentions 110番.' }];
          },
        },
      );
      const v = s.current()!;
      assert.deepEqual(
        v.changes?.map((c) => [c.field, c.changed]),
        [
          ['question', true],
          ['answer', false],
        ],
      );
      assert.deepEqual(
        v.changes[0]!.parts.filter((p) => p.added).map((p) => p.value),
        [' 112'],
      );
      assert.deepEqual(v.findings, [{ check: 'culture-leftover', severity: 'warning', field: 'answer', message: 'Answer still mentions 110番.' }]);
      assert.deepEqual(calls, [`${items[0]!.id}:KO ${items[0]!.id} Q 112`], 'QA runs on the current text');
      assert.equal(v.checklist.find((q) => q.id === 'always')?.answer, 'yes');
      assert.equal(v.proposed, 'adapt');
      assert.deepEqual(v.state.secondaryDecisions, { lee: { decision: 'transfer' } });
      // After the reviewer edits, the view and its QA are recomputed.
      s.commit(byReviewer(s.eventsFor({ type: 'edit', field: 'answer', text: '112에 전화하세요.' })));
      assert.equal(s.view(items[0]!.id).changes![1]!.changed, true);
      assert.equal(calls.length, 2);
    });

    it('an item written by hand has no machine-translation diff; an item without a decision cannot be approved', () => {
      const items = makeItems(1);
      const hand = new ReviewSession({
        items,
        events: [
          ev(items[0]!, { type: 'edit', field: 'question', text: '질문' }, 'kim'),
          ev(items[0]!, { type: 'edit', field: 'answer', text: '답' }, 'kim'),
          decision(items[0]!, 'replace', 'new item'),
        ],
        pack: testPack(),
        reviewer: REVIEWER,
      });
      assert.equal(hand.current()!.changes, undefined);
      assert.equal(hand.current()!.state.question, '질문');
      const undecided = new ReviewSession({ items, events: [mt(items[0]!)], pack: testPack(), reviewer: REVIEWER, filters: { ids: [items[0]!.id] } });
      assert.equal(undecided.queue.length, 0, '--ids selects it, but the state filter (adapted) still applies');
      assert.equal(undecided.view(items[0]!.id).blocked?.reason, 'not-decided');
      throwsReview(() => undecided.eventsFor({ type: 'approve' }, items[0]!.id), 'not-decided');
    });
  });

  describe('navigation', () => {
    it('skip passes over an item for this session; back returns to the item shown before', () => {
      const { s, items } = session(decided(0, 1, 2));
      s.skip();
      assert.equal(s.currentId, items[1]!.id);
      s.commit(byReviewer(s.eventsFor({ type: 'approve' })));
      s.next();
      assert.equal(s.currentId, items[2]!.id);
      assert.equal(s.back(), true);
      assert.equal(s.currentId, items[1]!.id);
      assert.equal(s.current()!.todo, false, 'reviewed in this session');
      s.goTo(items[2]!.id);
      s.commit(byReviewer(s.eventsFor({ type: 'approve' })));
      assert.equal(s.next(), false, 'the skipped item is passed over');
      assert.deepEqual([s.progress().remaining, s.progress().skipped], [1, 1]);
      assert.throws(() => s.goTo(items[3]!.id), UsageError, 'undecided items are not in the queue');
    });

    it('next on a finished session stays finished, and skip there moves nowhere', () => {
      const { s } = session(decided(0));
      s.commit(byReviewer(s.eventsFor({ type: 'approve' })));
      assert.equal(s.next(), false);
      assert.equal(s.currentId, undefined);
      assert.equal(s.next(), false, 'again, past the end of the queue');
      assert.equal(s.skip(), false);
      assert.equal(s.currentId, undefined);
    });
  });
});
