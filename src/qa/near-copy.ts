/**
 * Near-copy leak guard: a run of `NEAR_COPY_RUN` or more characters of an
 * item's Japanese question or answer (or of another item's) in a text meant
 * for redistribution. Texts are compared after NFKC normalisation, with
 * whitespace, zero-width/format characters and punctuation removed, so a
 * copy with an inserted space, a zero-width space or a changed punctuation
 * mark is still a copy. URLs and e-mail addresses are left out (a reference
 * answer keeps them on purpose), and only runs with a non-ASCII character
 * count (ASCII-only runs are phone numbers, names and codes a translation keeps).
 *
 * Sources are indexed as sets of 10-character shingles (as hashes, in a
 * typed-array table): building the index and checking a text are linear in
 * their lengths.
 */
import type { SourceItem } from '../dataset/item.js';
import { nfkc } from './nfkc.js';

export const NEAR_COPY_RUN = 10;
/** Above this many distinct source shingles the cross-item index is not kept (memory); each item is still checked against its own source. */
export const MAX_GLOBAL_SHINGLES = 2_000_000;

const URL_OR_EMAIL = /(?:https?:\/\/|www\.)[^\s<>"'）」』]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+/giu;
const IGNORED = /[\s\p{P}\p{Cf}\p{Z}]/gu;

/** The text as compared: NFKC, without URLs, e-mail addresses, whitespace, format characters and punctuation; as code points. */
export function comparable(text: string): string[] {
  return Array.from(comparableText(text));
}

/** `normalized` is text.normalize('NFKC') when the caller has it (the checks share one cache of it). */
function comparableText(text: string, normalized = text.normalize('NFKC')): string {
  return (hasLinks(normalized) ? normalized.replace(URL_OR_EMAIL, ' ') : normalized).replace(IGNORED, '');
}
/** Every URL or address holds "//", "www." or "@": without them URL_OR_EMAIL finds nothing. */
function hasLinks(normalized: string): boolean {
  return normalized.includes('@') || normalized.includes('//') || WWW.test(normalized);
}
const WWW = /www\./i;

/**
 * A compared text with what finds its NEAR_COPY_RUN-code-point windows fast:
 * each code point's UTF-16 offset, and a running count of non-ASCII code points.
 */
class Windows {
  readonly text: string;
  /** Number of code points. */
  readonly length: number;
  private readonly offsets: Int32Array | undefined;
  readonly codePoints: Int32Array;
  private readonly nonAscii: Int32Array;

  /** `compared` is comparableText(raw) when the caller has it. */
  constructor(raw: string, compared = comparableText(raw)) {
    const text = (this.text = compared);
    const cps = new Int32Array(text.length);
    let n = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.codePointAt(i)!;
      cps[n++] = c;
      if (c > 0xffff) i++;
    }
    this.length = n;
    this.codePoints = n === text.length ? cps : cps.subarray(0, n);
    this.offsets = n === text.length ? undefined : new Int32Array(n + 1);
    this.nonAscii = new Int32Array(n + 1);
    let unit = 0;
    for (let i = 0; i < n; i++) {
      if (this.offsets) this.offsets[i] = unit;
      unit += cps[i]! > 0xffff ? 2 : 1;
      this.nonAscii[i + 1] = this.nonAscii[i]! + (cps[i]! > 0x7f ? 1 : 0);
    }
    if (this.offsets) this.offsets[n] = unit;
  }

  /** Code points [from, to) as a string. */
  slice(from: number, to: number): string {
    return this.offsets ? this.text.slice(this.offsets[from], this.offsets[to]) : this.text.slice(from, to);
  }

  /** Whether the window at `i` has a non-ASCII code point (only those are shingles). */
  counts(i: number): boolean {
    return this.nonAscii[i + NEAR_COPY_RUN]! - this.nonAscii[i]! > 0;
  }

  shingles(): Set<string> {
    const out = new Set<string>();
    for (let i = 0; i + NEAR_COPY_RUN <= this.length; i++) if (this.counts(i)) out.add(this.slice(i, i + NEAR_COPY_RUN));
    return out;
  }
}

/** Every run of NEAR_COPY_RUN code points with a non-ASCII character. */
export function shingles(text: string): Set<string> {
  return new Windows(text).shingles();
}

/** The source fields a near copy is looked for in. */
export const NEAR_COPY_SOURCES = ['question', 'answer'] as const;
export type NearCopySource = (typeof NEAR_COPY_SOURCES)[number];

export interface NearCopy {
  /** The copied run, as compared (normalised, without spaces and punctuation). */
  run: string;
  /** Which source it comes from. */
  source: NearCopySource;
  /** Set when it is another item's source. */
  otherItem?: string;
}

