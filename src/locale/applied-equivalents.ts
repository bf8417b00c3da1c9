/**
 * Equivalents an item's target applies: found in the source (findEquivalents)
 * and with their target side present in the target text. Each applied
 * equivalent is an intended change the QA checks accept without any action:
 * its source side may disappear ("110番", "いのちの電話（0570-783-556）",
 * "2000万円") and its target side may appear ("112", "109", "2억 원").
 *
 * The target side of an equivalent is read from its `target`: each number
 * written with digits ("112", "1577-0199") and each name before a bracket or
 * between slashes ("경찰청", "한국소비자원"). A currency equivalent's target
 * starts with its unit ("원 (...)"), and any amount in that unit in the target
 * ("2억 원", "5만원", "10,000원") is its target side.
 */
import type { SourceItem } from '../dataset/item.js';
import { findEquivalents, itemTexts } from './equivalents.js';
import type { Equivalent, LocalePack } from './locale-pack-types.js';

export interface AppliedEquivalent {
  equivalent: Equivalent;
  /** Source texts of the matches, with a phone number written right after a name ("いのちの電話（0570-783-556）" gives both). */
  sourceTerms: string[];
  /** The target-side texts found in the target. */
  targetTerms: string[];
}

/** A phone number right after a matched name, in brackets or after a colon: "（0570-783-556）", ": #7119". */
const PHONE_AFTER = /^\s*[(（:：、,]?\s*(#?\d{2,5}(?:-\d{1,4}){1,3}|#\d{3,5})/u;
const NUMBER = /#?\d+(?:-\d+)*/gu;
/** A bracketed note or a slash separates the names of a target ("1366 / 해바라기센터 (성폭력 ...)"). */
const NAME_SEPARATOR = /\s*(?:\([^)]*\)|\/|,)\s*/u;

function targetNumbers(target: string): string[] {
  return target.normalize('NFKC').match(NUMBER) ?? [];
}

function targetNames(target: string): string[] {
  return target
    .normalize('NFKC')
    .split(NAME_SEPARATOR)
    .map((t) => t.trim())
    .filter((t) => t.length >= 2 && !/^#?\d/u.test(t));
}

/** The unit a currency target starts with ("원" of "원 (100엔 ≈ ...)"); none for a description in Latin script. */
function currencyUnit(eq: Equivalent): string | undefined {
  if (eq.category !== 'currency') return undefined;
  const first = eq.target.normalize('NFKC').trim().split(/[\s(]/u)[0] ?? '';
  return /^[^\p{Script=Latin}\d]{1,3}$/u.test(first) ? first : undefined;
}

function amountsIn(text: string, unit: string): string[] {
  const escaped = unit.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // A number, an optional multiplier word (만, 억, 千...), the unit.
  const amount = new RegExp(`\\d[\\d,.]*\\s*(?:\\p{L}\\s*)??${escaped}`, 'gu');
  return text.match(amount) ?? [];
}

/** The target side of `eq` present in `target` (NFKC). */
function targetSideIn(eq: Equivalent, target: string): string[] {
  const found = new Set<string>();
  const numbers = new Set(target.match(NUMBER) ?? []);
  const unit = currencyUnit(eq);
  // A currency target's bracketed numbers are an exchange-rate note, not its target side.
  if (unit) for (const a of amountsIn(target, unit)) found.add(a);
  else for (const n of targetNumbers(eq.target)) if (numbers.has(n)) found.add(n);
  for (const name of targetNames(eq.target)) if (target.includes(name)) found.add(name);
  return [...found];
}

/** The equivalents found in the item's source whose target side is in `target` (question and answer). */
export function appliedEquivalents(pack: LocalePack, item: SourceItem, target: { question: string; answer: string }): AppliedEquivalent[] {
  const matches = findEquivalents(pack, itemTexts(item));
  if (matches.length === 0) return [];
  const targetText = `${target.question}\n${target.answer}`.normalize('NFKC');
  const texts = itemTexts(item);
  const byEquivalent = new Map<Equivalent, AppliedEquivalent>();
  for (const m of matches) {
    let applied = byEquivalent.get(m.equivalent);
    if (!applied) {
      const targetTerms = targetSideIn(m.equivalent, targetText);
      if (targetTerms.length === 0) continue;
      applied = { equivalent: m.equivalent, sourceTerms: [], targetTerms };
      byEquivalent.set(m.equivalent, applied);
    }
    const after = texts[m.textIndex]!.text.slice(m.offset + m.length).normalize('NFKC');
    const phone = PHONE_AFTER.exec(after)?.[1];
    for (const t of [m.text, ...(phone ? [phone] : [])]) if (!applied.sourceTerms.includes(t)) applied.sourceTerms.push(t);
  }
  return [...byEquivalent.values()];
}
