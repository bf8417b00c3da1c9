/** Long user-facing messages of the adapt stage. */

export const secondaryItemRefused = (id: string, what: string) =>
  `${id} is a second-annotation item: only your decision and its rationale are recorded, to be compared with the primary localizer's (\`carefully agreement\`); ${what} would change their work. Decide, or [f]lag the item to discuss it.`;

export const notAChecklistAnswer = (answer: unknown, question: string, accepted: readonly string[]) =>
  `${JSON.stringify(answer)} is not a checklist answer to "${question}": use ${accepted.slice(0, -1).join(', ')} or ${accepted.at(-1)}.`;

export const notARevert = (value: unknown) => `${JSON.stringify(value)} is not a revert: use "revert": "mt" (back to the machine translation).`;

export const undoNotAlone = (others: readonly string[]) =>
  `is given alone: an undo line has only "id" and "undo" (found ${others.join(', ')}); put the other fields on a later run.`;
