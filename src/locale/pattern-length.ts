/**
 * How long a match of a pack pattern (a regular expression with the "u" flag)
 * can be, in UTF-16 units: an upper bound, so that a search for an
 * end-anchored pattern can start near the end of a text instead of at every
 * position (the register check, issue #11). Any class, escape or "." counts 2
 * units (an astral character); a back-reference, "*", "+" or "{n,}" has no bound.
 */
import { classEnd, escapeEnd, SYNTAX_CHARACTERS } from './needles.js';

/**
 * The bound of a pattern as its longest match before a trailing `[...]*` (or
 * `[...]*$`) and that class's source, which matches the run of such characters
 * ending the text; `tail` is absent when the pattern has no such ending. Undefined when there is no bound.
 */
export function endingLength(pattern: string): { length: number; tail?: string } | undefined {
  const atoms: Atom[] = [];
  const end = sequence(pattern, 0, atoms);
  if (end !== pattern.length) return undefined;
  let last = atoms.length - 1;
  while (last >= 0 && atoms[last]!.text === '$') last--;
  const tailAtom = atoms[last];
  const hasTail = tailAtom !== undefined && tailAtom.isClass && tailAtom.quantifier === '*';
  let length = 0;
  for (let k = 0; k < (hasTail ? last : atoms.length); k++) length += atoms[k]!.length;
  if (!Number.isFinite(length)) return undefined;
  return hasTail ? { length, tail: tailAtom.text } : { length };
}

/** The longest match of a pattern, in UTF-16 units (an upper bound); Infinity when unbounded. */
export function maxLength(pattern: string): number {
  const end = alternation(pattern, 0);
  return end.index === pattern.length ? end.length : Infinity;
}

interface Atom {
  /** The atom's source, without its quantifier. */
  text: string;
  /** Longest match, quantifier included. */
  length: number;
  isClass: boolean;
  quantifier: string;
}

/** Alternatives from `start` to the closing ")" or the end: the longest of them. */
function alternation(pattern: string, start: number): { index: number; length: number } {
  let length = 0;
  let i = start;
  for (;;) {
    const atoms: Atom[] = [];
    i = sequence(pattern, i, atoms);
    length = Math.max(
      length,
      atoms.reduce((n, a) => n + a.length, 0),
    );
    if (pattern[i] !== '|') return { index: i, length };
    i++;
  }
}

/** Atoms from `start` up to a "|", ")" or the end, listed in `atoms`; returns where it stopped. */
function sequence(pattern: string, start: number, atoms: Atom[]): number {
  let i = start;
  while (i < pattern.length && pattern[i] !== '|' && pattern[i] !== ')') {
    const from = i;
    const c = pattern[i]!;
    let length: number;
    let isClass = false;
    if (c === '(') {
      const lookaround = /^\(\?<?[=!]/u.test(pattern.slice(i, i + 4));
      const inner = alternation(pattern, i + (pattern.startsWith('(?', i) ? groupPrefix(pattern, i) : 1));
      if (pattern[inner.index] !== ')') return -1;
      i = inner.index + 1;
      length = lookaround ? 0 : inner.length;
    } else if (c === '[') {
      i = classEnd(pattern, i);
      length = 2;
      isClass = true;
    } else if (c === '\\') {
      const next = pattern[i + 1] ?? '';
      if ((next >= '1' && next <= '9') || next === 'k') length = Infinity;
      else length = SYNTAX_CHARACTERS.includes(next) ? 1 : 2;
      i = SYNTAX_CHARACTERS.includes(next) ? i + 2 : escapeEnd(pattern, i);
    } else if (c === '^' || c === '$') {
      i++;
      length = 0;
    } else if (c === '.') {
      i++;
      length = 2;
    } else {
      const unit = pattern.charCodeAt(i);
      const astral = unit >= 0xd800 && unit <= 0xdbff && (pattern.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
      i += astral ? 2 : 1;
      length = astral ? 2 : 1;
    }
    const text = pattern.slice(from, i);
    let quantifier = '';
    const q = pattern[i];
    if (q === '*' || q === '+' || q === '?') {
      quantifier = q;
      i++;
      if (q !== '?' && length > 0) length = Infinity;
    } else if (q === '{') {
      const close = pattern.indexOf('}', i);
      quantifier = pattern.slice(i, close + 1);
      const [min, max] = quantifier.slice(1, -1).split(',');
      const most = max === undefined ? Number(min) : max === '' ? Infinity : Number(max);
      if (length > 0) length *= most;
      i = close + 1;
    }
    if (quantifier !== '' && pattern[i] === '?') i++;
    atoms.push({ text, length, isClass, quantifier });
  }
  return i;
}

/** Length of a group's opening: "(?:", "(?=", "(?!", "(?<=", "(?<!" or "(?<name>". */
function groupPrefix(pattern: string, start: number): number {
  if (pattern[start + 2] === '<' && pattern[start + 3] !== '=' && pattern[start + 3] !== '!') return pattern.indexOf('>', start) + 1 - start;
  return pattern[start + 2] === '<' ? 4 : 3;
}
