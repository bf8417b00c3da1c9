/** Japanese kanji forms (shinjitai, kokuji) left in Simplified Chinese text. */
import { defineFieldCheck } from '../check.js';
import { japaneseKanji } from '../messages.js';
import { JAPANESE_ONLY_KANJI } from '../../japanese-kanji.js';

const FORMS = new RegExp(`[${Object.keys(JAPANESE_ONLY_KANJI).join('')}]`, 'gu');

/** True when the tag's likely script is Simplified Han (zh, zh-Hans, zh-CN, zh-SG); computed once per tag. */
function writesSimplified(tag: string): boolean {
  let simplified = simplifiedByTag.get(tag);
  if (simplified === undefined) {
    try {
      simplified = new Intl.Locale(tag).maximize().script === 'Hans';
    } catch {
      simplified = false;
    }
    simplifiedByTag.set(tag, simplified);
  }
  return simplified;
}
const simplifiedByTag = new Map<string, boolean>();

/**
 * Japanese kanji forms (shinjitai, kokuji) left in Simplified Chinese.
 *
 * Kana are caught by source-script, but a Japanese form such as 県, 駅 or 円
 * is a Han character and passes it; Simplified Chinese writes 县, 站, 元. Only
 * for Simplified Chinese targets. A warning: a Japanese name may keep its
 * form (栃木, 辻).
 */
export const japaneseKanjiForms = defineFieldCheck({
  id: 'japanese-kanji',
  title: 'Japanese kanji forms (shinjitai, kokuji) left in Simplified Chinese',
  severity: 'warning',
  test(_source, target, { label, input }) {
    if (!writesSimplified(input.targetLanguage)) return undefined;
    const found = target.match(FORMS);
    if (!found) return undefined;
    const forms = [...new Set(found)].map((ch) => ({ form: ch, simplified: JAPANESE_ONLY_KANJI[ch]! }));
    return japaneseKanji(label, forms);
  },
});
