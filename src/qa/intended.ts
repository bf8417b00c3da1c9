/** The terms a localizer declared as deliberately changed (QaInput.intendedChanges), expanded with the locale pack. */
import { nfkc } from './text.js';
import type { QaContext, QaInput } from './types.js';

/** "110 -> 112", "110 → 112" and "110 => 112" name both sides of a change. */
const CHANGE_ARROW = /\s*(?:->|→|=>)\s*/u;

/**
 * Every term (NFKC, trimmed) whose presence or absence is excused: each side
 * of each intendedChanges entry, plus, for each pack equivalent the entries
 * name (by ID or by one of its source/leftover terms), all its source terms
 * and its target.
 */
export function intendedTerms(input: QaInput, ctx: QaContext): string[] {
  const entries = input.intendedChanges ?? [];
  if (entries.length === 0) return [];
  const terms = new Set<string>();
  for (const entry of entries) for (const part of entry.split(CHANGE_ARROW)) if (part.trim() !== '') terms.add(nfkc(part).trim());
  for (const eq of ctx.pack?.equivalents ?? []) {
    const sourceTerms = [...eq.source, ...(eq.leftovers ?? [])].map((t) => nfkc(t).trim());
    if (entries.includes(eq.id) || sourceTerms.some((t) => terms.has(t))) {
      for (const t of sourceTerms) terms.add(t);
      terms.add(nfkc(eq.target).trim());
    }
  }
  return [...terms];
}
