/**
 * Source records from CSV or TSV (spreadsheet exports), streamed through
 * csv-parse: row 1 names the fields (Japanese names such as 質問/回答 are
 * fine: map them with --map), one record per row after it. A dotted column
 * name ("meta.risk-area") becomes a nested field, and a cell holding a JSON
 * object (a struct column as the Hugging Face viewer writes it) is read as one,
 * so the answercarefully profile applies as to JSON.
 */
import { Readable } from 'node:stream';
import { DataError } from '../errors.js';

/** A record and where it starts (read-records.ts RawRecord; not imported, which would make an import cycle). */
interface DelimitedRecord {
  index: number;
  line: number;
  value: unknown;
}

export function isDelimited(file: string): 'csv' | 'tsv' | undefined {
  const m = /\.(csv|tsv)$/iu.exec(file);
  return m ? (m[1]!.toLowerCase() as 'csv' | 'tsv') : undefined;
}

export async function* readDelimited(file: string, chunks: AsyncIterable<string>, kind: 'csv' | 'tsv'): AsyncGenerator<DelimitedRecord> {
  const { parse } = await import('csv-parse'); // loaded where used: most sources are JSON
  const parser = Readable.from(chunks).pipe(
    parse({ columns: true, bom: true, info: true, delimiter: kind === 'tsv' ? '\t' : ',', relax_quotes: kind === 'tsv', skip_empty_lines: true }),
  );
  let index = 0;
  try {
    for await (const row of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      yield { index, line: row.info.lines, value: nest(row.record) };
      index++;
    }
  } catch (e) {
    const err = e as Error & { lines?: number };
    const problem = { file, ...(err.lines !== undefined ? { line: err.lines } : {}), index, message: `not valid ${kind.toUpperCase()} (${err.message})` };
    throw new DataError(
      `${file}${err.lines !== undefined ? `, line ${err.lines}` : ''}: ${problem.message}. Save the file again as ${kind.toUpperCase()} (UTF-8).`,
      [problem],
    );
  }
}

function nest(row: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, cell] of Object.entries(row)) {
    const keys = name.split('.');
    let at = out;
    for (const k of keys.slice(0, -1)) at = (at[k] ??= {}) as Record<string, unknown>;
    at[keys.at(-1)!] = structOf(cell);
  }
  return out;
}

function structOf(cell: string): unknown {
  if (!cell.startsWith('{')) return cell;
  try {
    const v: unknown = JSON.parse(cell);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? v : cell;
  } catch {
    return cell;
  }
}
