/**
 * Source text snapshots: the source question and answer per source hash, kept
 * in cache/source-texts.jsonl (append-only, like the journal), so that when
 * the source file changes (a new AnswerCarefully release) a stale item can
 * show what changed between the text its work was made against
 * (`ItemState.staleFrom`) and the current one.
 *
 * When entries are written: by `init`, and by `loadItems` whenever the source
 * has a hash the file lacks. Every command that writes journal events loads
 * the items first, so every hash an event records is in the file before the
 * event is; nothing else needs to write it.
 *
 * The file holds AnswerCarefully text, which may not be redistributed: export
 * never reads it, and `init` lists it in the project's .gitignore.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type * as Diff from 'diff';
import type { Change } from 'diff';
import { appendLines, parseJsonLines } from './append-file.js';
import { snapshotHashes } from './source-texts-index.js';
import type { SourceItem, TextRole } from '../dataset/item.js';

/** Relative to the project folder. */
export const SOURCE_TEXTS_FILE = path.join('cache', 'source-texts.jsonl');

/** One line of the snapshot file. */
export interface SourceText {
  /** `SourceItem.sourceHash` of this question and answer. */
  hash: string;
  question: string;
  answer: string;
}

type Snapshotted = Pick<SourceItem, 'sourceHash' | 'question' | 'answer'>;

function isSourceText(v: unknown): v is SourceText {
  const e = v as Partial<SourceText> | null;
  return typeof e === 'object' && e !== null && typeof e.hash === 'string' && typeof e.question === 'string' && typeof e.answer === 'string';
}

/**
 * The texts recorded in a project, by source hash. `read` reads them at once;
 * `lazy` answers `has` and `size` from the hash index (source-texts-index.ts)
 * and reads the texts on the first `get` only (a stale item shown).
 */
export class SourceSnapshot {
  private texts: Map<string, SourceText> | undefined;
  private hashes: ReadonlySet<string> | undefined;
  private readonly problems: string[] = [];

  private constructor(private readonly projectDir: string) {}

  static read(projectDir: string): SourceSnapshot {
    const s = new SourceSnapshot(projectDir);
    s.load();
    return s;
  }

  static lazy(projectDir: string): SourceSnapshot {
    return new SourceSnapshot(projectDir);
  }

  /** Problems with the file (a torn last line, lines edited by hand); never fatal. Known once the texts were read. */
  get warnings(): readonly string[] {
    return this.problems;
  }

  private load(): ReadonlyMap<string, SourceText> {
    if (this.texts) return this.texts;
    const texts = new Map<string, SourceText>();
    const file = path.join(this.projectDir, SOURCE_TEXTS_FILE);
    if (existsSync(file)) {
      const lines = parseJsonLines<unknown>(
        readFileSync(file, 'utf8'),
        (line) => this.problems.push(`${SOURCE_TEXTS_FILE}, line ${line}: an unfinished last entry (interrupted write) is ignored.`),
        (line) => this.problems.push(`${SOURCE_TEXTS_FILE}, line ${line}: broken entry ignored.`),
      );
      for (const { value } of lines) if (isSourceText(value)) texts.set(value.hash, value);
    }
    this.texts = texts;
    return texts;
  }

  private known(): ReadonlySet<string> {
    if (this.texts) return new Set(this.texts.keys());
    this.hashes ??= snapshotHashes(this.projectDir, SOURCE_TEXTS_FILE);
    return this.hashes;
  }

  has(hash: string): boolean {
    return this.texts ? this.texts.has(hash) : this.known().has(hash);
  }

  get(hash: string): SourceText | undefined {
    return this.load().get(hash);
  }

  get size(): number {
    return this.texts ? this.texts.size : this.known().size;
  }
}

/**
 * Append the texts of the items whose hash the project's snapshot lacks (each
 * hash once). Returns how many entries were written; 0 means nothing was read
 * beyond the existing file and nothing was written.
 */
export async function recordSourceTexts(
  projectDir: string,
  items: Iterable<Snapshotted>,
  known: SourceSnapshot = SourceSnapshot.lazy(projectDir),
): Promise<number> {
  const lines: string[] = [];
  const added = new Set<string>();
  for (const item of items) {
    if (known.has(item.sourceHash) || added.has(item.sourceHash)) continue;
    added.add(item.sourceHash);
    const entry: SourceText = { hash: item.sourceHash, question: item.question, answer: item.answer };
    lines.push(JSON.stringify(entry));
  }
  await appendLines(path.join(projectDir, SOURCE_TEXTS_FILE), lines);
  return lines.length;
}

