/**
 * The project glossary (config `glossary`, a JSON array of {source, target?,
 * doNotTranslate?, note?}) out to CSV (source, target, do-not-translate, note;
 * with a byte-order mark) or TBX (TBX-Core, ISO 30042), and back in: every
 * entry is checked by the same rules as the JSON glossary before the file is
 * replaced. A do-not-translate term is written in TBX with the source term as
 * its target, and read back that way.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import { DataError, UsageError } from '../errors.js';
import type { GlossaryEntry } from '../locale/locale-pack-types.js';
import { openProject } from '../project/project.js';
import { writeConfig } from '../project/config.js';
import { checkGlossaryData, readGlossaryFile } from '../translate/glossary.js';
import { readText, writeOut } from './interop-file.js';
import { glossaryMessages } from './messages.js';

export const GLOSSARY_FORMATS = ['csv', 'tbx'] as const;
export type GlossaryFormat = (typeof GLOSSARY_FORMATS)[number];
export const CSV_COLUMNS = ['source', 'target', 'do-not-translate', 'note'] as const;
const DEFAULT_FILE = 'glossary.json';

export function glossaryFormatOf(file: string): GlossaryFormat {
  return /\.tbx$/iu.test(file) ? 'tbx' : 'csv';
}

/** The project's glossary entries with their notes (checked as `translate` checks them). */
function projectEntries(dir: string): { file: string; entries: GlossaryEntry[] } {
  const project = openProject(dir);
  if (!project.config.glossary) throw new UsageError(glossaryMessages.noGlossary(project.dir));
  const file = path.resolve(project.dir, project.config.glossary);
  const checked = readGlossaryFile(file);
  const raw = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/u, '')) as { note?: unknown }[];
  return { file, entries: checked.map((e, i) => (typeof raw[i]?.note === 'string' ? { ...e, note: raw[i].note } : e)) };
}

export async function exportGlossary(opts: { project: string; out: string; format: GlossaryFormat }): Promise<{ out: string; entries: number }> {
  const project = openProject(opts.project);
  const { entries } = projectEntries(opts.project);
  const { from, to } = project.config.languages;
  if (opts.format === 'csv') {
    const rows = [[...CSV_COLUMNS], ...entries.map((e) => [e.source, e.target ?? '', e.doNotTranslate ? 'yes' : '', e.note ?? ''])];
    await writeOut(opts.out, `\uFEFF${stringify(rows, { record_delimiter: '\r\n' })}`);
  } else {
    const term = (lang: string, text: string) => ({ '@_xml:lang': lang, termSec: { term: text } });
    const doc = {
      tbx: {
        '@_type': 'TBX-Core',
        '@_style': 'dca',
        '@_xml:lang': 'en',
        '@_xmlns': 'urn:iso:std:iso:30042:ed-2',
        tbxHeader: { fileDesc: { sourceDesc: { p: `carefully project glossary, ${from} -> ${to}` } } },
        text: {
          body: {
            conceptEntry: entries.map((e, i) => ({
              '@_id': `c${i + 1}`,
              ...(e.note ? { note: e.note } : {}),
              langSec: [term(from, e.source), term(to, e.doNotTranslate ? e.source : (e.target ?? ''))],
            })),
          },
        },
      },
    };
    const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, indentBy: '  ' });
    await writeOut(opts.out, `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build(doc)}`);
  }
  return { out: opts.out, entries: entries.length };
}

export interface GlossaryImportResult {
  file: string;
  /** The project's glossary file, replaced. */
  glossary: string;
  entries: number;
  /** True when the import set `glossary` in carefully.json. */
  configured: boolean;
}

export async function importGlossary(opts: { project: string; file: string; format: GlossaryFormat }): Promise<GlossaryImportResult> {
  const project = openProject(opts.project);
  const text = readText(opts.file, 'glossary file');
  const { from, to } = project.config.languages;
  const data = opts.format === 'csv' ? fromCsv(opts.file, text) : fromTbx(opts.file, text, from, to);
  const entries = checkGlossaryData(opts.file, data);
  const notes = data.map((d) => d.note);
  const json = entries.map((e, i) => ({ ...e, ...(notes[i] ? { note: notes[i] } : {}) }));
  const relative = project.config.glossary ?? DEFAULT_FILE;
  const glossary = path.resolve(project.dir, relative);
  const configured = project.config.glossary === undefined;
  if (configured && existsSync(glossary)) throw new UsageError(glossaryMessages.wouldOverwrite(glossary));
  await writeOut(glossary, `${JSON.stringify(json, null, 2)}\n`);
  if (configured) await writeConfig(project.dir, { ...project.config, glossary: relative });
  return { file: opts.file, glossary, entries: entries.length, configured };
}

