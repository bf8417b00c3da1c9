/**
 * The glossary a translation provider gets: the must-translate and
 * do-not-translate terms of the project's locale pack (config `localePack`, else
 * the target language), overridden by the project's own glossary file (config
 * `glossary`: a JSON array of {source, target?, doNotTranslate?, note?}).
 *
 * Providers take plain source -> target pairs: a do-not-translate term becomes
 * {source, target: source}, which is how DeepL glossaries express it. Only terms
 * written in the project's source language go to the provider (a ja -> ko
 * glossary has no use for an English phrase, and DeepL would apply it to Japanese
 * text anyway): see `inSourceLanguage`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DataError, UnreadableFileError, formatProblem, type DataProblem } from '../errors.js';
import { loadProjectLocalePack } from '../locale/locale-pack.js';
import type { GlossaryEntry } from '../locale/locale-pack-types.js';
import type { Project } from '../project/project.js';
import { CONFIG_FILE } from '../project/config.js';
import { glossaryEntryProblem } from './messages.js';

export interface ProviderGlossary {
  /** What the provider gets, sorted by source; do-not-translate terms map to themselves. */
  entries: { source: string; target: string }[];
  /** Where the terms came from ("locale pack ko", "glossary.json"), for messages. */
  sources: string[];
  /** Terms left out because they are not written in the source language. */
  skipped: number;
}

const JAPANESE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const LATIN = /\p{Script=Latin}/u;
const NEUTRAL = /[\p{Script=Common}\p{Script=Inherited}]/u;
const LETTER = /\p{L}/u;

/**
 * Whether a glossary term is written in the project's source language, judged by
 * script. For ja: terms with kana/kanji, and single Latin tokens, because
 * Japanese text writes names and acronyms in Latin letters (ChatGPT, AI, SNS,
 * DV, Wi-Fi); a Latin phrase with spaces is English and is left out. For en: terms
 * without kana/kanji. Terms with letters of any other script (Hangul, Cyrillic...)
 * never qualify; terms without letters (numbers, symbols) always do.
 */
export function inSourceLanguage(source: string, from: string): boolean {
  const letters = [...source].filter((ch) => LETTER.test(ch) && !NEUTRAL.test(ch));
  if (letters.length === 0) return true;
  const japanese = letters.some((ch) => JAPANESE.test(ch));
  if (letters.some((ch) => !JAPANESE.test(ch) && !LATIN.test(ch))) return false;
  if (from === 'ja') return japanese || !/\s/u.test(source.trim());
  if (from === 'en') return !japanese;
  return true;
}

const ENTRY_FIELDS = new Set(['source', 'target', 'doNotTranslate', 'note']);

/**
 * Read and check a user glossary file. Every problem names the file, the entry
 * (0-based index, like the locale pack's) and the field.
 */
export function readGlossaryFile(file: string): GlossaryEntry[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UnreadableFileError(
      { file, message: `cannot read the project's glossary file (${(err as NodeJS.ErrnoException).code ?? String(err)})` },
      `Create it (a JSON array of {"source": ..., "target": ...} or {"source": ..., "doNotTranslate": true}), or remove "glossary" from ${CONFIG_FILE}.`,
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/u, ''));
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const position = /position (\d+)/u.exec(message)?.[1];
    const line = position === undefined ? undefined : text.slice(0, Number(position)).split('\n').length;
    throw glossaryError(file, [{ file, ...(line === undefined ? {} : { line }), message: `not valid JSON: ${message}` }]);
  }
  return checkGlossaryData(file, data);
}

