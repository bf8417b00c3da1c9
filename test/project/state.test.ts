import assert from 'node:assert/strict';
import { foldState, StateFolder, summarise } from '../../src/project/state.js';
import type { JournalEvent } from '../../src/project/events.js';

let n = 0;
function ev(e: Record<string, unknown>): JournalEvent {
  return { v: 1, ts: new Date(Date.UTC(2026, 0, 1, 0, 0, n++)).toISOString(), author: 'kim', sourceHash: 'h1', item: 'a', ...e } as JournalEvent;
}
const mt = (extra = {}) => ev({ type: 'mt', provider: 'pseudo', label: 'pseudo', isTranslation: false, question: 'q', answer: 'a', ...extra });
const items = [{ id: 'a', sourceHash: 'h1' }];
const stateOf = (events: JournalEvent[], its = items) => foldState(its, events).states.get('a')!;

describe('foldState', () => {
  it('walks untranslated -> translated -> adapted -> approved', () => {
    assert.equal(stateOf([]).state, 'untranslated');
    assert.equal(stateOf([mt()]).state, 'translated');
    assert.equal(stateOf([mt(), ev({ type: 'decision', decision: 'transfer' })]).state, 'adapted');
    assert.equal(stateOf([mt(), ev({ type: 'decision', decision: 'transfer' }), ev({ type: 'review', verdict: 'approve' })]).state, 'approved');
  });

  it('returns an approved item to review when it is edited', () => {
    const s = stateOf([
      mt(),
      ev({ type: 'decision', decision: 'adapt', rationale: 'r' }),
      ev({ type: 'review', verdict: 'approve' }),
      ev({ type: 'edit', field: 'answer', text: 'new' }),
    ]);
    assert.equal(s.state, 'adapted');
    assert.equal(s.answer, 'new');
    assert.equal(s.edited.answer, true);
  });

  it('keeps the rejection comment after the localizer reworks the item', () => {
    const s = stateOf([
      mt(),
      ev({ type: 'decision', decision: 'transfer' }),
      ev({ type: 'review', verdict: 'reject', comment: 'use 112' }),
      ev({ type: 'decision', decision: 'adapt', rationale: 'fixed' }),
    ]);
    assert.equal(s.state, 'adapted');
    assert.equal(s.lastRejection?.comment, 'use 112');
  });

  it('marks work done against an older source text as stale', () => {
    const events = [mt(), ev({ type: 'decision', decision: 'transfer' })];
    const s = stateOf(events, [{ id: 'a', sourceHash: 'h2' }]);
    assert.equal(s.state, 'stale');
    assert.equal(s.staleFrom, 'h1');
    // A new MT alone does not clear it: the decision was made on the old text.
    assert.equal(stateOf([...events, mt({ sourceHash: 'h2' })], [{ id: 'a', sourceHash: 'h2' }]).state, 'stale');
    assert.equal(
      stateOf([...events, mt({ sourceHash: 'h2' }), ev({ type: 'decision', decision: 'transfer', sourceHash: 'h2' })], [{ id: 'a', sourceHash: 'h2' }]).state,
      'adapted',
    );
  });

  it('keeps secondary decisions apart and reports orphans', () => {
    const { states, orphans } = foldState(items, [
      mt(),
      ev({ type: 'decision', decision: 'drop', rationale: 'x', secondary: true, author: 'lee' }),
      ev({ item: 'gone', type: 'flag', note: 'n' }),
    ]);
    assert.equal(states.get('a')!.decision, undefined);
    assert.equal(states.get('a')!.secondaryDecisions.lee?.decision, 'drop');
    assert.deepEqual(orphans, ['gone']);
  });

  it('summarises counts by state and decision', () => {
    const { states } = foldState(
      [
        { id: 'a', sourceHash: 'h1' },
        { id: 'b', sourceHash: 'h1' },
      ],
      [mt(), ev({ type: 'decision', decision: 'drop', rationale: 'none in Korea' })],
    );
    const s = summarise(states.values());
    assert.equal(s.items, 2);
    assert.equal(s.byState.adapted, 1);
    assert.equal(s.byState.untranslated, 1);
    assert.equal(s.byDecision.drop, 1);
    assert.equal(s.byDecision.none, 1);
  });

  it('counts items assigned for second annotation and those done', () => {
    const its = [
      { id: 'a', sourceHash: 'h1' },
      { id: 'b', sourceHash: 'h1' },
      { id: 'c', sourceHash: 'h1' },
    ];
    const { states } = foldState(its, [
      ev({ item: 'a', type: 'assign', assignee: 'lee', role: 'secondary' }),
      ev({ item: 'b', type: 'assign', assignee: 'lee', role: 'secondary' }),
      ev({ item: 'a', type: 'decision', decision: 'transfer', secondary: true, author: 'lee' }),
      ev({ item: 'c', type: 'decision', decision: 'transfer', secondary: true, author: 'park' }),
    ]);
    assert.deepEqual(summarise(states.values()).secondAnnotation, { assigned: 2, done: 1 });
  });

  it('lists as authors only people who wrote work on the item, not who assigned it for second annotation', () => {
    const s = stateOf([
      mt({ author: 'mt-bot' }),
      ev({ type: 'assign', assignee: 'lee', role: 'secondary', author: 'lead' }),
      ev({ type: 'decision', decision: 'transfer', author: 'kim' }),
    ]);
    assert.deepEqual(s.assignees, ['lee']);
    assert.deepEqual(s.authors, ['mt-bot', 'kim']);
  });

  it('leaves a state already taken as it was when later events change the item (lists and records are replaced, not changed in place)', () => {
    const folder = new StateFolder();
    for (const e of [mt(), ev({ type: 'flag', note: 'look' }), ev({ type: 'checklist', question: 'q1', answer: 'yes' })]) folder.apply(e);
    const before = folder.state(items[0]!);
    const copy = structuredClone(before);
    for (const e of [
      ev({ type: 'flag', note: 'again', reply: true }),
      ev({ type: 'flag', note: 'second' }),
      ev({ type: 'edit', field: 'question', text: 'q2', author: 'lee' }),
      ev({ type: 'checklist', question: 'q2', answer: 'no' }),
      ev({ type: 'assign', assignee: 'lee', role: 'secondary' }),
      ev({ type: 'decision', decision: 'adapt', secondary: true, author: 'lee' }),
      ev({ type: 'intended', source: '110', target: '112', reason: 'r' }),
      ev({ type: 'waiver', check: 'c1', reason: 'r', targetHash: 't' }),
    ])
      folder.apply(e);
    assert.deepEqual(before, copy);
    const after = folder.state(items[0]!);
    assert.equal(after.flags.length, 2);
    assert.deepEqual(
      after.flags[0]!.replies?.map((r) => r.note),
      ['again'],
    );
    assert.deepEqual(Object.keys(after.checklist), ['q1', 'q2']);
    assert.deepEqual(after.edited, { question: true, answer: false });
    assert.deepEqual(after.editors, ['lee']);
    assert.deepEqual(after.authors, ['kim', 'lee']);
    assert.deepEqual(Object.keys(after.secondaryDecisions), ['lee']);
    // A fresh item's empty lists are not shared with any other's: a new item starts empty.
    assert.deepEqual(folder.state({ id: 'other', sourceHash: 'h1' }).flags, []);
  });
});
