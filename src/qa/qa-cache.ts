/**
 * The QA result cache (cache/qa/results.jsonl in the project, issue #11):
 * `check` and `export` store each item's findings, and reuse them while
 * nothing they depend on changed. Derived and rebuildable: safe to delete; a
 * corrupt or outdated file is ignored (with a warning when corrupt) and
 * rewritten; written atomically (a temporary file renamed into place); its
 * folder has a .gitignore of its own (the file is never committed).
 *
 * Keys: the file's first line names the context (file format, check-set
 * version, locale pack hash, answer register); then one line per item,
 * `["<id>","<hash>",<findings>]`, keyed by item ID and a hash of the
 * item's whole QA input (source texts, languages, target, MT, decision,
 * rationale, intended changes, or what they are found from). The long texts are hashed once per item: the
 * source question and answer by their sourceHash and the target with the
 * rationale by the near-copy verdicts' hash (nearCopyTextsHash, which the
 * source-near-copy check asks for next), an MT equal to the target by a mark. Only checks that look at the item alone are
 * cached; length-ratio (the dataset's statistics) runs every time, and
 * source-near-copy (copies of another item's source) reads its verdicts from
 * their own cache (near-copy-cache.ts, through QaContext.nearCopies). Findings stay unparsed text
 * until their item is looked up: loading 100,000 entries costs little memory.
 */
import { hash as hashOf } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { ALL_CHECKS, CHECK_SET_VERSION } from './checks/index.js';
import { checkItem } from './run-checks.js';
import { qaCacheIgnored } from './messages.js';
import { CacheEntries, HASH_LENGTH, cacheFolder } from './cache-entries.js';
import { MAX_GLOBAL_SHINGLES, NEAR_COPY_RUN } from './near-copy.js';
import { nearCopyTextsHash } from './near-copy-cache.js';
import type { Check, Finding, QaContext, QaInput } from './types.js';
import { HeapCap } from '../collect-garbage.js';

export const QA_CACHE_FILE = path.join('cache', 'qa', 'results.jsonl');
/**
 * cache/qa/source-index.json: that the source alone outgrows the cross-item
 * near-copy index (near-copy.ts, MAX_GLOBAL_SHINGLES), so a later run need not
 * build 2 million shingles again only to drop them. Keyed by the source's
 * fingerprint (project/source-keys.ts) and the index limits; more items
 * (added ones) only add shingles, so the verdict stands for them too.
 */
export const SOURCE_INDEX_FILE = path.join('cache', 'qa', 'source-index.json');

const overflowKey = (fingerprint: string) => JSON.stringify({ fingerprint, run: NEAR_COPY_RUN, max: MAX_GLOBAL_SHINGLES });

/** Whether a previous run recorded that the source with this fingerprint overflows the index. */
export function sourceIndexOverflows(projectDir: string, fingerprint: string): boolean {
  try {
    return (JSON.parse(readFileSync(path.join(projectDir, SOURCE_INDEX_FILE), 'utf8')) as { overflows?: unknown }).overflows === overflowKey(fingerprint);
  } catch {
    return false; // absent or corrupt: the index is built (and the verdict written again)
  }
}

/** Records (best effort, atomically) that the source with this fingerprint overflows the index. */
export function recordSourceIndexOverflow(projectDir: string, fingerprint: string): void {
  const file = path.join(projectDir, SOURCE_INDEX_FILE);
  try {
    cacheFolder(file);
    writeFileAtomic.sync(file, `${JSON.stringify({ overflows: overflowKey(fingerprint) })}\n`);
  } catch {
    // Only time is lost: the next run builds the index again.
  }
}

/** Checks whose findings depend on other items (the dataset's length statistics, other items' sources): never cached. */
const DATASET_CHECKS: ReadonlySet<string> = new Set(['length-ratio', 'source-near-copy']);
const ITEM_CHECKS: readonly Check[] = ALL_CHECKS.filter((c) => !DATASET_CHECKS.has(c.id));
const OTHER_CHECKS: readonly Check[] = ALL_CHECKS.filter((c) => DATASET_CHECKS.has(c.id));
const ORDER = new Map(ALL_CHECKS.map((c, i) => [c.id, i]));

/** How often the item checks ran and how often a cached result was used, in this process (for tests and benchmarks). */
export const qaCacheCounters = { hits: 0, misses: 0 };

/**
 * Heap growth allowed between full collections while items are checked: the
 * checks' garbage outlives young collections in the pass (journal and source
 * reads in flight) and V8 let it reach ~230 MB over a 36 MB live heap at 100k
 * items, the peak RSS of a cold `check` or `export`.
 */
const HEAP_SLACK = 32 << 20;

/** Of the file's lines (2: `["<id>","<hash>",<findings>]`; 3: the hash as `qaInputHash` makes it); another format is ignored like another context. */
const FORMAT = 3;

/** What the cached findings were computed with, besides the item's own input. */
export function qaCacheContext(packHash: string, answerRegister: string | undefined): string {
  return JSON.stringify({ format: FORMAT, checks: CHECK_SET_VERSION, ids: ITEM_CHECKS.map((c) => c.id), pack: packHash, register: answerRegister ?? null });
}

