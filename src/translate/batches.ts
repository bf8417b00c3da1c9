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

/** The first `maxBytes` UTF-8 bytes of `text`, cut between characters. */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (utf8Bytes(text) <= maxBytes) return text;
  let out = '';
  let bytes = 0;
  for (const ch of text) {
    bytes += utf8Bytes(ch);
    if (bytes > maxBytes) break;
    out += ch;
  }
  return out;
}

/** Between the items' versions in a packed context. */
export const CONTEXT_SEPARATOR = '\n\n';

/** One item's texts still to send, and its context (the other language's version). */
export interface ItemSegments<T extends Segment> {
  segments: readonly T[];
  context?: string;
}

/**
 * Packed context: whole items in input order, as many per request as the
 * limits allow while their contexts joined stay within `contextBytes`. Every
 * segment of a request carries that joined context; context bytes count toward
 * `maxRequestBytes` (they travel in the same body). An item too large for one
 * request on its own sends each text alone, with its own context.
 */
export function packWithContext<T extends Segment>(items: readonly ItemSegments<T>[], limits: ProviderLimits, contextBytes: number): T[][] {
  const batches: T[][] = [];
  const sep = utf8Bytes(CONTEXT_SEPARATOR);
  let current: T[] = [];
  let contexts: string[] = [];
  let bytes = 0;
  let points = 0;
  let ctxBytes = 0;
  const fits = (n: number, b: number, p: number, c: number) =>
    n <= limits.maxSegments &&
    c <= contextBytes &&
    (limits.maxRequestBytes === undefined || b + c <= limits.maxRequestBytes) &&
    (limits.maxCodePoints === undefined || p <= limits.maxCodePoints);
  const flush = () => {
    if (current.length === 0) return;
    const context = contexts.join(CONTEXT_SEPARATOR);
    batches.push(current.map((s) => withContext(s, context)));
    current = [];
    contexts = [];
    bytes = points = ctxBytes = 0;
  };
  for (const item of items) {
    if (item.segments.length === 0) continue;
    const context = item.context ? truncateUtf8(item.context, contextBytes) : '';
    const b = limits.maxRequestBytes === undefined ? 0 : item.segments.reduce((n, s) => n + utf8Bytes(s.text), 0);
    const p = limits.maxCodePoints === undefined ? 0 : item.segments.reduce((n, s) => n + codePoints(s.text), 0);
    const c = context ? utf8Bytes(context) : 0;
    if (!fits(current.length + item.segments.length, bytes + b, points + p, ctxBytes + c + (c && contexts.length > 0 ? sep : 0))) flush();
    if (!fits(item.segments.length, b, p, c)) {
      for (const s of item.segments) batches.push([withContext(s, context)]);
      continue;
    }
    current.push(...item.segments);
    bytes += b;
    points += p;
    if (context) {
      ctxBytes += c + (contexts.length > 0 ? sep : 0);
      contexts.push(context);
    }
  }
  flush();
  return batches;
}

function withContext<T extends Segment>(s: T, context: string): T {
  const { context: _old, ...rest } = s;
  return (context ? { ...rest, context } : rest) as T;
}

/** The fewest requests the limits allow for these segments (for reports and benchmarks). */
export function minimumRequests(segments: readonly Segment[], limits: ProviderLimits, groupByContext: boolean): number {
  return planBatches(segments, limits, groupByContext).length;
}

export { codePoints };
