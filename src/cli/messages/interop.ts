/** Long user-facing messages of `carefully xliff` and `carefully sheet`. */
export const messages = {
  xliffExported: (r: { out: string; version: string; items: number; units: number }) =>
    `Wrote ${r.units} unit(s) of ${r.items} item(s) to ${r.out} (XLIFF ${r.version}). It holds the source text: keep it in the team, never publish it. Bring the edited file back with \`carefully xliff import ${r.out}\`.`,
  imported: (file: string, edited: number, author: string, events: number) =>
    `Imported ${file} as ${author}: ${edited} edited target(s), ${events} journal event(s)${events > 0 ? ', written as one unit: all or nothing' : ''}.`,
};
