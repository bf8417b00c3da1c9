/** Checks for source-culture entities (help lines, currency, places...) and outdated facts left in the target. */
import { defineFieldCheck } from '../check.js';
import { isBlank, nfkc, quote } from '../text.js';
import { findLeftovers } from '../../locale/leftovers.js';

/**
 * Source-culture term left in the target.
 *
 * Uses the locale pack's equivalents through the leftover engine
 * (src/locale/leftovers.ts): each equivalent's `leftovers` (default: its
 * `source` terms), `leftoverPatterns` ("5,000엔", "20세 미만", "경찰(110)")
 * and `outdated` target values ("1393") found in the target text are
 * reported with the target counterpart to use instead. Short bare numbers
 * only count in a phone-number context: "110번에 전화하세요" fails, "110" as
 * a quantity passes.
 */
export const sourceCultureLeftover = defineFieldCheck({
  id: 'source-culture-leftover',
  title: 'Source-culture term left in the target',
  severity: 'error',
  test(_source, target, { label, ctx }) {
    const pack = ctx.pack;
    if (!pack || pack.equivalents.length === 0 || isBlank(target)) return undefined;
    const leftovers = findLeftovers(pack, target);
    if (leftovers.length === 0) return undefined;
    const found: string[] = [];
    const seen = new Set<string>();
    for (const l of leftovers) {
      const match = nfkc(l.text).trim();
      const key = `${match}\u0000${l.suggestion}`;
      if (seen.has(key)) continue;
      seen.add(key);
      found.push(`${quote(match)} (${l.outdated ? 'outdated; ' : ''}use ${quote(l.suggestion)})`);
    }
    if (found.length === 0) return undefined;
    return `${label} still has source-culture ${found.length === 1 ? 'term' : 'terms'} ${found.join(', ')}; replace with the target-culture equivalent.`;
  },
});
