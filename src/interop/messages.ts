/** Long user-facing messages of the interop formats (XLIFF, sheets). */
export const messages = {
  unknownItem: (id: string) =>
    `${JSON.stringify(id)} is not an item of the source: was the file exported from another release or project? Remove the unit, or export the file again.`,
  duplicateUnit: 'is given twice in the file; keep one unit per item and field.',
  missingHashes:
    'carries no carefully source and target hashes (they are how an import tells what was edited and whether the source changed). Export the file again with carefully and make the edits there.',
  staleUnit: (id: string, field: string) =>
    `${id} (${field}): refused, the source text changed since the file was exported. Export the file again (with \`--ids ${id}\`) and redo the edit against the new source.`,
  changedInProject: (id: string, field: string) =>
    `${id} (${field}): refused, the ${field} was changed in the project after the file was exported, so the file's edit would overwrite that work. Export it again and redo the edit, or settle it in \`carefully adapt --ids ${id}\`.`,
  problems: (file: string, n: number) => `${file}: ${n} problem(s); nothing was written.`,
  notXml: (file: string, detail: string) =>
    `${file} is not well-formed XML (${detail}). Nothing was written. Check the file the translation tool saved, or export it again.`,
  notXliff: (file: string) =>
    `${file} is not an XLIFF 1.2 or 2.0 file (no <xliff version="1.2"|"2.0"> root). Nothing was written. Give a file written by \`carefully xliff export\`.`,
  noProjectId: (file: string) =>
    `${file} was not exported by carefully: its <file original="..."> holds no carefully project identifier. Nothing was written. Import only files made by \`carefully xliff export\`.`,
  otherProject: (file: string, got: string, want: string) =>
    `${file} belongs to another project (${got}; this project is ${want}). Nothing was written. Import it in the project it was exported from, or pass that project with --project.`,
  wrongLanguages: (file: string, got: string, want: string) =>
    `${file} is for the language pair ${got}, but this project translates ${want}. Nothing was written. Check that the translation tool kept the file's languages, or import it in the right project.`,
  inlineMarkup: (element: string) =>
    `holds inline markup (<${element}>); carefully keeps plain text. Remove the tags in the translation tool (or paste the text as plain text) and save again.`,
  badUnitName: (name: string) =>
    `unit ${JSON.stringify(name)} does not name an item field ("<item ID>#question" or "#answer"): the file was changed outside a translation tool, or not exported by carefully.`,
  xmlCharacters: (id: string, field: string) =>
    `${id} (${field}) holds control characters that XML 1.0 cannot carry; nothing was written. Fix the text (in the source or with \`carefully adapt --ids ${id}\`), or leave the item out with --ids/filters.`,
};

/** Long user-facing messages of the review sheets. */
export const sheetMessages = {
  notASheet: (file: string) =>
    `${file} is not a carefully review sheet: its first row does not start with "carefully project". Nothing was written. Import only sheets made by \`carefully sheet export\` (keep their first two rows).`,
  otherProject: (file: string, got: string, want: string) =>
    `${file} belongs to another project (${got || 'no identifier'}; this project is ${want}). Nothing was written. Import it in the project it was exported from.`,
  wrongLanguages: (file: string, got: string, want: string) =>
    `${file} is for the language pair ${got || '(none)'}, but this project translates ${want}. Nothing was written. Import it in the right project.`,
  missingColumns: (file: string, missing: readonly string[]) =>
    `${file} lacks the column(s) ${missing.map((m) => JSON.stringify(m)).join(', ')} in row 2. Nothing was written. Keep the column names as exported (columns may be moved, not renamed).`,
  decisionNeeded: 'is empty, but the row changes checklist answers: give the decision (transfer, adapt, replace or drop) the answers lead to.',
  verdictWithChanges:
    'cannot be given on a row that also changes the item (target, decision or checklist): an edited item awaits another verdict. Import the changes first, then give the verdict in a new export.',
  verdictOnChangedText: (id: string, field: string) =>
    `${id} (${field}): verdict refused, the ${field} changed in the project after the sheet was exported, so the reviewer did not see it. Export the sheet again and review the new text.`,
  staleRow: (id: string) =>
    `${id}: row refused, the source text changed since the sheet was exported. Export the sheet again (with \`--ids ${id}\`) and redo the row against the new source.`,
  notCsv: (file: string, line: number | undefined, detail: string) =>
    `${file}${line !== undefined ? `, line ${line}` : ''}: not valid CSV (${detail}). Nothing was written. Save the sheet again as CSV (UTF-8).`,
  badChecklist: (part: string) => `${JSON.stringify(part)} is not "<question ID>=<answer>" (one per line, e.g. named-entities=yes).`,
  problems: (file: string, n: number) => `${file}: ${n} problem(s); nothing was written.`,
};

/** Long user-facing messages of the glossary import and export. */
export const glossaryMessages = {
  noGlossary: (dir: string) =>
    `${dir} has no project glossary ("glossary" in carefully.json). Import one with \`carefully glossary import FILE.csv|FILE.tbx\`, or set "glossary" to a JSON file.`,
  wouldOverwrite: (file: string) =>
    `${file} exists but is not the project's glossary ("glossary" is not set in carefully.json). Nothing was written. Move it away, or set "glossary" to it first.`,
  notCsv: (file: string, line: number | undefined, detail: string) =>
    `${file}${line !== undefined ? `, line ${line}` : ''}: not valid CSV (${detail}). Nothing was written. Save the glossary again as CSV (UTF-8).`,
  csvColumns: (file: string) =>
    `${file} has no "source" column in its first row. Nothing was written. The first row names the columns: source, target, do-not-translate, note.`,
  badFlag: (value: string) => `${JSON.stringify(value)} is not yes or no (leave it empty for a term to translate).`,
  problems: (file: string, n: number) => `${file}: ${n} problem(s); nothing was written.`,
  notXml: (file: string, detail: string) => `${file} is not well-formed XML (${detail}). Nothing was written.`,
  notTbx: (file: string) => `${file} is not a TBX file (no <tbx> or <martif> root with <text><body>). Nothing was written.`,
};
