/**
 * One scan of a text for many literal needles (issue #11): a pack's terms are
 * each compiled to a regular expression with word-edge rules, and running all
 * of them on every field was most of QA's time. Each term instead gets a
 * needle, a literal every match of its regex contains; one Aho-Corasick pass
 * over the text tells which needles occur, and only those terms' regexes run.
 * The regexes still decide, so what is found is exactly what running every
 * regex finds.
 *
 * Needle modes:
 * - "exact": looked for in the text as is (case-sensitive terms, and needles
 *   with no cased letter: digits, Han, kana, Hangul);
 * - "lower": looked for in the lower-cased text;
 * - "fold": a needle of a case-insensitive regex: looked for in the lower-cased
 *   text, and assumed present when the text holds a letter whose case folding
 *   and lower case disagree (`FOLD_UNSAFE`), so no match is ever skipped.
 * A term without a needle (a pack pattern) always runs.
 */

export type NeedleMode = 'exact' | 'lower' | 'fold';

export interface Needle {
  text: string;
  mode: NeedleMode;
}

/**
 * Letters where a case-insensitive regex and toLowerCase() disagree: µ/μ,
 * ſ/s, the Greek sigmas and symbol variants, ẛ, ẞ, İ/ı, Kelvin, Ohm and
 * Ångström signs, old Cyrillic variants, Cherokee, and any astral character.
 */
const FOLD_UNSAFE =
  /[\u00b5\u00df\u0130\u0131\u017f\u0390\u03a3\u03b0\u03c2\u03d0\u03d1\u03d5\u03d6\u03f0\u03f1\u03f5\u13a0-\u13ff\u1c80-\u1c88\u1e9b\u1e9e\u1f00-\u1fff\u2126\u212a\u212b\uab70-\uabbf\ufb00-\ufb06\u{10000}-\u{10ffff}]|\u0345/u;

/**
 * False when no character of the text can be FOLD_UNSAFE: all below U+00B5,
 * or CJK (U+3000–U+9FFF) or Hangul syllables, as nearly all text here is. A
 * plain loop is several times faster than the regex, which has an astral range.
 */
function mayBeFoldUnsafe(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xb5 || (c >= 0x3000 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7a3)) continue;
    return true;
  }
  return false;
}

/**
 * text.toLowerCase(), without the copy when no character can change: all in
 * U+0000–U+00BF but A–Z, CJK (U+3000–U+9FFF) or Hangul syllables, as nearly
 * all text here is.
 */
function lowerCase(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0xc0 && (c < 0x41 || c > 0x5a)) || (c >= 0x3000 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7a3)) continue;
    return text.toLowerCase();
  }
  return text;
}

/** Whether a needle has a letter with case (so case-insensitive matching must fold it). */
export function hasCase(text: string): boolean {
  return text.toLowerCase() !== text.toUpperCase();
}

/**
 * The needle of a literal term whose regex matches `parts` (its
 * whitespace-separated pieces, each literally) with or without case: the
 * longest piece; undefined when there is none.
 */
export function needleOf(parts: readonly string[], caseInsensitive: boolean): Needle | undefined {
  let best = '';
  for (const p of parts) if (p.length > best.length) best = p;
  if (best === '') return undefined;
  return caseInsensitive && hasCase(best) ? { text: best.toLowerCase(), mode: 'fold' } : { text: best, mode: 'exact' };
}

/** An Aho-Corasick automaton over UTF-16 code units. */
class Automaton {
  private readonly next: Map<number, number>[] = [new Map<number, number>()];
  private readonly fail: number[] = [0];
  /** Needle indexes ending at each state, its suffix states' included. */
  private readonly out: number[][] = [[]];

