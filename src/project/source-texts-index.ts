/**
 * The hash index of the source snapshot (cache/source-texts.jsonl, 30 MB at
 * 100k items): which source hashes it holds, in a small file beside it
 * (`<snapshot>.hashes`), so commands learn that without reading the texts.
 *
 * Derived data: its first line records how many bytes of the snapshot it
 * covers. When the snapshot only grew (appends), the new bytes are read and
 * the index rewritten; when it shrank, or the index is missing or unreadable,
 * the whole snapshot is read once and the index written again.
 */
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { writeDerivedFile } from './derived-file.js';

const HEADER = 'carefully source-texts hashes v1 covers ';

/** The hashes of the valid entries of a snapshot file (parsed as `SourceSnapshot.read` parses it). */
export function snapshotHashes(projectDir: string, snapshotFile: string): Set<string> {
  const file = path.join(projectDir, snapshotFile);
  if (!existsSync(file)) return new Set();
  const size = statSync(file).size;
  const index = readIndex(`${file}.hashes`);
  if (index && index.covers === size) return index.hashes;
  const appended = index !== undefined && index.covers < size && endsLineAt(file, index.covers);
  const hashes = appended ? index.hashes : new Set<string>();
  addFileEntryHashes(file, appended ? index.covers : 0, hashes);
  // An unterminated last line may still be being written, or be cut by the next append: index only whole lines.
  if (endsLineAt(file, size)) writeIndex(`${file}.hashes`, size, hashes);
  return hashes;
}

/** Bytes read at a time: a whole 47 MB snapshot (and its latin1 copy) cost more in page faults and GC than the scan itself. */
const CHUNK = 1 << 16;

