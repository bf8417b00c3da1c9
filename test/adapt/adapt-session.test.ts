/** The session state machine, driven with plain function calls: no terminal, no project folder. */
import assert from 'node:assert/strict';
import { AdaptSession, type SessionInit } from '../../src/adapt/adapt-session.js';
import { applyFilters, parseFilters, shardOf, parseShard } from '../../src/session/filters.js';
import { foldState } from '../../src/project/state.js';
import { loadLocalePack } from '../../src/locale/locale-pack.js';
import { ActionError, ExitCode, UsageError } from '../../src/errors.js';
import { toItems, items as makeItems, testPack, mt, decision, ev, written } from '../helpers/session-fixtures.js';
import { makeRecord, makeRecords } from '../helpers/fixtures.js';
import type { JournalEvent } from '../../src/project/events.js';
import { describeProgress, renderSummary } from '../../src/wizard/render-item.js';

function session(n: number, events: (items: ReturnType<typeof makeItems>) => JournalEvent[] = (its) => its.map((i) => mt(i)), filters = {}) {
  const items = makeItems(n);
  return { items, s: new AdaptSession({ items, events: events(items), pack: testPack(), author: 'tester', filters }) };
}

const throwsAction = (fn: () => unknown, field: string, message?: RegExp) =>
  assert.throws(fn, (e: unknown) => e instanceof ActionError && e.field === field && (!message || message.test(e.message)));

