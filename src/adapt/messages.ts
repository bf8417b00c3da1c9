/** Long user-facing messages of the adapt stage. */

export const secondaryItemRefused = (id: string, what: string) =>
  `${id} is a second-annotation item: only your decision and its rationale are recorded, to be compared with the primary localizer's (\`carefully agreement\`); ${what} would change their work. Decide, or [f]lag the item to discuss it.`;

export const notAChecklistAnswer = (answer: unknown, question: string, accepted: readonly string[]) =>
  `${JSON.stringify(answer)} is not a checklist answer to "${question}": use ${accepted.slice(0, -1).join(', ')} or ${accepted.at(-1)}.`;

export const notARevert = (value: unknown) => `${JSON.stringify(value)} is not a revert: use "revert": "mt" (back to the machine translation).`;

export const undoNotAlone = (others: readonly string[]) =>
  `is given alone: an undo line has only "id" and "undo" (found ${others.join(', ')}); put the other fields on a later run.`;

export const addedItemDecision = (id: string, decision: string) =>
  `${id} was added in the target language (\`carefully add\`): it has no source to ${decision === 'transfer' ? 'transfer' : 'adapt or replace'}. Decide "new" to keep it (with a rationale), or "drop" to remove it.`;

export const newOnlyForAdded = (id: string) =>
  `"new" is the decision of items added with \`carefully add\`; ${id} comes from the source. Use transfer, adapt, replace-target, replace-scenario or drop.`;

export const groupsMissing =
  'A "replace-target" decision records which group or entity was replaced by which: give both, the source group (as in the source item) and the target-culture group (in an answers file: "groups": {"source": "...", "target": "..."}).';

export const evidenceMissing = (question: string, answer: string, evidence: string) =>
  `The answer "${answer}" to "${question}" needs its evidence as a note (${evidence}). In an answers file, give the answer as {"answer": "${answer}", "note": "..."}.`;

/** `carefully add`: problems with a new item's fields. */
export const addMessages = {
  notObject:
    'must be a JSON object like {"question": "...", "answer": "...", "riskArea": "...", "harmType": "...", "specificHarm": "...", "rationale": "..."}.',
  required: (field: string) =>
    field === 'rationale'
      ? 'is required: say which harm of the target society the new item probes and why AnswerCarefully has no item for it.'
      : `is required: write the new item's ${field} in the target language.`,
  riskArea: (given: unknown) =>
    `${JSON.stringify(given ?? null)} is not an AnswerCarefully risk area: use one of its Japanese labels (\`carefully inspect\` and the README list them), e.g. "悪用".`,
  harmType: (given: unknown) =>
    `${JSON.stringify(given ?? null)} is not an AnswerCarefully harm type: use one of its Japanese labels, e.g. "違法行為への加担".`,
  harmTypeArea: (harmType: string, area: string) => `"${harmType}" belongs to the risk area "${area}": give that risk area, or another harm type.`,
  specificHarm: (given: unknown, lang: string) =>
    `${JSON.stringify(given ?? null)} is neither an AnswerCarefully specific harm nor a new one in the "${lang}:" namespace: use an existing label where it fits, otherwise name the new harm like "${lang}:military-service-evasion" (the dataset card lists new harms).`,
};