/** entryHashes over the file from `from` into `out`, read in chunks of whole lines (a line longer than a chunk is read whole). */
function addFileEntryHashes(file: string, from: number, out: Set<string>): void {
  const fd = openSync(file, 'r');
  try {
    let buf = Buffer.allocUnsafe(CHUNK);
    let held = 0;
    for (let pos = from; ;) {
      if (held === buf.length) buf = Buffer.concat([buf, Buffer.allocUnsafe(buf.length)]);
      const n = readSync(fd, buf, held, buf.length - held, pos);
      pos += n;
      const data = buf.subarray(0, held + n);
      const whole = n === 0 ? data.length : data.lastIndexOf(NL) + 1;
      if (whole > 0) {
        entryHashes(data.subarray(0, whole), out);
        data.copy(buf, 0, whole);
      }
      held = data.length - whole;
      if (n === 0) return;
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * The hashes of the entries in `bytes`, as parseJsonLines + JSON.parse would
 * find them, without decoding or parsing the texts (issue #11: this rebuild
 * read 47 MB at 100k items): a line in exactly the shape recordSourceTexts
 * writes, `{"hash":S,"question":S,"answer":S}` with S a valid JSON string, is
 * an entry; any other line is parsed as before.
 */
function entryHashes(bytes: Buffer, out: Set<string>): void {
  const scan = new LineScan(bytes);
  for (let start = 0; start < bytes.length;) {
    const hash = scan.shapedEntry(start);
    let end: number;
    if (hash !== undefined) {
      out.add(hash);
      end = scan.end;
    } else {
      end = bytes.indexOf(NL, start);
      if (end === -1) end = bytes.length;
      const line = bytes.toString('utf8', start, end);
      if (line.trim() !== '') {
        const e = parsed(line) as { hash?: unknown; question?: unknown; answer?: unknown } | null;
        const entry = typeof e === 'object' && e !== null && typeof e.question === 'string' && typeof e.answer === 'string';
        if (entry && typeof e.hash === 'string') out.add(e.hash);
      }
    }
    start = end + 1;
  }
}

const NL = 0x0a;

function parsed(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined; // a broken or torn line is no entry (SourceSnapshot.read warns about it)
  }
}

/**
 * The snapshot's bytes as a latin1 string (one char per byte, so indices are
 * byte offsets), searched with the engine's native indexOf and regex rather
 * than a byte loop: a cold 47 MB loop cost more than the parse it replaces.
 * The next backslash and control character are searched once and reused
 * until passed, so the whole scan stays linear.
 */
class LineScan {
  private readonly text: string;
  private backslash = -1;
  private control = -1;
  // eslint-disable-next-line no-control-regex -- JSON strings may hold no raw control character
  private readonly controls = /[\x00-\x1f]/g;
  /** Where the last shaped entry's line ends (its newline, or the end of the bytes). */
  end = 0;
  /** Whether the last string scanned had an escape. */
  private escaped = false;

  constructor(private readonly bytes: Buffer) {
    this.text = bytes.toString('latin1');
  }

  /** The hash of the line starting at `start` when it has the writer's exact shape (`end` then set), else undefined. */
  shapedEntry(start: number): string | undefined {
    const t = this.text;
    if (!t.startsWith('{"hash":', start)) return undefined;
    const hashStart = start + 8;
    const hashEnd = this.stringEnd(hashStart);
    // A hash with escapes is left to JSON.parse (recordSourceTexts never writes one).
    if (hashEnd === -1 || this.escaped || !t.startsWith(',"question":', hashEnd)) return undefined;
    const questionEnd = this.stringEnd(hashEnd + 12);
    if (questionEnd === -1 || !t.startsWith(',"answer":', questionEnd)) return undefined;
    const answerEnd = this.stringEnd(questionEnd + 10);
    if (answerEnd === -1 || t[answerEnd] !== '}' || (answerEnd + 1 !== t.length && t[answerEnd + 1] !== '\n')) return undefined;
    this.end = answerEnd + 1;
    // Decoded as UTF-8 from the bytes: bytes above 0x7f read as JSON.parse of the UTF-8 text reads them.
    return this.bytes.toString('utf8', hashStart + 1, hashEnd - 1);
  }

  /**
   * Just past the closing quote of the JSON string starting at `at` (a
   * quote), or -1 when it is no valid JSON string: a raw control character
   * (a line break included) or an escape JSON.parse would refuse.
   */
  private stringEnd(at: number): number {
    const t = this.text;
    if (t[at] !== '"') return -1;
    this.escaped = false;
    // Positions only grow, call after call: the cached searches stay valid.
    for (let from = at + 1; ;) {
      const quote = t.indexOf('"', from);
      if (quote === -1 || this.nextControl(from) < quote) return -1;
      const escape = this.nextBackslash(from);
      if (escape > quote) return quote + 1;
      const length = escapeLength(t, escape);
      if (length === 0) return -1;
      this.escaped = true;
      from = escape + length;
    }
  }

  private nextBackslash(from: number): number {
    if (this.backslash < from) {
      const i = this.text.indexOf('\\', from);
      this.backslash = i === -1 ? Infinity : i;
    }
    return this.backslash;
  }

  private nextControl(from: number): number {
    if (this.control < from) {
      this.controls.lastIndex = from;
      const m = this.controls.exec(this.text);
      this.control = m ? m.index : Infinity;
    }
    return this.control;
  }
}

const SIMPLE_ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const UNICODE_ESCAPE = /^u[0-9a-fA-F]{4}$/;

/** The length of the valid JSON escape at `at` (a backslash), or 0. */
function escapeLength(t: string, at: number): number {
  const c = t[at + 1];
  if (c !== undefined && SIMPLE_ESCAPES.has(c)) return 2;
  return UNICODE_ESCAPE.test(t.slice(at + 1, at + 6)) ? 6 : 0;
}

function readIndex(file: string): { covers: number; hashes: Set<string> } | undefined {
  try {
    const lines = readFileSync(file, 'utf8').split('\n');
    if (!lines[0]!.startsWith(HEADER) || lines.at(-1) !== '') return undefined;
    const covers = Number(lines[0]!.slice(HEADER.length));
    if (!Number.isSafeInteger(covers)) return undefined;
    return { covers, hashes: new Set(lines.slice(1, -1)) };
  } catch {
    return undefined;
  }
}

function writeIndex(file: string, covers: number, hashes: Iterable<string>): void {
  // Best effort: a read-only project reads the snapshot instead.
  const list = [...hashes];
  writeDerivedFile(file, `${HEADER}${covers}\n${list.join('\n')}${list.length > 0 ? '\n' : ''}`);
}

/** Whether the byte before `offset` is a newline (or offset is 0). */
function endsLineAt(file: string, offset: number): boolean {
  if (offset === 0) return true;
  const fd = openSync(file, 'r');
  try {
    const b = Buffer.alloc(1);
    return readSync(fd, b, 0, 1, offset - 1) === 1 && b[0] === 0x0a;
  } finally {
    closeSync(fd);
  }
}
