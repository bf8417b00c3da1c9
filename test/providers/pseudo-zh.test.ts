import assert from 'node:assert/strict';
import { pseudoLocalize } from '../../src/translate/providers/pseudo.js';
import { JAPANESE_ONLY_KANJI } from '../../src/japanese-kanji.js';

describe('pseudo provider: Chinese targets', () => {
  it('never writes a Japanese-only kanji form, which QA would report as a leftover of the source', () => {
    // Every CJK unified ideograph as source text: each maps to some ideograph.
    let source = '';
    for (let cp = 0x4e00; cp <= 0x9fff; cp++) source += String.fromCodePoint(cp);
    const out = pseudoLocalize(source, 'zh-Hans');
    const forms = Array.from(out).filter((ch) => JAPANESE_ONLY_KANJI[ch] !== undefined);
    assert.deepEqual(forms, []);
    assert.equal(pseudoLocalize(source, 'zh-Hans'), out, 'deterministic');
    assert.match(out, /^⟦\p{sc=Han}+ ~+⟧$/u);
  });
});
