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
import { hash as hashOf } from 'node:crypto';
import path from 'node:path';
import type { SourceItem } from '../dataset/item.js';
import { MAX_GLOBAL_SHINGLES, NEAR_COPY_RUN, type NearCopy } from './near-copy.js';
import { qaCacheIgnored } from './messages.js';
import { CacheEntries, HASH_LENGTH } from './cache-entries.js';

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

/** The last hash made, with what it was made of: the QA result cache's key and the near-copy check ask for one item's in turn. */
let last: { sourceHash: string; question: string; answer: string; rationale: string | undefined; hash: string } | undefined;

/** A hash of what an item's verdict depends on besides the indexed set (the QA result cache's key includes it). */
export function nearCopyTextsHash(item: SourceItem, texts: NearCopyTexts): string {
  const { sourceHash } = item;
  const { question, answer, rationale } = texts;
  const l = last;
  if (l && l.sourceHash === sourceHash && l.question === question && l.answer === answer && l.rationale === rationale) return l.hash;
  const key = [sourceHash, question, answer, rationale ?? null];
  const hash = hashOf('sha256', JSON.stringify(key), 'base64url').slice(0, HASH_LENGTH);
  last = { sourceHash, question, answer, rationale, hash };
  return hash;
}

export class NearCopyCache {
  private readonly entries = new CacheEntries();
  private fileContext: string | undefined;
  private fileIndex: IndexSummary | undefined;
  private context: string | undefined;
  /** What the index held, when known for the current key. */
  index: IndexSummary | undefined;
  private dirty = false;
  readonly warnings: string[] = [];

  /** The entries held are only those of the IDs asked for at construction: read whole before any change. */
  private few = false;

  /**
   * Reads the file whatever its key; `use(key)` then keeps its entries only when they were made for that key.
   * `ids`: only these items' verdicts will be asked (list after a few appends): their lines are searched for
   * rather than the file indexed, and it is read whole when in doubt or before it changes.
   */
  constructor(
    readonly file: string,
    ids?: readonly string[],
  ) {
    if (ids && this.entries.readFew(file, (header) => this.header(header), ids)) this.few = true;
    else this.load();
  }

  private header(header: unknown): boolean {
    const head = header as { context?: unknown; index?: IndexSummary } | null;
    if (typeof head?.context !== 'string') throw new Error('line 1 is not a cache header');
    this.fileContext = head.context;
    this.fileIndex = undefined;
    if (head.index && typeof head.index.complete === 'boolean' && Array.isArray(head.index.codePoints)) this.fileIndex = head.index;
    return true;
  }

  private load(): void {
    try {
      this.entries.read(this.file, (header) => this.header(header));
    } catch (err) {
      this.fileContext = undefined;
      this.dirty = true;
      this.warnings.push(qaCacheIgnored(this.file, err instanceof Error ? err.message : String(err)));
    }
  }

  /** Every entry of the file, once only a few were read: before a change, which rewrites them all. */
  private whole(): void {
    if (!this.few) return;
    this.few = false;
    this.load();
    if (this.context !== undefined) this.dropForeign();
  }

  /** Drops the entries read when the file was written for another key than the one in use (then rewritten); whether it was. */
  private dropForeign(): boolean {
    if (this.fileContext === this.context) return false;
    if (this.entries.size > 0 || this.fileContext !== undefined) this.dirty = true;
    this.entries.clear();
    return true;
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
    this.index = this.dropForeign() ? undefined : this.fileIndex;
  }

  /** The cached verdict for this ID and hash, or undefined. */
  get(id: string, hash: string): NearCopyVerdict | undefined {
    const json = this.entries.get(id, hash);
    if (json === undefined) return undefined;
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

  set(id: string, hash: string, verdict: NearCopyVerdict): void {
    this.whole();
    const pairs = NEAR_COPY_TEXTS.filter((t) => verdict[t]).map((t) => [t, verdict[t]]);
    this.entries.set(id, hash, JSON.stringify(pairs));
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
    this.whole();
    try {
      this.entries.write(this.file, { context: this.context, ...(this.index ? { index: this.index } : {}) });
      this.dirty = false;
    } catch (err) {
      this.warnings.push(qaCacheIgnored(this.file, err instanceof Error ? err.message : String(err)));
    }
  }
}
