/** A locale pack's checklist text per interface language (`i18n`): shown in that language, English otherwise, checked like the English text. */
import assert from 'node:assert/strict';
import { DataError } from '../../src/errors.js';
import { withLanguage } from '../../src/i18n.js';
import { clearLocalePackCache, loadLocalePack } from '../../src/locale/locale-pack.js';
import { itemDetails } from '../../src/session/item-details.js';
import { TempDir } from '../helpers/fixtures.js';
import { item, minimalPack, packDir } from './helpers.js';

const question = (extra: Record<string, unknown> = {}) => ({
  id: 'q1',
  prompt: 'Is {{item.id}} fine?',
  help: 'English help.',
  effects: { yes: 'ok', no: 'needs-edit' },
  ...extra,
});

describe('locale packs: checklist text per interface language', () => {
  let tmp: TempDir;
  beforeEach(() => {
    tmp = new TempDir();
    clearLocalePackCache();
  });
  afterEach(() => tmp.remove());

  const load = (checklist: unknown[]) => {
    clearLocalePackCache(); // packs are cached by tag
    return loadLocalePack('xx', { dir: packDir(tmp.path, { xx: minimalPack('xx', { checklist }) }) }).pack;
  };
  const entry = (pack: ReturnType<typeof load>, id: string) => itemDetails(pack, item(), { checklist: {} }).checklist.find((q) => q.id === id)!;

  it('shows the prompt, help and option labels of the run language, rendered like the English ones', () => {
    const pack = load([
      question({ i18n: { ko: { prompt: '{{item.id}} 괜찮나요?', help: '한국어 도움말.' } } }),
      {
        id: 'q2',
        prompt: 'Which?',
        effects: { yes: 'ok', no: 'ok' },
        options: [
          { id: 'one', label: 'the first', effect: 'ok' },
          { id: 'two', label: 'the second', effect: 'consider-drop' },
        ],
        i18n: { ko: { prompt: '어느 쪽인가요?', options: { two: '두 번째' } } },
      },
      { id: 'q3', prompt: 'Only in English?', effects: { yes: 'ok', no: 'ok' } },
    ]);
    const ko = withLanguage('ko', () => ({ q1: entry(pack, 'q1'), q2: entry(pack, 'q2'), q3: entry(pack, 'q3') }));
    assert.equal(ko.q1.prompt, 'synthetic-001 괜찮나요?');
    assert.equal(ko.q1.help, '한국어 도움말.');
    assert.equal(ko.q2.prompt, '어느 쪽인가요?');
    // A label not given in Korean stays English; IDs and effects never change.
    assert.deepEqual(ko.q2.options, [
      { id: 'one', label: 'the first', effect: 'ok' },
      { id: 'two', label: '두 번째', effect: 'consider-drop' },
    ]);
    assert.equal(ko.q3.prompt, 'Only in English?');

    const en = withLanguage('en', () => entry(pack, 'q1'));
    assert.equal(en.prompt, 'Is synthetic-001 fine?');
    assert.equal(en.help, 'English help.');
    assert.equal(entry(pack, 'q2').options![1]!.label, 'the second');
  });

  it('a target question that rewrites the English text does not inherit the base pack’s translation of the old one', () => {
    const base = loadLocalePack('base').pack.checklist.find((q) => q.id === 'same-specific-harm')!;
    assert.ok(base.i18n?.ko?.prompt, 'the base pack ships a Korean prompt');
    const rewritten = load([{ id: 'same-specific-harm', prompt: 'A new English prompt?' }]);
    assert.equal(withLanguage('ko', () => entry(rewritten, 'same-specific-harm')).prompt, 'A new English prompt?');
    const inherited = load([{ id: 'same-specific-harm', effects: { yes: 'ok', no: 'needs-replacement' } }]);
    assert.equal(withLanguage('ko', () => entry(inherited, 'same-specific-harm')).prompt, base.i18n.ko.prompt.replace(/\{\{#if[^]*\{\{\/if\}\}/u, ''));
  });

  it('rejects a broken template, an unknown option and a misspelt field, by path', () => {
    const err = (checklist: unknown[]) => {
      try {
        load(checklist);
      } catch (e) {
        if (e instanceof DataError) return e.problems.map((p) => `${p.field}: ${p.message}`);
        throw e;
      }
      assert.fail('the pack was accepted');
    };
    assert.match(err([question({ i18n: { ko: { help: '{{#if item}}' } } })]).join('\n'), /checklist\[0\]\.i18n\.ko\.help: is not a valid handlebars template/);
    const options = [
      { id: 'one', label: 'one', effect: 'ok' },
      { id: 'two', label: 'two', effect: 'ok' },
    ];
    assert.match(
      err([question({ options, i18n: { ko: { options: { three: '셋' } } } })]).join('\n'),
      /checklist\[0\]\.i18n\.ko\.options\.three: names no option of this question/,
    );
    assert.match(err([question({ i18n: { ko: { promt: '오타' } } })]).join('\n'), /checklist\[0\]\.i18n\.ko/);
    assert.match(err([question({ i18n: { Korean: { prompt: '한국어' } } })]).join('\n'), /checklist\[0\]\.i18n/);
  });

  it('the shipped Korean pack has a Korean prompt for every question a Korean project asks', () => {
    const pack = loadLocalePack('ko').pack;
    const without = pack.checklist.filter((q) => !q.i18n?.ko?.prompt).map((q) => q.id);
    assert.deepEqual(without, []);
    assert.ok(pack.checklist.every((q) => /[가-힣]/u.test(q.i18n!.ko!.prompt!)));
  });
});
