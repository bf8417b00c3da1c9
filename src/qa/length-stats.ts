/**
 * Dataset-wide length statistics for the length-ratio check. Ratios are
 * compared on a log scale (so 2× and 0.5× are equally far from 1×) with robust
 * statistics (median and median absolute deviation), which a few bad
 * translations cannot drag around the way a mean and standard deviation can.
 */
import { isBlank, sourceText } from './text.js';
import { QA_FIELDS } from './types.js';
import type { LengthStats, QaInput } from './types.js';

/** Texts shorter than this (in characters, whitespace excluded) give too noisy a ratio to judge or to learn from. */
export const LENGTH_MIN_CHARS = 10;
/** With fewer measured pairs than this, no item is judged an outlier. */
export const LENGTH_MIN_SAMPLES = 10;
/** Outlier when the modified z-score |0.6745 (x − median) / MAD| exceeds this (Iglewicz & Hoaglin's 3.5). */
export const LENGTH_Z_LIMIT = 3.5;
/**
 * Lower bound on the MAD used for scoring, in ln units: a very uniform dataset
 * (MAD near 0) would otherwise flag tiny differences. 0.1 means nothing within
 * about ×1.68 of the median ratio is ever reported.
 */
export const LENGTH_MAD_FLOOR = 0.1;

/** Characters (code points) without whitespace: Japanese is written without spaces, Korean with them. */
export function textLength(text: string): number {
  // One pass (measured for every field twice per run): UTF-16 units that are not whitespace, minus one per
  // surrogate pair among them (a pair split by whitespace counts as one, as if the whitespace were removed first).
  let units = 0;
  let pairs = 0;
  let afterHigh = false;
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i);
    if (isSpace(u)) continue;
    units++;
    if (afterHigh && u >= 0xdc00 && u <= 0xdfff) {
      pairs++;
      afterHigh = false;
    } else afterHigh = u >= 0xd800 && u <= 0xdbff;
  }
  return units - pairs;
}

const SPACE = /\s/u;
/** SPACE's verdict by UTF-16 unit (\s is all in the BMP): 0 not asked yet, 1 whitespace, 2 not. */
const spaces = new Uint8Array(0x10000);
function isSpace(unit: number): boolean {
  // Printable ASCII, CJK and Hangul (nearly every unit here) are not whitespace: no table look-up for them.
  if ((unit > 0x20 && unit < 0x7f) || (unit > 0x3000 && unit < 0xfeff)) return false;
  if (spaces[unit] === 0) spaces[unit] = SPACE.test(String.fromCharCode(unit)) ? 1 : 2;
  return spaces[unit] === 1;
}

/** ln(target length / source length), or undefined when either text is too short to say. */
export function logLengthRatio(source: string, target: string): number | undefined {
  const s = textLength(source);
  const t = textLength(target);
  return s < LENGTH_MIN_CHARS || t === 0 ? undefined : Math.log(t / s);
}

function median(sorted: readonly number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Median and MAD of ln(target/source length) over the pairs long enough to measure; undefined when none are. */
export function computeLengthStats(pairs: Iterable<{ source: string; target: string }>): LengthStats | undefined {
  const logs: number[] = [];
  for (const { source, target } of pairs) {
    const r = logLengthRatio(source, target);
    if (r !== undefined) logs.push(r);
  }
  return lengthStatsOfLogRatios(logs);
}

/**
 * The same statistics from ratios already measured with `logLengthRatio`, for
 * callers that stream a dataset and keep only the numbers (export). Sorts `logs`.
 */
export function lengthStatsOfLogRatios(logs: number[]): LengthStats | undefined {
  if (logs.length === 0) return undefined;
  logs.sort((a, b) => a - b);
  const m = median(logs);
  const deviations = logs.map((x) => Math.abs(x - m)).sort((a, b) => a - b);
  return { count: logs.length, median: m, mad: median(deviations) };
}

/**
 * The (source, target) pairs of a dataset to learn length statistics from:
 * questions and answers alike, skipping items without a decided translation
 * of the source (dropped or replaced ones) and empty targets.
 */
export function* lengthPairs(inputs: Iterable<QaInput>): Generator<{ source: string; target: string }> {
  for (const input of inputs) {
    if (input.decision === 'drop' || input.decision === 'replace-target' || input.decision === 'replace-scenario' || input.decision === 'new') continue;
    for (const field of QA_FIELDS) {
      const target = input.target[field];
      if (!isBlank(target)) yield { source: sourceText(input, field), target };
    }
  }
}

/** The modified z-score of one pair against the stats, or undefined when it cannot be judged. */
export function lengthZScore(source: string, target: string, stats: LengthStats): number | undefined {
  if (stats.count < LENGTH_MIN_SAMPLES) return undefined;
  const r = logLengthRatio(source, target);
  if (r === undefined) return undefined;
  return (0.6745 * (r - stats.median)) / Math.max(stats.mad, LENGTH_MAD_FLOOR);
}
