/** The NFKC cache the checks share (its own module so that near-copy.ts can use it without the checks' types). */

/** NFKC: full-width digits and letters become ASCII ("１１０" -> "110"), half-width kana become full-width. */
export function nfkc(text: string): string {
  let out = recentNfkc.get(text);
  if (out !== undefined) return out;
  out = olderNfkc.get(text) ?? (NFKC_STABLE.test(text) ? text : text.normalize('NFKC'));
  // The checks of one item normalise the same few texts (and the pack's terms) many times. Two
  // generations approximate an LRU cheaply: when the recent one is full it becomes the older one,
  // and a text found there moves back to the recent one.
  if (recentNfkc.size >= NFKC_GENERATION) {
    olderNfkc = recentNfkc;
    recentNfkc = new Map();
  }
  recentNfkc.set(text, out);
  return out;
}
const NFKC_GENERATION = 512;
/** Characters NFKC leaves alone that combine with no neighbour (ASCII, CJK ideographs, kana, Hangul syllables): a text of only these is its own NFKC, and the test is faster than normalising. */
const NFKC_STABLE = /^[\t\n\r\u0020-\u007e\u3001\u3002\u3041-\u3096\u30a1-\u30fa\u30fc\u4e00-\u9fff\uac00-\ud7a3]*$/;
let recentNfkc = new Map<string, string>();
let olderNfkc = new Map<string, string>();
