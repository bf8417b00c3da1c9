/**
 * Journal lines found by a byte search rather than by parsing every line: the
 * few lines that name some items, units or event types. A JSON string may be
 * written with `\\u` escapes, so a line holding one is returned whatever it
 * holds; callers parse and check each line they get.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { eventProblem } from './event-schema.js';
import type { JournalEvent } from './events.js';
import { unitSize } from './journal.js';

/** Byte positions of every occurrence of `text` (searched as bytes: several times faster than a string needle). */
export function* occurrences(buf: Buffer, text: string | Buffer): Generator<number> {
  const needle = typeof text === 'string' ? Buffer.from(text) : text;
  for (let i = buf.indexOf(needle); i !== -1; i = buf.indexOf(needle, i + 1)) yield i;
}

/** A line parsed as a valid journal event, or undefined. */
export function eventOf(raw: string): JournalEvent | undefined {
  if (raw.trim() === '') return undefined;
  try {
    const value: unknown = JSON.parse(raw);
    return eventProblem(value) ? undefined : (value as JournalEvent);
  } catch {
    return undefined;
  }
}

/** Of the units, those whose file holds as many valid events as their name says (`<unit ID>/<event count>`). */
export function wholeUnits(file: string, size: number, units: ReadonlySet<string>): Set<string> {
  const counts = new Map<string, number>();
  for (const { raw } of linesHolding(file, size, [...[...units].map((u) => JSON.stringify(u)), ESCAPE])) {
    const unit = eventOf(raw)?.unit;
    if (unit !== undefined && units.has(unit)) counts.set(unit, (counts.get(unit) ?? 0) + 1);
  }
  return new Set([...units].filter((u) => counts.get(u) === unitSize(u)));
}

/** Lines holding a `\\u` escape are read whatever they hold: a JSON string (an ID) may be written escaped. */
export const ESCAPE = '\\u';
const CHUNK = 1 << 22;

/** The lines among the file's bytes from `from` (a line start) to `size` that hold one of the needles, with their byte offsets, in file order; read in chunks. */
export function* linesHolding(file: string, size: number, texts: readonly string[], from = 0): Generator<{ raw: string; start: number }> {
  const needles = texts.map((t) => Buffer.from(t));
  const fd = openSync(file, 'r');
  try {
    let buf = Buffer.allocUnsafe(CHUNK);
    /** Bytes of a line begun in the previous chunk, moved to the buffer's start. */
    let kept = 0;
    let base = from;
    for (let pos = from; pos < size;) {
      if (kept === buf.length) buf = Buffer.concat([buf, Buffer.allocUnsafe(buf.length)]); // a line longer than the buffer
      const n = readSync(fd, buf, kept, Math.min(buf.length - kept, size - pos), pos);
      if (n === 0) break;
      pos += n;
      const len = kept + n;
      // Whole lines only; the rest is kept for the next chunk (all of it at the end).
      const last = pos >= size ? len : buf.lastIndexOf(0x0a, len - 1) + 1;
      const whole = buf.subarray(0, last);
      const starts = new Set<number>();
      for (const needle of needles) for (const at of occurrences(whole, needle)) starts.add(whole.lastIndexOf(0x0a, at) + 1);
      for (const start of [...starts].sort((x, y) => x - y)) {
        const nl = whole.indexOf(0x0a, start);
        yield { raw: whole.toString('utf8', start, nl === -1 ? last : nl), start: base + start };
      }
      buf.copyWithin(0, last, len);
      kept = len - last;
      base += last;
    }
  } finally {
    closeSync(fd);
  }
}
