/**
 * The terms whose change between source and target is intended: those the
 * localizer declared (QaInput.intendedChanges), expanded with the locale pack,
 * and those of the pack equivalents the target applies (applied-equivalents.ts:
 * "110番" and "112" when the target writes 112 where the source has 110番),
 * which need no declaration.
 */
import { appliedEquivalents } from '../locale/applied-equivalents.js';
import { nfkc } from './text.js';
import type { QaContext, QaInput } from './types.js';

/** "110 -> 112", "110 → 112" and "110 => 112" name both sides of a change. */
const CHANGE_ARROW = /\s*(?:->|→|=>)\s*/u;

/** Every check of an item asks for the same terms: computed once per input and pack. */
const cache = new WeakMap<QaInput, { ctx: QaContext; terms: string[] }>();

/**
 * Every term (NFKC, trimmed) whose presence or absence is excused: each side
 * of each intendedChanges entry, plus, for each pack equivalent the entries
 * name (by ID or by one of its source/leftover terms), all its source terms
 * and its target; plus the source and target sides of every applied equivalent.
 */
export function intendedTerms(input: QaInput, ctx: QaContext): string[] {
  const hit = cache.get(input);
  if (hit && hit.ctx === ctx) return hit.terms;
  const terms = new Set<string>([...declaredTerms(input, ctx), ...appliedTerms(input, ctx)]);
  const out = [...terms];
  cache.set(input, { ctx, terms: out });
  return out;
}

function declaredTerms(input: QaInput, ctx: QaContext): Set<string> {
  const entries = input.intendedChanges ?? [];
  const terms = new Set<string>();
  if (entries.length === 0) return terms;
  for (const entry of entries) for (const part of entry.split(CHANGE_ARROW)) if (part.trim() !== '') terms.add(nfkc(part).trim());
  for (const eq of ctx.pack?.equivalents ?? []) {
    const sourceTerms = [...eq.source, ...(eq.leftovers ?? [])].map((t) => nfkc(t).trim());
    if (entries.includes(eq.id) || sourceTerms.some((t) => terms.has(t))) {
      for (const t of sourceTerms) terms.add(t);
      terms.add(nfkc(eq.target).trim());
    }
  }
  return terms;
}

function appliedTerms(input: QaInput, ctx: QaContext): string[] {
  if (!ctx.pack || ctx.pack.equivalents.length === 0) return [];
  return appliedEquivalents(ctx.pack, input.item, input.target).flatMap((a) => [...a.sourceTerms, ...a.targetTerms].map((t) => nfkc(t).trim()));
}
