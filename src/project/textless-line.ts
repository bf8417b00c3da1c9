/**
 * A journal line parsed without its texts, for a compact fold (state.ts), which keeps an MT or edit event's place
 * rather than its texts: at scale the texts are most of the journal's bytes, and decoding them (UTF-8 to two-byte
 * strings) and parsing them was most of a fold from the start. The text values are found on the line's bytes and the
 * rest of the line parsed with each replaced by "".
 *
 * The result equals JSON.parse of the whole line with those values set to "", and is given only when that parse would
 * succeed: each value skipped is checked to be a JSON string (no raw control byte, only valid escapes; bytes that are
 * not UTF-8 decode to U+FFFD either way), and the rest parses. Replacing a valid string token by another leaves the
 * parser's state after it unchanged, so a line the rest parses is a line the whole parses. When not sure (another
 * event type, a key not found, a bad byte), undefined: the caller parses the whole line as before, with its messages.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** The keys whose values are texts, by the `"type":"..."` the line holds. */
const TEXT_KEYS: readonly { type: string; marker: Buffer; keys: readonly Buffer[] }[] = [
  { type: 'mt', marker: Buffer.from('"type":"mt"'), keys: [Buffer.from('"question":"'), Buffer.from('"answer":"')] },
  { type: 'edit', marker: Buffer.from('"type":"edit"'), keys: [Buffer.from('"text":"')] },
];

/** Bytes that may follow a backslash in a JSON string (`u` is checked apart). */
const SIMPLE_ESCAPES = new Uint8Array(256);
for (const c of '"\\/bfnrt') SIMPLE_ESCAPES[c.charCodeAt(0)] = 1;
const HEX = new Uint8Array(256);
for (const c of '0123456789abcdefABCDEF') HEX[c.charCodeAt(0)] = 1;

/** The event on `line` with its text values as "", or undefined when the line is not one this can parse for sure. */
export function parseTextless(line: Buffer): unknown {
  const spec = TEXT_KEYS.find((t) => line.indexOf(t.marker) !== -1);
  // A raw control byte anywhere: the whole parse words the error (none is in a line JSON.stringify wrote).
  if (!spec || CONTROL.test(line.toString('latin1'))) return undefined;
  // Each text value's content as [first byte, closing quote].
  const ranges: [number, number][] = [];
  for (const key of spec.keys) {
    const k = line.indexOf(key);
    if (k === -1) return undefined;
    const from = k + key.length;
    const end = stringEnd(line, from);
    if (end === -1) return undefined;
    ranges.push([from, end]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  let rest = '';
  let at = 0;
  for (const [from, end] of ranges) {
    if (from < at) return undefined;
    rest += line.toString('utf8', at, from);
    at = end;
  }
  rest += line.toString('utf8', at);
  let value: unknown;
  try {
    value = JSON.parse(rest);
  } catch {
    return undefined;
  }
  // The verdicts on "" equal those on any string only for the keys of this type (a checklist's question must not be empty).
  return (value as { type?: unknown } | null)?.type === spec.type ? value : undefined;
}

/** A raw control byte, which a JSON string may not hold (checked on the line's bytes as latin1: one char per byte). */
// eslint-disable-next-line no-control-regex -- raw control bytes are what it looks for
const CONTROL = /[\x00-\x1f]/u;

/** The offset of the quote closing the JSON string whose content starts at `from`, or -1 when it is not a valid one. */
function stringEnd(line: Buffer, from: number): number {
  const quote = line.indexOf(QUOTE, from);
  if (quote === -1) return -1;
  const backslash = line.indexOf(BACKSLASH, from);
  if (backslash !== -1 && backslash < quote) return escapedStringEnd(line, backslash);
  return quote;
}

/** stringEnd from a backslash on, escape by escape. */
function escapedStringEnd(line: Buffer, from: number): number {
  const n = line.length;
  for (let i = from; i < n; i++) {
    const c = line[i]!;
    if (c === QUOTE) return i;
    if (c !== BACKSLASH) continue;
    if (i + 1 >= n) return -1;
    const e = line[++i]!;
    if (e === 0x75) {
      if (i + 4 >= n || !HEX[line[i + 1]!] || !HEX[line[i + 2]!] || !HEX[line[i + 3]!] || !HEX[line[i + 4]!]) return -1;
      i += 4;
    } else if (!SIMPLE_ESCAPES[e]) return -1;
  }
  return -1;
}
