/**
 * Review sheets as tables of strings, in and out of CSV (csv-parse,
 * csv-stringify; written with a byte-order mark so spreadsheet programs read
 * Korean and Japanese as UTF-8) and XLSX (exceljs). Row 1 names the project,
 * row 2 the columns, so row numbers in messages are the spreadsheet's own.
 * CSV cells that a spreadsheet would run as a formula (=, +, -, @, tab, CR
 * first) are written behind an apostrophe and read back without it.
 */
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { DataError, UnreadableFileError } from '../errors.js';
import { readBytes, readText, writeOut } from './interop-file.js';
import { sheetMessages } from './messages.js';

export const SHEET_FORMATS = ['csv', 'xlsx'] as const;
export type SheetFormat = (typeof SHEET_FORMATS)[number];

/** The format a file name implies (.xlsx, else CSV). */
export function formatOf(file: string): SheetFormat {
  return /\.xlsx$/iu.test(file) ? 'xlsx' : 'csv';
}

export async function writeTable(file: string, format: SheetFormat, rows: readonly (readonly string[])[], wrap: ReadonlySet<number>): Promise<void> {
  if (format === 'csv') {
    const csv = stringify(
      rows.map((r) => r.map(inertCell)),
      { record_delimiter: '\r\n' },
    );
    return writeOut(file, `\uFEFF${csv}`);
  }
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('review');
  for (const row of rows) sheet.addRow([...row]);
  sheet.views = [{ state: 'frozen', ySplit: 2, xSplit: 1 }];
  sheet.getRow(2).font = { bold: true };
  rows[1]?.forEach((_, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = wrap.has(i) ? 50 : 18;
    if (wrap.has(i)) column.alignment = { wrapText: true, vertical: 'top' };
  });
  await writeOut(file, Buffer.from(await book.xlsx.writeBuffer()));
}

export async function readTable(file: string, format: SheetFormat): Promise<string[][]> {
  if (format === 'csv') {
    const text = readText(file, 'sheet');
    try {
      const rows: string[][] = parse(text, { relax_column_count: true, skip_empty_lines: false });
      return rows.map((r) => r.map(liveCell));
    } catch (e) {
      const err = e as Error & { lines?: number };
      throw new DataError(sheetMessages.notCsv(file, err.lines, err.message));
    }
  }
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(readBytes(file, 'sheet') as unknown as ArrayBuffer);
  } catch (e) {
    throw new UnreadableFileError(
      { file, message: `is not a readable XLSX workbook (${(e as Error).message})` },
      'Save it again as .xlsx (Excel workbook), or export it as CSV.',
    );
  }
  const sheet = book.worksheets[0];
  const rows: string[][] = [];
  sheet?.eachRow({ includeEmpty: true }, (row, n) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, c) => (cells[c - 1] = cellText(cell)));
    rows[n - 1] = Array.from(cells, (c) => c ?? '');
  });
  return Array.from(rows, (r) => r ?? []);
}

/**
 * CSV formula injection (OWASP): a cell opening with a formula character, after
 * any apostrophes, gets one more apostrophe in front; `liveCell` takes exactly
 * one off again, so every text survives the round trip unchanged.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/u;

export function inertCell(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

export function liveCell(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell) ? cell.slice(1) : cell;
}

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('');
  return cell.text;
}
