/** Long user-facing messages of the adapt stage. */

export const secondaryItemRefused = (id: string, what: string) =>
  `${id} is a second-annotation item: only your decision and its rationale are recorded, to be compared with the primary localizer's (\`carefully agreement\`); ${what} would change their work. Decide, or [f]lag the item to discuss it.`;
