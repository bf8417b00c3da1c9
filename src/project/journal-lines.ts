/**
 * Journal events read back by place. A compact fold (state.ts, for export and
 * report) keeps where the events that set an item's texts are, rather than
 * the texts: at 100k items the texts were most of the fold's memory. When the
 * item's state is finished, its events are read again from here.
 *
 * A place is one number: the line (1-based, as journal-stream.ts counts
 * them) times MAX_FILES plus the file's index. Each file's line starts are
 * found on its first read; journal files are only appended to, so lines
 * folded stay where they were. An event not found where it was folded (the
 * file rewritten meanwhile) is an error: the command is run again.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import path from 'node:path';
import { ProjectError } from '../errors.js';
import type { JournalEvent } from './events.js';
import { JOURNAL_DIR } from './journal.js';
import { journalChangedWhileRead } from './messages.js';
import type { EventPlaces } from './state.js';

/** Files beyond this many are not given places (their events keep their texts in the fold). */
const MAX_FILES = 4096;
const CHUNK = 1 << 20;
/** Bytes read at once around a line: items read back in journal order then cost one read per window. */
const WINDOW = 1 << 18;

interface FileLines {
  name: string;
  /** Byte offset of each line's start (index: line - 1), then the end of the bytes indexed. */
  starts?: Float64Array;
  lines: number;
  /** The last line has no newline. */
  unterminated: boolean;
  window: Buffer;
  windowAt: number;
  windowLength: number;
}

/**
 * No file stays open (a command may ask for states after its fold is done,
 * with no point to close at): each read opens the file, and reads a whole
 * window when lines are asked for in file order, else just the line.
 */
export class JournalLines implements EventPlaces {
  private readonly files: FileLines[] = [];
  private readonly byName = new Map<string, number>();

  constructor(private readonly projectDir: string) {}

  place(file: string, line: number): number | undefined {
    let i = this.byName.get(file);
    if (i === undefined) {
      if (this.files.length >= MAX_FILES) return undefined;
      i = this.files.length;
      this.files.push({ name: file, lines: 0, unterminated: false, window: Buffer.alloc(0), windowAt: 0, windowLength: 0 });
      this.byName.set(file, i);
    }
    return line * MAX_FILES + i;
  }

  event(place: number, item: string): JournalEvent {
    const f = this.files[place % MAX_FILES]!;
    const text = this.line(f, Math.floor(place / MAX_FILES));
    let e: JournalEvent | undefined;
    try {
      e = text === undefined ? undefined : (JSON.parse(text) as JournalEvent);
    } catch {
      e = undefined;
    }
    if (e?.item !== item) throw this.changed(place, item);
    return e;
  }

  changed(place: number, item: string): Error {
    const f = this.files[place % MAX_FILES]!;
    return new ProjectError(journalChangedWhileRead(path.join(JOURNAL_DIR, f.name), Math.floor(place / MAX_FILES), item));
  }

  private line(f: FileLines, line: number): string | undefined {
    const file = path.join(this.projectDir, JOURNAL_DIR, f.name);
    if (!f.starts || line > f.lines) index(f, file);
    if (line < 1 || line > f.lines) return undefined;
    const start = f.starts![line - 1]!;
    const end = f.starts![line]! - (line < f.lines || !f.unterminated ? 1 : 0); // without its newline
    if (start < f.windowAt || end > f.windowAt + f.windowLength) {
      // In file order (at or just past the window): a window from here; else only this line.
      const onward = start >= f.windowAt && start < f.windowAt + 2 * WINDOW;
      const size = Math.max(onward ? WINDOW : 0, end - start);
      if (f.window.length < size) f.window = Buffer.allocUnsafe(Math.max(size, onward ? WINDOW : 4096));
      f.windowAt = start;
      f.windowLength = readAt(file, f.window, size, start);
      if (end > start + f.windowLength) return undefined;
    }
    return f.window.toString('utf8', start - f.windowAt, end - f.windowAt);
  }
}

function readAt(file: string, buf: Buffer, size: number, at: number): number {
  const fd = openSync(file, 'r');
  try {
    return readSync(fd, buf, 0, size, at);
  } finally {
    closeSync(fd);
  }
}

/** Finds the start of every line of the file (as journal-stream.ts splits them: on the newline byte). */
function index(f: FileLines, file: string): void {
  let starts = new Float64Array(1024);
  let n = 0;
  const push = (at: number) => {
    if (n === starts.length) {
      const grown = new Float64Array(starts.length * 2);
      grown.set(starts);
      starts = grown;
    }
    starts[n++] = at;
  };
  push(0);
  const buf = Buffer.allocUnsafe(CHUNK);
  let pos = 0;
  const fd = openSync(file, 'r');
  try {
    for (;;) {
      const read = readSync(fd, buf, 0, CHUNK, pos);
      if (read === 0) break;
      const data = buf.subarray(0, read);
      for (let nl = data.indexOf(10); nl !== -1; nl = data.indexOf(10, nl + 1)) push(pos + nl + 1);
      pos += read;
    }
  } finally {
    closeSync(fd);
  }
  // The last start is the end of the bytes read: a line after the last newline (an unterminated one) ends there.
  f.unterminated = starts[n - 1] !== pos;
  if (f.unterminated) push(pos);
  f.lines = n - 1;
  f.starts = starts;
}
