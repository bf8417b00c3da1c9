/** Dotted field paths ("meta.risk-area") into plain JSON records. */

const splitPaths = new Map<string, readonly string[]>();

/** A path's keys, split once per path. */
function keysOf(path: string): readonly string[] {
  let keys = splitPaths.get(path);
  if (!keys) splitPaths.set(path, (keys = path.split('.')));
  return keys;
}

export function getPath(record: unknown, path: string): unknown {
  return getKeys(record, keysOf(path));
}

/** getPath over a path already split. */
export function getKeys(record: unknown, keys: readonly string[]): unknown {
  let cur: unknown = record;
  for (const key of keys) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    if (!Object.prototype.hasOwnProperty.call(cur, key)) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/** Set a value at a path already split into keys, creating plain objects on the way. */
export function setKeys(record: Record<string, unknown>, keys: readonly string[], value: unknown): void {
  let cur: Record<string, unknown> = record;
  const last = keys.length - 1;
  for (let i = 0; i < last; i++) {
    const key = keys[i]!;
    const next = cur[key];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) {
      const created: Record<string, unknown> = {};
      cur[key] = created;
      cur = created;
    } else {
      cur = next as Record<string, unknown>;
    }
  }
  cur[keys[last]!] = value;
}

/** Every leaf and object path of a record, with its JSON type. */
export function* walkFields(value: unknown, prefix = ''): Generator<{ path: string; type: string; value: unknown }> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
  for (const [key, v] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    yield { path, type: jsonType(v), value: v };
    if (jsonType(v) === 'object') yield* walkFields(v, path);
  }
}

export function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}
