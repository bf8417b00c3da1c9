/**
 * Streaming reader for source files: a JSON array of records or JSONL (one
 * record per line), UTF-8 with or without BOM, LF or CRLF.
 *
 * We split the top-level array ourselves instead of using a streaming JSON
 * library because every error must name the file, the record index and the
 * line it starts on, and memory must not grow with the file: one record is
 * held at a time.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { UnreadableFileError, DataError, UsageError, type DataProblem } from '../errors.js';
import { checkRecordText } from './record-text-check.js';
import { assertRegularFile, fileSystemError } from '../fs-errors.js';
import { isDelimited, readDelimited } from './read-delimited.js';
import { isParquet, readParquet } from './read-parquet.js';

export type SourceFormat = 'json' | 'jsonl' | 'csv' | 'tsv' | 'parquet';

export interface RawRecord {
  /** 0-based record index. */
  index: number;
  /** 1-based line where the record starts (text formats). */
  line?: number;
  /** 1-based row number (Parquet, which has no lines). */
  row?: number;
  value: unknown;
}

export interface ReadOptions {
  /** Called once the format is known (before the first record). */
  onFormat?: (format: SourceFormat) => void;
}

/**
 * JSON.parse of one record's text, after the checks JSON.parse cannot make
 * (duplicate keys, "__proto__"-like keys even when escaped, absurd nesting).
 */
export function parseRecordText(text: string, where: Omit<DataProblem, 'message'>): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const reason = (e as Error).message.replace(/^JSON\.parse: /, '');
    const problem = { ...where, message: `not valid JSON (${reason}). Fix the record or remove it` };
    throw new DataError(formatOne(problem), [problem]);
  }
  const found = checkRecordText(text, value);
  if (found) {
    const problem = { ...where, field: found.field, message: found.message };
    throw new DataError(formatOne(problem), [problem]);
  }
  return value;
}

function formatOne(p: DataProblem): string {
  const parts = [p.file];
  if (p.line !== undefined) parts.push(`line ${p.line}`);
  if (p.row !== undefined) parts.push(`row ${p.row}`);
  if (p.index !== undefined) parts.push(`record ${p.index}`);
  if (p.field !== undefined) parts.push(`field "${p.field}"`);
  return `${parts.join(', ')}: ${p.message}.`;
}

/** A readable regular file, or a UsageError saying why not. */
async function checkDataFile(file: string): Promise<void> {
  try {
    const s = await stat(file);
    if (s.isDirectory()) throw new UsageError(`${file} is a folder, not a data file. Give the path of a .json or .jsonl file.`);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`Cannot read ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}. Check the path.`);
  }
  // A FIFO or a device would block the read for ever.
  assertRegularFile(file, 'data file');
}

/** Decoded text chunks with invalid UTF-8 reported as a located, readable error. */
async function* decodedChunks(file: string): AsyncGenerator<string> {
  await checkDataFile(file);
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  let line = 1;
  // 64 KiB chunks: decoding 1 MiB ones (2 MiB strings) was several times slower per byte (issue #11).
  const stream = createReadStream(file, { highWaterMark: 1 << 16 });
  // An open or read failure (permission denied, I/O error) names the file instead of ending as an internal error.
  const chunks = (async function* () {
    try {
      yield* stream;
    } catch (e) {
      throw fileSystemError(e, file) ?? e;
    }
  })();
  for await (const chunk of chunks) {
    let text: string;
    try {
      text = decoder.decode(chunk as Buffer, { stream: true });
    } catch {
      const lossy = new TextDecoder('utf-8').decode(chunk as Buffer);
      const before = lossy.slice(0, Math.max(0, lossy.indexOf('\uFFFD')));
      for (let i = before.indexOf('\n'); i !== -1; i = before.indexOf('\n', i + 1)) line++;
      throw new UnreadableFileError(
        { file, line, message: 'contains bytes that are not valid UTF-8' },
        'Save the file as UTF-8 (for example with `iconv -f SHIFT_JIS -t UTF-8`) and try again.',
      );
    }
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) line++;
    if (text) yield text;
  }
  try {
    const rest = decoder.decode();
    if (rest) yield rest;
  } catch {
    throw new UnreadableFileError({ file, line, message: 'ends with an incomplete UTF-8 character' }, 'Save the file as UTF-8 and try again.');
  }
}

/** Read every record of a JSON-array or JSONL file, one at a time. */
export async function* readRecords(file: string, options: ReadOptions = {}): AsyncGenerator<RawRecord> {
  for await (const batch of readRecordBatches(file, options)) yield* batch;
}

/**
 * readRecords in batches (JSON and JSONL: the records of one read chunk), in
 * the same order and with the same errors: a problem in a chunk comes after
 * the batch of the records before it. At 100k records a promise per record
 * was a cost of its own.
 */
