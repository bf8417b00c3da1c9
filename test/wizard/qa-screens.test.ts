/** QA where the localizer works (issue #10, item 4): findings and glossary on the adapt screen, a confirmed transfer. */
import assert from 'node:assert/strict';
import { render } from '@inquirer/testing';
import { AdaptSession } from '../../src/adapt/adapt-session.js';
import { renderItem } from '../../src/wizard/render-item.js';
import { confirmTransferPrompt } from '../../src/wizard/qa-prompts.js';
import { checkItem } from '../../src/qa/run-checks.js';
import { qaInputFor } from '../../src/qa/project-qa.js';
import { splitWaived } from '../../src/qa/waivers.js';
import { items as makeItems, testPack, mt, ev } from '../helpers/session-fixtures.js';
import { asPrompt } from './prompt-helpers.js';

function session(extra: Parameters<typeof ev>[1][] = []) {
  const pack = { ...testPack(), glossary: [{ source: 'password', target: '비밀번호' }] };
  const [item] = makeItems(1);
  const events = [mt(item!, { question: '비밀번호는 어떻게 만드나요? (0)', answer: '비밀번호는 길게 쓰세요. (0) 3번' }), ...extra.map((e) => ev(item!, e))];
  const env = { pack, sourceLanguage: 'ja', targetLanguage: 'ko' };
  return new AdaptSession({
    items: [item!],
    events,
    pack,
    author: 'tester',
    qa: (i, s) => {
      const input = qaInputFor(i, s, env);
      return splitWaived(input ? checkItem(input, { pack }) : [], s).open;
    },
  });
}

describe('adapt screen: QA and glossary', () => {
  it('shows the current QA findings and the glossary terms that apply', () => {
    const s = session();
    const text = renderItem(s.current()!, s.progress(), { width: 200 });
    assert.match(text, /Glossary\n {2}password → 비밀번호/);
    assert.match(text, /QA · 1 error, .*\n {2}error {3}numbers \(answer\): Answer has number "3"/);
  });

  it('a waived finding leaves the screen and is listed as waived', () => {
    const s = session();
    const events = s.eventsFor({ type: 'waive', check: 'numbers', field: 'answer', reason: 'a count' });
    s.commit(events.map((e) => ev(s.current()!.item, e as Record<string, unknown>)));
    const text = renderItem(s.current()!, s.progress(), { width: 200 });
    assert.doesNotMatch(text, /error {3}numbers/);
    assert.match(text, /Waived: numbers \(answer\) — a count \(kim\)/);
  });

  it('names what speaks against a transfer: QA errors, and a checklist proposing adapt', () => {
    const s = session();
    assert.deepEqual(s.transferConcerns(s.currentId!), ['1 QA error(s) remain (numbers)']);
    const answered = session([{ type: 'checklist', question: 'always', answer: 'yes' }]);
    assert.deepEqual(answered.transferConcerns(answered.currentId!), ['the checklist answers propose "adapt"', '1 QA error(s) remain (numbers)']);
  });

  it('the transfer confirmation defaults to no', async () => {
    const { answer, events, getScreen } = await render(asPrompt(confirmTransferPrompt), ['1 QA error(s) remain (numbers)']);
    assert.match(getScreen(), /Accept as transfer although 1 QA error\(s\) remain \(numbers\)\? \(y\/N\)/);
    events.keypress('enter');
    assert.equal(await answer, false);
  });
});
