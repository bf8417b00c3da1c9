/** User-facing messages of the QA stage. */
import { visibleInline } from '../text-safety.js';

export function sourceIndexSkipped(max: number): string {
  return `The sources are too large to index for copies of another item's text (over ${max} distinct 10-character runs): each item is checked against its own source only.`;
}

/** How many of the items whose labels no checklist question applies to the warning names. */
export const LABELS_NAMED = 3;

/** `count` items whose taxonomy labels no checklist question applies to, the first LABELS_NAMED of `items` named (labels escaped). */
export function labelsMatchNoChecklist(items: readonly { id: string; labels: string }[], count: number, pack: string): string {
  const shown = items
    .slice(0, LABELS_NAMED)
    .map((i) => `${i.id} (${i.labels})`)
    .join(', ');
  const more = count > LABELS_NAMED ? ` and ${count - LABELS_NAMED} more` : '';
  return `${count} item(s) carry taxonomy labels that no checklist question of the "${pack}" locale pack applies to: ${shown}${more}. Their category-specific questions are skipped. Check the labels' spelling against data/answercarefully-taxonomy.json, or add the spelling to data/answercarefully-taxonomy-aliases.json.`;
}

export const rewrittenUnderTransfer = (field: string, similarity: string, minimum: number) =>
  `${field} was rewritten beyond the machine translation (similarity ${similarity} < ${minimum}) under decision "transfer"; if target-specific facts changed, make it "adapt".`;

export const foreignScript = (label: string, scripts: string, language: string, quoted: string, one: boolean) =>
  `${label} has ${scripts}, which ${language} text does not use: ${quoted}; translate or transliterate ${one ? 'it' : 'them'}.`;

export const japanesePunctuation = (label: string, quoted: string, language: string) =>
  `${label} has Japanese punctuation ${quoted}, which ${language} text does not use; replace it with the target's punctuation.`;

export const unknownItemIds = (unknown: readonly string[]) =>
  `Unknown item ID(s): ${unknown.slice(0, 10).join(', ')}${unknown.length > 10 ? ', ...' : ''}. Run \`carefully status\` to see the project, or check the IDs in the source file.`;

/** `reason` may quote the corrupt file: shown on one line, control characters escaped. */
export const qaCacheIgnored = (file: string, reason: string) =>
  `The QA result cache ${file} could not be used (${visibleInline(reason)}); QA runs in full and rewrites it. The file is derived: deleting it is safe.`;

/** Japanese forms and their Simplified Chinese forms ("県" → 县); the forms come from a fixed table, never from data. */
export const japaneseKanji = (label: string, forms: readonly { form: string; simplified: string }[]) =>
  `${label} has Japanese kanji forms that Simplified Chinese does not use: ${forms.map((f) => `"${f.form}" → ${f.simplified}`).join(', ')}; write the simplified form (a Japanese place or personal name may keep its form).`;
