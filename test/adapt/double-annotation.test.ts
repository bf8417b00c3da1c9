/** Double annotation in the adapt session: the sample, assignments, and a second annotator's queue and decisions. */
import assert from 'node:assert/strict';
import { AdaptSession } from '../../src/adapt/adapt-session.js';
import { inDoubleSample, parseDoublePercent, planSecondaryAssignment, shardOf } from '../../src/session/filters.js';
import { renderItem, renderSummary } from '../../src/wizard/render-item.js';
import { actionPrompt } from '../../src/wizard/screens.js';
import { render } from '@inquirer/testing';
import { foldState } from '../../src/project/state.js';
import { ActionError, UsageError } from '../../src/errors.js';
import type { JournalEvent } from '../../src/project/events.js';
import type { SourceItem } from '../../src/dataset/item.js';
import { items as makeItems, testPack, mt, ev, decision, written } from '../helpers/session-fixtures.js';

const assign = (item: SourceItem, assignee = 'lee') => ev(item, { type: 'assign', assignee, role: 'secondary' }, 'maintainer');

describe('double annotation', () => {
  describe('the sample', () => {
    const ids = Array.from({ length: 2000 }, (_, i) => `answercarefully-instruction-test-${String(i).padStart(7, '0')}`);

    it('is a stable share of the IDs, and a larger share holds every item of a smaller one', () => {
      const ten = ids.filter((id) => inDoubleSample(id, 10));
      const fifty = ids.filter((id) => inDoubleSample(id, 50));
      assert.ok(ten.length > 150 && ten.length < 250, `about 10%: ${ten.length} of 2000`);
      assert.ok(fifty.length > 900 && fifty.length < 1100, `about 50%: ${fifty.length} of 2000`);
      assert.ok(ten.every((id) => fifty.includes(id)));
      assert.deepEqual(
        ids.filter((id) => inDoubleSample(id, 10)),
        ten,
        'the same every time',
      );
      assert.equal(ids.filter((id) => inDoubleSample(id, 100)).length, ids.length);
    });

    it('cuts across shards rather than following them', () => {
      const sample = ids.filter((id) => inDoubleSample(id, 50));
      const inShard1 = sample.filter((id) => shardOf(id, 2) === 1).length;
      assert.ok(inShard1 > sample.length * 0.4 && inShard1 < sample.length * 0.6, `${inShard1} of ${sample.length} in shard 1/2`);
    });

    it('--double takes a percentage above 0 and at most 100', () => {
      assert.equal(parseDoublePercent('10'), 10);
      assert.equal(parseDoublePercent('12.5%'), 12.5);
      for (const bad of ['0', '101', 'ten', '', '-5']) {
        assert.throws(
          () => parseDoublePercent(bad),
          (e: unknown) => e instanceof UsageError && /--double .* is not a share of items/.test(e.message),
          bad,
        );
      }
    });
  });

  describe('assignment', () => {
    it('writes one assign event per sampled item, nothing the second time, and never to the author of the primary decision', () => {
      const items = makeItems(40);
      const events: JournalEvent[] = [...items.map((i) => mt(i))];
      const sampled = items.filter((i) => inDoubleSample(i.id, 50));
      assert.ok(sampled.length >= 3);
      events.push(ev(sampled[0]!, { type: 'decision', decision: 'transfer' }, 'lee'));
      const plan = planSecondaryAssignment(items, foldState(items, events).states, 50, 'lee');
      assert.equal(plan.sampled, sampled.length);
      assert.deepEqual(plan.ownPrimary, [sampled[0]!.id]);
      assert.deepEqual(
        plan.events.map((e) => e.item),
        sampled.slice(1).map((i) => i.id),
      );
      assert.deepEqual(plan.events[0], { type: 'assign', item: sampled[1]!.id, sourceHash: sampled[1]!.sourceHash, assignee: 'lee', role: 'secondary' });

      events.push(...written(plan.events, 'maintainer'));
      const again = planSecondaryAssignment(items, foldState(items, events).states, 50, 'lee');
      assert.deepEqual([again.events.length, again.alreadyAssigned, again.ownPrimary.length], [0, sampled.length - 1, 1]);
    });
  });

  describe("a second annotator's session", () => {
    const items = makeItems(5);
    // kim decided items 0-2; lee is assigned items 1, 2 and 4 (4 not decided by anyone yet).
    const events = [
      ...items.map((i) => mt(i)),
      ev(items[1]!, { type: 'edit', field: 'question', text: '고친 질문' }),
      ev(items[1]!, { type: 'checklist', question: 'always', answer: 'yes' }),
      decision(items[0]!, 'transfer'),
      decision(items[1]!, 'adapt', 'names'),
      decision(items[2]!, 'transfer'),
      assign(items[1]!),
      assign(items[2]!),
      assign(items[4]!),
    ];
    const lee = () => new AdaptSession({ items, events, pack: testPack(), author: 'lee' });

    it('queues exactly the assigned items lacking their decision, and says so on the screen', () => {
      const s = lee();
      assert.equal(s.secondaryMode, true);
      assert.deepEqual(
        s.queue.map((i) => i.id),
        [items[1]!.id, items[2]!.id, items[4]!.id],
      );
      assert.equal(s.currentId, items[1]!.id);
      const text = renderItem(s.current()!, s.progress());
      assert.match(text, /Second annotation: your decision is compared, not applied\./);
      assert.match(text, /test-0001 {2}second annotation/);
      assert.match(text, /\[a\] accept \(transfer\) {2}\[d\] decide/, 'no [e]dit or [c]hecklist: only the decision is recorded');
      assert.doesNotMatch(text, /\[e\]|\[c\]/);
    });

    it('the action menu does not offer edit or checklist on a second-annotation item', async () => {
      const prompt = actionPrompt as unknown as Parameters<typeof render<{ itemId: string; flagged: boolean; secondary: boolean }, string>>[0];
      const r = await render(prompt, { itemId: 'test-0001', flagged: false, secondary: true });
      r.events.keypress('e');
      r.events.keypress('c');
      assert.match(r.getScreen(), /Keys act at once/, 'e and c are no actions here');
      r.events.keypress('d');
      assert.equal(await r.answer, 'decide');
    });

    it("hides the primary localizer's edits, checklist answers and decision", () => {
      const v = lee().current()!;
      assert.equal(v.secondary, true);
      assert.equal(v.state.decision, undefined);
      assert.equal(v.state.question, `KO ${items[1]!.id} Q`, 'the machine translation, not the edited text');
      assert.deepEqual(v.state.checklist, {});
      assert.equal(v.answered, 0);
      const text = renderItem(v, lee().progress());
      assert.doesNotMatch(text, /Decision:|고친 질문|names/);
    });

    it('records their decisions as secondary: never the item decision, and the queue moves on', () => {
      const s = lee();
      const accept = s.eventsFor({ type: 'accept' });
      assert.deepEqual(accept, [{ item: items[1]!.id, sourceHash: items[1]!.sourceHash, type: 'decision', decision: 'transfer', secondary: true }]);
      s.commit(written(accept, 'lee'));
      const st = s.state(items[1]!.id);
      assert.deepEqual(st.decision?.decision, 'adapt', "kim's decision stands");
      assert.equal(st.decision?.author, 'kim');
      assert.deepEqual(st.secondaryDecisions, { lee: { decision: 'transfer' } });
      assert.deepEqual(s.current()!.ownSecondary, { decision: 'transfer' });
      assert.match(renderItem(s.current()!, s.progress()), /Your second-annotation decision: transfer/);
      assert.equal(s.isRedundant(accept[0]!), true, 'the same decision again writes nothing');
      s.next();
      assert.equal(s.currentId, items[2]!.id);
      const drop = s.eventsFor({ type: 'decide', decision: 'drop', rationale: 'no counterpart' });
      assert.equal((drop[0] as { secondary?: boolean }).secondary, true);
      assert.deepEqual([s.progress().decided, s.progress().secondary], [1, true]);
    });

    it('refuses edits and checklist answers, which would change the primary work', () => {
      const s = lee();
      assert.throws(
        () => s.eventsFor({ type: 'edit', field: 'answer', text: 'x' }),
        (e: unknown) => e instanceof ActionError && e.field === 'answer' && /only your decision and its rationale are recorded/.test(e.message),
      );
      assert.throws(
        () => s.eventsFor({ type: 'checklist', question: 'always', answer: 'no' }),
        (e: unknown) => e instanceof ActionError && e.field === 'checklist.always',
      );
      assert.equal(s.eventsFor({ type: 'flag', note: 'discuss' }).length, 1, 'flags are for discussion and allowed');
    });

    it('keeps a decision made before the primary one secondary, and the primary localizer is unaffected', () => {
      const s = lee();
      s.goTo(items[4]!.id);
      const first = written(s.eventsFor({ type: 'accept' }), 'lee');
      const log = [...events, ...first];
      // kim then makes the primary decision on item 4, in an ordinary session.
      const kim = new AdaptSession({ items, events: log, pack: testPack(), author: 'kim' });
      assert.equal(kim.secondaryMode, false);
      assert.equal(kim.currentId, items[3]!.id, 'kim resumes at the first item without a primary decision');
      assert.equal(kim.isTodo(items[4]!.id), true, "lee's decision does not count as the item's");
      kim.goTo(items[4]!.id);
      const primary = kim.eventsFor({ type: 'decide', decision: 'adapt', rationale: 'names' });
      assert.equal((primary[0] as { secondary?: boolean }).secondary, undefined);
      const state = foldState(items, [...log, ...written(primary, 'kim')]).states.get(items[4]!.id)!;
      assert.deepEqual([state.decision?.author, state.decision?.decision, state.secondaryDecisions.lee?.decision], ['kim', 'adapt', 'transfer']);
    });

    it('stays a second-annotation session once every assigned item is decided: nothing left, no primary decision possible', () => {
      const done = [...events, ...[1, 2, 4].map((k) => ev(items[k]!, { type: 'decision', decision: 'transfer', secondary: true }, 'lee'))];
      const s = new AdaptSession({ items, events: done, pack: testPack(), author: 'lee' });
      assert.equal(s.secondaryMode, true);
      assert.deepEqual(
        s.queue.map((i) => i.id),
        [items[1]!.id, items[2]!.id, items[4]!.id],
      );
      assert.equal(s.finished, true);
      assert.equal(s.inQueue(items[3]!.id), false, 'an item nobody decided, not assigned to lee, is not theirs in this selection');
      assert.deepEqual([s.progress().decided, s.progress().remaining], [3, 0]);
      assert.match(renderSummary(s.progress(), { finished: true }), /All 3 second-annotation item\(s\) assigned to you are decided\./);
      // Selecting items without assignments (e.g. their own shard) gives an ordinary session.
      const own = new AdaptSession({ items, events: done, pack: testPack(), author: 'lee', filters: { ids: [items[3]!.id] } });
      assert.equal(own.secondaryMode, false);
      assert.equal(own.currentId, items[3]!.id);
    });
  });
});