describe('AdaptSession', () => {
  describe('queue and resume', () => {
    it('queues every item in source order and starts at the first one when nothing is decided', () => {
      const { s, items } = session(5);
      assert.deepEqual(
        s.queue.map((i) => i.id),
        items.map((i) => i.id),
      );
      assert.equal(s.currentId, items[0]!.id);
      assert.equal(s.current()!.position, 1);
      assert.equal(s.current()!.total, 5);
    });

    it('resumes at the first item without a current decision', () => {
      const { s, items } = session(6, (its) => [
        ...its.map((i) => mt(i)),
        decision(its[0]!, 'transfer'),
        decision(its[1]!, 'adapt', 'names'),
        decision(its[3]!, 'drop', 'none'),
      ]);
      assert.equal(s.currentId, items[2]!.id);
      const p = s.progress();
      assert.equal(p.position, 3);
      assert.equal(p.total, 6);
      assert.equal(p.decided, 3);
      assert.equal(p.remaining, 3);
      assert.deepEqual(p.byDecision, { transfer: 1, adapt: 1, 'replace-target': 0, 'replace-scenario': 0, drop: 1, new: 0 });
      assert.equal(p.byState.adapted, 3);
      assert.equal(p.byState.translated, 3);
    });

    it('counts rejected and stale items as unfinished', () => {
      const items = makeItems(3);
      const events = [
        ...items.map((i) => mt(i)),
        decision(items[0]!, 'transfer'),
        ev(items[0]!, { type: 'review', verdict: 'reject', comment: 'use 112' }),
        decision(items[1]!, 'transfer'),
        decision(items[2]!, 'transfer'),
      ];
      const rejected = new AdaptSession({ items, events, pack: testPack(), author: 'tester' });
      assert.equal(rejected.currentId, items[0]!.id);
      assert.equal(rejected.current()!.state.lastRejection?.comment, 'use 112');
      assert.deepEqual([rejected.progress().decided, rejected.progress().remaining], [2, 1], 'a rejected decision does not count as done');

      // The source of item 1 changed after it was decided.
      const changed = toItems([makeRecord(0), makeRecord(1, { output: '新しい回答。' }), makeRecord(2)]);
      const done = new AdaptSession({ items: changed, events: events.filter((e) => e.type !== 'review'), pack: testPack(), author: 'tester' });
      assert.equal(done.currentId, changed[1]!.id);
      assert.equal(done.current()!.state.state, 'stale');
      assert.equal(done.current()!.stale?.oldMt?.question, `KO ${changed[1]!.id} Q`);
      assert.equal(done.current()!.stale?.newMt, undefined);
    });

    it('is finished at once when every item is decided', () => {
      const { s } = session(2, (its) => [...its.map((i) => mt(i)), ...its.map((i) => decision(i, 'transfer'))]);
      assert.equal(s.finished, true);
      assert.equal(s.current(), undefined);
      assert.equal(s.progress().remaining, 0);
      assert.throws(() => s.eventsFor({ type: 'accept' }), ActionError);
    });

    it('refuses an action with a usage error (exit code 2) naming the field, as the answers file reports it', () => {
      const { s } = session(1, (its) => [mt(its[0]!)]);
      assert.throws(
        () => s.eventsFor({ type: 'decide', decision: 'drop', rationale: ' ' }),
        (e: unknown) =>
          e instanceof UsageError &&
          e.exitCode === ExitCode.usage &&
          e instanceof ActionError &&
          e.field === 'rationale' &&
          /needs a rationale/.test(e.message),
      );
      assert.throws(
        () => s.goTo('nope'),
        (e: unknown) => e instanceof ActionError && e.exitCode === ExitCode.usage && e.field === 'id',
      );
    });
  });

  describe('filters', () => {
    const items = toItems(makeRecords(12));
    const states = foldState(items, []).states;
    const select = (raw: Parameters<typeof parseFilters>[0]) => applyFilters(items, states, parseFilters(raw, items)).map((i) => i.index);

    it('selects a risk area by Japanese label, English name (any case) or a unique part of it', () => {
      const expected = [1, 4, 7, 10];
      assert.deepEqual(select({ riskArea: ['悪用'] }), expected);
      assert.deepEqual(select({ riskArea: ['malicious uses'] }), expected);
      assert.deepEqual(select({ riskArea: ['MALICIOUS'] }), expected);
      assert.deepEqual(select({ riskArea: ['悪用', 'Information Hazards'] }), [0, 1, 3, 4, 6, 7, 9, 10]);
      assert.throws(
        () => select({ riskArea: ['no such area'] }),
        (e: unknown) => e instanceof UsageError && /--risk-area "no such area" is not a known risk area/.test(e.message),
      );
      assert.throws(
        () => select({ riskArea: ['harms'] }),
        (e: unknown) => e instanceof UsageError && /matches several/.test(e.message),
      );
    });

    it('selects by harm type, Japan-specific annotation, state and IDs, combined', () => {
      assert.deepEqual(select({ harmType: ['Mental health or overreliance crisis'] }), [2, 5, 8, 11]);
      assert.deepEqual(select({ only: ['japan-specific'] }), [0, 2, 4, 6, 8, 10]);
      assert.deepEqual(select({ only: ['japan-specific'], harmType: ['メンタルヘルス'] }), [2, 8]);
      assert.deepEqual(select({ ids: ['test-0003,test-0001', 'test-0011'] }), [1, 3, 11]);
      assert.deepEqual(
        select({ state: ['untranslated'] }),
        items.map((i) => i.index),
      );
      assert.deepEqual(select({ state: ['adapted'] }), []);
      assert.throws(() => select({ ids: ['test-9999'] }), /not in the source: "test-9999"/);
      assert.throws(() => select({ state: ['done'] }), /--state "done" is not a state/);
      assert.throws(() => select({ only: ['japanese'] }), /--only "japanese"/);
    });

    it('splits into shards that partition the items, stable when the dataset grows or is reordered', () => {
      const many = toItems(makeRecords(300));
      const manyStates = foldState(many, []).states;
      const shards = [1, 2, 3].map((k) => applyFilters(many, manyStates, parseFilters({ shard: `${k}/3` }, many)).map((i) => i.id));
      const all = shards.flat();
      assert.equal(all.length, 300, 'every item is in exactly one shard');
      assert.equal(new Set(all).size, 300);
      for (const shard of shards) assert.ok(shard.length > 60, `shards are roughly even (got ${shard.map((x) => x.length).join(',')})`);

      // Reordered and grown: every old item keeps its shard.
      const grown = toItems([...makeRecords(320)].reverse());
      const grownStates = foldState(grown, []).states;
      const first = new Set(applyFilters(grown, grownStates, parseFilters({ shard: '1/3' }, grown)).map((i) => i.id));
      for (const id of shards[0]!) assert.ok(first.has(id), `${id} stays in shard 1`);
      for (const id of shards[1]!) assert.ok(!first.has(id));
      assert.equal(shardOf('test-0007', 3), shardOf('test-0007', 3));
    });

    it('looks a state up only for a filter on it and for the items the other filters keep, selecting the same items', () => {
      const many = toItems(makeRecords(60));
      const events = [
        ...many.map((i) => mt(i)),
        ...many.filter((_, k) => k % 2 === 0).map((i) => decision(i, 'transfer')),
        ...many.filter((_, k) => k % 3 === 0).map((i) => ev(i, { type: 'flag', note: 'check' })),
      ];
      const folded = foldState(many, events).states;
      const asked: string[] = [];
      const spy = { get: (id: string) => (asked.push(id), folded.get(id)) };
      const pick = (raw: Parameters<typeof parseFilters>[0]) => {
        asked.length = 0;
        return applyFilters(many, spy, parseFilters(raw, many)).map((i) => i.id);
      };

      const inShard = many.filter((i) => shardOf(i.id, 3) === 1).map((i) => i.id);
      const expected = inShard.filter((id) => folded.get(id)!.state === 'adapted' && folded.get(id)!.flags.length > 0);
      assert.ok(expected.length > 0 && expected.length < inShard.length);
      assert.deepEqual(pick({ shard: '1/3', state: ['adapted'], only: ['flagged'] }), expected);
      assert.deepEqual(asked, inShard, "only the shard's items");

      const malicious = many.filter((i) => i.riskArea === '悪用');
      assert.deepEqual(
        pick({ riskArea: ['悪用'], state: ['translated'] }),
        malicious.filter((i) => folded.get(i.id)!.state === 'translated').map((i) => i.id),
      );
      assert.deepEqual(
        asked,
        malicious.map((i) => i.id),
      );

      assert.deepEqual(pick({ ids: ['test-0003,test-0006'], only: ['flagged'] }), ['test-0003', 'test-0006']);
      assert.deepEqual(asked, ['test-0003', 'test-0006']);
      assert.deepEqual(
        pick({ shard: '2/3' }),
        many.filter((i) => shardOf(i.id, 3) === 2).map((i) => i.id),
      );
      assert.deepEqual(asked, [], 'no state without a filter on it');
    });

    it('refuses malformed shards', () => {
      for (const bad of ['0/3', '4/3', '1', 'a/b', '1/0']) assert.throws(() => parseShard(bad), /--shard .* is not a shard/);
      assert.deepEqual(parseShard(' 2 / 5 '), { k: 2, n: 5 });
    });

    it('keeps the queue fixed for the session: a decided item stays where it was', () => {
      const { s, items: its } = session(4, (x) => x.map((i) => mt(i)), { states: ['translated'] });
      assert.equal(s.queue.length, 4);
      s.commit(written(s.eventsFor({ type: 'accept' })));
      assert.equal(s.state(its[0]!.id).state, 'adapted');
      assert.equal(s.queue.length, 4);
    });
  });

  describe('checklist and suggestions', () => {
    it('applies questions by risk area, found equivalents and the Japan-specific annotation', () => {
      const { s, items } = session(4);
      const ids = (i: number) => s.view(items[i]!.id).checklist.map((q) => q.id);
      assert.deepEqual(ids(0), ['always', 'japan', 'register']); // 情報漏洩, Japan-specific
      assert.deepEqual(ids(1), ['always', 'malicious', 'emergency', 'register']); // 悪用, mentions 110番
      assert.deepEqual(ids(2), ['always', 'japan', 'register']); // AI interaction, Japan-specific
      assert.deepEqual(ids(3), ['always', 'register']); // 情報漏洩, not Japan-specific
    });

    it('renders prompts and help with the item and the suggestions from equivalents', () => {
      const { s, items } = session(2);
      const v = s.view(items[1]!.id);
      assert.deepEqual(v.suggestions, ['110番 → 112 (경찰)']);
      assert.equal(v.checklist[0]!.prompt, `Names in ${items[1]!.id}?`);
      assert.equal(v.checklist[0]!.help, `Help for ${items[1]!.id}. Found: 110番 → 112 (경찰)`);
      assert.deepEqual(s.view(items[0]!.id).suggestions, []);
    });

    it('proposes the strongest decision the recorded answers imply', () => {
      const { s, items } = session(2);
      const id = items[1]!.id;
      s.goTo(id);
      assert.equal(s.current()!.proposed, 'transfer');
      const answer = (question: string, a: 'yes' | 'no' | 'n/a') => s.commit(written(s.eventsFor({ type: 'checklist', question, answer: a })));
      answer('register', 'no'); // needs-edit: still a transfer
      assert.equal(s.current()!.proposed, 'transfer');
      answer('emergency', 'yes');
      assert.equal(s.current()!.proposed, 'adapt');
      assert.equal(s.current()!.answered, 2);
      assert.equal(s.current()!.checklist.find((q) => q.id === 'emergency')!.effect, 'needs-adaptation');
      answer('emergency', 'n/a');
      assert.equal(s.current()!.proposed, 'transfer');
      s.goTo(items[0]!.id);
      answer('japan', 'no');
      assert.equal(s.current()!.proposed, 'drop');
    });

    it('works with the real ko pack', () => {
      const items = makeItems(3);
      const pack = loadLocalePack('ko').pack;
      const s = new AdaptSession({ items, events: items.map((i) => mt(i)), pack, author: 'tester' });
      const v = s.view(items[1]!.id);
      assert.ok(
        v.suggestions.some((x) => /^110番.* → .*112/.test(x)),
        v.suggestions.join('\n'),
      );
      assert.ok(v.checklist.length >= 3);
      assert.ok(v.checklist.every((q) => q.prompt.length > 0 && !q.prompt.includes('{{')));
      assert.notDeepEqual(
        v.checklist.map((q) => q.id),
        s.view(items[2]!.id).checklist.map((q) => q.id),
        'different items get different checklists',
      );
    });
  });

  describe('actions and their events', () => {
    it('accept is a transfer decision against the current source hash', () => {
      const { s, items } = session(2);
      assert.deepEqual(s.eventsFor({ type: 'accept' }), [{ item: items[0]!.id, sourceHash: items[0]!.sourceHash, type: 'decision', decision: 'transfer' }]);
    });

    it('edits are trimmed; an unchanged edit makes no event; an empty one is refused', () => {
      const { s, items } = session(1);
      const id = items[0]!.id;
      assert.deepEqual(s.eventsFor({ type: 'edit', field: 'question', text: '  새 질문\n' }), [
        { item: id, sourceHash: items[0]!.sourceHash, type: 'edit', field: 'question', text: '새 질문' },
      ]);
      assert.deepEqual(s.eventsFor({ type: 'edit', field: 'answer', text: `KO ${id} A\n` }), []);
      throwsAction(() => s.eventsFor({ type: 'edit', field: 'answer', text: ' \n' }), 'answer', /empty/);
    });

    it('checklist answers must be for an applicable question and be yes, no or n/a', () => {
      const { s, items } = session(1);
      assert.deepEqual(s.eventsFor({ type: 'checklist', question: 'always', answer: 'yes', note: ' 山田 ' }), [
        { item: items[0]!.id, sourceHash: items[0]!.sourceHash, type: 'checklist', question: 'always', answer: 'yes', note: '山田' },
      ]);
      throwsAction(() => s.eventsFor({ type: 'checklist', question: 'emergency', answer: 'yes' }), 'checklist.emergency', /does not apply to this item/);
      throwsAction(() => s.eventsFor({ type: 'checklist', question: 'nope', answer: 'yes' }), 'checklist.nope', /not a question of the ko checklist/);
      throwsAction(() => s.eventsFor({ type: 'checklist', question: 'always', answer: 'maybe' as 'yes' }), 'checklist.always', /yes, no or n\/a/);
    });

    it('decisions other than transfer need a rationale that says something', () => {
      const { s, items } = session(1);
      for (const d of ['adapt', 'replace-scenario', 'replace-target', 'drop'] as const) {
        throwsAction(() => s.eventsFor({ type: 'decide', decision: d }), 'rationale', /needs a rationale/);
        throwsAction(() => s.eventsFor({ type: 'decide', decision: d, rationale: ' ... ' }), 'rationale');
      }
      throwsAction(() => s.eventsFor({ type: 'decide', decision: 'keep' as 'drop' }), 'decision', /not a decision/);
      assert.deepEqual(s.eventsFor({ type: 'decide', decision: 'adapt', rationale: ' 110 → 112 ' }), [
        { item: items[0]!.id, sourceHash: items[0]!.sourceHash, type: 'decision', decision: 'adapt', rationale: '110 → 112' },
      ]);
      assert.equal(s.eventsFor({ type: 'decide', decision: 'transfer' }).length, 1);
    });

    it('an item without target text can only be dropped, until it is edited', () => {
      const { s, items } = session(1, () => []);
      throwsAction(() => s.eventsFor({ type: 'accept' }), 'decision', /no target text/);
      throwsAction(() => s.eventsFor({ type: 'decide', decision: 'adapt', rationale: 'r' }), 'decision', /no target text/);
      assert.equal(s.eventsFor({ type: 'decide', decision: 'drop', rationale: 'no counterpart' }).length, 1);
      const events = s.eventsForAll(
        [
          { type: 'edit', field: 'question', text: '질문' },
          { type: 'edit', field: 'answer', text: '답변' },
          { type: 'decide', decision: 'replace-scenario', rationale: 'new item' },
        ],
        items[0]!.id,
      );
      assert.deepEqual(
        events.map((e) => e.type),
        ['edit', 'edit', 'decision'],
      );
    });

    it('flags need a note; resolving is a flag event with resolved', () => {
      const { s } = session(1);
      throwsAction(() => s.eventsFor({ type: 'flag', note: '  ' }), 'flag');
      assert.deepEqual(s.eventsFor({ type: 'unflag' }), [], 'nothing to resolve');
      s.commit(written(s.eventsFor({ type: 'flag', note: 'ask the team about 110' })));
      assert.equal(s.current()!.state.flags[0]!.note, 'ask the team about 110');
      const resolve = s.eventsFor({ type: 'unflag' });
      assert.equal(resolve[0]!.type === 'flag' && resolve[0].resolved, true);
      s.commit(written(resolve));
      assert.deepEqual(s.current()!.state.flags, []);
    });

    it('navigation makes no events', () => {
      const { s } = session(2);
      for (const type of ['skip', 'back', 'next', 'quit'] as const) assert.deepEqual(s.eventsFor({ type }), []);
    });

    it('eventsFor changes nothing; commit re-folds the item', () => {
      const { s, items } = session(3);
      const events = s.eventsFor({ type: 'decide', decision: 'adapt', rationale: 'names' });
      assert.equal(s.state(items[0]!.id).state, 'translated');
      assert.equal(s.progress().decided, 0);
      assert.deepEqual(s.commit(written(events)), [items[0]!.id]);
      assert.equal(s.state(items[0]!.id).state, 'adapted');
      assert.equal(s.state(items[0]!.id).decision?.rationale, 'names');
      assert.equal(s.currentId, items[0]!.id, 'commit does not move; the caller decides when to go on');
      const p = s.progress();
      assert.equal(p.decided, 1);
      assert.equal(p.decidedThisSession, 1);
      assert.equal(p.byDecision.adapt, 1);
      s.next();
      assert.equal(s.currentId, items[1]!.id);
      assert.equal(s.progress().position, 2);
    });

    it('eventsForAll leaves out what is already recorded, so scripted answers can be applied twice', () => {
      const { s, items } = session(2);
      const id = items[0]!.id;
      const actions = [
        { type: 'edit', field: 'question', text: '수정된 질문' },
        { type: 'checklist', question: 'always', answer: 'yes' },
        { type: 'decide', decision: 'adapt', rationale: 'names' },
      ] as const;
      const first = s.eventsForAll(actions, id);
      assert.equal(first.length, 3);
      s.commit(written(first));
      assert.deepEqual(s.eventsForAll(actions, id), []);
      // A different rationale is a new decision.
      assert.equal(s.eventsForAll([{ type: 'decide', decision: 'adapt', rationale: 'names and law' }], id).length, 1);
    });
  });

  describe('progress counters', () => {
    /** progress() counted the slow way, item by item over the queue. */
    function recount(s: AdaptSession, skipped: ReadonlySet<string>) {
      const byState: Record<string, number> = {};
      let decided = 0;
      const byDecision: Record<string, number> = { transfer: 0, adapt: 0, 'replace-target': 0, 'replace-scenario': 0, drop: 0, new: 0 };
      for (const item of s.queue) {
        const st = s.state(item.id);
        byState[st.state] = (byState[st.state] ?? 0) + 1;
        if (st.decision && ['adapted', 'approved'].includes(st.state)) {
          decided++;
          byDecision[st.decision.decision]!++;
        }
      }
      const todo = s.queue.filter((i) => s.isTodo(i.id));
      // A decided item that is to do is a revisit (--ids, --state adapted): not "to go", and a skip leaves it done.
      const isDecided = (id: string) => ['adapted', 'approved'].includes(s.state(id).state);
      const pending = todo.filter((i) => !isDecided(i.id));
      const revisit = todo.filter((i) => isDecided(i.id) && !skipped.has(i.id)).length;
      return { byState, decided, byDecision, remaining: pending.length, skipped: pending.filter((i) => skipped.has(i.id)).length, revisit };
    }

    /** The session's O(1) counters equal a full recount of the queue. */
    function expectRecount(s: AdaptSession, skipped: ReadonlySet<string>, when: string): void {
      const p = s.progress();
      assert.deepEqual(
        { byState: p.byState, decided: p.decided, byDecision: p.byDecision, remaining: p.remaining, skipped: p.skipped, revisit: p.revisit },
        recount(s, skipped),
        when,
      );
    }

    it('stay equal to a full recount through decisions, edits, rejections, skips and undone skips', () => {
      const { s, items } = session(12, (its) => [...its.slice(0, 10).map((i) => mt(i)), decision(its[1]!, 'adapt', 'names')]);
      const skipped = new Set<string>();
      const check = (when: string) => expectRecount(s, skipped, when);
      check('at the start');
      skipped.add(s.currentId!);
      s.skip();
      check('after a skip');
      s.commit(written(s.eventsFor({ type: 'decide', decision: 'drop', rationale: 'no counterpart' })));
      check('after a drop');
      s.commit(written(s.eventsFor({ type: 'decide', decision: 'adapt', rationale: 'law' }, items[0]!.id)));
      skipped.delete(items[0]!.id);
      check('after deciding the skipped item');
      s.commit(written([{ item: items[1]!.id, sourceHash: items[1]!.sourceHash, type: 'review', verdict: 'reject', comment: 'redo' }], 'park'));
      check('after a rejection by a reviewer');
      s.commit(written(s.eventsFor({ type: 'edit', field: 'question', text: '새 질문' }, items[4]!.id)));
      s.commit(written(s.eventsFor({ type: 'accept' }, items[4]!.id)));
      check('after an edit and an accept');
      assert.equal(s.progress().decided, 3);
      // One batch over two items the session has not touched yet (their start counts are taken off once each).
      s.commit(written([...s.eventsFor({ type: 'accept' }, items[6]!.id), ...s.eventsFor({ type: 'decide', decision: 'drop', rationale: 'x' }, items[7]!.id)]));
      check('after one batch deciding two untouched items');
      assert.equal(s.progress().decided, 5);
    });

    it('count a revisited decided item as decided, never as to go, also when skipped', () => {
      const events = (its: ReturnType<typeof makeItems>) => [...its.map((i) => mt(i)), decision(its[0]!, 'transfer'), decision(its[1]!, 'transfer')];
      const pick = (p: ReturnType<AdaptSession['progress']>) => ({ decided: p.decided, remaining: p.remaining, skipped: p.skipped, revisit: p.revisit });
      const one = session(3, events, { ids: ['test-0001'] }).s;
      assert.deepEqual(pick(one.progress()), { decided: 1, remaining: 0, skipped: 0, revisit: 1 });
      one.commit(written(one.eventsFor({ type: 'decide', decision: 'adapt', rationale: 'names' })));
      assert.equal(one.next(), false);
      assert.deepEqual(pick(one.progress()), { decided: 1, remaining: 0, skipped: 0, revisit: 0 });
      const summary = renderSummary(one.progress(), { finished: true });
      assert.match(summary, /All 1 item\(s\) of this selection are decided\.\n1 decision\(s\) made in this session; 1 decided \(1 adapt\) · 0 to go\.$/);

      const both = session(3, events, { states: ['adapted'] }).s;
      assert.match(describeProgress(both.progress()), /^2 decided \(2 transfer\) · 0 to go · 2 to revisit$/);
      both.skip();
      both.skip();
      assert.equal(both.finished, true);
      assert.deepEqual(pick(both.progress()), { decided: 2, remaining: 0, skipped: 0, revisit: 0 });
      assert.doesNotMatch(renderSummary(both.progress(), { finished: true }), /skipped|[1-9] to go|again/);
    });

    it('stay equal to a full recount in a revisit session', () => {
      const { s, items } = session(5, (its) => [...its.map((i) => mt(i)), decision(its[0]!, 'transfer'), decision(its[2]!, 'adapt', 'names')], {
        ids: ['test-0001', 'test-0002', 'test-0003'],
      });
      const skipped = new Set<string>();
      const check = (when: string) => expectRecount(s, skipped, when);
      check('at the start');
      skipped.add(s.currentId!);
      s.skip();
      check('after skipping a decided item');
      s.commit(written(s.eventsFor({ type: 'accept' })));
      check('after deciding an undecided one');
      s.commit(written(s.eventsFor({ type: 'decide', decision: 'drop', rationale: 'no counterpart' }, items[2]!.id)));
      check('after changing a decision');
      assert.equal(s.progress().revisit, 0);
    });
  });

  describe('navigation', () => {
    it('skip passes over an item for this session; next wraps around to undecided earlier items', () => {
      const { s, items } = session(4);
      const ids = items.map((i) => i.id);
      assert.equal(s.skip(), true);
      assert.equal(s.currentId, ids[1]);
      s.commit(written(s.eventsFor({ type: 'accept' })));
      s.next();
      assert.equal(s.currentId, ids[2]);
      s.goTo(ids[3]!);
      s.commit(written(s.eventsFor({ type: 'accept' })));
      s.next(); // wraps: item 2 is still undecided, item 0 was skipped
      assert.equal(s.currentId, ids[2]);
      s.commit(written(s.eventsFor({ type: 'accept' })));
      assert.equal(s.next(), false, 'only the skipped item is left');
      assert.equal(s.finished, true);
      const p = s.progress();
      assert.equal(p.remaining, 1);
      assert.equal(p.skipped, 1);
      // A new session (a rerun) starts at the skipped item.
      const events = items
        .map((i) => mt(i))
        .concat(written([...[1, 2, 3].map((k) => ({ item: ids[k], sourceHash: items[k]!.sourceHash, type: 'decision', decision: 'transfer' }))]));
      assert.equal(new AdaptSession({ items, events, pack: testPack(), author: 'tester' }).currentId, ids[0]);
    });

    it('back returns to the item shown before, even a decided one, and says when it cannot', () => {
      const { s, items } = session(3);
      const ids = items.map((i) => i.id);
      assert.equal(s.back(), false, 'nothing before the first item');
      s.commit(written(s.eventsFor({ type: 'accept' })));
      s.next();
      s.skip();
      assert.equal(s.currentId, ids[2]);
      assert.equal(s.back(), true);
      assert.equal(s.currentId, ids[1]);
      assert.equal(s.back(), true);
      assert.equal(s.currentId, ids[0]);
      assert.equal(s.current()!.todo, false);
      // Changing the decision of a revisited item is allowed.
      s.commit(written(s.eventsFor({ type: 'decide', decision: 'drop', rationale: 'no counterpart' })));
      assert.equal(s.state(ids[0]!).decision?.decision, 'drop');
    });

    it('revisits decided items once when the filters ask for them', () => {
      const { s, items } = session(3, (its) => [...its.map((i) => mt(i)), ...its.map((i) => decision(i, 'transfer'))], { states: ['adapted'] });
      assert.equal(s.revisit, true);
      assert.equal(s.currentId, items[0]!.id);
      s.commit(written(s.eventsFor({ type: 'decide', decision: 'adapt', rationale: 'names' })));
      s.next();
      assert.equal(s.currentId, items[1]!.id);
      s.skip();
      s.skip();
      assert.equal(s.finished, true);
    });

    it('search goes to the next item (wrapping) whose source, English or target text matches, case-insensitively', () => {
      const { s, items } = session(4);
      const ids = items.map((i) => i.id);
      s.goTo(ids[2]!);
      s.commit(written(s.eventsFor({ type: 'edit', field: 'answer', text: 'Call the HOTLINE 1393' }, ids[0])));
      assert.equal(s.search('hotline'), ids[0], 'target text, found by wrapping around');
      assert.equal(s.currentId, ids[0]);
      assert.equal(s.search(items[3]!.question.slice(0, 6)), ids[3], 'source text');
      assert.equal(s.search('no such text anywhere'), undefined);
      assert.equal(s.currentId, ids[3], 'stays when nothing matches');
      throwsAction(() => s.search('  '), 'text');
    });

    it('nextWithFindings goes to the next item with QA findings and stays when there is none', () => {
      const items = makeItems(4);
      const flagged = new Set([items[1]!.id, items[3]!.id]);
      const finding = { check: 'test', severity: 'warning', message: 'm' } as unknown as ReturnType<NonNullable<SessionInit['qa']>>[number];
      const s = new AdaptSession({
        items,
        events: items.map((i) => mt(i)),
        pack: testPack(),
        author: 'tester',
        qa: (item) => (flagged.has(item.id) ? [finding] : []),
      });
      assert.equal(s.nextWithFindings(), items[1]!.id);
      assert.equal(s.nextWithFindings(), items[3]!.id);
      assert.equal(s.nextWithFindings(), items[1]!.id, 'wraps around');
      flagged.clear();
      const none = new AdaptSession({ items, events: items.map((i) => mt(i)), pack: testPack(), author: 'tester', qa: () => [] });
      assert.equal(none.nextWithFindings(), undefined);
      assert.equal(none.currentId, items[0]!.id);
    });

    it('resumeFrom starts where the person stopped: that item if still to do, else the next one to do (wrapping)', () => {
      const events = (its: ReturnType<typeof makeItems>) => [...its.map((i) => mt(i)), decision(its[2]!, 'transfer'), decision(its[3]!, 'transfer')];
      const ids = makeItems(4).map((i) => i.id);
      const at = (id: string) => {
        const { s } = session(4, events);
        s.resumeFrom(id);
        return s.currentId;
      };
      assert.equal(at(ids[1]!), ids[1], 'still to do');
      assert.equal(at(ids[2]!), ids[0], 'decided since: the next one to do, wrapping around');
      assert.equal(at('not-an-item'), ids[0], 'an unknown ID: the first item to do');
    });

    it('goTo refuses an item outside the filtered queue', () => {
      const { s, items } = session(3, (its) => its.map((i) => mt(i)), { ids: ['test-0001'] });
      assert.equal(s.queue.length, 1);
      throwsAction(() => s.goTo(items[0]!.id), 'id', /not in this session's queue/);
    });
  });
});
