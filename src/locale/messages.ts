/** Long user-facing sentences of the locale stage (max-len does not apply here). */
export const localeMessages = {
  noProjectPack: (value: string, config: string, folder: string, file: string) =>
    `localePack "${value}" in ${config} names ${folder}, which has no ${file}. Give a folder relative to the project holding a locale pack (carefully pack init TAG --out DIR writes one), or the tag of a shipped pack.`,
  overrideInBase: 'is only for target packs: the base pack writes its questions in `checklist`.',
  overrideUnknown: (id: string, ids: string[]) =>
    `names "${id}", which is no question of the base pack; checklistOverrides change base questions only (base questions: ${ids.join(', ')}). Add a new question to \`checklist\` instead.`,
  overrideTwice: (id: string, index: number) =>
    `overrides "${id}", which checklist[${index}] overrides too; give the changes in one place (checklistOverrides for text and patterns, checklist to change conditions, effects or options).`,
  overrideNoPatterns: (id: string) =>
    `adds patterns to "${id}", whose base question has no pattern condition (patterns would narrow it, not widen it); remove them, or override the question in \`checklist\` with its own \`when\`.`,
  overrideNoOption: (ids: string[]) => `names no option of this question (its options: ${ids.join(', ') || 'none: it is a yes/no question'})`,
  initNoPack: (value: string, tried: string[], file: string) =>
    `--locale-pack ${value}: no ${file} in ${tried.join(' or ')}. Give a folder holding a locale pack, relative to the working folder or to the project (carefully pack init TAG --out DIR writes one), or the tag of a shipped pack.`,
  initBadPack: (value: string, n: number) => `--locale-pack ${value}: the pack fails pack check (${n} ${n === 1 ? 'error' : 'errors'}); nothing was written.`,
  initBadPackAdvice: (folder: string) => `Fix the pack (carefully pack check ${folder} lists the same problems), then run init again.`,
};
