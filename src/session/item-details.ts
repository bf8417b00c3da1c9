/** What the locale pack says about an item: its checklist with recorded answers, suggestions and the proposed decision (shared by the adapt and review sessions). */
import type { SourceItem } from '../dataset/item.js';
import type { ChecklistAnswer, Decision } from '../project/events.js';
import type { ItemState } from '../project/state.js';
import type { ChecklistEffect, ChecklistOption, GlossaryEntry, LocalePack } from '../locale/locale-pack-types.js';
import { applicableQuestions, effectOf, localizedOptions, renderQuestion, summariseEffects } from '../locale/checklist.js';
import { findEquivalents, itemTexts, suggestionsFor } from '../locale/equivalents.js';
import { findLeftovers } from '../locale/leftovers.js';
import { inferredAnswer } from '../locale/cultural-labels.js';

export interface ChecklistEntry {
  id: string;
  prompt: string;
  help?: string;
  /** The recorded answer, if any. */
  answer?: ChecklistAnswer;
  /** The recorded answer's note (its evidence), if any. */
  note?: string;
  /** A cultural-label question the item answers itself (locale/cultural-labels.ts): the inferred answer; the wizard does not ask it. */
  inferred?: string;
  /** What the recorded answer implies. */
  effect?: ChecklistEffect;
  /** What each answer would imply. */
  effects: { yes: ChecklistEffect; no: ChecklistEffect };
  /** Named answers that replace yes/no, when the question has them. */
  options?: ChecklistOption[];
}

/** What the locale pack says about an item in a given state: its checklist (with recorded answers), suggestions and the proposal. */
export interface ItemDetails {
  checklist: ChecklistEntry[];
  /** "110番 → 112 (경찰)" lines from the pack's equivalents, then "left in the translation: 110번 → 112 (경찰)" lines (the QA leftover engine on the target text). */
  suggestions: string[];
  /** The decision the checklist answers point to (transfer when nothing is answered). */
  proposed: Decision;
  /** Number of applicable questions answered. */
  answered: number;
  /** The pack's glossary entries whose source term occurs in the item's source texts. */
  glossary: GlossaryEntry[];
}

/** Glossary entries whose source term occurs in the item (NFKC; Latin terms in any case). */
export function glossaryFor(pack: LocalePack, item: SourceItem): GlossaryEntry[] {
  if (pack.glossary.length === 0) return [];
  const text = itemTexts(item)
    .map((t) => t.text)
    .join('\n')
    .normalize('NFKC');
  const lower = text.toLowerCase();
  return pack.glossary.filter((g) => {
    const term = g.source.normalize('NFKC').trim();
    return term !== '' && (text.includes(term) || (/^[\p{Script=Latin}\s\d-]+$/u.test(term) && lower.includes(term.toLowerCase())));
  });
}

/** The checklist, suggestions and proposed decision of an item (used by the adapt and the review screens). */
export function itemDetails(
  pack: LocalePack,
  item: SourceItem,
  state: Pick<ItemState, 'checklist'> & Partial<Pick<ItemState, 'question' | 'answer' | 'decision'>>,
): ItemDetails {
  const found = findEquivalents(pack, itemTexts(item));
  const suggestions = suggestionsFor(item, pack, found);
  const effects: ChecklistEffect[] = [];
  const checklist = applicableQuestions(pack, item, found).map((q) => {
    const rendered = renderQuestion(q, item, suggestions, pack);
    const entry: ChecklistEntry = { id: q.id, prompt: rendered.prompt, effects: q.effects };
    if (rendered.help !== undefined) entry.help = rendered.help;
    if (q.options) entry.options = localizedOptions(q)!;
    const inferred = inferredAnswer(q.id, item, state);
    if (inferred !== undefined) entry.inferred = inferred;
    const recorded = state.checklist[q.id];
    if (recorded) {
      entry.answer = recorded.answer;
      if (recorded.note !== undefined) entry.note = recorded.note;
      entry.effect = effectOf(q, recorded.answer);
      effects.push(entry.effect);
    }
    return entry;
  });
  return {
    checklist,
    suggestions: [...suggestions, ...leftoverLines(pack, state)],
    proposed: summariseEffects(effects),
    answered: effects.length,
    glossary: glossaryFor(pack, item),
  };
}

/** One line per leftover found in the target text, as the source-culture-leftover check reports it. */
function leftoverLines(pack: LocalePack, state: Partial<Pick<ItemState, 'question' | 'answer'>>): string[] {
  const lines = new Set<string>();
  for (const text of [state.question, state.answer]) {
    if (text === undefined) continue;
    for (const l of findLeftovers(pack, text)) lines.add(`left in the translation: ${l.text.trim()} → ${l.outdated ? '(outdated) ' : ''}${l.suggestion}`);
  }
  return [...lines];
}