export async function* readRecordBatches(file: string, options: ReadOptions = {}): AsyncGenerator<RawRecord[]> {
  if (isParquet(file)) {
    await checkDataFile(file);
    options.onFormat?.('parquet');
    yield* oneByOne(readParquet(file));
    return;
  }
  const chunks = decodedChunks(file);
  let first = await chunks.next();
  // Skip leading whitespace (and a BOM the decoder already dropped) to see the format.
  let head = '';
  while (!first.done) {
    head += first.value;
    if (head.trim().length > 0) break;
    first = await chunks.next();
  }
  const trimmed = head.trimStart();
  if (trimmed.length === 0) {
    throw new UnreadableFileError({ file, message: 'is empty' }, 'Give a JSON array of records or a JSONL file with one record per line.');
  }
  async function* all(): AsyncGenerator<string> {
    yield head;
    for (let r = await chunks.next(); !r.done; r = await chunks.next()) yield r.value;
  }
  // Classic Mac (CR-only) line endings: JSONL would read as one long line.
  const firstBreak = head.search(/[\r\n]/);
  if (firstBreak !== -1 && head[firstBreak] === '\r' && head[firstBreak + 1] !== '\n') {
    throw new UnreadableFileError(
      { file, line: 1, message: 'ends its lines with CR alone (old Mac line endings), so its lines cannot be told apart' },
      "Convert the line endings to LF (for example `tr '\\r' '\\n' < FILE > FIXED`) and try again.",
    );
  }
  const delimited = isDelimited(file);
  if (delimited) {
    options.onFormat?.(delimited);
    yield* oneByOne(readDelimited(file, all(), delimited));
    return;
  }
  if (trimmed[0] === '[') {
    options.onFormat?.('json');
    yield* splitJsonArray(file, all());
  } else if (trimmed[0] === '{') {
    options.onFormat?.('jsonl');
    yield* splitJsonLines(file, all());
  } else {
    throw new UnreadableFileError(
      { file, line: 1, message: `starts with ${JSON.stringify(trimmed.slice(0, 10))}, not with "[" (a JSON array) or "{" (JSONL records)` },
      'Give a JSON array of records or a JSONL file with one record per line.',
    );
  }
}

async function* oneByOne(records: AsyncIterable<RawRecord>): AsyncGenerator<RawRecord[]> {
  for await (const r of records) yield [r];
}

async function* splitJsonLines(file: string, chunks: AsyncIterable<string>): AsyncGenerator<RawRecord[]> {
  let buffer = '';
  let line = 0;
  let index = 0;
  const handle = (raw: string): RawRecord | undefined => {
    line++;
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (text.trim() === '') return undefined;
    try {
      const value = parseRecordText(text, { file, line, index });
      if (index === 0) refuseWrapper(file, value);
      return { index, line, value };
    } catch (e) {
      // A first record that does not parse while the file starts with "{" is most often
      // one JSON object spread over several lines: say so instead of "line 1 is broken".
      if (index === 0 && e instanceof DataError && e.problems[0]?.field === undefined) {
        throw new DataError(
          `${file}: the file holds a single JSON object, not an array of records or one record per line. ` +
            'If the records are inside a field (for example {"data": [...]}), extract that array into its own file (e.g. `jq .data FILE > records.json`).',
          e.problems,
        );
      }
      throw e;
    } finally {
      index++;
    }
  };
  /** Chunks of a line not ended yet: joined once its newline comes (adding each to `buffer` would rescan it per chunk). */
  const open: string[] = [];
  for await (const chunk of chunks) {
    if (!chunk.includes('\n')) {
      open.push(chunk);
      continue;
    }
    if (open.length > 0) {
      buffer += open.join('');
      open.length = 0;
    }
    buffer += chunk;
    let start = 0;
    const batch: RawRecord[] = [];
    try {
      for (let nl = buffer.indexOf('\n'); nl !== -1; nl = buffer.indexOf('\n', start)) {
        const rec = handle(buffer.slice(start, nl));
        start = nl + 1;
        if (rec) batch.push(rec);
      }
    } catch (e) {
      if (batch.length > 0) yield batch;
      throw e;
    }
    if (batch.length > 0) yield batch;
    buffer = buffer.slice(start);
  }
  buffer += open.join('');
  if (buffer.length > 0) {
    const rec = handle(buffer);
    if (rec) yield [rec];
  }
}

/**
 * A JSONL first "record" like {"data": [{...}, ...]} (no text or number of its
 * own, records in an array field) is a wrapper object holding the dataset:
 * say which field holds the records instead of reporting missing fields.
 */
