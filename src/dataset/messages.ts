/** Long user-facing messages of the dataset stage. */

export const sameIdOnceNormalized = (index: number, id: string) =>
  `is the same ID as record ${index} (${JSON.stringify(id)}) once Unicode normalization (NFKC) and surrounding spaces are set aside. IDs must be unique: fix one of them`;

export const notValidDataset = (file: string, problemCount: number, records: number, lines: readonly string[]) =>
  `${file} is not a valid dataset for this profile: ${problemCount} problem(s) in ${records} record(s). Fix them (or adjust the field mapping with --map ROLE=FIELD; \`carefully inspect FILE\` proposes one) and try again.\n${lines.join('\n')}`;