type RawEntry = { source?: string; target?: string; doNotTranslate?: boolean; note?: string };

function fromCsv(file: string, text: string): RawEntry[] {
  let rows: string[][];
  try {
    rows = parse(text, { relax_column_count: true, skip_empty_lines: true });
  } catch (e) {
    const err = e as Error & { lines?: number };
    throw new DataError(glossaryMessages.notCsv(file, err.lines, err.message));
  }
  const names = (rows[0] ?? []).map((n) => n.trim().toLowerCase());
  const col = Object.fromEntries(CSV_COLUMNS.map((c) => [c, names.indexOf(c)])) as Record<(typeof CSV_COLUMNS)[number], number>;
  if (col.source < 0) throw new DataError(glossaryMessages.csvColumns(file));
  const problems: { file: string; line: number; field: string; message: string }[] = [];
  const out = rows.slice(1).map((r, i) => {
    const cell = (c: (typeof CSV_COLUMNS)[number]) => (col[c] < 0 ? '' : (r[col[c]] ?? '').trim());
    const dnt = cell('do-not-translate').toLowerCase();
    if (!['', 'yes', 'no', 'true', 'false', 'x', '1', '0'].includes(dnt))
      problems.push({ file, line: i + 2, field: 'do-not-translate', message: glossaryMessages.badFlag(dnt) });
    const doNotTranslate = ['yes', 'true', 'x', '1'].includes(dnt);
    return {
      source: cell('source'),
      ...(doNotTranslate ? { doNotTranslate: true } : {}),
      // A target beside do-not-translate is kept, so the check refuses the contradiction.
      ...(cell('target') !== '' ? { target: cell('target') } : {}),
      ...(cell('note') ? { note: cell('note') } : {}),
    };
  });
  if (problems.length) throw DataError.listing(glossaryMessages.problems(file, problems.length), problems);
  return out;
}

function fromTbx(file: string, xml: string, from: string, to: string): RawEntry[] {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new DataError(glossaryMessages.notXml(file, `line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg}`));
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    removeNSPrefix: true,
    parseTagValue: false,
    isArray: (n) => ['conceptEntry', 'termEntry', 'langSec', 'langSet', 'termSec', 'tig', 'note', 'descrip'].includes(n),
  });
  const root = (parser.parse(xml) as Record<string, Record<string, unknown>>).tbx ?? (parser.parse(xml) as Record<string, Record<string, unknown>>).martif;
  const body = (root?.text as { body?: Record<string, unknown> } | undefined)?.body;
  if (!body) throw new DataError(glossaryMessages.notTbx(file));
  // TBX v3 (conceptEntry/langSec/termSec) and v2 (termEntry/langSet/tig).
  const concepts = [...((body.conceptEntry as Node[] | undefined) ?? []), ...((body.termEntry as Node[] | undefined) ?? [])];
  const matches = (lang: unknown, want: string) => typeof lang === 'string' && (lang === want || lang.toLowerCase().startsWith(`${want.toLowerCase()}-`));
  return concepts.map((c) => {
    const secs = [...((c.langSec as Node[] | undefined) ?? []), ...((c.langSet as Node[] | undefined) ?? [])];
    const termOf = (lang: string) => {
      const sec = secs.find((s) => matches(s['@_lang'], lang));
      const terms = [...((sec?.termSec as Node[] | undefined) ?? []), ...((sec?.tig as Node[] | undefined) ?? [])];
      const t = terms[0]?.term;
      return typeof t === 'string' ? t.trim() : undefined;
    };
    const source = termOf(from);
    const target = termOf(to);
    const noteNode = (c.note as unknown[] | undefined)?.[0];
    const note = typeof noteNode === 'string' ? noteNode.trim() : undefined;
    return {
      ...(source !== undefined ? { source } : {}),
      ...(target !== undefined && target === source ? { doNotTranslate: true } : target !== undefined ? { target } : {}),
      ...(note ? { note } : {}),
    };
  });
}

type Node = Record<string, unknown>;
