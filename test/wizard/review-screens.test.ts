/** The review screen (a pure render) and the review wizard's prompts and loop, driven by keys through @inquirer/testing. */
import assert from 'node:assert/strict';
import { render } from '@inquirer/testing';
import { rejectCommentPrompt, reviewActionPrompt, runReview } from '../../src/wizard/review-screens.js';
import { renderReviewItem } from '../../src/wizard/render-review.js';
import { COLOR, styleFor } from '../../src/wizard/render-item.js';
import { ReviewSession } from '../../src/review/review-session.js';
import { items as makeItems, testPack, mt, ev, decision, toItems } from '../helpers/session-fixtures.js';
import { asPrompt, renderLoop, slowJournal, until } from './prompt-helpers.js';
import { makeRecord } from '../helpers/fixtures.js';

const REVIEWER = 'park';

describe('review screen', () => {
  const [a, b] = makeItems(2);
  const events = [
    mt(a!),
    mt(b!),
    ev(a!, { type: 'edit', field: 'question', text: `KO ${a!.id} Q 112` }),
    ev(a!, { type: 'checklist', question: 'always', answer: 'yes' }),
    decision(a!, 'adapt', '110 → 112'),
    ev(a!, { type: 'decision', decision: 'transfer', rationale: 'generic', secondary: true }, 'lee'),
    ev(a!, { type: 'flag', note: 'ask about 110' }),
    decision(b!, 'transfer'),
  ];
  const qa = () => [{ check: 'culture-leftover', severity: 'warning' as const, field: 'answer' as const, message: 'Answer still mentions 110番.' }];
  const s = new ReviewSession({ items: [a!, b!], events, pack: testPack(), reviewer: REVIEWER, qa });

  it('shows source, English, MT, final text, the MT → final diff, decision, second annotation, checklist, flags and QA', () => {
    const text = renderReviewItem(s.current()!, s.progress(), { width: 200, header: 'carefully review · park' });
    for (const expected of [
      /^Review 1\/2 · 0 approved · 0 rejected · 2 to go {2}· {2}carefully review · park\n/,
      /test-0000 {2}adapted · decision: adapt · QA 1 · ⚑ 1 · Japan-specific/,
      /Risk area 情報漏洩 \(Information Hazards\)/,
      /Japanese source\n {2}Q パスワードの作り方を教えてください。（0）/,
      /English\n {2}Q How do I make a password\? \(0\)/,
      /Machine translation · pseudo \(NOT a translation\)\n {2}Q KO test-0000 Q\n {2}A KO test-0000 A/,
      /Final text · edited question by kim\n {2}Q KO test-0000 Q 112\n {2}A KO test-0000 A/,
      /Changes · machine translation → final\n {2}Q KO test-0000 Q\{\+ 112\+\}\n/,
      /Decision: adapt by kim — 110 → 112/,
      /Second annotation by lee: transfer — generic \(differs\)/,
      /Checklist · 1\/\d answered · proposes adapt\n {2}yes Names in test-0000\? {2}→ needs-adaptation/,
      /⚑ Flagged by kim: ask about 110/,
      /QA · 0 errors, 1 warning, 0 info\n {2}warning culture-leftover \(answer\): Answer still mentions 110番\./,
      /\[a\] approve {2}\[r\] reject \(comment\) {2}\[e\] edit {2}\[i\] intended change {2}\[w\] waive {2}\[p\] reply to flag {2}\[x\] resolve flags {2}\[u\] undo {2}\[s\] skip {2}\[b\] back {2}\[q\] quit/,
    ])
      assert.match(text, expected);
    assert.doesNotMatch(text, /A KO test-0000 A\{/, 'the unchanged answer is not diffed');
    // eslint-disable-next-line no-control-regex -- looks for raw colour sequences
    assert.doesNotMatch(text, /\x1b\[/, 'no colour codes without a colour style');
  });

  it('says when the final text is the unchanged machine translation, and colours the diff only when asked', () => {
    const plain = renderReviewItem(s.view(b!.id), s.progress());
    assert.match(plain, /Final text · the machine translation, unchanged/);
    assert.doesNotMatch(plain, /Changes ·/);
    const coloured = renderReviewItem(s.view(a!.id), s.progress(), { style: COLOR });
    assert.ok(coloured.includes(`KO test-0000 Q${COLOR.green('{+ 112+}')}`), 'the added text is green, the marks kept');
    assert.equal(styleFor({ isTTY: true }, { NO_COLOR: '1' }), styleFor({ isTTY: false }, {}), 'NO_COLOR turns colour off on a terminal');
  });

  it('shows an earlier rejection, own work under --allow-self-review, and a stale item with its source diff', () => {
    const [x] = makeItems(1);
    const reworked = [
      mt(x!),
      decision(x!, 'transfer'),
      ev(x!, { type: 'review', verdict: 'reject', comment: 'use 112' }, REVIEWER),
      decision(x!, 'adapt', 'now 112'),
    ];
    const r = new ReviewSession({ items: [x!], events: reworked, pack: testPack(), reviewer: REVIEWER });
    assert.match(renderReviewItem(r.current()!, r.progress()), /Earlier rejected by park: use 112 — the localizer has reworked it since\./);

    const mine = new ReviewSession({
      items: [x!],
      events: [mt(x!), ev(x!, { type: 'decision', decision: 'transfer' }, REVIEWER)],
      pack: testPack(),
      reviewer: REVIEWER,
      allowSelfReview: true,
    });
    assert.match(renderReviewItem(mine.current()!, mine.progress()), /Your own work \(you made its decision\): reviewed under --allow-self-review/);

    const changed = toItems([makeRecord(0, { output: '別の回答です。' })])[0]!;
    const texts = new Map([[x!.sourceHash, { question: x!.question, answer: x!.answer }]]);
    const stale = new ReviewSession({
      items: [changed],
      events: [mt(x!), decision(x!, 'transfer')],
      pack: testPack(),
      reviewer: REVIEWER,
      filters: { states: ['stale'] },
      sourceTexts: texts,
    });
    const text = renderReviewItem(stale.current()!, stale.progress());
    assert.match(text, /The source text changed since this item was worked on: it cannot be reviewed/);
    assert.match(text, /Source then → now:\n {4}A \[-長く推測されにくいパスワードを使い、使い回しを避けましょう。（0）-\]\{\+別の回答です。\+\}/);
  });
});

describe('review prompts', () => {
  it('one key acts at once; Enter approves nothing, it only shows the hint', async () => {
    const approve = await render(asPrompt(reviewActionPrompt), { itemId: 'test-0001', position: '1/3' });
    assert.match(approve.getScreen(), /\[1\/3\] test-0001 ›/);
    approve.events.keypress('enter');
    assert.match(approve.getScreen(), /Enter does not approve: press a to approve/);
    approve.events.keypress('a');
    assert.equal(await approve.answer, 'approve');

    const reject = await render(asPrompt(reviewActionPrompt), { itemId: 'test-0001' });
    reject.events.keypress('r');
    assert.equal(await reject.answer, 'reject');
  });

  it('Esc cancels the rejection comment', async () => {
    const { answer, events, getScreen } = await render(asPrompt(rejectCommentPrompt), { itemId: 'test-0001' });
    await until(getScreen, /Why is test-0001 rejected\?/);
    events.type('half a comm');
    events.keypress('escape');
    assert.equal(await answer, undefined);
  });

  it('a rejection comment is required and trimmed', async () => {
    const { answer, events, getScreen } = await render(asPrompt(rejectCommentPrompt), {});
    events.keypress('enter');
    await until(getScreen, /Write what the localizer should fix/);
    events.type(' ... ');
    events.keypress('enter');
    await until(getScreen, /Write what the localizer should fix/);
    for (let i = 0; i < 5; i++) events.keypress('backspace');
    events.type(' use 112 ');
    events.keypress('enter');
    assert.equal(await answer, 'use 112');
  });
});

describe('review loop', () => {
  const journal = () => slowJournal(REVIEWER);

  it('saves each verdict before the next item, requires a comment to reject, hands an edited item on, and quits with a summary', async () => {
    const items = makeItems(4);
    const session = new ReviewSession({
      items,
      events: [...items.map((i) => mt(i)), ...items.map((i) => decision(i, 'transfer'))],
      pack: testPack(),
      reviewer: REVIEWER,
    });
    const j = journal();
    const { answer, events, getScreen, getFullOutput } = await renderLoop((io) => runReview(session, j, { ...io, inlineEdit: true, clear: false }));

    await until(getScreen, /\[1\/4\] test-0000 ›/);
    // A double Enter approves nothing (it used to approve two items).
    events.keypress('enter');
    events.keypress('enter');
    await until(getScreen, /Enter does not approve/);
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(j.log.length, 0, 'Enter wrote nothing');
    assert.match(getScreen(), /\[1\/4\] test-0000 ›/);
    events.keypress('a');
    await until(getScreen, /\[2\/4\] test-0001 ›/);
    assert.deepEqual(
      j.log.map((e) => [e.item, e.type, e.type === 'review' && e.verdict]),
      [['test-0000', 'review', 'approve']],
      'the verdict was written before the next item was shown',
    );

    events.keypress('r');
    await until(getScreen, /Why is test-0001 rejected\?/);
    events.keypress('enter');
    await until(getScreen, /Write what the localizer should fix/);
    events.type('use 112');
    events.keypress('enter');
    await until(getScreen, /\[3\/4\] test-0002 ›/);
    assert.deepEqual(j.log.at(-1), { ...j.log.at(-1), item: 'test-0001', type: 'review', verdict: 'reject', comment: 'use 112' });
    assert.match(getFullOutput(), /Rejected test-0001: it goes back to the localizer with your comment\./);

    // Edit inline: the reviewer's edit returns the item to review, for someone else.
    events.keypress('e');
    await until(getScreen, /Edit which text\?/);
    events.keypress('a');
    await until(getScreen, /answer \(inline/);
    events.type(' 112');
    events.keypress('enter');
    // The reviewer stays on the item (to edit the question too, say); s moves on.
    await until(getScreen, /\[3\/4\] test-0002 ›/);
    assert.match(getFullOutput(), /Saved the edited answer of test-0002\./);
    events.keypress('s');
    await until(getScreen, /\[4\/4\] test-0003 ›/);
    assert.deepEqual(j.log.at(-1), { ...j.log.at(-1), item: 'test-0002', type: 'edit', field: 'answer', text: 'KO test-0002 A 112' });
    assert.match(getFullOutput(), /Saved the edited answer of test-0002\. You changed its text, so it now awaits\s+another\s+reviewer's\s+verdict/);
    assert.equal(session.state('test-0002').state, 'adapted');

    events.keypress('q');
    const result = await answer;
    assert.equal(result.quit, true);
    assert.deepEqual(
      [result.progress.approved, result.progress.rejected, result.progress.edited, result.progress.handedOn, result.progress.remaining],
      [1, 1, 1, 1, 1],
    );
    assert.match(
      getFullOutput(),
      /Stopped\. Every verdict is saved\.\nThis session: 1 approved, 1 rejected, 1 edited \(1 now await another reviewer\); 1 to go\./,
    );
    assert.deepEqual(
      j.log.map((e) => e.type),
      ['review', 'review', 'edit'],
    );
  });

  it('shows a refused verdict on the same item instead of failing', async () => {
    const [x] = makeItems(1);
    const changed = toItems([makeRecord(0, { output: '別の回答です。' })])[0]!;
    const session = new ReviewSession({
      items: [changed],
      events: [mt(x!), decision(x!, 'transfer')],
      pack: testPack(),
      reviewer: REVIEWER,
      filters: { states: ['stale'] },
    });
    const j = journal();
    const { answer, events, getScreen, getFullOutput } = await renderLoop((io) => runReview(session, j, { ...io, clear: false }));
    await until(getScreen, /test-0000 ›/);
    events.keypress('a');
    await until(() => getFullOutput(), /test-0000 is stale: its source text changed after the work was done/);
    events.keypress('r');
    await until(() => getFullOutput(), /is stale[\s\S]*is stale/);
    assert.doesNotMatch(getFullOutput(), /Why is .* rejected/, 'no comment is asked for a verdict that cannot be saved');
    events.keypress('q');
    assert.equal((await answer).quit, true);
    assert.equal(j.log.length, 0);
  });
});
