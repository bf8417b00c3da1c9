/** Long user-facing sentences of the locale stage (max-len does not apply here). */
export const localeMessages = {
  noProjectPack: (value: string, config: string, folder: string, file: string) =>
    `localePack "${value}" in ${config} names ${folder}, which has no ${file}. Give a folder relative to the project holding a locale pack (carefully pack init TAG --out DIR writes one), or the tag of a shipped pack.`,
};
