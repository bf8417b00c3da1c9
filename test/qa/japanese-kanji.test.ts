import assert from 'node:assert/strict';
import { japaneseKanjiForms } from '../../src/qa/checks/japanese-kanji.js';
import { JAPANESE_ONLY_KANJI } from '../../src/japanese-kanji.js';
import { fails, passes, run } from './helpers.js';

const zh = (target: string, extra: { field?: 'question' | 'answer'; targetLanguage?: string } = {}) => ({
  source: '駅前の交番に行ってください',
  target,
  targetLanguage: 'zh-Hans',
  ...extra,
});

describe('qa: japanese-kanji', () => {
  it('reports Japanese shinjitai and kokuji left in Simplified Chinese, with the simplified form', () => {
    fails(japaneseKanjiForms, zh('请去駅前的派出所'), {}, '"駅" → 站');
    fails(japaneseKanjiForms, zh('罚款5万円'), {}, '"円" → 元/圆');
    fails(japaneseKanjiForms, zh('大阪府和東京都以外的県'), {}, '"県" → 县');
    fails(japaneseKanjiForms, zh('在工厂働'), {}, '"働" → 劳动/工作');
    fails(japaneseKanjiForms, zh('请看地図'), {}, '"図" → 图');
  });

  it('names each form once, in order of appearance', () => {
    const [f] = fails(japaneseKanjiForms, zh('県の駅と県の駅'));
    assert.match(f!.message, /"県" → 县, "駅" → 站;/);
    assert.doesNotMatch(f!.message, /县.*县/);
    assert.equal(f!.severity, 'warning');
  });

  it('passes correct Simplified Chinese, including characters Japanese shares with it', () => {
    passes(japaneseKanjiForms, zh('请去车站前的派出所，或拨打110报警。'));
    passes(japaneseKanjiForms, zh('罚款5万元，详见地图。'));
    // 浜 (沙家浜), 芸, 弁, 写 and 残 are valid Simplified Chinese as well.
    passes(japaneseKanjiForms, zh('《沙家浜》是一部京剧；芸芸众生；武弁；写作；残疾'));
  });

  it('runs only for Simplified Chinese targets', () => {
    for (const targetLanguage of ['zh', 'zh-CN', 'zh-Hans-SG']) fails(japaneseKanjiForms, zh('駅', { targetLanguage }), {}, '"駅"');
    for (const targetLanguage of ['zh-Hant', 'zh-TW', 'ja', 'ko', 'en', 'not a tag!']) passes(japaneseKanjiForms, zh('駅', { targetLanguage }));
  });

  it('checks the question as well, naming the field', () => {
    const [f] = run(japaneseKanjiForms, zh('駅在哪里？', { field: 'question' }));
    assert.equal(f?.field, 'question');
    assert.match(f?.message ?? '', /^Question /);
  });

  it('lists only characters outside GB 2312 (basic Simplified Chinese), each with forms inside it', () => {
    // The GB 2312 hanzi rows (first byte 0xB0-0xF7), decoded with the GBK decoder (a superset of GB 2312).
    const gbk = new TextDecoder('gbk');
    const gb2312 = new Set<string>();
    for (let a = 0xb0; a <= 0xf7; a++) for (let b = 0xa1; b <= 0xfe; b++) gb2312.add(gbk.decode(new Uint8Array([a, b])));
    assert.ok(gb2312.has('县') && gb2312.has('浜'));
    for (const [form, simplified] of Object.entries(JAPANESE_ONLY_KANJI)) {
      assert.equal(Array.from(form).length, 1, form);
      assert.ok(!gb2312.has(form), `${form} is Simplified Chinese too`);
      for (const ch of simplified.replace(/\//gu, '')) assert.ok(gb2312.has(ch), `${form} → ${simplified}: ${ch} is not Simplified Chinese`);
    }
    for (const shared of ['浜', '芸', '弁', '缶', '糸', '写', '残', '滞', '寝', '国', '体', '学']) assert.equal(JAPANESE_ONLY_KANJI[shared], undefined, shared);
  });
});
