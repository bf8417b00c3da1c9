/**
 * Text from data (source records, machine translations, other people's
 * journals) must never drive the terminal: an ESC or a C1 CSI can hide lines,
 * clear the screen or rename the window, and a bidi override can make text
 * read differently from what it holds. `visible` shows such characters as
 * escapes instead (`\u001b`), keeping newlines and tabs for layout.
 */

// C0 controls except \t and \n, DEL, C1 controls, bidi embeddings/overrides/isolates,
// and the line/paragraph separators (they break lines on some terminals).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// Same set without the \t and \n exception, for single-line values (names, IDs).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_INLINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

// What JSON.stringify leaves raw (it escapes C0 itself; newlines outside strings are layout).
const UNSAFE_IN_JSON = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const escape = (ch: string) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** The text with control characters shown as `\uXXXX`; newlines and tabs are kept. */
export function visible(text: string): string {
  return text.replace(UNSAFE, escape);
}

/** Like `visible`, but newlines and tabs are escaped too: for one-line values such as IDs and names. */
export function visibleInline(text: string): string {
  return text.replace(UNSAFE_INLINE, escape);
}

/** True when the text holds a character `visibleInline` would escape. */
export function hasControlCharacters(text: string): boolean {
  UNSAFE_INLINE.lastIndex = 0;
  const found = UNSAFE_INLINE.test(text);
  UNSAFE_INLINE.lastIndex = 0;
  return found;
}

/**
 * A copy of a view with `visible` applied to every string in it (plain
 * objects and arrays are copied; Maps, Sets, class instances and other values
 * are kept as they are). Renderers call it once on what they draw, so no data
 * field can be forgotten.
 */
export function visibleDeep<T>(value: T): T {
  if (typeof value === 'string') return visible(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => visibleDeep(v)) as T;
  if (value !== null && typeof value === 'object') {
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null) return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = visibleDeep(v);
    return out as T;
  }
  return value;
}

/**
 * JSON text safe for a terminal: JSON.stringify already escapes C0 controls,
 * this also escapes DEL, C1 controls and bidi controls (valid JSON either way).
 */
export function safeJson(value: unknown, space?: number): string {
  return (JSON.stringify(value, null, space) ?? 'null').replace(UNSAFE_IN_JSON, escape);
}

// The SGR colour sequences the wizard's own styles use (bold, dim, red, green, yellow, cyan and their resets).
// eslint-disable-next-line no-control-regex -- matches our own ESC-started colour sequences
const OWN_STYLE = /^\x1b\[(?:1|2|22|31|32|33|36|39)m/;

/**
 * `visible` for text that mixes the program's own colours with data (a notice
 * quoting an ID or an error message): our colour sequences are kept, every
 * other control character is escaped.
 */
export function visibleStyled(text: string): string {
  let out = '';
  let last = 0;
  for (let i = text.indexOf('\x1b'); i !== -1; i = text.indexOf('\x1b', i + 1)) {
    const m = OWN_STYLE.exec(text.slice(i, i + 5));
    if (!m) continue;
    out += visible(text.slice(last, i)) + m[0];
    last = i + m[0].length;
    i = last - 1;
  }
  return out + visible(text.slice(last));
}
