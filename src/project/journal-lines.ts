/**
 * Journal events read back by place. A compact fold (state.ts, for export and
 * report) keeps where the events that set an item's texts are, rather than
 * the texts: at 100k items the texts were most of the fold's memory. When the
 * item's state is finished, its events are read again from here.
 *
 * A place is one number: the line's byte offset (as journal-stream.ts read
 * it) times MAX_FILES plus the file's index. Journal files are only appended
 * to, so lines folded stay where they were. An event not found where it was
 * folded (the file rewritten meanwhile) is an error: the command is run again.
 * The checkpoint (journal-fold.ts), which may hold that place, is removed with
 * it, so that the command run again folds from the journal's start.
 */
import { closeSync, openSync, readSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ProjectError } from '../errors.js';
import type { JournalEvent } from './events.js';
import { CHECKPOINT_FILE, JOURNAL_DIR } from './journal.js';
import { journalChangedWhileRead } from './messages.js';
import type { EventPlaces } from './state.js';

/** Files beyond this many are not given places (their events keep their texts in the fold). */
const MAX_FILES = 4096;
/** Bytes read at once from a line on: items read back in journal order then cost one read per window. */
const WINDOW = 1 << 18;

interface FileWindow {
  name: string;
  window: Buffer;
  windowAt: number;
  windowLength: number;
  /** The window reaches the file's end. */
  atEnd: boolean;
}

/**
 * No file stays open (a command may ask for states after its fold is done,
 * with no point to close at): each read opens the file and reads a window
 * from the line asked for, which serves the lines after it too.
 */
export class JournalLines implements EventPlaces {
  private readonly windows: FileWindow[] = [];
  private readonly byName = new Map<string, number>();

  constructor(private readonly projectDir: string) {}

  /** The files given places so far, in the order their numbers were given (a checkpoint stores places by it). */
  files(): readonly string[] {
    return this.windows.map((f) => f.name);
  }

  place(file: string, offset: number): number | undefined {
    let i = this.byName.get(file);
    if (i === undefined) {
      if (this.windows.length >= MAX_FILES) return undefined;
      i = this.windows.length;
      this.windows.push({ name: file, window: Buffer.alloc(0), windowAt: 0, windowLength: 0, atEnd: false });
      this.byName.set(file, i);
    }
    return offset * MAX_FILES + i;
  }

  event(place: number, item: string): JournalEvent {
    const f = this.windows[place % MAX_FILES]!;
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
    try {
      rmSync(path.join(this.projectDir, CHECKPOINT_FILE), { force: true });
    } catch {
      // Best effort, as the checkpoint's write: the error below stands either way.
    }
    const f = this.windows[place % MAX_FILES]!;
    const file = path.join(this.projectDir, JOURNAL_DIR, f.name);
    return new ProjectError(journalChangedWhileRead(path.join(JOURNAL_DIR, f.name), lineAt(file, Math.floor(place / MAX_FILES)), item));
  }

  /** The line starting at byte `start` (without its newline), or undefined when the file ends before it. */
  private line(f: FileWindow, start: number): string | undefined {
    const file = path.join(this.projectDir, JOURNAL_DIR, f.name);
    if (start < f.windowAt || start >= f.windowAt + f.windowLength) fill(f, file, start, WINDOW);
    for (;;) {
      const from = start - f.windowAt;
      if (from >= f.windowLength) return undefined;
      const nl = f.window.indexOf(0x0a, from);
      if (nl !== -1 && nl < f.windowLength) return f.window.toString('utf8', from, nl);
      if (f.atEnd) return f.window.toString('utf8', from, f.windowLength); // an unterminated last line
      // The line goes on past the window: a larger one from the line's start.
      fill(f, file, start, Math.max(WINDOW, 2 * (f.windowLength - from)));
    }
  }
}

/** Reads `size` bytes of the file from `at` into the window. */
function fill(f: FileWindow, file: string, at: number, size: number): void {
  if (f.window.length < size) f.window = Buffer.allocUnsafe(size);
  f.windowAt = at;
  f.windowLength = readAt(file, f.window, size, at);
  f.atEnd = f.windowLength < size;
}

function readAt(file: string, buf: Buffer, size: number, at: number): number {
  const fd = openSync(file, 'r');
  try {
    return readSync(fd, buf, 0, size, at);
  } finally {
    closeSync(fd);
  }
}

/** The 1-based line number of the byte offset (only for the error message: the file is read up to it). */
function lineAt(file: string, offset: number): number {
  try {
    const buf = Buffer.allocUnsafe(offset);
    const read = readAt(file, buf, offset, 0);
    let line = 1;
    for (let nl = buf.indexOf(0x0a); nl !== -1 && nl < read; nl = buf.indexOf(0x0a, nl + 1)) line++;
    return line;
  } catch {
    return 1;
  }
}