/** A set of code points as a bitmap (139 KB): millions of adds cost far less than in a Set. */
export class CodePointSet {
  private readonly bits = new Uint8Array(0x110000 >> 3);

  add(c: number): void {
    this.bits[c >> 3] = this.bits[c >> 3]! | (1 << (c & 7));
  }

  has(c: number): boolean {
    return (this.bits[c >> 3]! & (1 << (c & 7))) !== 0;
  }

  clear(): void {
    this.bits.fill(0);
  }

  /** As [first, last, first, last, ...] ranges (to store; `fromRanges` reads it back). */
  toRanges(): number[] {
    const out: number[] = [];
    for (let c = 0; c < 0x110000; c++) {
      if (!this.has(c)) {
        if (this.bits[c >> 3] === 0) c |= 7; // skip empty bytes
        continue;
      }
      const first = c;
      while (c + 1 < 0x110000 && this.has(c + 1)) c++;
      out.push(first, c);
    }
    return out;
  }

  static fromRanges(ranges: readonly number[]): CodePointSet {
    const set = new CodePointSet();
    for (let i = 0; i + 1 < ranges.length; i += 2) for (let c = ranges[i]!; c <= ranges[i + 1]!; c++) set.add(c);
    return set;
  }
}

/**
 * Window hashes: two polynomial rolling hashes modulo 2^32 with odd bases
 * (Math.imul: no division). Two windows differing in one code point never
 * share a hash; windows differing more share both with a chance of about
 * 2^-64, so with N indexed windows a window no source has matches one by
 * chance with probability about N / 2^64 (5e-14 at a million windows): a hit
 * is taken as a copy without comparing the texts, which the index does not keep.
 * (Known collisions of such hashes need strings thousands of characters long.)
 */
const B1 = 0x01000193;
const B2 = 0x5bd1e995;
const powImul = (b: number) => {
  let x = 1;
  for (let i = 1; i < NEAR_COPY_RUN; i++) x = Math.imul(x, b);
  return x; // b^(NEAR_COPY_RUN-1) mod 2^32: the weight of a window's first code point
};
const OUT1 = powImul(B1);
const OUT2 = powImul(B2);
/** The table slot of a window: the low bits of a polynomial hash mod 2^32 depend on the low bits of the input only, so mix first. */
const slotOf = (a: number, b: number, mask: number) => {
  const h = Math.imul(a ^ (b >>> 13) ^ (a >>> 16), 0x85ebca6b);
  return (h ^ (h >>> 15)) & mask;
};

/** Both hashes of every window of `cps` (window i at [i]), in `h1`/`h2`. */
function windowHashes(cps: Int32Array, h1: Int32Array, h2: Int32Array): void {
  let a = 0;
  let b = 0;
  for (let i = 0; i < cps.length; i++) {
    const c = cps[i]!;
    if (i >= NEAR_COPY_RUN) {
      const out = cps[i - NEAR_COPY_RUN]!;
      a = (a - Math.imul(out, OUT1)) | 0;
      b = (b - Math.imul(out, OUT2)) | 0;
    }
    a = (Math.imul(a, B1) + c) | 0;
    b = (Math.imul(b, B2) + c) | 0;
    if (i >= NEAR_COPY_RUN - 1) {
      h1[i - NEAR_COPY_RUN + 1] = a;
      h2[i - NEAR_COPY_RUN + 1] = b;
    }
  }
}

/** Whether a code point is left out of compared text (IGNORED), by UTF-16 unit for the BMP: 0 not asked yet, 1 ignored, 2 kept. */
const ignoredBmp = new Uint8Array(0x10000);
const IGNORED_ONE = /^[\s\p{P}\p{Cf}\p{Z}]$/u;
function ignored(c: number): boolean {
  if (c > 0xffff) return IGNORED_ONE.test(String.fromCodePoint(c));
  if (ignoredBmp[c] === 0) ignoredBmp[c] = IGNORED_ONE.test(String.fromCharCode(c)) ? 1 : 2;
  return ignoredBmp[c] === 1;
}

/**
 * Index of all items' sources, for copies of another item's text: each
 * window's first owner in an open-addressing table of typed arrays (no string
 * or object per window: there are millions).
 */
export class SourceShingleIndex {
  /** Slots of three: both hashes and the owner (item number * 2 + source number), -1 in an empty slot; one cache line per probe. */
  private table = new Int32Array(3 << 12).fill(-1);
  private size = 0;
  private readonly ids: string[] = [];
  /** Every code point of the indexed sources: a window with any other one is no copy. */
  readonly codePoints = new CodePointSet();
  /** False when the index outgrew MAX_GLOBAL_SHINGLES and was dropped. */
  complete = true;
  /** The items added: their code points are all in `codePoints`. */
  private readonly items = new WeakSet<SourceItem>();
  /** The last NEAR_COPY_RUN code points while adding a text. */
  private readonly ring = new Int32Array(NEAR_COPY_RUN);

