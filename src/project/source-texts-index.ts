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
  let hashes: Set<string>;
  if (index && index.covers < size && endsLineAt(file, index.covers)) {
    hashes = index.hashes;
    for (const h of entryHashes(readFrom(file, index.covers))) hashes.add(h);
  } else hashes = new Set(entryHashes(readFileSync(file)));
  // An unterminated last line may still be being written, or be cut by the next append: index only whole lines.
  if (endsLineAt(file, size)) writeIndex(`${file}.hashes`, size, hashes);
  return hashes;
}

/**
 * The hashes of the entries in `bytes`, as parseJsonLines + JSON.parse would
 * find them, without decoding or parsing the texts (issue #11: this rebuild
 * read 47 MB at 100k items): a line in exactly the shape recordSourceTexts
 * writes, `{"hash":S,"question":S,"answer":S}` with S a valid JSON string, is
 * an entry; any other line is parsed as before.
 */
export function entryHashes(bytes: Buffer): string[] {
  const out: string[] = [];
  for (let start = 0; start < bytes.length;) {
    const shaped = shapedEntry(bytes, start);
    let end: number;
    if (shaped) {
      out.push(shaped.hash);
      end = shaped.end;
    } else {
      end = bytes.indexOf(NL, start);
      if (end === -1) end = bytes.length;
      const line = bytes.toString('utf8', start, end);
      if (line.trim() !== '') {
        const e = parsed(line) as { hash?: unknown; question?: unknown; answer?: unknown } | null;
        const entry = typeof e === 'object' && e !== null && typeof e.question === 'string' && typeof e.answer === 'string';
        if (entry && typeof e.hash === 'string') out.push(e.hash);
      }
    }
    start = end + 1;
  }
  return out;
}

const NL = 0x0a;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const HASH_KEY = Buffer.from('{"hash":');
const QUESTION_KEY = Buffer.from(',"question":');
const ANSWER_KEY = Buffer.from(',"answer":');
const CLOSE = 0x7d;

function parsed(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined; // a broken or torn line is no entry (SourceSnapshot.read warns about it)
  }
}

/**
 * The hash and end (newline or end of bytes) of the line starting at `start`
 * when it has the writer's exact shape, else undefined (the caller parses it).
 * No line break can hide inside: a raw one ends every JSON string scan.
 */
function shapedEntry(bytes: Buffer, start: number): { hash: string; end: number } | undefined {
  const end = bytes.length;
  if (!startsWith(bytes, start, end, HASH_KEY)) return undefined;
  const hashStart = start + HASH_KEY.length;
  const hashEnd = stringEnd(bytes, hashStart, end);
  if (hashEnd === -1 || !startsWith(bytes, hashEnd, end, QUESTION_KEY)) return undefined;
  const questionEnd = stringEnd(bytes, hashEnd + QUESTION_KEY.length, end);
  if (questionEnd === -1 || !startsWith(bytes, questionEnd, end, ANSWER_KEY)) return undefined;
  const answerEnd = stringEnd(bytes, questionEnd + ANSWER_KEY.length, end);
  if (answerEnd === -1 || bytes[answerEnd] !== CLOSE || (answerEnd + 1 !== end && bytes[answerEnd + 1] !== NL)) return undefined;
  // A hash with escapes is left to JSON.parse (recordSourceTexts never writes one).
  for (let i = hashStart; i < hashEnd; i++) if (bytes[i] === BACKSLASH) return undefined;
  return { hash: bytes.toString('utf8', hashStart + 1, hashEnd - 1), end: answerEnd + 1 };
}

/** Whether `prefix` is at `at`, ending before `end`. */
function startsWith(bytes: Buffer, at: number, end: number, prefix: Buffer): boolean {
  return at + prefix.length <= end && bytes.compare(prefix, 0, prefix.length, at, at + prefix.length) === 0;
}

/**
 * Where the JSON string starting at bytes[at] (a quote) ends (just past its
 * closing quote), or -1 when there is no valid string before `limit`: a raw
 * control character or an escape JSON.parse would refuse. Bytes above 0x7f
 * pass: undecodable ones become U+FFFD in both readings.
 */
function stringEnd(bytes: Buffer, at: number, limit: number): number {
  if (bytes[at] !== QUOTE) return -1;
  for (let i = at + 1; i < limit; i++) {
    const b = bytes[i]!;
    if (b === QUOTE) return i + 1;
    if (b < 0x20) return -1;
    if (b === BACKSLASH) {
      const e = bytes[++i];
      if (e === 0x75) {
        for (let k = 0; k < 4; k++) if (!isHex(bytes[++i])) return -1;
      } else if (e !== QUOTE && e !== BACKSLASH && e !== 0x2f && e !== 0x62 && e !== 0x66 && e !== 0x6e && e !== 0x72 && e !== 0x74) return -1;
    }
  }
  return -1;
}

function isHex(b: number | undefined): boolean {
  return b !== undefined && ((b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66));
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
  writeDerivedFile(file, `${HEADER}${covers}\n${[...hashes].map((h) => `${h}\n`).join('')}`);
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

function readFrom(file: string, offset: number): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(statSync(file).size - offset);
    readSync(fd, buf, 0, buf.length, offset);
    return buf;
  } finally {
    closeSync(fd);
  }
}
