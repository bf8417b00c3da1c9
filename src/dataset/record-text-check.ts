/**
 * Checks on the raw JSON text of one record that JSON.parse cannot make:
 * JSON.parse keeps the last of duplicate keys silently (a record's ID could
 * change unseen), decodes an escaped "\u005f_proto__" key into "__proto__",
 * and accepts any nesting depth (which later recursion cannot handle).
 *
 * One pass over the structure: string contents are skipped with indexOf, so
 * the cost is in the structural characters, not in the (long) texts.
 */

/** AnswerCarefully records are 3 levels deep; anything near this is not a dataset record. */
export const MAX_RECORD_DEPTH = 64;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export interface RecordTextProblem {
  kind: 'duplicate-key' | 'forbidden-key' | 'too-deep';
  /** Dotted path of the key (duplicate/forbidden), or where the depth limit was passed. */
  field: string;
  message: string;
}

const QUOTE = 0x22,
  BACKSLASH = 0x5c,
  OPEN_BRACE = 0x7b,
  CLOSE_BRACE = 0x7d,
  OPEN_BRACKET = 0x5b,
  CLOSE_BRACKET = 0x5d,
  COMMA = 0x2c,
  COLON = 0x3a;

/** Index of the quote closing the string that opens at `start`. */
function stringEnd(text: string, start: number): number {
  let j = text.indexOf('"', start + 1);
  while (j !== -1) {
    let backslashes = 0;
    for (let k = j - 1; text.charCodeAt(k) === BACKSLASH; k--) backslashes++;
    if (backslashes % 2 === 0) break;
    j = text.indexOf('"', j + 1);
  }
  return j === -1 ? text.length : j;
}

/**
 * The first structural problem of a record's JSON text, or undefined. Malformed JSON is left to JSON.parse.
 * `parsed`, JSON.parse's value of this very text, lets a record without problems be told so cheaply: its
 * members (colons outside strings) all survive as own keys, none is forbidden, and it is not too deep. Any
 * doubt, and the text is scanned key by key for the first problem, as without it.
 */
export function checkRecordText(text: string, parsed?: unknown): RecordTextProblem | undefined {
  if (parsed !== undefined && plainRecord(text, parsed)) return undefined;
  return firstProblem(text);
}

/** Whether valid JSON `text`, parsed as `value`, has no duplicate or forbidden key and is at most MAX_RECORD_DEPTH deep. */
function plainRecord(text: string, value: unknown): boolean {
  let members = 0;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) i = stringEnd(text, i);
    else if (c === COLON) members++;
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > MAX_RECORD_DEPTH) return false;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) depth--;
  }
  return ownKeys(value) === members;
}

/** Own keys of every object in a parsed value, or -1 when one of them is forbidden. */
function ownKeys(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  let n = 0;
  if (Array.isArray(value)) {
    for (const v of value as unknown[]) {
      const k = ownKeys(v);
      if (k < 0) return -1;
      n += k;
    }
    return n;
  }
  for (const key in value) {
    if (FORBIDDEN_KEYS.has(key)) return -1;
    n++;
    const k = ownKeys((value as Record<string, unknown>)[key]);
    if (k < 0) return -1;
    n += k;
  }
  // JSON.parse makes "__proto__" an own, enumerable key, so for...in meets it above.
  return n;
}

function firstProblem(text: string): RecordTextProblem | undefined {
  // Per open container: the keys seen (objects) or null (arrays), and the key that led to it.
  const keys: (Set<string> | null)[] = [];
  const path: string[] = [];
  let expectKey = false;
  let lastKey = '';
  const where = (key?: string) => [...path.slice(1), ...(key === undefined ? [] : [key])].join('.') || '(record)';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = stringEnd(text, i);
      if (expectKey) {
        let key = text.slice(i + 1, end);
        if (key.includes('\\')) {
          try {
            key = JSON.parse(text.slice(i, end + 1)) as string;
          } catch {
            return undefined;
          }
        }
        if (FORBIDDEN_KEYS.has(key)) {
          return {
            kind: 'forbidden-key',
            field: where(key),
            message: `the key "${key}" is not allowed in records (it can alter JavaScript objects). Rename or remove that field`,
          };
        }
        const seen = keys[keys.length - 1]!;
        if (seen.has(key)) {
          return {
            kind: 'duplicate-key',
            field: where(key),
            message: `the key "${key}" appears twice in the same object; JSON readers keep only one of them (usually the last). Remove one`,
          };
        }
        seen.add(key);
        lastKey = key;
        expectKey = false;
      }
      i = end;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      path.push(keys.length === 0 ? '' : keys[keys.length - 1] === null ? '[]' : lastKey);
      keys.push(c === OPEN_BRACE ? new Set() : null);
      if (keys.length > MAX_RECORD_DEPTH) {
        return {
          kind: 'too-deep',
          field: path[1] || '(record)',
          message: `the record is nested more than ${MAX_RECORD_DEPTH} levels deep, which no dataset record needs. Check how the file was produced`,
        };
      }
      expectKey = c === OPEN_BRACE;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      keys.pop();
      path.pop();
      expectKey = false;
    } else if (c === COMMA) {
      expectKey = keys[keys.length - 1] instanceof Set;
    } else if (c === COLON) {
      expectKey = false;
    }
  }
  return undefined;
}
