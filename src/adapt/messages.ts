/** Long user-facing messages of the adapt stage. */

export const secondaryItemRefused = (id: string, what: string) =>
  `${id} is a second-annotation item: only your decision and its rationale are recorded, to be compared with the primary localizer's (\`carefully agreement\`); ${what} would change their work. Decide, or [f]lag the item to discuss it.`;

export const notAChecklistAnswer = (answer: unknown, question: string, accepted: readonly string[]) =>
  `${JSON.stringify(answer)} is not a checklist answer to "${question}": use ${accepted.slice(0, -1).join(', ')} or ${accepted.at(-1)}.`;

export const addedItemDecision = (id: string, decision: string) =>
  `${id} was added in the target language (\`carefully add\`): it has no source to ${decision === 'transfer' ? 'transfer' : 'adapt or replace'}. Decide "new" to keep it (with a rationale), or "drop" to remove it.`;

export const newOnlyForAdded = (id: string) =>
  `"new" is the decision of items added with \`carefully add\`; ${id} comes from the source. Use transfer, adapt, replace-target, replace-scenario or drop.`;

export const groupsMissing =
  'A "replace-target" decision records which group or entity was replaced by which: give both, the source group (as in the source item) and the target-culture group (in an answers file: "groups": {"source": "...", "target": "..."}).';

export const evidenceMissing = (question: string, answer: string, evidence: string) =>
  `The answer "${answer}" to "${question}" needs its evidence as a note (${evidence}). In an answers file, give the answer as {"answer": "${answer}", "note": "..."}.`;
