/** Long user-facing messages of what the adapt and review sessions share. */

export const nothingToUndo = (id: string, author: string, others: readonly string[]) =>
  others.filter((a) => a !== author).length > 0
    ? `Nothing of ${author}'s to undo on ${id}: its changes are by ${others.filter((a) => a !== author).join(', ')}. Undo takes back only your own actions; change the item instead (edit, decide again), or ask them to undo theirs.`
    : `Nothing of ${author}'s to undo on ${id}: you have no action on it still in effect (machine translations and undos themselves cannot be undone).`;

export const nothingToRevert = (id: string) => `${id}: the question and the answer are already the machine translation; nothing to revert.`;

export const noMtToRevert = (id: string) => `${id} has no machine translation to revert to. Run \`carefully translate\` first, or edit the text.`;

export const revertSecondaryRefused = (id: string) =>
  `${id} is a second-annotation item: you see the machine translation already and your edits are not recorded, so there is nothing to revert.`;
