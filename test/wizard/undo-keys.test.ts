/** The wizards' u (undo) and m (revert to MT) keys, and the ? help listing every key, driven through @inquirer/testing. */
import assert from 'node:assert/strict';
import { runWizard } from '../../src/wizard/screens.js';
import { runReview } from '../../src/wizard/review-screens.js';
import { MENU } from '../../src/wizard/render-item.js';
import { REVIEW_MENU } from '../../src/wizard/render-review.js';
import { AdaptSession } from '../../src/adapt/adapt-session.js';
import { ReviewSession } from '../../src/review/review-session.js';
import { items as makeItems, testPack, mt, decision } from '../helpers/session-fixtures.js';
import { renderLoop, slowJournal, until } from './prompt-helpers.js';
import { helpText } from '../../src/wizard/wizard-loop.js';
import { screenRows } from '../../src/wizard/render-item.js';
import { run } from '../helpers/cli.js';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

describe('wizard keys: undo, revert, help', () => {
  it('adapt: u undoes the last action on the item, m reverts to the machine translation, ? lists every key', async () => {
    const items = makeItems(2);
    const session = new AdaptSession({ items, events: items.map((i) => mt(i)), pack: testPack(), author: 'tester' });
    const j = slowJournal('tester');
    const { answer, events, getScreen, getFullOutput } = await renderLoop((io) => runWizard(session, j, { ...io, inlineEdit: true, clear: false }));
    const id = items[0]!.id;

    await until(getScreen, /test-0000 ›/);
    events.type('?');
    await until(getFullOutput, /u {2}undo your last action on this item/);
    const help = getFullOutput();
    // unflag shows only on a flagged item, suggest only with a model configured (WizardOptions.suggest).
    for (const m of MENU.filter((e) => e.action !== 'unflag' && e.action !== 'suggest'))
      assert.match(help, new RegExp(`^\\s*${escape(m.key)} {2}${escape(m.label)}`, 'm'), m.key);
    assert.match(help, /1 2 3 4 5 6 7 8 {2}show one pane on its own/);
    assert.match(help, /Esc {2}show all panes again/);

    // Accept, go back, undo: the decision is gone, and the journal has one more event.
    events.type('a');
    await until(getScreen, /test-0001 ›/);
    events.type('b');
    await until(getScreen, /test-0000 ›/);
    events.type('u');
    await until(getFullOutput, /Undid your decision "transfer" on test-0000/);
    assert.deepEqual(
      j.log.map((e) => e.type),
      ['decision', 'undo'],
    );
    assert.equal(session.state(id).decision, undefined);
    events.type('u');
    await until(getFullOutput, /Nothing of tester's to undo on test-0000/);

    // Edit, then revert to the MT: an edit event restoring it.
    events.type('e');
    await until(getScreen, /Edit which text\?/);
    events.type('a');
    await until(getScreen, /answer \(inline/);
    for (let k = 0; k < 40; k++) events.keypress('backspace');
    events.type('새 답');
    events.keypress('enter');
    await until(getFullOutput, /Saved the edited answer/);
    events.type('m');
    await until(getFullOutput, /Reverted test-0000 to the machine translation/);
    assert.equal(session.state(id).answer, `KO ${id} A`);
    events.type('m');
    await until(getFullOutput, /already the machine translation; nothing to revert/);
    events.type('q');
    assert.equal((await answer).quit, true);
  });

  it('review: u takes back a verdict (after b), and the item awaits a verdict again', async () => {
    const items = makeItems(2);
    const session = new ReviewSession({
      items,
      events: [...items.map((i) => mt(i)), ...items.map((i) => decision(i, 'transfer'))],
      pack: testPack(),
      reviewer: 'park',
    });
    const j = slowJournal('park');
    const { answer, events, getScreen, getFullOutput } = await renderLoop((io) => runReview(session, j, { ...io, clear: false }));
    await until(getScreen, /test-0000 ›/);
    events.type('a');
    await until(getScreen, /test-0001 ›/);
    events.type('b');
    await until(getScreen, /test-0000 ›/);
    events.type('u');
    await until(getFullOutput, /Undid your verdict "approve" on test-0000/);
    assert.equal(session.state(items[0]!.id).state, 'adapted');
    assert.equal(session.progress().approved, 0);
    events.type('?');
    await until(getFullOutput, /Esc {2}show all panes again/);
    for (const m of REVIEW_MENU) assert.match(getFullOutput(), new RegExp(`^\\s*${escape(m.key)} {2}${escape(m.label)}`, 'm'), m.key);
    events.type('q');
    assert.equal((await answer).quit, true);
  });

  it('? on a small terminal (80x24): every key in a few lines, so the head stays on the screen', () => {
    const small = helpText(MENU, { columns: 80, rows: 24 });
    assert.ok(screenRows(small, 80) <= 8, small);
    for (const m of MENU) assert.match(small, new RegExp(`(^|· )${escape(m.key)} ${escape(m.short)}( ·|$)`, 'm'), m.key);
    assert.match(small, /1 Japanese source · 2 English/);
    assert.match(small, /Esc cancels a prompt/);
    const large = helpText(MENU, { columns: 160, rows: 50 });
    assert.match(large, /^u {2}undo your last action on this item/m, 'the long form where it fits');
  });

  it('adapt --help and review --help name every single-key action', async () => {
    const adapt = (await run(['adapt', '--help'])).stdout.replace(/\s+/g, ' ');
    const review = (await run(['review', '--help'])).stdout.replace(/\s+/g, ' ');
    for (const [text, menu] of [
      [adapt, MENU],
      [review, REVIEW_MENU],
    ] as const) {
      for (const m of menu) assert.match(text, new RegExp(`[ (,]${escape(m.key)} [a-z]`), `${m.key} (${m.action})`);
      assert.match(text, /1-8 show one pane on its own \(Space\/PgDn, PgUp page it; Esc shows all\), \? help/);
    }
    assert.match(adapt, /u undo your last action/);
    assert.match(adapt, /m revert to the machine translation/);
    assert.match(review, /u undo your last action/);
  });
});
