/** The wizard's prompts and its loop, driven by keys through @inquirer/testing (no terminal needed). */
import assert from 'node:assert/strict';
import { render } from '@inquirer/testing';
import { actionPrompt, checklistPrompt, decisionPrompt, editPrompt, runWizard } from '../../src/wizard/screens.js';
import { renderItem, displayWidth, screenRows, wordDiff, COLOR } from '../../src/wizard/render-item.js';
import { AdaptSession } from '../../src/adapt/adapt-session.js';
import { items as makeItems, testPack, mt, ev } from '../helpers/session-fixtures.js';
import { toItems } from '../helpers/session-fixtures.js';
import { asPrompt, renderLoop, slowJournal as journal, until } from './prompt-helpers.js';
import { makeRecord } from '../helpers/fixtures.js';
import type { JournalEvent } from '../../src/project/events.js';

describe('wizard prompts', () => {
  it('the action menu acts on one key, with no Enter', async () => {
    const { answer, events } = await render(asPrompt(actionPrompt), { itemId: 'test-0001', flagged: false });
    events.keypress('d');
    assert.equal(await answer, 'decide');
  });

  it('Enter and keys that mean nothing only show the hint; [r]esolve only for a flagged item', async () => {
    const plain = await render(asPrompt(actionPrompt), { itemId: 'x', flagged: false });
    plain.events.keypress('enter');
    assert.match(plain.getScreen(), /Keys act at once, no Enter needed/);
    plain.events.keypress('r');
    plain.events.keypress('q');
    assert.equal(await plain.answer, 'quit', 'r is not an action on an item without flags');

    const flagged = await render(asPrompt(actionPrompt), { itemId: 'x', flagged: true });
    flagged.events.keypress('r');
    assert.equal(await flagged.answer, 'unflag');
  });

  it('the decision prompt preselects the proposal and requires a rationale for adapt', async () => {
    const { answer, events, getScreen } = await render(asPrompt(decisionPrompt), { proposed: 'adapt', hasText: true });
    assert.match(getScreen(), /❯ adapt/);
    assert.match(getScreen(), /proposed by the checklist/);
    events.keypress('enter');
    await until(getScreen, /Rationale for adapt \(required\)/);
    events.keypress('enter');
    await until(getScreen, /needs a rationale/);
    events.type('110 → 112');
    events.keypress('enter');
    assert.deepEqual(await answer, { decision: 'adapt', rationale: '110 → 112' });
  });

  it('the decision prompt jumps by first letter; transfer takes an optional rationale', async () => {
    const { answer, events, getScreen } = await render(asPrompt(decisionPrompt), { proposed: 'adapt', hasText: true });
    events.type('t');
    await until(getScreen, /❯ transfer/);
    events.keypress('enter');
    await until(getScreen, /Rationale \(optional/);
    events.keypress('enter');
    assert.deepEqual(await answer, { decision: 'transfer' });
  });

  it('the decision prompt offers only drop for an item without text, and keeps a previous rationale', async () => {
    const { answer, events, getScreen } = await render(asPrompt(decisionPrompt), {
      proposed: 'adapt',
      hasText: false,
      current: { decision: 'drop', rationale: 'no counterpart' },
    });
    assert.match(getScreen(), /❯ drop/);
    assert.match(getScreen(), /adapt \(no target text yet\)/);
    events.keypress('up');
    events.keypress('enter');
    await until(getScreen, /Rationale for drop/);
    events.keypress('tab'); // take the previous rationale as the value
    events.keypress('enter');
    assert.deepEqual(await answer, { decision: 'drop', rationale: 'no counterpart' });
  });

  it('a checklist question shows its help and effects, and Enter keeps the recorded answer', async () => {
    const entry = { id: 'emergency', prompt: 'Emergency number?', help: 'Use 112.', effects: { yes: 'needs-adaptation', no: 'ok' }, answer: 'no' } as const;
    const r = await render(asPrompt(checklistPrompt), { entry, number: 2, count: 5 });
    assert.match(r.getFullOutput(), /Use 112\.\n\(yes → needs-adaptation, no → ok\)/);
    assert.match(r.getScreen(), /\[2\/5\] Emergency number\? \(y yes · n no · x n\/a · s skip · q done · Enter keeps\s+"no"\)/);
    r.events.keypress('enter');
    assert.equal(await r.answer, 'skip', 'Enter moves on, keeping the recorded answer');

    const x = await render(asPrompt(checklistPrompt), { entry: { ...entry, answer: undefined }, number: 1, count: 1 });
    x.events.keypress('enter');
    assert.match(x.getScreen(), /Press one of/, 'Enter on an unanswered question means nothing');
    x.events.keypress('x');
    assert.equal(await x.answer, 'n/a');

    const esc = await render(asPrompt(checklistPrompt), { entry, number: 1, count: 1 });
    esc.events.keypress('escape');
    assert.equal(await esc.answer, 'stop');
  });

  it('a checklist question with options offers them as number keys instead of y/n', async () => {
    const entry = {
      id: 'japan-specific-annotation',
      prompt: 'What is Japan-specific?',
      effects: { yes: 'needs-replacement', no: 'consider-drop' },
      options: [
        { id: 'names-facts', label: 'names and facts only', effect: 'needs-adaptation' },
        { id: 'shared', label: 'shared by both cultures', effect: 'ok' },
      ],
    } as const;
    const r = await render(asPrompt(checklistPrompt), { entry: { ...entry, options: [...entry.options] }, number: 1, count: 1 });
    assert.match(r.getFullOutput(), /\(names and facts only → needs-adaptation, shared by both cultures → ok\)/);
    assert.match(r.getScreen(), /\(1 names and facts only · 2 shared by both\s+cultures · x n\/a · s skip · q done\)/);
    r.events.keypress('y');
    assert.match(r.getScreen(), /Press one of/, 'y means nothing on a question with options');
    r.events.keypress('2');
    assert.equal(await r.answer, 'shared');
  });

  it('inline editing starts from the current text and keeps line breaks as \\n', async () => {
    const { answer, events, getScreen } = await render(asPrompt(editPrompt), { field: 'answer', current: '첫 줄\n둘째 줄', inline: true });
    assert.match(getScreen(), /첫 줄\\n둘째 줄/);
    events.type(' 112');
    events.keypress('enter');
    assert.equal(await answer, '첫 줄\n둘째 줄 112');
  });
});

describe('item screen', () => {
  const items = makeItems(2);
  const s = new AdaptSession({ items, events: items.map((i) => mt(i)), pack: testPack(), author: 'tester' });

  it('shows position, taxonomy in both languages, source, English, MT label, suggestions and the checklist', () => {
    s.goTo(items[1]!.id);
    const text = renderItem(s.current()!, s.progress(), { width: 200 });
    for (const expected of [
      /Item 2\/2 · 0 decided · 2 to go/,
      /test-0001 {2}translated · undecided · not Japan-specific/,
      /Risk area 悪用 \(Malicious Uses\) · Harm type 違法行為への加担 \(Assisting illegal activities\) · Specific harm 違法金銭行為/,
      /Q 110番に電話するのはどんな時ですか。（1）/,
      /Q When should I call 110\? \(1\)/,
      /Machine translation · pseudo \(NOT a translation\)/,
      /Q KO test-0001 Q/,
      /110番 → 112 \(경찰\)/,
      /Checklist · 0\/4 answered · proposes transfer/,
      /1\. · {3}Names in test-0001\?/,
      /Help for test-0001\. Found: 110番 → 112/,
      /\[a\] accept \(transfer\) {2}\[e\] edit [\s\S]*\[q\] quit/,
    ])
      assert.match(text, expected);
    assert.doesNotMatch(text, /\[r\]/, 'no resolve key without flags');
    assert.doesNotMatch(text, /Target text/, 'no edited text yet');
  });

  it('drops the help lines when the screen would not fit the terminal', () => {
    const v = s.view(items[1]!.id);
    const tall = renderItem(v, s.progress(), { width: 200, height: 200 });
    const short = renderItem(v, s.progress(), { width: 200, height: 20 });
    assert.match(tall, /Help for test-0001/);
    assert.doesNotMatch(short, /Help for test-0001/);
    assert.match(short, /Names in test-0001\?/);
  });

  it('shows edits, the decision, flags and a rejection', () => {
    const [a] = makeItems(1);
    const events = [
      mt(a!),
      ev(a!, { type: 'edit', field: 'question', text: '고친 질문' }),
      ev(a!, { type: 'decision', decision: 'adapt', rationale: 'names' }),
      ev(a!, { type: 'review', verdict: 'reject', comment: 'use 112' }, 'lee'),
      ev(a!, { type: 'flag', note: 'ask about 110' }),
    ];
    const x = new AdaptSession({ items: [a!], events, pack: testPack(), author: 'tester' });
    const text = renderItem(x.current()!, x.progress());
    assert.match(text, /Target text · edited question\n {2}Q 고친 질문\n {2}A KO test-0000 A/);
    assert.match(text, /Decision: adapt by kim — names/);
    assert.match(text, /Rejected by lee: use 112 — rework it and decide again/);
    assert.match(text, /⚑ Flagged by kim: ask about 110/);
    assert.match(text, /\[r\] resolve flags/);
  });

  it('shows both sides of a decision conflict and queues the item as unfinished', () => {
    const [a] = makeItems(1);
    // Version 2 decisions that saw no other decision: neither author saw the other's.
    const side = (author: string, ts: string, decision: string, rationale: string) =>
      ({ ...ev(a!, { type: 'decision', decision, rationale }, author), v: 2, c: 0, ts }) as JournalEvent;
    const events = [mt(a!), side('kim', '2026-05-01T00:00:00.000Z', 'adapt', '110 → 112'), side('lee', '2026-05-01T00:00:01.000Z', 'drop', 'no counterpart')];
    const x = new AdaptSession({ items: [a!], events, pack: testPack(), author: 'tester' });
    assert.equal(x.currentId, a!.id, 'a conflict is unfinished work');
    const text = renderItem(x.current()!, x.progress());
    assert.match(
      text,
      /Conflict: 2 decisions made without seeing each other\n {2}adapt by kim at 2026-05-01T00:00:00\.000Z — 110 → 112\n {2}drop by lee at 2026-05-01T00:00:01\.000Z — no counterpart/,
    );
    assert.match(text, /Decide again \(\[d\]\) to settle it/);
    assert.doesNotMatch(text, /Decision: drop by lee/);
  });

  it('says a stale item changed, with a diff of the machine translations when both exist', () => {
    const old = makeItems(1)[0]!;
    const changed = toItems([makeRecord(0, { text: '別の質問です。' })])[0]!;
    const events = [mt(old, { question: '옛 질문 입니다' }), ev(old, { type: 'decision', decision: 'transfer' })];
    const noNew = new AdaptSession({ items: [changed], events, pack: testPack(), author: 'tester' });
    const t1 = renderItem(noNew.current()!, noNew.progress());
    assert.match(t1, /The source text changed since this item was worked on/);
    assert.match(t1, /rerun `carefully translate`/);
    const withNew = new AdaptSession({
      items: [changed],
      events: [...events, mt(changed, { question: '새 질문 입니다' })],
      pack: testPack(),
      author: 'tester',
    });
    const t2 = renderItem(withNew.current()!, withNew.progress());
    assert.match(t2, /Q \[-옛-\]\{\+새\+\} 질문 입니다/);
    // With the old source text kept by the project, the source itself is diffed (by character for Japanese).
    const texts = new Map([[old.sourceHash, { question: old.question, answer: old.answer }]]);
    const withSource = new AdaptSession({ items: [changed], events, pack: testPack(), author: 'tester', sourceTexts: texts });
    const t3 = renderItem(withSource.current()!, withSource.progress());
    assert.match(t3, /Source then → now:\n {4}Q \[-パスワードの作り方を教えてください。（0）-\]\{\+別の質問です。\+\}/);
    assert.doesNotMatch(t3, /^ {4}A /m, 'the unchanged answer is not diffed');
  });

  it('measures wide characters as two columns', () => {
    assert.equal(displayWidth('ab'), 2);
    assert.equal(displayWidth('日本'), 4);
    assert.equal(displayWidth('한국어'), 6);
    assert.equal(displayWidth(COLOR.bold('ab')), 2);
    assert.equal(screenRows('日本語日本語', 4), 3);
    assert.equal(wordDiff('a b', 'a c'), 'a [-b-]{+c+}');
  });
});

describe('wizard loop', () => {
  it('saves each answer before the next prompt, moves on after a decision, and quits with a summary', async () => {
    const items = makeItems(3);
    const session = new AdaptSession({ items, events: items.map((i) => mt(i)), pack: testPack(), author: 'tester' });
    const j = journal();
    const { answer, events, getScreen, getFullOutput } = await renderLoop((io) => runWizard(session, j, { ...io, inlineEdit: true, clear: false }));

    await until(getScreen, /test-0000 ›/);
    events.type('a');
    events.keypress('enter');
    await until(getScreen, /test-0001 ›/);
    assert.deepEqual(
      j.log.map((e) => [e.item, e.type]),
      [['test-0000', 'decision']],
      'the transfer was written before the next item was shown',
    );

    // Checklist: answer the first question, then stop.
    events.type('c');
    events.keypress('enter');
    await until(getScreen, /\[1\/4\] Names in test-0001\?/);
    events.type('y');
    events.keypress('enter');
    await until(getScreen, /\[2\/4\] Laws differ\?/);
    assert.equal(j.log.at(-1)?.type, 'checklist', 'the answer is saved before the next question');
    events.type('q');
    events.keypress('enter');
    await until(getScreen, /test-0001 ›/);
    assert.match(getFullOutput(), /1 checklist answer\(s\) saved; 1\/4 answered\. The checklist proposes: adapt\./);

    // Edit the question inline.
    events.type('e');
    events.keypress('enter');
    await until(getScreen, /Edit which text\?/);
    events.type('q');
    events.keypress('enter');
    await until(getScreen, /question \(inline/);
    events.type(' 112');
    events.keypress('enter');
    await until(getScreen, /test-0001 ›/);
    assert.deepEqual(j.log.at(-1), { ...j.log.at(-1), type: 'edit', field: 'question', text: 'KO test-0001 Q 112' });

    // The checklist starts again at the first unanswered question.
    events.type('c');
    events.keypress('enter');
    await until(getScreen, /\[2\/4\] Laws differ\?/);
    events.type('q');
    events.keypress('enter');
    await until(getScreen, /test-0001 ›/);

    // Decide: adapt is proposed; the rationale is required.
    events.type('d');
    events.keypress('enter');
    await until(getScreen, /❯ adapt/);
    events.keypress('enter');
    await until(getScreen, /Rationale for adapt/);
    events.type('110 → 112');
    events.keypress('enter');
    await until(getScreen, /test-0002 ›/);
    assert.match(getFullOutput(), /Saved test-0001: adapt\./);

    events.type('q');
    events.keypress('enter');
    const result = await answer;
    assert.equal(result.quit, true);
    assert.equal(result.progress.decided, 2);
    assert.match(getFullOutput(), /Stopped\. Everything answered is saved\./);
    assert.deepEqual(
      j.log.map((e) => e.type),
      ['decision', 'checklist', 'edit', 'decision'],
    );
    assert.equal(session.state('test-0001').decision?.rationale, '110 → 112');
  });

  it('shows a refused action on the same item instead of failing', async () => {
    const items = makeItems(1);
    const session = new AdaptSession({ items, events: [], pack: testPack(), author: 'tester' }); // no MT yet
    const j = journal();
    const { answer, events, getScreen, getFullOutput } = await renderLoop((io) => runWizard(session, j, { ...io, clear: false }));
    await until(getScreen, /test-0000 ›/);
    events.type('a');
    events.keypress('enter');
    await until(() => getFullOutput(), /Cannot decide "transfer": the item has no target text yet/);
    await until(getScreen, /test-0000 ›/);
    assert.equal(j.log.length, 0);
    events.type('q');
    events.keypress('enter');
    assert.equal((await answer).quit, true);
  });

  it('g goes to an ID, / searches the texts, n goes to the next item with QA findings; misses are told on the same item', async () => {
    const items = makeItems(3);
    const session = new AdaptSession({
      items,
      events: items.map((i) => mt(i)),
      pack: testPack(),
      author: 'tester',
      qa: (item) => (item.id === 'test-0001' ? [{ check: 'length', severity: 'warning', message: 'long' } as never] : []),
    });
    const { answer, events, getScreen, getFullOutput } = await renderLoop((io) => runWizard(session, journal(), { ...io, clear: false }));
    await until(getScreen, /test-0000 ›/);
    events.type('g');
    await until(getScreen, /Go to item ID/);
    events.type('test-0002');
    events.keypress('enter');
    await until(getScreen, /test-0002 ›/);
    events.type('g');
    await until(getScreen, /Go to item ID/);
    events.type('nope');
    events.keypress('enter');
    await until(() => getFullOutput(), /"nope" is not in this session's queue/);
    events.type('n');
    await until(getScreen, /test-0001 ›/);
    events.type('n');
    await until(() => getFullOutput(), /No other item of this session has QA findings\./);
    events.type('/');
    await until(getScreen, /Search the source, English and target texts/);
    events.type('ko TEST-0000');
    events.keypress('enter');
    await until(getScreen, /test-0000 ›/);
    events.type('/');
    await until(getScreen, /Search the source/);
    events.type('zzz');
    events.keypress('enter');
    await until(() => getFullOutput(), /No other item of this session contains "zzz"\./);
    await until(getScreen, /test-0000 ›/);
    events.type('q');
    assert.equal((await answer).quit, true);
  });

  it('reports each item as it is first shown (for the per-author cursor)', async () => {
    const items = makeItems(3);
    const session = new AdaptSession({ items, events: items.map((i) => mt(i)), pack: testPack(), author: 'tester' });
    const shown: string[] = [];
    const { answer, events, getScreen } = await renderLoop((io) => runWizard(session, journal(), { ...io, clear: false, onShow: (id) => shown.push(id) }));
    await until(getScreen, /test-0000 ›/);
    events.keypress('enter'); // only the hint: the same item, not shown anew
    await until(getScreen, /Keys act at once/);
    events.type('s');
    await until(getScreen, /test-0001 ›/);
    events.type('q');
    await answer;
    assert.deepEqual(shown, ['test-0000', 'test-0001']);
  });
});
