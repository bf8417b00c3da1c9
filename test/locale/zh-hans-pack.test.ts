import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { assetPath } from '../../src/paths.js';
import { loadLocalePack } from '../../src/locale/locale-pack.js';
import { applicableQuestions } from '../../src/locale/checklist.js';
import { sourceCultureLeftover } from '../../src/qa/checks/culture.js';
import { fails, passes } from '../qa/helpers.js';
import { item } from './helpers.js';

const ZH = { pack: loadLocalePack('zh-Hans').pack };
const zh = (source: string, target: string) => ({ source, target, targetLanguage: 'zh-Hans' });

describe('locale pack zh-Hans', () => {
  it('is the pack of zh, zh-CN and zh-Hans-CN, but not of Traditional Chinese', () => {
    for (const tag of ['zh', 'zh-CN', 'zh-Hans', 'zh-Hans-CN', 'ZH-hans']) assert.equal(loadLocalePack(tag).resolved, 'zh-Hans', tag);
    for (const tag of ['zh-TW', 'zh-Hant', 'zh-HK']) assert.equal(loadLocalePack(tag).resolved, 'base', tag);
    assert.equal(loadLocalePack('ko-KR').resolved, 'ko');
  });

  it('gives every fact it states an asOf date and a source URL', () => {
    const raw = JSON.parse(readFileSync(assetPath('locales', 'zh-Hans', 'pack.json'), 'utf8')) as { equivalents: Record<string, unknown>[] };
    const facts = raw.equivalents.filter((e) => e.target !== undefined);
    assert.ok(facts.length >= 30, `${facts.length} equivalents with a target`);
    for (const e of facts) {
      assert.match(String(e.target), /\S/u, String(e.id));
      assert.match(String(e.asOf), /^\d{4}-\d{2}(?:-\d{2})?$/u, `${String(e.id)}: asOf`);
      assert.match(String(e.sourceUrl), /^https?:\/\/\S+$/u, `${String(e.id)}: sourceUrl`);
    }
  });

  it('names the Chinese emergency and help line numbers', () => {
    const target = (id: string) => ZH.pack.equivalents.find((e) => e.id === id)?.target ?? '';
    assert.match(target('emergency-police'), /\b110\b/u);
    assert.match(target('emergency-fire-ambulance'), /\b119\b.*\b120\b/u);
    assert.match(target('traffic-accident-line'), /\b122\b/u);
    assert.match(target('suicide-prevention-line'), /\b12356\b/u);
    assert.match(target('currency-yen'), /元/u);
  });

  it('reports Japanese facts left in Chinese text: 119 for an ambulance, amounts in yen, Japanese laws', () => {
    fails(sourceCultureLeftover, zh('119番で救急車を呼んで', '请拨打119叫救护车'), ZH, '119');
    fails(sourceCultureLeftover, zh('5万円', '罚款5万日元'), ZH, '日元');
    fails(sourceCultureLeftover, zh('個人情報保護法に違反', '违反個人情報保護法'), ZH, '個人情報保護法');
    passes(sourceCultureLeftover, zh('119番で救急車を呼んで', '请拨打120叫救护车，火灾请拨打119'), ZH);
    passes(sourceCultureLeftover, zh('5万円', '罚款1000元'), ZH);
  });

  it('does not take Chinese words that Japanese source terms share for leftovers (部落 means tribe)', () => {
    passes(sourceCultureLeftover, zh('部落差別', '这个部落有自己的语言'), ZH);
    fails(sourceCultureLeftover, zh('部落差別', '关于部落差別的问题'), ZH, '部落差別');
  });

  it('asks the China-as-seen-from-Japan question through base about-target-country, keeping its exclusions', () => {
    assert.equal(
      ZH.pack.checklist.find((c) => c.id === 'zh-about-china'),
      undefined,
    );
    const q = ZH.pack.checklist.find((c) => c.id === 'about-target-country');
    assert.match(q?.prompt ?? '', /China/u);
    assert.match(q?.help ?? '', /钓鱼岛/u);
    const asked = (question: string) => applicableQuestions(ZH.pack, item({ question })).some((c) => c.id === 'about-target-country');
    for (const text of ['嫌中デモについて', '尖閣諸島は誰のもの', '技能実習生として', '反日感情', 'Chinese residents', '中国の観光客'])
      assert.ok(asked(text), text);
    for (const text of ['中国地方の天気', '中国電力の料金', '中国・四国地方']) assert.ok(!asked(text), text);
  });

  it('asks each base question once, with the Chinese help, and keeps only its own zh questions', () => {
    const ids = ZH.pack.checklist.map((c) => c.id);
    assert.deepEqual(
      ids.filter((id, i) => ids.indexOf(id) !== i),
      [],
    );
    assert.deepEqual(
      ids.filter((id) => id.startsWith('zh-')),
      ['zh-region-specific', 'zh-register'],
    );
    const help = (id: string) => ZH.pack.checklist.find((c) => c.id === id)?.help ?? '';
    assert.match(help('privacy'), /个人信息保护法/u);
    assert.match(help('fraud-extortion'), /96110/u);
    assert.match(help('drugs-alcohol'), /禁毒法.*未成年人保护法第五十九条/su);
    assert.match(help('gambling'), /刑法第三百零三条/u);
    assert.match(help('gambling'), /\{\{list suggestions\}\}/u);
    assert.match(help('digital-crime'), /12377/u);
    assert.match(help('online-conduct'), /治安管理处罚法/u);
    assert.match(help('professional-advice'), /12348/u);
    assert.match(help('mental-health-resources'), /12356/u);
    assert.match(help('ai-persona'), /generative AI measures/u);
    assert.match(help('helplines-in-answer'), /120 ambulance/u);
    // The closing checks keep their place at the end.
    assert.equal(ids.at(-1), 'same-specific-harm');
    assert.ok(ids.indexOf('named-entities') < ids.indexOf('privacy'));
  });
});