function refuseWrapper(file: string, value: unknown): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
  const entries = Object.entries(value);
  if (entries.some(([, v]) => typeof v === 'string' || typeof v === 'number')) return;
  const holder = entries.find(([, v]) => Array.isArray(v) && v.length > 0 && v.every((r) => r !== null && typeof r === 'object' && !Array.isArray(r)));
  if (!holder) return;
  const [field, records] = holder as [string, unknown[]];
  const problem = {
    file,
    line: 1,
    index: 0,
    field,
    message: `the file holds a single JSON object whose field "${field}" holds ${records.length} record(s), not the records themselves`,
  };
  throw new DataError(
    `${file}: the file holds a single JSON object whose field ${JSON.stringify(field)} holds ${records.length} record(s). ` +
      `Extract that array into its own file (e.g. \`jq '.${field}' FILE > records.json\`) and give that file.`,
    [problem],
  );
}

const OPEN_BRACE = 0x7b,
  CLOSE_BRACE = 0x7d,
  OPEN_BRACKET = 0x5b,
  CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22,
  BACKSLASH = 0x5c,
  COMMA = 0x2c,
  NEWLINE = 0x0a;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0xfeff;
}

async function* splitJsonArray(file: string, chunks: AsyncIterable<string>): AsyncGenerator<RawRecord[]> {
  // States: 0 = before "[", 1 = expecting a value or "]", 2 = inside a value,
  // 3 = expecting "," or "]", 4 = after the closing "]".
  let state = 0;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let line = 1;
  let index = 0;
  let startLine = 1;
  let parts: string[] = [];
  let afterComma = false;

  const fail = (message: string, hint = 'Fix the file (is it truncated?) and try again.'): never => {
    throw new DataError(`${file}, line ${line}: ${message}. ${hint}`, [{ file, line, index, message }]);
  };
  const finish = (): RawRecord => {
    const text = parts.join('');
    parts = [];
    const rec = { index, line: startLine, value: parseRecordText(text, { file, line: startLine, index }) };
    index++;
    return rec;
  };

  for await (const chunk of chunks) {
    let valueStart = state === 2 ? 0 : -1;
    const batch: RawRecord[] = [];
    try {
      for (let i = 0; i < chunk.length; i++) {
        const c = chunk.charCodeAt(i);
        if (c === NEWLINE) line++;
        if (state === 2) {
          if (inString) {
            if (escaped) escaped = false;
            else if (c === BACKSLASH) escaped = true;
            else if (c === QUOTE) inString = false;
            continue;
          }
          if (c === QUOTE) inString = true;
          else if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
          else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
            if (depth === 0) {
              // "]" closing the top-level array right after a scalar value.
              parts.push(chunk.slice(valueStart, i));
              batch.push(finish());
              state = 4;
              valueStart = -1;
              continue;
            }
            depth--;
            if (depth === 0) {
              parts.push(chunk.slice(valueStart, i + 1));
              batch.push(finish());
              state = 3;
              valueStart = -1;
            }
          } else if (c === COMMA && depth === 0) {
            parts.push(chunk.slice(valueStart, i));
            batch.push(finish());
            state = 1;
            afterComma = true;
            valueStart = -1;
          }
          continue;
        }
        if (isSpace(c)) continue;
        if (state === 0) {
          if (c !== OPEN_BRACKET) fail('expected "[" to start the array of records');
          state = 1;
        } else if (state === 1) {
          if (c === CLOSE_BRACKET && !afterComma) {
            state = 4;
            continue;
          }
          if (c === CLOSE_BRACKET) fail(`a trailing comma before "]" (after record ${index - 1})`, 'Remove the comma.');
          state = 2;
          afterComma = false;
          startLine = line;
          valueStart = i;
          depth = 0;
          if (c === QUOTE) inString = true;
          else if (c === OPEN_BRACE || c === OPEN_BRACKET) depth = 1;
        } else if (state === 3) {
          if (c === COMMA) {
            state = 1;
            afterComma = true;
          } else if (c === CLOSE_BRACKET) state = 4;
          else fail(`expected "," or "]" after record ${index - 1}, found ${JSON.stringify(String.fromCharCode(c))}`);
        } else {
          fail('unexpected text after the closing "]" of the array', 'Remove it, or give a JSONL file if this is one record per line.');
        }
      }
    } catch (e) {
      if (batch.length > 0) yield batch;
      throw e;
    }
    if (batch.length > 0) yield batch;
    if (state === 2 && valueStart !== -1) parts.push(chunk.slice(valueStart));
  }
  if (state !== 4) {
    fail(
      index === 0 && state <= 1 ? 'the file ends before the array is closed' : `the file ends inside the JSON array, after ${index} complete record(s)`,
      'The file looks truncated: download or export it again.',
    );
  }
}
