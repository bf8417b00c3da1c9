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

/** The first structural problem of a record's JSON text, or undefined. Malformed JSON is left to JSON.parse. */
export function checkRecordText(text: string): RecordTextProblem | undefined {
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
