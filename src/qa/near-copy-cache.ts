/**
 * The near-copy verdicts cache (cache/qa/near-copy.jsonl, issue #11): which
 * target texts and decision rationales copy a source, so that a warm `check`,
 * `list`, `report` or `export` never builds the cross-item index (near-copy.ts).
 *
 * Kept apart from the item checks' cache (qa-cache.ts): a verdict depends on
 * every indexed source, so its file is keyed (first line) by the set of
 * indexed items (their IDs and source hashes, in order; see NearCopies) and
 * is thrown away whole when that set changes, while the item checks' results
 * stay. The header also keeps what the index held: whether it was complete
 * and the code points of every indexed source, which settle most new texts (a
 * target in another script) without building it. Then one line per item,
 * `["<id>","<hash>",[["<text>",<NearCopy>],...]]`, the hash over the item's
 * source hash, target texts and rationale. Derived: safe to delete; a corrupt
 * or outdated file is ignored and rewritten.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { SourceItem } from '../dataset/item.js';
import { MAX_GLOBAL_SHINGLES, NEAR_COPY_RUN, type NearCopy } from './near-copy.js';
import { qaCacheIgnored } from './messages.js';
import { HASH_LENGTH, cacheFolder, parseLine } from './qa-cache.js';

export const NEAR_COPY_CACHE_FILE = path.join('cache', 'qa', 'near-copy.jsonl');

/** The texts of an item a near copy is looked for in (a rationale goes to provenance.jsonl). */
export const NEAR_COPY_TEXTS = ['question', 'answer', 'rationale'] as const;
export type NearCopyText = (typeof NEAR_COPY_TEXTS)[number];
export type NearCopyTexts = Record<'question' | 'answer', string> & { rationale?: string };
/** The near copy found in each text, if any. */
export type NearCopyVerdict = Partial<Record<NearCopyText, NearCopy>>;

/** What the index held, as the header keeps it. */
export interface IndexSummary {
  complete: boolean;
  /** Code points of every indexed source (CodePointSet ranges); empty when not complete. */
  codePoints: number[];
}

const FORMAT = 1;

/** The header's key: the indexed set and everything else a verdict depends on. */
const contextOf = (indexKey: string) =>
  JSON.stringify({ format: FORMAT, run: NEAR_COPY_RUN, max: MAX_GLOBAL_SHINGLES, unicode: process.versions.unicode, index: indexKey });

/** A hash of what an item's verdict depends on besides the indexed set. */
export function nearCopyTextsHash(item: SourceItem, texts: NearCopyTexts): string {
  const key = [item.sourceHash, texts.question, texts.answer, texts.rationale ?? null];
  return createHash('sha256').update(JSON.stringify(key)).digest('base64url').slice(0, HASH_LENGTH);
}

export class NearCopyCache {
  /** Entries as "<hash>\t<verdict JSON>", parsed when used; an entry as read is the offset of its line in `text` (as in qa-cache.ts). */
  private entries = new Map<string, string | number>();
  private text = '';
  private fileContext: string | undefined;
  private fileIndex: IndexSummary | undefined;
  private context: string | undefined;
  /** What the index held, when known for the current key. */
  index: IndexSummary | undefined;
  private dirty = false;
  readonly warnings: string[] = [];

  /** Reads the file whatever its key; `use(key)` then keeps its entries only when they were made for that key. */
  constructor(readonly file: string) {
    if (!existsSync(file)) return;
    try {
      const text = readFileSync(file, 'utf8');
      let end = text.indexOf('\n');
      const head = JSON.parse(end === -1 ? text : text.slice(0, end)) as { context?: unknown; index?: IndexSummary };
      if (typeof head.context !== 'string') throw new Error('line 1 is not a cache header');
      this.fileContext = head.context;
      if (head.index && typeof head.index.complete === 'boolean' && Array.isArray(head.index.codePoints)) this.fileIndex = head.index;
      for (let n = 2, start = end + 1; end !== -1 && start < text.length; n++, start = end + 1) {
        end = text.indexOf('\n', start);
        const line = text.slice(start, end === -1 ? undefined : end);
        if (line === '') continue;
        const [id] = parseLine(line, n);
        this.entries.set(id, start);
      }
      this.text = text;
    } catch (err) {
      this.entries.clear();
      this.fileContext = undefined;
      this.dirty = true;
      this.warnings.push(qaCacheIgnored(file, err instanceof Error ? err.message : String(err)));
    }
  }

