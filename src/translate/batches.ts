/** Split segments into requests that fit a provider's limits, grouping by shared context. */
import type { ProviderLimits, Segment } from './provider.js';

const utf8Bytes = (s: string) => Buffer.byteLength(s, 'utf8');
const SURROGATE_PAIR = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;
/** Code points (what providers bill): UTF-16 length less one per surrogate pair. Fast for long texts. */
const codePoints = (s: string) => s.length - (s.match(SURROGATE_PAIR)?.length ?? 0);

/**
 * Greedy packing in input order. Segments with different contexts never share
 * a request (providers take one context per request). A single segment larger
 * than a limit still gets a request of its own; the provider will say if it is too big.
 */
export function planBatches<T extends Segment>(segments: readonly T[], limits: ProviderLimits, groupByContext: boolean): T[][] {
  const groups = new Map<string, T[]>();
  for (const s of segments) {
    const key = groupByContext ? (s.context ?? '') : '';
    const g = groups.get(key);
    if (g) g.push(s);
    else groups.set(key, [s]);
  }
  const batches: T[][] = [];
  for (const group of groups.values()) {
    let current: T[] = [];
    let bytes = 0;
    let points = 0;
    for (const s of group) {
      const b = limits.maxRequestBytes ? utf8Bytes(s.text) : 0;
      const p = limits.maxCodePoints ? codePoints(s.text) : 0;
      const full =
        current.length >= limits.maxSegments ||
        (limits.maxRequestBytes !== undefined && bytes + b > limits.maxRequestBytes) ||
        (limits.maxCodePoints !== undefined && points + p > limits.maxCodePoints);
      if (full && current.length > 0) {
        batches.push(current);
        current = [];
        bytes = 0;
        points = 0;
      }
      current.push(s);
      bytes += b;
      points += p;
    }
    if (current.length > 0) batches.push(current);
  }
  return batches;
}

/** The fewest requests the limits allow for these segments (for reports and benchmarks). */
export function minimumRequests(segments: readonly Segment[], limits: ProviderLimits, groupByContext: boolean): number {
  return planBatches(segments, limits, groupByContext).length;
}

export { codePoints };
