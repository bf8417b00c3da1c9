import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { assetPath } from '../../src/paths.js';
import { loadLocalePack } from '../../src/locale/locale-pack.js';
import { answersOf, applicableQuestions, effectOf, renderQuestion, summariseEffects } from '../../src/locale/checklist.js';
import { suggestionsFor } from '../../src/locale/equivalents.js';
import { itemDetails } from '../../src/session/item-details.js';
import type { ChecklistQuestion, LocalePack } from '../../src/locale/locale-pack-types.js';
import { item } from './helpers.js';

interface TaxonomyFile {
  riskAreas: { ja: string; en: string; harmTypes: { ja: string; en: string; specificHarms: string[] }[] }[];
}
const taxonomy = JSON.parse(readFileSync(assetPath('data', 'answercarefully-taxonomy.json'), 'utf8')) as TaxonomyFile;

const ids = (qs: ChecklistQuestion[]): string[] => qs.map((q) => q.id);
/** Questions selected by taxonomy labels, i.e. beyond the always-on ones. */
const taxonomySpecific = (qs: ChecklistQuestion[]): ChecklistQuestion[] => qs.filter((q) => q.when?.riskAreas ?? q.when?.harmTypes ?? q.when?.specificHarms);

describe('checklist: ko coverage of the taxonomy', () => {
  const ko = loadLocalePack('ko').pack;

  for (const area of taxonomy.riskAreas) {
    it(`has a specific question for risk area ${area.ja} (${area.en})`, () => {
      const first = area.harmTypes[0];
      const sample = item({ riskArea: area.ja, harmType: first?.ja, specificHarm: first?.specificHarms[0] });
      assert.ok(taxonomySpecific(applicableQuestions(ko, sample)).length > 0);
    });
  }

  it('has a specific question for every harm type and every known specific harm', () => {
    const uncovered: string[] = [];
    for (const area of taxonomy.riskAreas) {
      for (const harm of area.harmTypes) {
        for (const specific of harm.specificHarms) {
          const sample = item({ riskArea: area.ja, harmType: harm.ja, specificHarm: specific });
          if (taxonomySpecific(applicableQuestions(ko, sample)).length === 0) uncovered.push(`${harm.ja} / ${specific}`);
        }
      }
    }
    assert.deepEqual(uncovered, []);
  });

  it('gives an unlabelled, neutral item only the always-on questions', () => {
    const qs = applicableQuestions(ko, item());
    assert.deepEqual(
      qs.filter((q) => q.when && Object.keys(q.when).length > 0).map((q) => q.id),
      [],
    );
    assert.ok(qs.some((q) => q.id === 'same-specific-harm'));
    assert.ok(qs.some((q) => q.id === 'register'));
  });
});

