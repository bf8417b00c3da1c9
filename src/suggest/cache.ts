/**
 * cache/suggestions.jsonl in the project: model answers keyed by model,
 * endpoint host and the full prompt, so the same inputs never cost a second
 * request (a rerun, a resume, the wizard after bulk mode). Append-only.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { appendLines, parseJsonLines } from '../project/append-file.js';
import type { SuggestionAnswer } from './answer.js';

export const SUGGEST_CACHE_FILE = path.join('cache', 'suggestions.jsonl');

export function suggestionKey(model: string, host: string, prompt: string): string {
  return createHash('sha256')
    .update(JSON.stringify([model, host, prompt]))
    .digest('hex')
    .slice(0, 32);
}

export class SuggestionCache {
  readonly file: string;
  private readonly entries = new Map<string, SuggestionAnswer>();

  constructor(projectDir: string) {
    this.file = path.join(projectDir, SUGGEST_CACHE_FILE);
    if (!existsSync(this.file)) return;
    // A torn or broken line is only a lost cache entry: asked again.
    const lines = parseJsonLines<{ k: string; s: SuggestionAnswer }>(
      readFileSync(this.file, 'utf8'),
      () => undefined,
      () => undefined,
    );
    for (const { value } of lines) if (typeof value?.k === 'string' && value.s && typeof value.s.question === 'string') this.entries.set(value.k, value.s);
  }

  get(key: string): SuggestionAnswer | undefined {
    return this.entries.get(key);
  }

  async add(key: string, s: SuggestionAnswer): Promise<void> {
    await appendLines(this.file, [JSON.stringify({ k: key, s })]);
    this.entries.set(key, s);
  }
}
