/** Long user-facing messages of `carefully xliff` and `carefully sheet`. */
export const messages = {
  xliffExported: (r: { out: string; version: string; items: number; units: number }) =>
    `Wrote ${r.units} unit(s) of ${r.items} item(s) to ${r.out} (XLIFF ${r.version}). It holds the source text: keep it in the team, never publish it. Bring the edited file back with \`carefully xliff import ${r.out}\`.`,
  imported: (file: string, edited: number, author: string, events: number) =>
    `Imported ${file} as ${author}: ${edited} edited target(s), ${events} journal event(s)${events > 0 ? ', written as one unit: all or nothing' : ''}.`,
  sheetExported: (r: { out: string; format: string; items: number }) =>
    `Wrote ${r.items} item(s) to ${r.out} (${r.format.toUpperCase()}). It holds the Japanese source: keep it in the team, never publish it. Edit the columns question, answer, decision, rationale, checklist, verdict and comment; bring it back with \`carefully sheet import ${r.out}\`.`,
  sheetImported: (file: string, author: string, events: number) =>
    `Imported ${file} as ${author}: ${events} journal event(s)${events > 0 ? ', written as one unit: all or nothing' : ''}.`,
  tmxExported: (r: { out: string; items: number; units: number }) =>
    `Wrote ${r.units} segment pair(s) of ${r.items} approved item(s) to ${r.out} (TMX 1.4). It holds the Japanese source: keep it in the team, never publish it.`,
  glossaryExported: (r: { out: string; entries: number }) => `Wrote ${r.entries} glossary entr${r.entries === 1 ? 'y' : 'ies'} to ${r.out}.`,
  glossaryImported: (r: { file: string; glossary: string; entries: number; configured: boolean }) =>
    `Imported ${r.entries} glossary entr${r.entries === 1 ? 'y' : 'ies'} from ${r.file} into ${r.glossary}${r.configured ? ' (now the project glossary in carefully.json)' : ''}; \`carefully translate\` uses them.`,
};
