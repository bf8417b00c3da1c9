/** The hash a waiver keeps of the text it was given for: a later edit of that text makes the waiver stale. */
import { createHash } from 'node:crypto';
import type { TextRole } from '../dataset/item.js';

/** Hash of one target field, or of both (question and answer) for a finding about the whole item. */
export function targetHash(texts: { question?: string | undefined; answer?: string | undefined }, field?: TextRole): string {
  const text = field === undefined ? `${texts.question ?? ''}\u0000${texts.answer ?? ''}` : (texts[field] ?? '');
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}