/** Check glossary entries read from `file` (JSON, or a CSV/TBX import); throws one DataError naming every bad entry. */
export function checkGlossaryData(file: string, data: unknown): GlossaryEntry[] {
  if (!Array.isArray(data)) {
    throw glossaryError(file, [
      { file, message: 'must be a JSON array of entries like {"source": "個人情報", "target": "개인정보"} or {"source": "ChatGPT", "doNotTranslate": true}' },
    ]);
  }
  const problems: DataProblem[] = [];
  const seen = new Map<string, number>();
  const entries: GlossaryEntry[] = [];
  data.forEach((value: unknown, index) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      problems.push({ file, index, message: 'must be an object with "source" and "target" (or "doNotTranslate": true)' });
      return;
    }
    const e = value as Record<string, unknown>;
    const named = typeof e['source'] === 'string' && e['source'].trim() !== '' ? { id: e['source'].trim() } : {};
    const at = (field: string, message: string) => problems.push({ file, index, ...named, field, message });
    for (const k of Object.keys(e)) if (!ENTRY_FIELDS.has(k)) at(k, 'is not a known field (use source, target, doNotTranslate, note)');
    const source = e['source'];
    const target = e['target'];
    const dnt = e['doNotTranslate'];
    let ok = true;
    if (typeof source !== 'string' || source.trim() === '') {
      at('source', 'must be a non-empty string');
      ok = false;
    } else if (/[\t\r\n]/u.test(source)) {
      at('source', 'must be one line without tabs');
      ok = false;
    }
    if (dnt !== undefined && typeof dnt !== 'boolean') {
      at('doNotTranslate', 'must be true or false');
      ok = false;
    }
    if (target !== undefined && (typeof target !== 'string' || target.trim() === '' || /[\t\r\n]/u.test(target))) {
      at('target', 'must be a non-empty string on one line without tabs');
      ok = false;
    }
    if (dnt === true && target !== undefined) {
      at('target', 'must be absent when doNotTranslate is true');
      ok = false;
    } else if (dnt !== true && target === undefined) {
      at('target', 'is required (or set "doNotTranslate": true to keep the term as it is)');
      ok = false;
    }
    if (e['note'] !== undefined && typeof e['note'] !== 'string') at('note', 'must be a string');
    if (!ok || typeof source !== 'string') return;
    const key = source.trim();
    const first = seen.get(key);
    if (first !== undefined) {
      at('source', `is already defined by entry ${first}`);
      return;
    }
    seen.set(key, index);
    entries.push({ source: key, ...(dnt === true ? { doNotTranslate: true } : { target: (target as string).trim() }) });
  });
  if (problems.length > 0) throw glossaryError(file, problems);
  return entries;
}

/** "terms.json, entry 2 ("個人情報"), field "target": is required". */
function formatEntryProblem(p: DataProblem): string {
  if (p.index === undefined) return formatProblem(p);
  return glossaryEntryProblem(p, p.index);
}

function glossaryError(file: string, problems: DataProblem[]): DataError {
  return DataError.listing(`Glossary file ${file} is invalid (${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}):`, problems, {
    format: formatEntryProblem,
    advice: 'Each entry is {"source": TERM, "target": TRANSLATION} or {"source": TERM, "doNotTranslate": true}. Nothing was sent.',
  });
}

/** Pack terms overridden by the file's (by source), as provider pairs in the source language. */
export function mergeGlossaries(
  pack: readonly GlossaryEntry[],
  user: readonly GlossaryEntry[],
  from: string,
): { entries: { source: string; target: string }[]; skipped: number } {
  const bySource = new Map<string, GlossaryEntry>();
  for (const e of [...pack, ...user]) bySource.set(e.source.trim(), e);
  const entries: { source: string; target: string }[] = [];
  let skipped = 0;
  for (const [source, e] of bySource) {
    const target = e.doNotTranslate ? source : e.target?.trim();
    if (!target || source === '') continue;
    if (!inSourceLanguage(source, from)) {
      skipped++;
      continue;
    }
    entries.push({ source, target });
  }
  entries.sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
  return { entries, skipped };
}

/** The project's glossary, for providers that take glossary entries (descriptor capabilities). */
export function projectGlossary(project: Project): ProviderGlossary {
  const { config } = project;
  const loaded = loadProjectLocalePack(project);
  const sources = [`locale pack ${loaded.resolved}`];
  let user: GlossaryEntry[] = [];
  if (config.glossary) {
    const file = path.resolve(project.dir, config.glossary);
    user = readGlossaryFile(file);
    sources.push(config.glossary);
  }
  return { ...mergeGlossaries(loaded.pack.glossary, user, config.languages.from), sources };
}