/** A hash of everything the item checks read of one input. */
export function qaInputHash(input: QaInput): string {
  const { item, target, mt } = input;
  const texts = { question: target.question, answer: target.answer, ...(input.rationale === undefined ? {} : { rationale: input.rationale }) };
  const key = [
    nearCopyTextsHash(item, texts),
    item.questionEn ?? null,
    item.answerEn ?? null,
    input.sourceLanguage,
    input.targetLanguage,
    // 1: the MT text is the target's (no edit since), which the first hash covers.
    mt === undefined ? null : [mt.question === target.question ? 1 : mt.question, mt.answer === target.answer ? 1 : mt.answer],
    input.decision ?? null,
    intendedKey(input),
  ];
  return hashOf('sha256', JSON.stringify(key), 'base64url').slice(0, HASH_LENGTH);
}

/** Marks an input whose intended changes are found when first read (deferIntendedChanges): its declared ones. */
const DEFERRED = Symbol('declared intended changes');
type Deferred = QaInput & { [DEFERRED]?: readonly string[] };

/**
 * Sets `input.intendedChanges` to `declared` plus what `find` gives (the pack equivalents in the item's source), found
 * only when a check first reads them: a cached item never needs them. Its cache key holds "found from the source" and
 * `declared` in their place, which is enough: the source texts and the pack are in the key already.
 */
export function deferIntendedChanges(input: QaInput, declared: readonly string[], find: () => string[]): void {
  let intended: string[] | undefined;
  (input as Deferred)[DEFERRED] = declared;
  Object.defineProperty(input, 'intendedChanges', {
    enumerable: true,
    configurable: true,
    get: () => {
      intended ??= [...find(), ...declared];
      return intended.length > 0 ? intended : undefined;
    },
  });
}

function intendedKey(input: QaInput): unknown {
  const declared = (input as Deferred)[DEFERRED];
  return declared === undefined ? (input.intendedChanges ?? null) : { found: declared };
}

/**
 * All findings of `checks` (default all) for one input, in check order: through the QA result cache
 * when there is one and every check runs (it holds all checks' findings), else checked now.
 */
export function checkWithCache(cache: QaResultCache | undefined, input: QaInput, ctx: QaContext, checks: readonly Check[] = ALL_CHECKS): Finding[] {
  return cache && checks === ALL_CHECKS ? cache.check(input, ctx) : checkItem(input, ctx, checks);
}

export class QaResultCache {
  private readonly entries = new CacheEntries();
  private dirty = false;
  /** Ticked on each miss: the pass's own cap when it has one (the report's), else made at the first miss. */
  heap: HeapCap | undefined;
  /** Full collections made while checking (for tests). */
  collections = 0;
  readonly warnings: string[] = [];

  /** Reads `file` when it holds results for `context`; anything else (absent, other context, corrupt) starts empty. */
  constructor(
    readonly file: string,
    private readonly context: string,
  ) {
    try {
      this.entries.read(file, (head) => (head as { context?: unknown } | null)?.context === context);
    } catch (err) {
      this.dirty = true;
      this.warnings.push(qaCacheIgnored(file, err instanceof Error ? err.message : String(err)));
    }
  }

  /** The item checks' findings cached for this ID and input hash, or undefined. */
  private cached(id: string, hash: string): Finding[] | undefined {
    const json = this.entries.get(id, hash);
    if (json === undefined) return undefined;
    if (json === '[]') return [];
    try {
      const findings = JSON.parse(json) as unknown;
      return Array.isArray(findings) ? (findings as Finding[]) : undefined;
    } catch {
      return undefined; // an entry edited by hand: checked again and rewritten
    }
  }

  /** All findings of one input, in check order: the item checks' from the cache when the input is unchanged. */
  check(input: QaInput, ctx: QaContext): Finding[] {
    const id = input.item.id;
    const hash = qaInputHash(input);
    let findings = this.cached(id, hash);
    if (findings) qaCacheCounters.hits++;
    else {
      qaCacheCounters.misses++;
      // Only the checks' own garbage calls for it: a warm pass leaves the heap to V8.
      if ((this.heap ??= new HeapCap(HEAP_SLACK)).tick()) this.collections++;
      findings = checkItem(input, ctx, ITEM_CHECKS);
      this.entries.set(id, hash, JSON.stringify(findings));
      this.dirty = true;
    }
    const others = checkItem(input, ctx, OTHER_CHECKS);
    if (others.length === 0) return findings.map((f) => ({ ...f }));
    // Each check's findings are contiguous, so a stable sort by check restores checkItem's order.
    return [...findings, ...others].sort((a, b) => ORDER.get(a.check)! - ORDER.get(b.check)!).map((f) => ({ ...f }));
  }

  /** Writes the file (atomically) when anything changed; a failure to write only loses the cache. */
  save(): void {
    if (!this.dirty) return;
    try {
      this.entries.write(this.file, { context: this.context });
      this.dirty = false;
    } catch (err) {
      this.warnings.push(qaCacheIgnored(this.file, err instanceof Error ? err.message : String(err)));
    }
  }
}
