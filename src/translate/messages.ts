/** Long user-facing messages of the translate stage. */
import type { DataProblem } from '../errors.js';

export const dryRunWithoutKey = (why: string) =>
  `${why} Until then, this plan uses the provider's published request limits and list price, and does not subtract texts cached by earlier runs.`;

export const interrupted = (saved: number, remaining: number) =>
  `Interrupted: ${saved} item(s) translated and saved, ${remaining} left. Run \`carefully translate\` again to resume; nothing is sent twice.`;

/** "terms.json, entry 2 ("個人情報"), field "target": is required". */
export const glossaryEntryProblem = (p: DataProblem, index: number) =>
  `${p.file}, entry ${index}${p.id !== undefined ? ` (${JSON.stringify(p.id)})` : ''}${p.field !== undefined ? `, field "${p.field}"` : ''}: ${p.message}`;

export const googleKeyMissing = (keyEnv: string) =>
  `${keyEnv} is not set. Create an API key for the Cloud Translation API (Google Cloud console, APIs & Services > Credentials) and run: export ${keyEnv}=...`;

export const modelMissing = (provider: string, modelEnv: string) =>
  `The ${provider} provider needs a model: set provider.options.model in carefully.json or export ${modelEnv}=... (for Ollama, a model from \`ollama list\`).`;

export const retriesExhausted = (label: string, what: string, attempts: number, lastError: string, rate: boolean) =>
  `${label} ${what} after ${attempts} attempts; last error: ${lastError}${rate ? ' Use a lower --concurrency if this keeps happening.' : ''}`;

export const unknownContextMode = (value: string) =>
  `Unknown context mode "${value}" in provider.options.context. Use "item" (each item's other-language version, one request per item), "packed" (the default: the items of a request share their versions) or "off", in carefully.json or with translate --context.`;
