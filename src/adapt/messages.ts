/** Long user-facing messages of the adapt stage. */

export const secondaryItemRefused = (id: string, what: string) =>
  `${id} is a second-annotation item: only your decision and its rationale are recorded, to be compared with the primary localizer's (\`carefully agreement\`); ${what} would change their work. Decide, or [f]lag the item to discuss it.`;

export const notAChecklistAnswer = (answer: unknown, question: string, accepted: readonly string[]) =>
  `${JSON.stringify(answer)} is not a checklist answer to "${question}": use ${accepted.slice(0, -1).join(', ')} or ${accepted.at(-1)}.`;
