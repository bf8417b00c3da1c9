/**
 * Near-copy verdicts of a project's items (what the source-near-copy check
 * and export's leak guard report), with the cross-item index (near-copy.ts)
 * built only when a verdict is needed that the cache (near-copy-cache.ts)
 * does not hold and the indexed code points do not settle.
 */
import { createHash, type Hash } from 'node:crypto';
import type { SourceItem } from '../dataset/item.js';
import type { SourceShingleIndex } from './near-copy.js';
import { CodePointSet, findNearCopy, mayHoldNearCopy } from './near-copy.js';
import { NEAR_COPY_TEXTS, nearCopyTextsHash, type IndexSummary, type NearCopyCache, type NearCopyTexts, type NearCopyVerdict } from './near-copy-cache.js';

export type { NearCopyTexts, NearCopyVerdict } from './near-copy-cache.js';

/** How often the index was built and texts searched, in this process (for tests and benchmarks). */
export const nearCopyCounters = { indexBuilds: 0, searches: 0 };

const NONE: NearCopyVerdict = Object.freeze({});
const empty = (texts: NearCopyTexts) => texts.question === '' && texts.answer === '' && !texts.rationale;

/**
 * The key of an indexed set of items: their IDs and source hashes in order
 * (a verdict names the first item with a copied run). Items without source
 * text (added in the target language) index nothing and are left out, so
 * `carefully add` keeps the verdicts.
 */
export class IndexKey {
  private readonly hash: Hash = createHash('sha256');

  add(item: SourceItem): void {
    if (item.question !== '' || item.answer !== '') this.hash.update(`${item.id}\u0000${item.sourceHash}\n`);
  }

  digest(extra = ''): string {
    return `${this.hash.digest('base64url')}${extra}`;
  }
}

/**
 * How a verdict not cached is given without the index, from what the index held (`summary`,
 * `codePoints` its code points): "none" when no text can hold a run of an indexed source,
 * "own" when the index was incomplete (the item's own source is searched), undefined when
 * only the index can tell (or nothing is known of it).
 */
export function settledWithoutIndex(
  item: SourceItem,
  texts: NearCopyTexts,
  summary: IndexSummary | undefined,
  codePoints: () => CodePointSet,
): 'none' | 'own' | undefined {
  if (!summary) return undefined;
  if (!summary.complete) return 'own';
  return NEAR_COPY_TEXTS.some((t) => texts[t] && mayHoldNearCopy(texts[t], item, codePoints())) ? undefined : 'none';
}

export interface NearCopiesOptions {
  cache?: NearCopyCache | undefined;
  /** Builds the index (every item's source, in order); undefined when the items are not at hand (see `buildAsync`). */
  build: () => SourceShingleIndex | undefined;
  buildAsync: () => Promise<SourceShingleIndex>;
  /** Called once the index is built (warnings, the overflow record). */
  onBuilt?: (index: SourceShingleIndex) => void;
}

export class NearCopies {
  private index: SourceShingleIndex | undefined;
  private codePoints: CodePointSet | undefined;
  private building: Promise<void> | undefined;
  /** The texts as strings, not the object given: a caller may change that object's texts in place. */
  private last: { item: SourceItem; question: string; answer: string; rationale: string | undefined; verdict: NearCopyVerdict } | undefined;

  constructor(private readonly opts: NearCopiesOptions) {}

  /** The near copies in an item's texts; builds the index if it must and can (see `verdict`). */
  of(item: SourceItem, texts: NearCopyTexts): NearCopyVerdict {
    const known = this.known(item, texts);
    if (known.verdict) return this.remember(item, texts, known.verdict);
    if (!this.index) {
      const built = this.opts.build();
      if (!built) throw new Error(`the near-copy index is needed for item ${item.id} but was not prepared (call prepare() or verdict())`);
      this.built(built);
    }
    return this.remember(item, texts, this.search(item, texts, known.hash));
  }

  /** The same, building the index from the streamed source when needed: a promise only then (export asks for each item's). */
  verdict(item: SourceItem, texts: NearCopyTexts): NearCopyVerdict | Promise<NearCopyVerdict> {
    const known = this.known(item, texts);
    if (known.verdict) return this.remember(item, texts, known.verdict);
    if (this.index) return this.remember(item, texts, this.search(item, texts, known.hash));
    return this.ensureIndex().then(() => this.remember(item, texts, this.search(item, texts, known.hash)));
  }

  /**
   * The last verdict given: export asks for an item's verdict (its leak guard)
   * and then checks the item, whose source-near-copy check asks again.
   */
  private remember(item: SourceItem, texts: NearCopyTexts, verdict: NearCopyVerdict): NearCopyVerdict {
    this.last = { item, question: texts.question, answer: texts.answer, rationale: texts.rationale, verdict };
    return verdict;
  }

  private recall(item: SourceItem, texts: NearCopyTexts): NearCopyVerdict | undefined {
    const last = this.last;
    return last && last.item === item && last.question === texts.question && last.answer === texts.answer && last.rationale === texts.rationale
      ? last.verdict
      : undefined;
  }

  /** Whether `of` gives the item's verdict without building the index; the verdict, when known, is kept for that call. */
  ready(item: SourceItem, texts: NearCopyTexts): boolean {
    if (this.index) return true;
    const known = this.known(item, texts);
    if (known.verdict) this.remember(item, texts, known.verdict);
    return known.verdict !== undefined;
  }

  /** Builds the index now unless built. */
  async ensureIndex(): Promise<void> {
    if (this.index) return;
    const built = this.opts.build();
    if (built) return this.built(built);
    this.building ??= this.opts.buildAsync().then((index) => this.built(index));
    await this.building;
  }

  private built(index: SourceShingleIndex): void {
    nearCopyCounters.indexBuilds++;
    this.index = index;
    this.opts.cache?.setIndex({ complete: index.complete, codePoints: index.complete ? index.codePoints.toRanges() : [] });
    this.opts.onBuilt?.(index);
  }

  /** The verdict when it needs no index (cached, or settled by the indexed code points), else the hash to store it under. */
  private known(item: SourceItem, texts: NearCopyTexts): { verdict?: NearCopyVerdict; hash?: string } {
    if (empty(texts)) return { verdict: NONE };
    const recalled = this.recall(item, texts);
    if (recalled) return { verdict: recalled };
    const { cache } = this.opts;
    const hash = cache ? nearCopyTextsHash(item, texts) : undefined;
    const cached = hash === undefined ? undefined : cache!.get(item.id, hash);
    if (cached) return { verdict: cached };
    const summary = this.index ? undefined : cache?.index;
    const settled = settledWithoutIndex(item, texts, summary, () => (this.codePoints ??= CodePointSet.fromRanges(summary!.codePoints)));
    if (settled === 'own') return { verdict: this.search(item, texts, hash) };
    if (settled === 'none') {
      if (hash !== undefined) cache!.set(item.id, hash, NONE);
      return { verdict: NONE };
    }
    return hash === undefined ? {} : { hash };
  }

  private search(item: SourceItem, texts: NearCopyTexts, hash: string | undefined): NearCopyVerdict {
    nearCopyCounters.searches++;
    const verdict: NearCopyVerdict = {};
    for (const t of NEAR_COPY_TEXTS) {
      const text = texts[t];
      const copy = text ? findNearCopy(text, item, this.index) : undefined;
      if (copy) verdict[t] = copy;
    }
    if (hash !== undefined) this.opts.cache!.set(item.id, hash, verdict);
    return verdict;
  }
}