// ---------------------------------------------------------------------------
// Diffs

/** A run of text that is unchanged, removed (old text only) or added (new text only). */
export interface DiffPart {
  value: string;
  added?: true;
  removed?: true;
}

export interface FieldDiff {
  field: TextRole;
  changed: boolean;
  /** In reading order; concatenating the non-added parts gives the old text, the non-removed parts the new one. */
  parts: DiffPart[];
}

export interface SourceDiff {
  /** Source hash of the old text (the stale work's). */
  from: string;
  /** Source hash of the current text. */
  to: string;
  fields: FieldDiff[];
  /**
   * The diff as plain text, one block per field, changes marked as in
   * `git diff --word-diff=plain`: [-removed-]{+added+}.
   */
  text: string;
}

let diffLib: typeof Diff | undefined;
/** The diff library, loaded at the first diff (most commands never show one). */
const diffModule = () => (diffLib ??= createRequire(import.meta.url)('diff') as typeof Diff);

/** Japanese and Chinese are written without spaces between words: diff them by character. */
const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/**
 * Unchanged runs at most this many characters long between two changes are
 * shown as part of the change: a character diff of two rewritten Japanese
 * sentences otherwise interleaves them around every shared の or 。.
 */
export const DIFF_MIN_COMMON = 2;

/**
 * The diff of one text: by character when either side contains Japanese or
 * Chinese script, else by word (whitespace kept); short unchanged runs between
 * changes are merged into them (`DIFF_MIN_COMMON`).
 */
export function diffText(oldText: string, newText: string): DiffPart[] {
  const byChar = UNSPACED_SCRIPT.test(oldText) || UNSPACED_SCRIPT.test(newText);
  const { diffChars, diffWordsWithSpace } = diffModule();
  const changes: Change[] = byChar ? diffChars(oldText, newText) : diffWordsWithSpace(oldText, newText);
  return mergeShortCommon(changes, byChar ? DIFF_MIN_COMMON : 0);
}

function mergeShortCommon(changes: readonly Change[], minCommon: number): DiffPart[] {
  const out: DiffPart[] = [];
  let removed = '';
  let added = '';
  const flush = () => {
    if (removed) out.push({ value: removed, removed: true });
    if (added) out.push({ value: added, added: true });
    removed = added = '';
  };
  changes.forEach((c, i) => {
    if (c.removed) removed += c.value;
    else if (c.added) added += c.value;
    else {
      const between = (removed || added) && i < changes.length - 1;
      const short = Array.from(c.value).length <= minCommon || c.value.trim() === '';
      if (between && short) {
        removed += c.value;
        added += c.value;
      } else {
        flush();
        out.push({ value: c.value });
      }
    }
  });
  flush();
  return out;
}

/** [-removed-]{+added+} with the unchanged text around them. */
export function formatDiffParts(parts: readonly DiffPart[]): string {
  return parts.map((p) => (p.removed ? `[-${p.value}-]` : p.added ? `{+${p.value}+}` : p.value)).join('');
}

/** The diff between two versions of an item's source question and answer. */
export function diffSourceTexts(
  oldText: Pick<SourceText, 'question' | 'answer'>,
  newText: Pick<SourceText, 'question' | 'answer'>,
  hashes: { from: string; to: string },
): SourceDiff {
  const fields = (['question', 'answer'] as const).map((field): FieldDiff => {
    const changed = oldText[field] !== newText[field];
    return { field, changed, parts: changed ? diffText(oldText[field], newText[field]) : [{ value: newText[field] }] };
  });
  const text = fields.map((f) => (f.changed ? `${f.field}:\n${indent(formatDiffParts(f.parts))}` : `${f.field}: unchanged`)).join('\n');
  return { ...hashes, fields, text };
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}

/**
 * What changed in an item's source since the text with hash `staleFrom`
 * (`ItemState.staleFrom` of a stale item), or undefined when that text was
 * never recorded in this project (work done before snapshots existed, or in
 * another copy of the project). Pass `snapshot` when diffing many items.
 */
export function sourceDiff(
  project: { dir: string },
  item: SourceItem,
  staleFrom: string,
  snapshot: SourceSnapshot = SourceSnapshot.read(project.dir),
): SourceDiff | undefined {
  const old = snapshot.get(staleFrom);
  if (!old) return undefined;
  return diffSourceTexts(old, item, { from: staleFrom, to: item.sourceHash });
}
