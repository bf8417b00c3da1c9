/**
 * Reads and doctors cache/list.json (session/list-cache.ts) the way its tests
 * need: its header line (key, length statistics), the warnings and journal it
 * holds now (the last patch's, when rows were updated since it was written),
 * and one row's line (the row as `list --json` prints it), keeping the
 * header's byte count of the rows right so that the file is still read back.
 */
import assert from 'node:assert/strict';
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

interface Patch {
  key: string;
  journal: unknown[];
  warnings: string[];
}

interface Parts {
  header: Header;
  rows: string[];
  facets: string;
  patches: Patch[];
}

function parts(dir: string): Parts {
  const buf = readFileSync(path.join(dir, LIST_CACHE_FILE));
  const nl = buf.indexOf(0x0a);
  const header = JSON.parse(buf.toString('utf8', 0, nl)) as Header;
  const end = nl + 1 + header.bytes;
  const rows = buf
    .toString('utf8', nl + 1, end)
    .split('\n')
    .slice(0, -1);
  const [facets, ...patches] = buf.toString('utf8', end).split('\n').slice(0, -1);
  return { header, rows, facets: facets!, patches: patches.map((p) => JSON.parse(p) as Patch) };
}

function write(dir: string, { header, rows, facets, patches }: Parts): void {
  const body = rows.map((r) => `${r}\n`).join('');
  header.bytes = Buffer.byteLength(body);
  const tail = patches.map((p) => `${JSON.stringify(p)}\n`).join('');
  writeFileSync(path.join(dir, LIST_CACHE_FILE), `${JSON.stringify(header)}\n${body}${facets}\n${tail}`);
}

/** The header, with the key, journal and warnings the rows have now. */
export function listCacheHeader(dir: string): Header {
  const { header, patches } = parts(dir);
  const last = patches.at(-1);
  return last ? { ...header, key: last.key, journal: last.journal, warnings: last.warnings } : header;
}

/** How many patches (row updates after journal appends) follow the rows. */
export function listCachePatches(dir: string): number {
  return parts(dir).patches.length;
}

/** Changes the warnings the rows have now (e.g. plants one) and writes the file again. */
export function editListCacheWarnings(dir: string, edit: (warnings: string[]) => void): void {
  const p = parts(dir);
  edit(p.patches.at(-1)?.warnings ?? p.header.warnings);
  write(dir, p);
}

/** Changes the `index`th row as stored (an object as `list --json` prints it) and writes the file again; the file holds no patch. */
export function editListCacheRow(dir: string, index: number, edit: (row: Record<string, unknown>) => void): void {
  const p = parts(dir);
  assert.equal(p.patches.length, 0, 'rows doctored before any update');
  const line = p.rows[index]!;
  const row = JSON.parse(line.trim().replace(/,$/, '')) as Record<string, unknown>;
  edit(row);
  p.rows[index] = `    ${JSON.stringify(row)},`;
  write(dir, p);
}
