/** Checks the target's length against what is usual for this dataset. */
import { defineFieldCheck, SKIP_NEW_TEXT } from '../check.js';
import { LENGTH_Z_LIMIT, lengthZScore, textLength } from '../length-stats.js';
import { isBlank } from '../text.js';

const ratio = (x: number): string => `${x < 10 ? x.toFixed(1) : Math.round(x)}×`;

/**
 * Target length unusual for this dataset.
 *
 * The target/source length ratio (characters, whitespace excluded) is an
 * outlier against the dataset's own distribution (ctx.lengthStats, see
 * length-stats.ts): a modified z-score beyond 3.5. Too short usually means
 * dropped sentences, too long a duplicated or hallucinated passage. Silent
 * without stats, for short texts, and for fewer than 10 measured pairs.
 */
export const lengthRatio = defineFieldCheck({
  id: 'length-ratio',
  title: 'Target length unusual for this dataset',
  severity: 'warning',
  skipDecisions: SKIP_NEW_TEXT,
  test(source, target, { label, ctx }) {
    const stats = ctx.lengthStats;
    if (!stats || isBlank(target)) return undefined;
    const z = lengthZScore(source, target, stats);
    if (z === undefined || Math.abs(z) <= LENGTH_Z_LIMIT) return undefined;
    const actual = textLength(target) / textLength(source);
    const typical = Math.exp(stats.median);
    const what = z > 0 ? 'look for repeated or added text' : 'look for left-out sentences';
    return `${label} is ${ratio(actual)} the source length where ${ratio(typical)} is typical in this dataset; ${what}.`;
  },
});
