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
import { parseJsonLines } from './append-file.js';

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
  } else hashes = new Set(entryHashes(readFileSync(file, 'utf8')));
  // An unterminated last line may still be being written, or be cut by the next append: index only whole lines.
  if (endsLineAt(file, size)) writeIndex(`${file}.hashes`, size, hashes);
  return hashes;
}

function entryHashes(text: string): string[] {
  const out: string[] = [];
  for (const { value } of parseJsonLines<unknown>(
    text,
    () => undefined,
    () => undefined,
  )) {
    const e = value as { hash?: unknown; question?: unknown; answer?: unknown } | null;
    if (typeof e === 'object' && e !== null && typeof e.hash === 'string' && typeof e.question === 'string' && typeof e.answer === 'string') out.push(e.hash);
  }
  return out;
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

function readFrom(file: string, offset: number): string {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(statSync(file).size - offset);
    readSync(fd, buf, 0, buf.length, offset);
    return buf.toString('utf8');
  } finally {
    closeSync(fd);
  }
}