  add(item: SourceItem): void {
    if (!this.complete) return;
    this.items.add(item);
    const number = this.ids.push(item.id) - 1;
    if (item.question !== '') this.addText(item.question, number * 2);
    if (item.answer !== '') this.addText(item.answer, number * 2 + 1);
    if (this.size > MAX_GLOBAL_SHINGLES) {
      this.table = new Int32Array(0);
      this.size = 0;
      this.ids.length = 0;
      this.codePoints.clear();
      this.complete = false;
    }
  }

  /** The windows of comparableText(text) (and its code points), in one pass without building that text. */
  private addText(text: string, owner: number): void {
    const normalized = text.normalize('NFKC');
    const base = hasLinks(normalized) ? normalized.replace(URL_OR_EMAIL, ' ') : normalized;
    const ring = this.ring;
    let n = 0;
    let nonAscii = 0;
    let a = 0;
    let b = 0;
    for (let i = 0; i < base.length; i++) {
      const c = base.codePointAt(i)!;
      if (c > 0xffff) i++;
      if (ignored(c)) continue;
      this.codePoints.add(c);
      const at = n % NEAR_COPY_RUN;
      if (n >= NEAR_COPY_RUN) {
        const out = ring[at]!;
        a = (a - Math.imul(out, OUT1)) | 0;
        b = (b - Math.imul(out, OUT2)) | 0;
        if (out > 0x7f) nonAscii--;
      }
      ring[at] = c;
      if (c > 0x7f) nonAscii++;
      a = (Math.imul(a, B1) + c) | 0;
      b = (Math.imul(b, B2) + c) | 0;
      if (++n >= NEAR_COPY_RUN && nonAscii > 0) this.insert(a, b, owner);
    }
  }

  /** Keeps the first owner of a window. */
  private insert(a: number, b: number, owner: number): void {
    const t = this.table;
    const slots = t.length / 3;
    const mask = slots - 1;
    for (let slot = slotOf(a, b, mask); ; slot = (slot + 1) & mask) {
      const at = slot * 3;
      if (t[at + 2] === -1) {
        t[at] = a;
        t[at + 1] = b;
        t[at + 2] = owner;
        if (++this.size * 2 > slots) this.grow();
        return;
      }
      if (t[at] === a && t[at + 1] === b) return;
    }
  }

  private grow(): void {
    const old = this.table;
    const t = (this.table = new Int32Array(old.length * 2).fill(-1));
    const mask = t.length / 3 - 1;
    for (let at = 0; at < old.length; at += 3) {
      if (old[at + 2] === -1) continue;
      let slot = slotOf(old[at]!, old[at + 1]!, mask);
      while (t[slot * 3 + 2] !== -1) slot = (slot + 1) & mask;
      t[slot * 3] = old[at]!;
      t[slot * 3 + 1] = old[at + 1]!;
      t[slot * 3 + 2] = old[at + 2]!;
    }
  }

  /** Whether every code point of the item's sources is in `codePoints`. */
  holds(item: SourceItem): boolean {
    return this.complete && this.items.has(item);
  }

  /** The first owner of the window with these hashes (windowHashes), if any. */
  ownerOf(a: number, b: number): { item: string; source: NearCopySource } | undefined {
    if (this.size === 0) return undefined;
    const t = this.table;
    const mask = t.length / 3 - 1;
    for (let slot = slotOf(a, b, mask); ; slot = (slot + 1) & mask) {
      const o = t[slot * 3 + 2]!;
      if (o === -1) return undefined;
      if (t[slot * 3] === a && t[slot * 3 + 1] === b) return { item: this.ids[o >> 1]!, source: NEAR_COPY_SOURCES[o & 1]! };
    }
  }

  /** The first owner of a shingle (a string of NEAR_COPY_RUN code points), if any. */
  owner(shingle: string): { item: string; source: NearCopySource } | undefined {
    const cps = Int32Array.from(Array.from(shingle, (c) => c.codePointAt(0)!));
    if (cps.length !== NEAR_COPY_RUN) return undefined;
    const a = new Int32Array(1);
    const b = new Int32Array(1);
    windowHashes(cps, a, b);
    return this.ownerOf(a[0]!, b[0]!);
  }
}

interface OwnSource {
  /** The compared question and answer: a window is a shingle of one when the text holds it (windows start and end on code points). */
  question: string;
  answer: string;
  codePoints: Set<number>;
}

