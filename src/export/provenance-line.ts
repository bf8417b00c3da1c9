/**
 * One line of provenance/<split>.jsonl: what happened to an item, by whom,
 * against which source text. Written as a template rather than an object
 * given to JSON.stringify: at 100k items building and encoding the object
 * cost three times the template. The text is the same as JSON.stringify of
 * that object would give (test/export/provenance-line.test.ts).
 */
import type { SourceItem } from '../dataset/item.js';
import type { ItemState } from '../project/state.js';
import { itemPeople, type Annotators } from './annotations.js';

/** A character JSON.stringify escapes: quote, backslash, control characters, and (when unpaired) surrogates. */
// eslint-disable-next-line no-control-regex -- control characters are what JSON.stringify escapes
const ESCAPED = /["\\\u0000-\u001f\ud800-\udfff]/;

/** `JSON.stringify(v)` for a value that is not undefined: a string with nothing to escape is quoted as it is. */
export function jsonText(v: unknown): string {
  if (typeof v === 'string') return ESCAPED.test(v) ? JSON.stringify(v) : `"${v}"`;
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return JSON.stringify(v);
}

/** `,"key":value`, or nothing for an undefined value (as JSON.stringify leaves such a key out); `key` needs no escaping. */
const prop = (key: string, v: unknown): string => (v === undefined ? '' : `,"${key}":${jsonText(v)}`);

export interface ProvenanceContext {
  annotators: Annotators;
  /** The locale pack's JSON text (the same for every item). */
  localePack: string;
}

/** The provenance line of one item (without its newline); `reviewed`: a reviewer approved its current text and decision. */
export function provenanceLine(
  item: Pick<SourceItem, 'id' | 'sourceHash'>,
  s: ItemState,
  reason: string | undefined,
  exported: boolean,
  reviewed: boolean,
  ctx: ProvenanceContext,
): string {
  const { annotators } = ctx;
  const people = itemPeople(s, annotators);
  const checklist = Object.entries(s.checklist);
  let authors = '';
  // itemPeople has recorded each person's roles; this only maps names to labels.
  for (const a of s.authors) authors += `${authors === '' ? '' : ','}${jsonText(annotators.label(a, a === s.review?.author ? 'reviewer' : 'localizer'))}`;
  return (
    `{"id":${jsonText(item.id)},"exported":${exported}${reason ? prop('excludedBecause', reason) : ''}` +
    `${prop('state', s.state)},"reviewed":${reviewed}` +
    `${prop('decision', s.decision?.decision ?? null)}${prop('rationale', s.decision?.rationale ?? null)}` +
    `${prop('provider', s.mt?.provider ?? null)}${prop('providerLabel', s.mt?.label ?? null)}` +
    `${prop('machineTranslation', s.mt ? s.mt.isTranslation : null)}${prop('edited', s.edited)}` +
    // The final text started from a model suggestion a person accepted (carefully suggest).
    `,"fromSuggestion":${!!s.fromSuggestion}` +
    `,"checklist":${checklist.length === 0 ? '{}' : JSON.stringify(Object.fromEntries(checklist.map(([k, v]) => [k, v.answer])))}` +
    `,"authors":[${authors}]${prop('reviewer', people.reviewer)}` +
    `${prop('firstChange', s.firstTs ?? null)}${prop('lastChange', s.lastTs ?? null)}${prop('sourceHash', item.sourceHash)}` +
    `,"localePack":${ctx.localePack}}`
  );
}
