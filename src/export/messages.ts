/** Long user-facing messages of the export stage. */

export const qaRefused = (errors: number, list: readonly string[]) =>
  `Export refused (--fail-on-qa): ${errors} QA error(s) on items that would be exported. Nothing was written. Fix them (\`carefully check\`), or leave out --fail-on-qa to export with the findings reported in the dataset card.\n${list.join('\n')}`;

export const conflictsRefused = (conflicts: number, why: string, list: readonly string[]) =>
  `Export refused: ${conflicts} item(s) ${why}. Nothing was written. Settle them with a new decision (\`carefully adapt --state conflict\`), or pass --on-conflict latest (the later decision) or --on-conflict <author> (that author's decision).\n${list.join('\n')}`;

export const verbatimSource = (field: string, sourceRole: string, sourceField: string) =>
  `the ${field} is identical to the source's ${sourceRole} (field "${sourceField}"), which must not be redistributed. Translate or adapt it, drop the item, or pass --allow-verbatim if this text is not AnswerCarefully data`;
