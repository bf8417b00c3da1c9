/**
 * Source records from Parquet (what the Hugging Face dataset viewer converts
 * AnswerCarefully to), through hyparquet: one row group is read at a time, so
 * memory follows the row-group size, not the file. Struct columns come back as
 * nested objects, like the JSON records; a record is located by its 1-based row number.
 */
import { open } from 'node:fs/promises';
import type { FileMetaData } from 'hyparquet';
import { DataError, UnreadableFileError } from '../errors.js';
import { fileSystemError } from '../fs-errors.js';
import { checkRecordText } from './record-text-check.js';
import { parquetMessages as m } from './messages.js';

/** A record and where it starts (read-records.ts RawRecord; not imported, which would make an import cycle). */
interface ParquetRecord {
  index: number;
  row: number;
  value: unknown;
}

const MAGIC = 'PAR1';

export function isParquet(file: string): boolean {
  return /\.parquet$/iu.test(file);
}

export async function* readParquet(file: string): AsyncGenerator<ParquetRecord> {
  const { head, tail, size } = await ends(file);
  if (size === 0) throw new UnreadableFileError({ file, message: 'is empty' }, m.emptyHint);
  if (head !== MAGIC) throw new UnreadableFileError({ file, message: m.notParquet }, m.notParquetHint);
  if (tail !== MAGIC) throw truncated(file, m.noFooter);
  const { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } = await import('hyparquet'); // loaded where used: most sources are JSON
  const buffer = await asyncBufferFromFile(file);
  let metadata: FileMetaData;
  try {
    metadata = await parquetMetadataAsync(buffer);
  } catch (e) {
    throw fileSystemError(e, file) ?? truncated(file, (e as Error).message);
  }
  let index = 0;
  for (const group of metadata.row_groups) {
    const rowEnd = index + Number(group.num_rows);
    let rows: Record<string, unknown>[];
    try {
      rows = await parquetReadObjects({ file: buffer, metadata, rowStart: index, rowEnd });
    } catch (e) {
      const err = fileSystemError(e, file);
      if (err) throw err;
      const problem = { file, row: index + 1, index, message: m.badRowGroup(index + 1, rowEnd, (e as Error).message) };
      throw new DataError(`${file}, row ${index + 1}: ${problem.message}. ${m.truncatedHint}`, [problem]);
    }
    for (const row of rows) {
      const value = plain(row);
      const found = checkRecordText(JSON.stringify(value));
      if (found) {
        const problem = { file, row: index + 1, index, field: found.field, message: found.message };
        throw new DataError(`${file}, row ${index + 1}, field "${found.field}": ${found.message}.`, [problem]);
      }
      yield { index, row: index + 1, value };
      index++;
    }
  }
}

function truncated(file: string, reason: string): DataError {
  const problem = { file, message: m.truncated(reason) };
  return new DataError(`${file}: ${problem.message}. ${m.truncatedHint}`, [problem]);
}

/** The first and last four bytes, to tell "not Parquet" from "truncated" before hyparquet's own messages. */
async function ends(file: string): Promise<{ head: string; tail: string; size: number }> {
  try {
    const fh = await open(file, 'r');
    try {
      const { size } = await fh.stat();
      const head = Buffer.alloc(4);
      const tail = Buffer.alloc(4);
      await fh.read(head, 0, Math.min(4, size), 0);
      if (size >= 8) await fh.read(tail, 0, 4, size - 4);
      return { head: head.toString('latin1'), tail: tail.toString('latin1'), size };
    } finally {
      await fh.close();
    }
  } catch (e) {
    throw fileSystemError(e, file) ?? e;
  }
}

/**
 * JSON-shaped values: a null cell is an absent field (the viewer's conversion
 * writes null where a JSON record had no such field), BigInt a number when
 * exact (else its digits), a date ISO text, bytes base64.
 */
function plain(v: unknown): unknown {
  if (v === undefined) return null;
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (v instanceof Date) return v.toISOString();
  if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
  if (Array.isArray(v)) return v.map(plain);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v))
      if (x !== null && x !== undefined) Object.defineProperty(out, k, { value: plain(x), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return v;
}