/** Per item: its own compared source texts and their code points (computed once per item, small). */
const ownCache = new WeakMap<SourceItem, OwnSource>();
function own(item: SourceItem): OwnSource {
  let o = ownCache.get(item);
  if (!o) {
    const question = comparableText(item.question);
    const answer = comparableText(item.answer);
    const codePoints = new Set<number>();
    for (const text of [question, answer]) {
      for (let i = 0; i < text.length; i++) {
        const c = text.codePointAt(i)!;
        if (c > 0xffff) i++;
        codePoints.add(c);
      }
    }
    ownCache.set(item, (o = { question, answer, codePoints }));
  }
  return o;
}

/**
 * The first near copy of the item's source (or, with an index, of another
 * item's) in `text`, with the copied run extended as far as it goes; undefined when none.
 */
export function findNearCopy(text: string, item: SourceItem, index?: SourceShingleIndex): NearCopy | undefined {
  const normalized = nfkc(text);
  // Without links the compared text is the normalized one without IGNORED code points: scanning it with
  // those skipped gives knownRun's verdict without building the compared text (most targets have no run).
  if (!hasLinks(normalized) && !knownRun(normalized, item, index?.codePoints, index?.holds(item) === true, true)) return undefined;
  const compared = comparableText(text, normalized);
  if (!hasKnownRun(compared, item, index)) return undefined;
  const w = new Windows(text, compared);
  if (w.length < NEAR_COPY_RUN) return undefined;
  const mine = own(item);
  // foreign[i]: code points before i that no source has; a window holding one cannot be a copy.
  const foreign = new Int32Array(w.length + 1);
  for (let i = 0; i < w.length; i++) {
    const c = w.codePoints[i]!;
    foreign[i + 1] = foreign[i]! + (mine.codePoints.has(c) || index?.codePoints.has(c) ? 0 : 1);
  }
  let h1: Int32Array | undefined;
  let h2: Int32Array | undefined;
  const hitAt = (i: number): { source: NearCopySource; otherItem?: string } | undefined => {
    if (foreign[i + NEAR_COPY_RUN]! - foreign[i]! > 0 || !w.counts(i)) return undefined;
    const s = w.slice(i, i + NEAR_COPY_RUN);
    for (const source of NEAR_COPY_SOURCES) if (mine[source].includes(s)) return { source };
    if (!index) return undefined;
    if (!h1 || !h2) windowHashes(w.codePoints, (h1 = new Int32Array(w.length)), (h2 = new Int32Array(w.length)));
    const other = index.ownerOf(h1[i]!, h2[i]!);
    return other && other.item !== item.id ? { source: other.source, otherItem: other.item } : undefined;
  };
  for (let i = 0; i + NEAR_COPY_RUN <= w.length; i++) {
    const hit = hitAt(i);
    if (!hit) continue;
    let end = i + NEAR_COPY_RUN;
    while (end < w.length && hitAt(end - NEAR_COPY_RUN + 1)) end++;
    return { run: w.slice(i, end), ...hit };
  }
  return undefined;
}

/**
 * Whether `compared` has NEAR_COPY_RUN consecutive code points that some
 * source has: a copy needs that, and most targets (another script) have none,
 * so they are done without building their windows or the item's own source.
 */
function hasKnownRun(compared: string, item: SourceItem, index: SourceShingleIndex | undefined): boolean {
  // The item's own code points are needed only when the index does not hold them.
  return knownRun(compared, item, index?.codePoints, index?.holds(item) === true);
}

/** `skipIgnored`: `compared` is a normalized text without links whose IGNORED code points are skipped (as comparableText removes them). */
function knownRun(compared: string, item: SourceItem, codePoints: CodePointSet | undefined, indexed: boolean, skipIgnored = false): boolean {
  if (compared.length < NEAR_COPY_RUN) return false;
  let mine: Set<number> | undefined;
  let run = 0;
  for (let i = 0; i < compared.length; i++) {
    const c = compared.codePointAt(i)!;
    if (c > 0xffff) i++;
    if (skipIgnored && ignored(c)) continue;
    if (codePoints?.has(c) || (!indexed && (mine ??= own(item).codePoints).has(c))) {
      if (++run >= NEAR_COPY_RUN) return true;
    } else run = 0;
  }
  return false;
}

/**
 * Whether `text` may copy a source, knowing only the code points of every
 * indexed source (an index's `codePoints`): false means findNearCopy finds
 * nothing in it with that index, so the index need not be built to say so.
 */
export function mayHoldNearCopy(text: string, item: SourceItem, codePoints: CodePointSet): boolean {
  return knownRun(comparableText(text, nfkc(text)), item, codePoints, false);
}

/** "copies 14 characters of the source's answer" / "of item X's question", for messages. */
export function describeNearCopy(copy: NearCopy): string {
  const n = Array.from(copy.run).length;
  const whose = copy.otherItem === undefined ? "the source's" : `item ${copy.otherItem}'s source`;
  return `copies ${n} characters of ${whose} ${copy.source} (ignoring spaces and punctuation)`;
}
