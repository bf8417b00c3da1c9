/** Rough script detection, enough to tell Japanese text from English text. */

const JAPANESE = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f]/gu;
const LATIN = /[A-Za-z]/g;

/** Share of letters that are Japanese (kana/kanji) and Latin in a text. */
export function scriptShares(text: string): { japanese: number; latin: number } {
  const ja = text.match(JAPANESE)?.length ?? 0;
  const la = text.match(LATIN)?.length ?? 0;
  const total = ja + la;
  return total === 0 ? { japanese: 0, latin: 0 } : { japanese: ja / total, latin: la / total };
}