  constructor(needles: readonly { text: string; index: number }[]) {
    for (const { text, index } of needles) {
      let s = 0;
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        let t = this.next[s]!.get(c);
        if (t === undefined) {
          t = this.next.length;
          this.next.push(new Map<number, number>());
          this.fail.push(0);
          this.out.push([]);
          this.next[s]!.set(c, t);
        }
        s = t;
      }
      this.out[s]!.push(index);
    }
    const queue: number[] = [...this.next[0]!.values()];
    for (let q = 0; q < queue.length; q++) {
      const s = queue[q]!;
      for (const [c, t] of this.next[s]!) {
        let f = this.fail[s]!;
        while (f !== 0 && !this.next[f]!.has(c)) f = this.fail[f]!;
        const g = this.next[f]!.get(c);
        this.fail[t] = g !== undefined && g !== t ? g : 0;
        this.out[t]!.push(...this.out[this.fail[t]]!);
        queue.push(t);
      }
    }
  }

  /**
   * The root's transitions by code unit (0: none), one load per character: most of a text's characters start no needle or
   * leave the root, and a bitmap test plus a hash lookup for them was most of a scan.
   */
  private root: Uint16Array | Int32Array | undefined;
  /** All other transitions, in an open-addressing table (a Map lookup per character was most of a scan). */
  private table: TransitionTable | undefined;
  /** 1 for the states some needle ends at (so most characters skip `mark`). */
  private ends: Uint8Array | undefined;
  /** Bit c set when unit c leaves the root: 8 KB that stay in the L1 cache, where `root` (128 KB) is read only for those. */
  private starts: Int32Array | undefined;

  /** Marks in `found` every needle occurring in `text`, and lists each newly found one in `list`. */
  scan(text: string, found: Uint8Array, list: number[]): void {
    if (this.next.length === 1) return;
    if (!this.root) {
      this.root = this.next.length < 0x10000 ? new Uint16Array(0x10000) : new Int32Array(0x10000);
      for (const [c, t] of this.next[0]!) this.root[c] = t;
      this.table = new TransitionTable(this.next);
      this.ends = Uint8Array.from(this.out, (o) => (o.length > 0 ? 1 : 0));
      this.starts = new Int32Array(0x10000 >> 5);
      for (const c of this.next[0]!.keys()) this.starts[c >> 5]! |= 1 << (c & 31);
    }
    const root = this.root;
    const table = this.table!;
    const ends = this.ends!;
    const starts = this.starts!;
    const fail = this.fail;
    let s = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      let t: number;
      if (s === 0) {
        // The root is no needle's end: a unit that does not leave it needs nothing more.
        if ((starts[c >> 5]! & (1 << (c & 31))) === 0) continue;
        t = root[c]!;
      } else {
        t = table.get(s, c);
        while (t === 0 && s !== 0) {
          s = fail[s]!;
          t = s === 0 ? root[c]! : table.get(s, c);
        }
      }
      s = t;
      if (ends[s] === 1) mark(this.out[s]!, found, list);
    }
  }
}

/** (state, code unit) -> next state, linear probing; 0 (the root, never a target) for none. */
class TransitionTable {
  private readonly states: Int32Array;
  private readonly units: Uint16Array;
  private readonly targets: Int32Array;
  private readonly shift: number;
  private readonly mask: number;

  constructor(next: readonly Map<number, number>[]) {
    let n = 0;
    for (const m of next) n += m.size;
    let bits = 4;
    while (1 << bits < 2 * n) bits++;
    this.shift = 32 - bits;
    this.mask = (1 << bits) - 1;
    this.states = new Int32Array(1 << bits);
    this.units = new Uint16Array(1 << bits);
    this.targets = new Int32Array(1 << bits);
    for (let s = 0; s < next.length; s++) {
      for (const [c, t] of next[s]!) {
        let h = this.slot(s, c);
        while (this.targets[h] !== 0) h = (h + 1) & this.mask;
        this.states[h] = s;
        this.units[h] = c;
        this.targets[h] = t;
      }
    }
  }

  private slot(s: number, c: number): number {
    return Math.imul(s * 0x10001 + c, 0x9e3779b1) >>> this.shift;
  }

  get(s: number, c: number): number {
    for (let h = this.slot(s, c); ; h = (h + 1) & this.mask) {
      const t = this.targets[h]!;
      if (t === 0 || (this.states[h] === s && this.units[h] === c)) return t;
    }
  }
}

function mark(needles: readonly number[], found: Uint8Array, list: number[]): void {
  for (const k of needles) {
    if (found[k] === 0) {
      found[k] = 1;
      list.push(k);
    }
  }
}

const NO_CANDIDATES: readonly number[] = Object.freeze([]);

/** Which of a list of terms may match a text: built once per list of needles. */
export class NeedleSet {
  private readonly exact: Automaton;
  private readonly lower: Automaton;
  /** Both kinds of needle, for a text lower case leaves as it is (nearly all: CJK, Hangul): one scan instead of two. */
  private readonly both: Automaton;
  private readonly always: number[] = [];
  private readonly folded: number[] = [];
  private readonly found: Uint8Array;
  private readonly list: number[] = [];
  private readonly hasLower: boolean;

  /** `needles[i]` is term i's needle, or undefined when term i must always run. */
  constructor(needles: readonly (Needle | undefined)[]) {
    this.found = new Uint8Array(needles.length);
    const exact: { text: string; index: number }[] = [];
    const lower: { text: string; index: number }[] = [];
    needles.forEach((n, index) => {
      if (n === undefined || n.text === '') this.always.push(index);
      else if (n.mode === 'exact') exact.push({ text: n.text, index });
      else {
        lower.push({ text: n.text, index });
        if (n.mode === 'fold') this.folded.push(index);
      }
    });
    this.exact = new Automaton(exact);
    this.lower = new Automaton(lower);
    this.both = lower.length > 0 && exact.length > 0 ? new Automaton([...exact, ...lower]) : exact.length > 0 ? this.exact : this.lower;
    this.hasLower = lower.length > 0;
  }

