/** User-facing texts of the suggestion stage (max-len does not apply to strings here). */
export const RESUME_SUGGEST = 'Every suggestion received so far is saved; rerun `carefully suggest` to resume (cached answers are not asked again).';

export const modelMissing = (env: string) =>
  `carefully suggest needs a model name: set ${env} (e.g. export ${env}=llama3.1) or provider.options.model in carefully.json with provider openai.`;

export const sourceWithheld = (host: string) =>
  `The Japanese AnswerCarefully text is NOT sent to ${host} (not a local endpoint): the model sees the English version, the current target and the checklist only. To send it, set "suggest": {"sendSource": true} in carefully.json, but only if the AnswerCarefully license and your agreement allow sharing the data with that endpoint's operator.`;

export const sourceSentRemote = (host: string) =>
  `Warning: the Japanese AnswerCarefully text is sent to ${host} because carefully.json sets suggest.sendSource; make sure the AnswerCarefully license and your agreement allow sharing the data with that endpoint's operator.`;

export const badAnswer = (label: string, item: string, why: string) =>
  `${label} did not answer item "${item}" with a JSON object {"question", "answer", "rationale", "changes": [strings]} (${why}), also after one retry. Nothing was recorded for the item; try again later or with a larger model.`;

export const badAnswers = (count: number, label: string) => `${count} item(s) got no usable suggestion from ${label}; nothing was recorded for them:`;

export const interrupted = (saved: number, remaining: number) => `Stopped: ${saved} suggestion(s) saved, ${remaining} item(s) remaining. ${RESUME_SUGGEST}`;

export const templateUnreadable = (file: string, why: string) =>
  `The prompt template ${file} could not be read or compiled (${why}). Fix the template or remove it to use templates/adapt-prompt.hbs.`;

export const stoppedByProvider = (what: string, saved: number, remaining: number) =>
  `${what} ${saved} suggestion(s) were saved in this run; ${remaining} of ${saved + remaining} item(s) remain. Rerun \`carefully suggest\` to resume; answers received are not asked again.`;

export const suggestDone = (suggested: number, upToDate: number) =>
  `Recorded ${suggested} suggestion(s); ${upToDate} item(s) already had one for their current text. Suggestions change nothing until you accept one in \`carefully adapt\` ([s]).`;

export const nothingToSuggest = 'No item needs a suggestion: none in the selection has checklist answers proposing adapt or replace.';
