/**
 * Reads and doctors cache/list.json (session/list-cache.ts) the way its tests
 * need: its header line (key, warnings, length statistics), and one row's
 * line (the row as `list --json` prints it), keeping the header's byte count
 * of the rows right so that the file is still read back.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { LIST_CACHE_FILE } from '../../src/session/list-cache.js';

interface Header {
  format: number;
  key: string;
  base: string;
  journal: unknown[];
  warnings: string[];
  lengthStats: unknown;
  bytes: number;
}

interface Parts {
  header: Header;
  rows: string[];
  facets: string;
}

function parts(dir: string): Parts {
  const text = readFileSync(path.join(dir, LIST_CACHE_FILE), 'utf8');
  const [head, ...rest] = text.split('\n');
  const header = JSON.parse(head!) as Header;
  // The rows' lines, then the facets' line, then the empty string after the last newline.
  return { header, rows: rest.slice(0, -2), facets: rest.at(-2)! };
}

function write(dir: string, { header, rows, facets }: Parts): void {
  const body = rows.map((r) => `${r}\n`).join('');
  header.bytes = Buffer.byteLength(body);
  writeFileSync(path.join(dir, LIST_CACHE_FILE), `${JSON.stringify(header)}\n${body}${facets}\n`);
}

export function listCacheHeader(dir: string): Header {
  return parts(dir).header;
}

/** Changes the header (e.g. plants a warning) and writes the file again. */
export function editListCacheHeader(dir: string, edit: (header: Header) => void): void {
  const p = parts(dir);
  edit(p.header);
  write(dir, p);
}

/** Changes the `index`th row as stored (an object as `list --json` prints it) and writes the file again. */
export function editListCacheRow(dir: string, index: number, edit: (row: Record<string, unknown>) => void): void {
  const p = parts(dir);
  const line = p.rows[index]!;
  const row = JSON.parse(line.trim().replace(/,$/, '')) as Record<string, unknown>;
  edit(row);
  p.rows[index] = `    ${JSON.stringify(row)},`;
  write(dir, p);
}