  /** What the file's index held (whatever its key). */
  get fileSummary(): IndexSummary | undefined {
    return this.fileIndex;
  }

  /** Whether the file was written for this indexed set (before `use`). */
  matches(indexKey: string): boolean {
    return this.fileContext === contextOf(indexKey);
  }

  /** From now on, verdicts for this indexed set: the file's are dropped when made for another. */
  use(indexKey: string): void {
    this.context = contextOf(indexKey);
    if (this.fileContext === this.context) this.index = this.fileIndex;
    else {
      if (this.entries.size > 0 || this.fileContext !== undefined) this.dirty = true;
      this.entries.clear();
      this.text = '';
      this.index = undefined;
    }
  }

  /** The cached verdict for this ID and hash, or undefined. */
  get(id: string, hash: string): NearCopyVerdict | undefined {
    const entry = this.entryText(id);
    if (entry === undefined || !entry.startsWith(hash) || entry[HASH_LENGTH] !== '\t') return undefined;
    const json = entry.slice(HASH_LENGTH + 1);
    if (json === '[]') return {};
    try {
      const pairs = JSON.parse(json) as unknown;
      if (!Array.isArray(pairs)) return undefined;
      const verdict: NearCopyVerdict = {};
      for (const [text, copy] of pairs as [NearCopyText, NearCopy][]) {
        if (!NEAR_COPY_TEXTS.includes(text) || typeof copy?.run !== 'string') return undefined;
        verdict[text] = copy;
      }
      return verdict;
    } catch {
      return undefined; // an entry edited by hand: searched again and rewritten
    }
  }

  private entryText(id: string): string | undefined {
    const entry = this.entries.get(id);
    return typeof entry === 'number' ? this.lineEntry(entry) : entry;
  }

  /** The entry text of the line at `start` in the file's text (checked when read). */
  private lineEntry(start: number): string {
    const end = this.text.indexOf('\n', start);
    return parseLine(this.text.slice(start, end === -1 ? undefined : end), 0)[1];
  }

  set(id: string, hash: string, verdict: NearCopyVerdict): void {
    const pairs = NEAR_COPY_TEXTS.filter((t) => verdict[t]).map((t) => [t, verdict[t]]);
    this.entries.set(id, `${hash}\t${JSON.stringify(pairs)}`);
    this.dirty = true;
  }

  /** Records what the index held (once built, for the header). */
  setIndex(summary: IndexSummary): void {
    if (this.index) return; // read from the file for this key: the same
    this.index = summary;
    this.dirty = true;
  }

  /** Writes the file (atomically) when anything changed; a failure to write only loses the cache. */
  save(): void {
    if (!this.dirty || this.context === undefined) return;
    const lines = [JSON.stringify({ context: this.context, ...(this.index ? { index: this.index } : {}) })];
    for (const [id, stored] of this.entries) {
      const entry = typeof stored === 'number' ? this.lineEntry(stored) : stored;
      lines.push(`[${JSON.stringify(id)},"${entry.slice(0, HASH_LENGTH)}",${entry.slice(HASH_LENGTH + 1)}]`);
    }
    try {
      cacheFolder(this.file);
      writeFileAtomic.sync(this.file, `${lines.join('\n')}\n`);
      this.dirty = false;
    } catch (err) {
      this.warnings.push(qaCacheIgnored(this.file, err instanceof Error ? err.message : String(err)));
    }
  }
}
