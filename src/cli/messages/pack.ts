/** Long user-facing sentences of `pack check` and `pack init` (max-len does not apply here). */
export const packMessages = {
  checked: (dir: string, errors: number, warnings: number) =>
    errors === 0
      ? `Locale pack ${dir}: no errors${warnings > 0 ? `, ${warnings} warning(s) (fields still to fill in; base's values are used meanwhile)` : ''}.`
      : `Locale pack ${dir}: ${errors} error(s), ${warnings} warning(s). Fix the errors; the format is described in schemas/locale-pack.schema.json.`,
  badTag: (tag: string) => `"${tag}" is not a BCP 47 language tag (e.g. vi, zh-Hans). Give the tag of the target language: carefully pack init vi.`,
  exists: (file: string) => `${file} already exists; pack init does not overwrite a pack. Choose another folder with --out DIR, or remove the file first.`,
  initialised: (file: string, dir: string) =>
    `Wrote ${file}: every base question (rewrite its help for the target) and every base equivalent with an empty target, asOf and sourceUrl to fill in. Set languageName, then run: carefully pack check ${dir}`,
};