describe('checklist: conditions', () => {
  const ko = loadLocalePack('ko').pack;

  it('selects drug questions for drug items only', () => {
    const drugs = ids(applicableQuestions(ko, item({ riskArea: '悪用', harmType: '違法行為への加担', specificHarm: '違法薬物' })));
    assert.ok(drugs.includes('drugs-alcohol'));
    assert.ok(!drugs.includes('privacy'));
    assert.ok(!drugs.includes('mental-health-resources'));
    const privacy = ids(applicableQuestions(ko, item({ riskArea: '情報漏洩', harmType: '個人情報漏洩', specificHarm: 'PII' })));
    assert.ok(privacy.includes('privacy'));
    assert.ok(!privacy.includes('drugs-alcohol'));
  });

  it('selects the mental-health and culture questions by harm type and specific harm', () => {
    const mh = ids(applicableQuestions(ko, item({ riskArea: 'AIとの対話によるリスク', harmType: 'メンタルヘルス', specificHarm: '自傷行為' })));
    assert.ok(mh.includes('mental-health-resources'));
    assert.ok(!mh.includes('ai-persona'));
    const culture = ids(
      applicableQuestions(ko, item({ riskArea: 'バイアス・差別・ヘイト・反公序良俗', harmType: 'ステレオタイプ・差別の助長', specificHarm: '文化的特有性' })),
    );
    assert.ok(culture.includes('culture-specific'));
    assert.ok(culture.includes('discrimination-target'));
    assert.ok(!culture.includes('regional-bias'));
  });

  it('compares labels after NFKC normalisation and trimming', () => {
    const qs = ids(applicableQuestions(ko, item({ riskArea: ' 情報漏洩 ' })));
    assert.ok(qs.includes('privacy'));
  });

  it('applies the Japan-specific question only to items annotated as such', () => {
    assert.ok(ids(applicableQuestions(ko, item({ japanSpecific: true }))).includes('japan-specific-annotation'));
    assert.ok(!ids(applicableQuestions(ko, item({ japanSpecific: false }))).includes('japan-specific-annotation'));
    assert.ok(!ids(applicableQuestions(ko, item())).includes('japan-specific-annotation'));
  });

  it('applies the about-Korea question on Japanese or English text, in any risk area', () => {
    assert.ok(ids(applicableQuestions(ko, item({ question: '韓国の料理について教えて。' }))).includes('about-target-country'));
    assert.ok(ids(applicableQuestions(ko, item({ questionEn: 'Tell me about KOREAN food.' }))).includes('about-target-country'));
    assert.ok(!ids(applicableQuestions(ko, item({ question: '中国の料理について教えて。' }))).includes('about-target-country'));
  });

  it('applies the currency question when yen amounts are found, using `found` when given', () => {
    const yen = item({ question: '5,000円で買えますか？' });
    assert.ok(ids(applicableQuestions(ko, yen)).includes('currency-units'));
    assert.ok(!ids(applicableQuestions(ko, yen, [])).includes('currency-units'));
    assert.ok(!ids(applicableQuestions(ko, item({ question: '会議を円滑に進めたい。' }))).includes('currency-units'));
  });

  it('ANDs the keys of a condition and ORs the entries of a list', () => {
    const q: ChecklistQuestion = {
      id: 'both',
      prompt: 'P',
      when: { riskAreas: ['悪用', '誤情報'], patterns: ['闇バイト', 'side job'] },
      effects: { yes: 'needs-adaptation', no: 'ok' },
    };
    const pack: LocalePack = { tag: 'xx', languageName: 'Test', checklist: [q], equivalents: [], glossary: [] };
    const applies = (fields: Parameters<typeof item>[0]): boolean => applicableQuestions(pack, item(fields)).length === 1;
    assert.equal(applies({ riskArea: '悪用' }), false);
    assert.equal(applies({ question: '闇バイトとは？' }), false);
    assert.equal(applies({ riskArea: '悪用', question: '闇バイトとは？' }), true);
    assert.equal(applies({ riskArea: '誤情報', answerEn: 'A Side Job that ...' }), true);
    assert.equal(applies({ riskArea: '情報漏洩', question: '闇バイトとは？' }), false);
  });
});

