/** Checks that no source text (AnswerCarefully data, which may not be redistributed) is copied into the target. */
import { defineCheck, NO_FINDINGS } from '../check.js';
import { describeNearCopy, findNearCopy } from '../near-copy.js';
import { fieldLabel } from '../text.js';
import { QA_FIELDS, type Finding } from '../types.js';

/**
 * Target copies the source.
 *
 * Any run of 10 or more characters of the item's Japanese question or answer
 * (or of another item's, when the dataset's sources are indexed) in the
 * target, after NFKC normalisation and with whitespace, zero-width characters
 * and punctuation ignored (src/qa/near-copy.ts). Export refuses such items.
 */
export const sourceNearCopy = defineCheck({
  id: 'source-near-copy',
  title: 'Target copies the source',
  severity: 'error',
  run(input, ctx) {
    let findings: Finding[] | undefined;
    // Without a rationale the target texts are the near-copy texts themselves (no copy of them per item).
    const texts = input.rationale === undefined ? input.target : { ...input.target, rationale: input.rationale };
    const found = ctx.nearCopies?.of(input.item, texts);
    for (const field of QA_FIELDS) {
      const copy = found ? found[field] : findNearCopy(input.target[field], input.item, ctx.sourceIndex);
      if (!copy) continue;
      (findings ??= []).push({
        check: 'source-near-copy',
        severity: 'error',
        field,
        message: `${fieldLabel(field)} ${describeNearCopy(copy)}; source text must not be redistributed: translate or rewrite it.`,
      });
    }
    return findings ?? NO_FINDINGS;
  },
});