  /** The terms that may match `text` (their needle occurs, or they have none), in ascending order. */
  candidates(text: string): readonly number[] {
    // One scratch bitmap and list, cleared after use (scans do not nest); most texts have no candidate, so no array is made for them.
    const found = this.found;
    const list = this.list;
    mark(this.always, found, list);
    const lowered = this.hasLower ? lowerCase(text) : text;
    if (lowered === text) this.both.scan(text, found, list);
    else {
      this.exact.scan(text, found, list);
      this.lower.scan(lowered, found, list);
    }
    if (this.folded.length > 0 && mayBeFoldUnsafe(text) && FOLD_UNSAFE.test(text)) mark(this.folded, found, list);
    if (list.length === 0) return NO_CANDIDATES;
    for (const k of list) found[k] = 0;
    const out = list.slice();
    list.length = 0;
    return out.length > 1 ? out.sort((a, b) => a - b) : out;
  }
}

/**
 * A needle of a pack pattern (a regular expression with the "u" flag): its
 * longest run of literal characters that every match contains, read from the
 * pattern's top level. Anything else ends a run: a group, class, escape
 * class, anchor, lookaround, or an optional character ("a?", "a*"; "a+" and
 * "a{2}" keep "a" but end the run). Undefined without "u" (other escape
 * rules), with "v", with a top-level "|", or with no literal: the pattern
 * then always runs.
 */
export function patternNeedle(pattern: string, flags: string): Needle | undefined {
  if (!flags.includes('u') || flags.includes('v')) return undefined;
  let best = '';
  let run = '';
  const endRun = (): void => {
    if (run.length > best.length) best = run;
    run = '';
  };
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i]!;
    let literal: string | undefined;
    if (c === '|') return undefined;
    if (c === '(') i = groupEnd(pattern, i);
    else if (c === '[') i = classEnd(pattern, i);
    else if (c === '\\') {
      const next = pattern[i + 1] ?? '';
      if (SYNTAX_CHARACTERS.includes(next)) {
        literal = next;
        i += 2;
      } else i = escapeEnd(pattern, i);
    } else if (c === '.' || c === '^' || c === '$') i++;
    else {
      const unit = pattern.charCodeAt(i);
      const astral = unit >= 0xd800 && unit <= 0xdbff && (pattern.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
      literal = pattern.slice(i, i + (astral ? 2 : 1));
      i += literal.length;
    }
    // A quantifier after the atom: the atom is required when its minimum is at least one.
    const q = pattern[i];
    let required = true;
    let quantified = false;
    if (q === '*' || q === '?' || q === '+') {
      required = q === '+';
      quantified = true;
      i++;
    } else if (q === '{') {
      const close = pattern.indexOf('}', i);
      required = Number(pattern.slice(i + 1, close).split(',')[0]) >= 1;
      quantified = true;
      i = close + 1;
    }
    if (quantified && pattern[i] === '?') i++;
    if (literal !== undefined && required) run += literal;
    if (literal === undefined || quantified) endRun();
  }
  endRun();
  if (best === '') return undefined;
  return flags.includes('i') && hasCase(best) ? { text: best.toLowerCase(), mode: 'fold' } : { text: best, mode: 'exact' };
}

/** Characters that stand for themselves after a backslash in a "u" pattern. */
export const SYNTAX_CHARACTERS = '^$\\.*+?()[]{}|/';

/** The index after the group opening at `start` (nested groups, classes and escapes skipped). */
function groupEnd(pattern: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === '\\') i += 2;
    else if (c === '[') i = classEnd(pattern, i);
    else {
      if (c === '(') depth++;
      else if (c === ')' && --depth === 0) return i + 1;
      i++;
    }
  }
  return i;
}

/** The index after the character class opening at `start`. */
export function classEnd(pattern: string, start: number): number {
  let i = start + 1;
  while (i < pattern.length && pattern[i] !== ']') i += pattern[i] === '\\' ? 2 : 1;
  return i + 1;
}

/** The index after a non-literal escape at `start` ("\d", "\p{L}", "\u{1F600}", "\u0041", "\x41", "\k<name>", "\12", "\cA"). */
export function escapeEnd(pattern: string, start: number): number {
  const kind = pattern[start + 1] ?? '';
  const at = start + 2;
  if ((kind === 'p' || kind === 'P' || kind === 'u') && pattern[at] === '{') return pattern.indexOf('}', at) + 1;
  if (kind === 'u') return at + 4;
  if (kind === 'x') return at + 2;
  if (kind === 'c') return at + 1;
  if (kind === 'k' && pattern[at] === '<') return pattern.indexOf('>', at) + 1;
  let i = at;
  if (kind >= '0' && kind <= '9') while (i < pattern.length && pattern[i]! >= '0' && pattern[i]! <= '9') i++;
  return i;
}