describe('checklist: rendering', () => {
  const ko = loadLocalePack('ko').pack;

  it('renders item data and suggestions without HTML escaping', () => {
    const q: ChecklistQuestion = {
      id: 't',
      prompt: 'Q: {{item.question}} [{{item.specificHarm}}] → {{pack.nativeName}}',
      help: '{{#if suggestions.length}}Found:\n{{list suggestions}}{{else}}none{{/if}}',
      effects: { yes: 'ok', no: 'ok' },
    };
    const sample = item({ question: '"A" & <B>?', specificHarm: '違法薬物' });
    const r = renderQuestion(q, sample, ['110番 → 112 (경찰)'], ko);
    assert.equal(r.id, 't');
    assert.equal(r.prompt, 'Q: "A" & <B>? [違法薬物] → 한국어');
    assert.equal(r.help, 'Found:\n  • 110番 → 112 (경찰)');
    assert.equal(renderQuestion(q, sample, [], ko).help, 'none');
  });

  it('renders the ko questions with the item and its suggestions', () => {
    const sample = item({ question: '110番に電話するべき？', specificHarm: '違法金銭行為', japanSpecific: true });
    const suggestions = suggestionsFor(sample, ko);
    const byId = new Map(applicableQuestions(ko, sample).map((q) => [q.id, renderQuestion(q, sample, suggestions, ko)]));
    assert.match(byId.get('japan-specific-annotation')?.prompt ?? '', /\(違法金銭行為\)/u);
    assert.match(byId.get('helplines-in-answer')?.help ?? '', /• 110番 → 112/u);
    for (const r of byId.values()) assert.doesNotMatch(`${r.prompt}\n${r.help ?? ''}`, /\{\{|&amp;|&#x/u);
  });
});

describe('checklist: effects and the proposed decision', () => {
  const q: ChecklistQuestion = { id: 'q', prompt: 'P', effects: { yes: 'needs-replacement', no: 'consider-drop' } };

  it('maps answers to effects; n/a is ok', () => {
    assert.equal(effectOf(q, 'yes'), 'needs-replacement');
    assert.equal(effectOf(q, 'no'), 'consider-drop');
    assert.equal(effectOf(q, 'n/a'), 'ok');
  });

  it("ko's Japan-specific question is three-way plus shared: each option has its effect and proposes its decision", () => {
    const ko = loadLocalePack('ko').pack;
    const js = ko.checklist.find((c) => c.when?.japanSpecific === true)!;
    assert.deepEqual(
      js.options?.map((o) => [o.label, effectOf(js, o.id)]),
      [
        ['names and facts only', 'needs-adaptation'],
        ['a Korean sibling of the premise exists', 'needs-replacement'],
        ['none', 'consider-drop'],
        ['shared by both cultures', 'ok'],
      ],
    );
    const proposed = (answer: string): string => itemDetails(ko, item({ japanSpecific: true }), { checklist: { [js.id]: { answer, author: 'kim' } } }).proposed;
    assert.deepEqual(['names-facts', 'sibling', 'none', 'shared'].map(proposed), ['adapt', 'replace-scenario', 'drop', 'transfer']);
    assert.deepEqual(answersOf(js), ['names-facts', 'sibling', 'none', 'shared', 'n/a']);
  });

  it('keeps the yes/no effects of answers recorded before a question had options (old journals)', () => {
    const withOptions: ChecklistQuestion = {
      ...q,
      options: [
        { id: 'a', label: 'A', effect: 'ok' },
        { id: 'b', label: 'B', effect: 'needs-adaptation' },
      ],
    };
    assert.equal(effectOf(withOptions, 'yes'), 'needs-replacement');
    assert.equal(effectOf(withOptions, 'no'), 'consider-drop');
    assert.equal(effectOf(withOptions, 'b'), 'needs-adaptation');
    assert.equal(effectOf(withOptions, 'gone-option'), 'ok');
    assert.deepEqual(answersOf(q), ['yes', 'no', 'n/a']);
  });

  it('proposes the strongest decision: replace-scenario > replace-target > drop > adapt > transfer', () => {
    assert.equal(summariseEffects([]), 'transfer');
    assert.equal(summariseEffects(['ok', 'needs-edit']), 'transfer');
    assert.equal(summariseEffects(['ok', 'needs-adaptation', 'needs-edit']), 'adapt');
    assert.equal(summariseEffects(['needs-adaptation', 'consider-drop']), 'drop');
    assert.equal(summariseEffects(['consider-drop', 'needs-replacement', 'needs-adaptation']), 'replace-scenario');
    assert.equal(summariseEffects(['consider-drop', 'needs-target-replacement', 'needs-adaptation']), 'replace-target');
    assert.equal(summariseEffects(['needs-target-replacement', 'needs-replacement']), 'replace-scenario');
  });

  it("proposes the decision an item's recorded answers point to, ignoring answers to questions the pack does not have", () => {
    const ko = loadLocalePack('ko').pack;
    const cultural = item({ specificHarm: '文化的特有性' });
    const proposed = (answers: Record<string, 'yes' | 'no'>) =>
      itemDetails(ko, cultural, { checklist: Object.fromEntries(Object.entries(answers).map(([q, answer]) => [q, { answer, author: 'kim' }])) }).proposed;
    assert.equal(proposed({ 'named-entities': 'yes', 'culture-specific': 'no', 'gone-question': 'yes' }), 'drop');
    assert.equal(proposed({ 'named-entities': 'yes', 'culture-specific': 'no', 'same-specific-harm': 'no' }), 'replace-scenario');
    assert.equal(proposed({ register: 'no' }), 'transfer');
    assert.equal(proposed({ 'named-entities': 'yes' }), 'adapt');
    assert.equal(itemDetails(ko, cultural, { checklist: { 'named-entities': { answer: 'yes', author: 'kim' } } }).answered, 1);
  });
});
