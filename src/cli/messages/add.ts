/** Messages of `carefully add`. */
export const addCommandMessages = {
  added: (ids: readonly string[], from: string, author: string) =>
    ids.length === 0
      ? `Nothing to add from ${from}: every item in it was added before.`
      : `Added ${ids.length} new item(s) from ${from} as ${author}: ${ids.join(', ')}.`,
  next: 'Each new item has the decision "new" and goes through `carefully adapt --ids ID` (checklist), `carefully review`, `carefully check` and `carefully export` like any item.',
};
