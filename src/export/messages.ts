/** User-facing messages of the export stage. */
import { describeNearCopy, type NearCopy } from '../qa/near-copy.js';

export const exportMessages = {
  outNotFolder: (out: string) =>
    `The export folder ${out} is a file, not a folder. Choose another --out folder (export writes a folder: README.md, LICENSE, data/ and provenance/).`,
  outHoldsSource: (out: string, files: readonly string[]) =>
    `Export refused: the output folder ${out} holds the project's source dataset (${files.join(', ')}), which export must never write over. Nothing was written. Choose another --out folder, or move the source out of it and update source.path in carefully.json.`,
  outNotExport: (out: string, list: readonly string[], manifest: string) =>
    `Export refused: the output folder ${out} holds files that carefully export did not write (no ${manifest} lists them), and export replaces the whole folder. Nothing was written or removed. Choose a new or empty --out folder, or move these files away:\n${list.join('\n')}`,
  badSplit: (split: string) =>
    `--split ${JSON.stringify(split)} is not a valid split name: use letters, digits and underscores (dots between parts), e.g. test, dev or validation.`,
  noRelease: (source: string) =>
    `The AnswerCarefully release of the source (${source}) is not in its file name; the dataset card says "not recorded". Pass --ac-release (e.g. --ac-release v2.2) to credit the release you used.`,
};

export function nearCopyMessage(what: string, copy: NearCopy): string {
  return `${what} ${describeNearCopy(copy)}, which must not be redistributed. Rewrite it in your own words (for a rationale, describe the source instead of quoting it), drop the item, or pass --allow-verbatim if this text is not AnswerCarefully data`;
}

export const FLAGGED_REFUSAL = (n: number): string =>
  `Export refused: ${n} item(s) to export have open flags (questions a localizer or reviewer raised). Nothing was written. Settle them in \`carefully review\` (reply, then resolve the flag), or pass --include-flagged to export them anyway.`;

export const qaRefused = (errors: number, list: readonly string[]) =>
  `Export refused (--fail-on-qa): ${errors} QA error(s) on items that would be exported. Nothing was written. Fix them (\`carefully check\`), or leave out --fail-on-qa to export with the findings reported in the dataset card.\n${list.join('\n')}`;

export const conflictsRefused = (conflicts: number, why: string, list: readonly string[]) =>
  `Export refused: ${conflicts} item(s) ${why}. Nothing was written. Settle them with a new decision (\`carefully adapt --state conflict\`), or pass --on-conflict latest (the later decision) or --on-conflict <author> (that author's decision).\n${list.join('\n')}`;

export const verbatimSource = (field: string, sourceRole: string, sourceField: string) =>
  `the ${field} is identical to the source's ${sourceRole} (field "${sourceField}"), which must not be redistributed. Translate or adapt it, drop the item, or pass --allow-verbatim if this text is not AnswerCarefully data`;
