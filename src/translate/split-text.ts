/**
 * Texts larger than one request allows: cut at sentence boundaries into pieces
 * that fit, translated separately and joined in order. A provider rejects an
 * oversized text on every run, so without this it would block the items after it.
 */
import type { ProviderLimits } from './provider.js';
import { codePoints } from './batches.js';

const utf8Bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/** Whether one text alone exceeds a request's size limits. */
export function exceedsLimits(text: string, limits: ProviderLimits): boolean {
  return (
    (limits.maxRequestBytes !== undefined && utf8Bytes(text) > limits.maxRequestBytes) ||
    (limits.maxCodePoints !== undefined && codePoints(text) > limits.maxCodePoints)
  );
}

/**
 * Pieces of `text`, each within the limits, whose concatenation is `text`;
 * undefined when one sentence alone is too large (the text is then skipped).
 */
export function splitText(text: string, limits: ProviderLimits, language: string): string[] | undefined {
  let segmenter: Intl.Segmenter;
  try {
    segmenter = new Intl.Segmenter(language, { granularity: 'sentence' });
  } catch {
    segmenter = new Intl.Segmenter(undefined, { granularity: 'sentence' });
  }
  const maxBytes = limits.maxRequestBytes ?? Infinity;
  const maxPoints = limits.maxCodePoints ?? Infinity;
  const pieces: string[] = [];
  let current = '';
  let bytes = 0;
  let points = 0;
  for (const { segment } of segmenter.segment(text)) {
    const b = utf8Bytes(segment);
    const p = codePoints(segment);
    if (b > maxBytes || p > maxPoints) return undefined;
    if (current !== '' && (bytes + b > maxBytes || points + p > maxPoints)) {
      pieces.push(current);
      current = '';
      bytes = 0;
      points = 0;
    }
    current += segment;
    bytes += b;
    points += p;
  }
  if (current !== '') pieces.push(current);
  return pieces;
}

/** A piece's translation put back between the piece's own leading and trailing whitespace (providers trim it). */
export function rejoin(pieces: readonly string[], translations: readonly string[]): string {
  return pieces
    .map((piece, i) => {
      const lead = /^\s*/.exec(piece)![0];
      const trail = piece.length > lead.length ? /\s*$/.exec(piece)![0] : '';
      return `${lead}${translations[i]!.trim()}${trail}`;
    })
    .join('');
}
