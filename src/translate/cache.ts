/**
 * The translation cache (cache/translations.jsonl in the project): keyed by
 * provider, its output-changing options, languages, context and text, so a
 * rerun or a resume never bills the same text twice. Append-only like the journal.
 */
import { hash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { appendLines, parseJsonLines } from '../project/append-file.js';

export const CACHE_FILE = path.join('cache', 'translations.jsonl');

/**
 * The cache key of texts sharing the other parts: a sha256 of the JSON array [provider, options, from, to, context, text]
 * (the format of the keys in cache/translations.jsonl), the common prefix made once and one one-shot hash per text.
 */
export function cacheKeyer(parts: { provider: string; options: string; from: string; to: string; context?: string }): (text: string) => string {
  const head = `${JSON.stringify([parts.provider, parts.options, parts.from, parts.to, parts.context ?? '']).slice(0, -1)},`;
  return (text) => hash('sha256', `${head}${JSON.stringify(text)}]`, 'hex').slice(0, 32);
}

export class TranslationCache {
  private readonly entries = new Map<string, string>();
  readonly file: string;
  readonly warnings: string[] = [];

  constructor(projectDir: string) {
    this.file = path.join(projectDir, CACHE_FILE);
    if (existsSync(this.file)) {
      const lines = parseJsonLines<{ k: string; t: string }>(
        readFileSync(this.file, 'utf8'),
        (line) => this.warnings.push(`${CACHE_FILE}, line ${line}: an unfinished last entry (interrupted write) is ignored.`),
        (line) => this.warnings.push(`${CACHE_FILE}, line ${line}: broken entry ignored.`),
      );
      for (const { value } of lines) if (typeof value?.k === 'string' && typeof value.t === 'string') this.entries.set(value.k, value.t);
    }
  }

  get(key: string): string | undefined {
    return this.entries.get(key);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Store and fsync; returns once the entries are on disk. */
  async add(entries: readonly { key: string; text: string }[]): Promise<void> {
    await appendLines(
      this.file,
      entries.map((e) => JSON.stringify({ k: e.key, t: e.text })),
    );
    for (const e of entries) this.entries.set(e.key, e.text);
  }
}
