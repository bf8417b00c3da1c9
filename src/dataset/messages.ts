/** Long user-facing messages of the dataset stage. */

export const sameIdOnceNormalized = (index: number, id: string) =>
  `is the same ID as record ${index} (${JSON.stringify(id)}) once Unicode normalization (NFKC) and surrounding spaces are set aside. IDs must be unique: fix one of them`;

export const notValidDataset = (file: string, problemCount: number, records: number, lines: readonly string[]) =>
  `${file} is not a valid dataset for this profile: ${problemCount} problem(s) in ${records} record(s). Fix them (or adjust the field mapping with --map ROLE=FIELD; \`carefully inspect FILE\` proposes one) and try again.\n${lines.join('\n')}`;

/** Parquet sources (read-parquet.ts). */
export const parquetMessages = {
  emptyHint: 'Give a Parquet file (for example the one the Hugging Face dataset viewer offers), or a JSON, JSONL, CSV or TSV file.',
  notParquet: 'is not a Parquet file (it does not start with the Parquet marker "PAR1")',
  notParquetHint: 'Check that the file was saved as Parquet; a JSON, JSONL, CSV or TSV file must be named .json, .jsonl, .csv or .tsv to be read as one.',
  noFooter: 'the Parquet marker "PAR1" is missing at the end of the file',
  truncated: (reason: string) => `the Parquet file looks truncated or damaged (${reason})`,
  badRowGroup: (from: number, to: number, reason: string) => `rows ${from} to ${to} cannot be decoded (${reason})`,
  truncatedHint: 'Download or export the file again.',
};
