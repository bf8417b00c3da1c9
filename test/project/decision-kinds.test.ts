/** Issue #16: replace-target and replace-scenario told apart, "new" for added items, old "replace" journals still read. */
import assert from 'node:assert/strict';
import { foldState, summarise } from '../../src/project/state.js';
import { isValidEvent } from '../../src/project/event-schema.js';
import { KOBBQ_CLASS, DECISIONS, currentDecision, parseDecision } from '../../src/project/decisions.js';
import { AdaptSession } from '../../src/adapt/adapt-session.js';
import { ActionError } from '../../src/errors.js';
import { items as makeItems, testPack, mt, ev, decision } from '../helpers/session-fixtures.js';

describe('decision kinds (issue #16)', () => {
  it('reads an old journal\'s "replace" as replace-scenario, or replace-target when it names the groups', () => {
    const items = makeItems(3);
    const events = [
      mt(items[0]!),
      decision(items[0]!, 'replace', 'new scenario'),
      mt(items[1]!),
      ev(items[1]!, { type: 'decision', decision: 'replace', rationale: 'other group', groups: { source: '在日コリアン', target: '조선족' } }),
      mt(items[2]!),
      ev(items[2]!, { type: 'decision', decision: 'replace', rationale: 'second look', secondary: true }, 'lee'),
    ];
    assert.ok(events.every(isValidEvent));
    const { states } = foldState(items, events);
    assert.equal(states.get(items[0]!.id)!.decision!.decision, 'replace-scenario');
    assert.equal(states.get(items[1]!.id)!.decision!.decision, 'replace-target');
    assert.deepEqual(states.get(items[1]!.id)!.decision!.groups, { source: '在日コリアン', target: '조선족' });
    assert.equal(states.get(items[2]!.id)!.secondaryDecisions.lee!.decision, 'replace-scenario');
    const summary = summarise(states.values());
    assert.equal(summary.byDecision['replace-scenario'], 1);
    assert.equal(summary.byDecision['replace-target'], 1);
  });

  it('skips a journal line with a decision outside the vocabulary or a malformed group pair', () => {
    const [item] = makeItems(1);
    assert.equal(isValidEvent(ev(item!, { type: 'decision', decision: 'replace-group' })), false);
    assert.equal(isValidEvent(ev(item!, { type: 'decision', decision: 'replace-target', groups: { source: 'x' } })), false);
    assert.equal(isValidEvent(ev(item!, { type: 'decision', decision: 'replace-target', groups: { source: 'x', target: 'y' } })), true);
  });

  it('maps each decision to a KoBBQ class and parses what users type', () => {
    assert.deepEqual(
      DECISIONS.map((d) => KOBBQ_CLASS[d]),
      ['ST', 'TM', 'TM', 'NC', 'SR', 'NC'],
    );
    assert.equal(parseDecision('replace'), 'replace-scenario');
    assert.equal(parseDecision('replace-target'), 'replace-target');
    assert.equal(parseDecision('swap'), undefined);
    assert.equal(currentDecision('replace', { source: 'a', target: 'b' }), 'replace-target');
  });

  it('a replace-target decision records its group pair and refuses without one; "new" is refused on a source item', () => {
    const items = makeItems(1);
    const s = new AdaptSession({ items, events: [mt(items[0]!)], pack: testPack(), author: 'kim' });
    const refused = (fn: () => unknown, field: string, re: RegExp) =>
      assert.throws(fn, (e: unknown) => e instanceof ActionError && e.field === field && re.test(e.message));
    refused(() => s.eventsFor({ type: 'decide', decision: 'replace-target', rationale: 'other group' }), 'groups', /source group/);
    refused(() => s.eventsFor({ type: 'decide', decision: 'replace-target', rationale: 'r', groups: { source: ' ', target: '조선족' } }), 'groups', /both/);
    refused(() => s.eventsFor({ type: 'decide', decision: 'new', rationale: 'mine' }), 'decision', /carefully add/);
    const [e] = s.eventsFor({ type: 'decide', decision: 'replace-target', rationale: 'other group', groups: { source: ' 在日コリアン ', target: '조선족' } });
    assert.deepEqual(e && e.type === 'decision' ? e.groups : undefined, { source: '在日コリアン', target: '조선족' });
  });
});
