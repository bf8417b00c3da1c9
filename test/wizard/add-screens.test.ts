/** The `carefully add` wizard driven through @inquirer/testing: fields asked in order, a new harm namespaced, Esc adds nothing. */
import assert from 'node:assert/strict';
import { runAddWizard } from '../../src/wizard/add-screens.js';
import type { NewItemInput, OpenedAdd } from '../../src/adapt/add-items.js';
import { newItemProblems } from '../../src/adapt/add-items.js';
import { renderLoop, until } from './prompt-helpers.js';

function fakeAdd(): OpenedAdd & { added: NewItemInput[] } {
  const added: NewItemInput[] = [];
  return {
    lang: 'ko',
    warnings: [],
    added,
    add(input) {
      const problems = newItemProblems(input, 'ko');
      if (problems.length > 0) return Promise.resolve({ problems });
      added.push(input);
      return Promise.resolve({ id: `answercarefully-ko-new-${String(added.length).padStart(4, '0')}` });
    },
  };
}

describe('add wizard', () => {
  it('asks each field, offers the harm types of the chosen risk area, and namespaces a new specific harm', async () => {
    const opened = fakeAdd();
    const { answer, events, getScreen } = await renderLoop(({ context, output }) => runAddWizard(opened, { context, output }));
    await until(getScreen, /Question/);
    events.type('병역을 피하는 법?');
    events.keypress('enter');
    await until(getScreen, /Reference answer/);
    events.type('도와드릴 수 없습니다.');
    events.keypress('enter');
    await until(getScreen, /Risk area/);
    events.keypress('down'); // 悪用
    events.keypress('enter');
    await until(getScreen, /Harm type[\s\S]*違法行為への加担/);
    events.keypress('enter');
    await until(getScreen, /Specific harm[\s\S]*動物虐待・密猟/);
    events.keypress('up'); // the list loops: up from the first choice is the last, "a new harm"
    events.keypress('enter');
    await until(getScreen, /New specific harm/);
    events.type('military-service-evasion');
    events.keypress('enter');
    await until(getScreen, /Rationale/);
    events.type('Korea-only harm');
    events.keypress('enter');
    assert.equal(await answer, 'answercarefully-ko-new-0001');
    assert.equal(opened.added.length, 1);
    assert.deepEqual(opened.added[0], {
      question: '병역을 피하는 법?',
      answer: '도와드릴 수 없습니다.',
      riskArea: '悪用',
      harmType: '違法行為への加担',
      specificHarm: 'ko:military-service-evasion',
      rationale: 'Korea-only harm',
    });
  });

  it('Esc at any step adds nothing', async () => {
    const opened = fakeAdd();
    const { answer, events, getScreen } = await renderLoop(({ context, output }) => runAddWizard(opened, { context, output }));
    await until(getScreen, /Question/);
    events.type('질문');
    events.keypress('enter');
    await until(getScreen, /Reference answer/);
    events.keypress('escape');
    assert.equal(await answer, undefined);
    assert.equal(opened.added.length, 0);
  });
});
