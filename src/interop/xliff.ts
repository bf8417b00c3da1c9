/**
 * XLIFF 1.2 and 2.0 in and out, written and parsed with fast-xml-parser (no
 * string templates). One unit per item field: 1.2 `<trans-unit
 * id="<item ID>#question">`, 2.0 `<unit name="<item ID>#question">` (a 2.0 id
 * must be an NMTOKEN, which item IDs need not be). The source and target
 * hashes an import checks travel in each unit (1.2: `<note
 * from="carefully:source-hash">`; 2.0: `<mda:metadata>`), the project
 * identifier in `<file original="...">`.
 */
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import { DataError, type DataProblem } from '../errors.js';
import type { ExportedUnit, UnitState } from './units.js';
import { parseUnitName, unitName } from './units.js';
import type { IncomingTarget } from './target-edits.js';
import type { ProjectTag } from './project-tag.js';
import { messages } from './messages.js';

export const XLIFF_VERSIONS = ['1.2', '2.0'] as const;
export type XliffVersion = (typeof XLIFF_VERSIONS)[number];

const NS = { '1.2': 'urn:oasis:names:tc:xliff:document:1.2', '2.0': 'urn:oasis:names:tc:xliff:document:2.0' } as const;
const MDA = 'urn:oasis:names:tc:xliff:metadata:2.0';
const STATE_12: Record<UnitState, string> = { new: 'new', 'needs-review': 'needs-review-translation', translated: 'translated', final: 'final' };
const STATE_20: Record<UnitState, string> = { new: 'initial', 'needs-review': 'translated', translated: 'translated', final: 'final' };
/** Characters XML 1.0 cannot hold, even escaped. */
// eslint-disable-next-line no-control-regex
export const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/u;

export interface XliffHeader {
  tag: ProjectTag;
  /** The tool and version that wrote the file. */
  tool: string;
  /** Said in the file's header: the file holds the source text and must not be published. */
  notice: string;
}

type Node = Record<string, unknown>;
const text = (value: string, attrs: Node = {}): Node => ({ ...attrs, '#text': value });

export function writeXliff(version: XliffVersion, header: XliffHeader, units: readonly ExportedUnit[]): string {
  for (const u of units)
    for (const t of [u.source, u.target ?? '', ...u.notes.map((n) => n.text)])
      if (NOT_XML.test(t)) throw new DataError(messages.xmlCharacters(u.item, u.field));
  const doc = version === '1.2' ? xliff12(header, units) : xliff20(header, units);
  const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', textNodeName: '#text', format: true, indentBy: '  ' });
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build(doc)}`;
}

function xliff12({ tag, tool, notice }: XliffHeader, units: readonly ExportedUnit[]): Node {
  const transUnit = (u: ExportedUnit): Node => ({
    '@_id': unitName(u.item, u.field),
    '@_xml:space': 'preserve',
    source: text(u.source, { '@_xml:lang': tag.from }),
    ...(u.target !== undefined ? { target: text(u.target, { '@_xml:lang': tag.to, '@_state': STATE_12[u.state] }) } : {}),
    note: [
      text(u.sourceHash, { '@_from': 'carefully:source-hash' }),
      text(u.targetHash, { '@_from': 'carefully:target-hash' }),
      ...u.notes.map((n) => text(n.text, { '@_from': `carefully:${n.category}` })),
    ],
  });
  return {
    xliff: {
      '@_version': '1.2',
      '@_xmlns': NS['1.2'],
      file: {
        '@_original': tag.id,
        '@_source-language': tag.from,
        '@_target-language': tag.to,
        '@_datatype': 'plaintext',
        header: { tool: { '@_tool-id': 'carefully', '@_tool-name': tool }, note: text(notice, { '@_from': 'carefully' }) },
        body: { 'trans-unit': units.map(transUnit) },
      },
    },
  };
}

function xliff20({ tag, tool, notice }: XliffHeader, units: readonly ExportedUnit[]): Node {
  const meta = (type: string, value: string) => text(value, { '@_type': type });
  const unit = (u: ExportedUnit, i: number): Node => ({
    '@_id': `u${i + 1}`,
    '@_name': unitName(u.item, u.field),
    'mda:metadata': {
      'mda:metaGroup': {
        '@_category': 'carefully',
        'mda:meta': [meta('item', u.item), meta('field', u.field), meta('source-hash', u.sourceHash), meta('target-hash', u.targetHash)],
      },
    },
    notes: { note: u.notes.map((n) => text(n.text, { '@_category': n.category })) },
    segment: {
      '@_state': STATE_20[u.state],
      ...(u.state === 'needs-review' ? { '@_subState': 'carefully:needs-review' } : {}),
      source: text(u.source, { '@_xml:space': 'preserve' }),
      ...(u.target !== undefined ? { target: text(u.target, { '@_xml:space': 'preserve' }) } : {}),
    },
  });
  return {
    xliff: {
      '@_xmlns': NS['2.0'],
      '@_xmlns:mda': MDA,
      '@_version': '2.0',
      '@_srcLang': tag.from,
      '@_trgLang': tag.to,
      file: {
        '@_id': 'f1',
        '@_original': tag.id,
        'mda:metadata': { 'mda:metaGroup': { '@_category': 'carefully', 'mda:meta': [meta('tool', tool)] } },
        notes: { note: text(notice, { '@_category': 'carefully' }) },
        unit: units.map(unit),
      },
    },
  };
}

export interface ParsedXliff {
  version: XliffVersion;
  /** Per <file>: its original attribute and language pair. */
  files: { original: string | undefined; from: string | undefined; to: string | undefined }[];
  units: IncomingTarget[];
}

const ARRAYS = new Set(['file', 'group', 'trans-unit', 'unit', 'note', 'segment', 'meta', 'metaGroup', 'mrk']);

/** Parse an XLIFF file's units; throws DataError (naming the file, and unit where there is one) on anything unusable. */
export function readXliff(file: string, xml: string): ParsedXliff {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new DataError(messages.notXml(file, `line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg}`));
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    textNodeName: '#text',
    removeNSPrefix: true,
    trimValues: false,
    parseTagValue: false,
    parseAttributeValue: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    htmlEntities: true,
    isArray: (name) => ARRAYS.has(name),
  });
  const root = (parser.parse(xml) as Node).xliff as Node | undefined;
  const version = typeof root === 'object' && root !== null ? root['@_version'] : undefined;
  if (version !== '1.2' && version !== '2.0') throw new DataError(messages.notXliff(file));
  const files = nodes(root!.file);
  if (files.length === 0) throw new DataError(messages.notXliff(file));
  const problems: DataProblem[] = [];
  const units: IncomingTarget[] = [];
  for (const f of files) {
    const found = version === '1.2' ? collect(f.body, 'trans-unit') : collect(f, 'unit');
    for (const u of found) {
      const read = version === '1.2' ? unit12(u) : unit20(u);
      if ('problem' in read) problems.push({ file, ...read.at, message: read.problem });
      else units.push(read);
    }
  }
  if (problems.length > 0) throw DataError.listing(messages.problems(file, problems.length), problems, { max: 50 });
  return {
    version,
    files: files.map((f) => ({
      original: attr(f, 'original'),
      from: version === '1.2' ? attr(f, 'source-language') : attr(root!, 'srcLang'),
      to: version === '1.2' ? attr(f, 'target-language') : attr(root!, 'trgLang'),
    })),
    units,
  };
}

type UnitRead = IncomingTarget | { problem: string; at: { id?: string; field?: string } };

function unit12(u: Node): UnitRead {
  const name = attr(u, 'id') ?? '';
  const parsed = parseUnitName(name);
  if (!parsed) return { problem: messages.badUnitName(name), at: {} };
  const at = { id: parsed.item, field: parsed.field };
  const notes = new Map(nodes(u.note).map((n) => [attr(n, 'from'), plain(n)]));
  const target = plain(nodes(u.target)[0] ?? u.target);
  if (typeof target === 'object') return { problem: messages.inlineMarkup(target.markup), at };
  const hash = (key: string) => {
    const v = notes.get(key);
    return typeof v === 'string' ? v.trim() : undefined;
  };
  return { ...parsed, target, sourceHash: hash('carefully:source-hash'), targetHash: hash('carefully:target-hash') };
}

function unit20(u: Node): UnitRead {
  const name = attr(u, 'name') ?? attr(u, 'id') ?? '';
  const parsed = parseUnitName(name);
  if (!parsed) return { problem: messages.badUnitName(name), at: {} };
  const at = { id: parsed.item, field: parsed.field };
  const metas = new Map<string, string>();
  for (const g of collect(u, 'metaGroup'))
    for (const m of nodes(g.meta)) {
      const v = plain(m);
      if (typeof v === 'string') metas.set(attr(m, 'type') ?? '', v.trim());
    }
  const segments = nodes(u.segment);
  const parts: string[] = [];
  for (const s of segments) {
    const t = plain(s.target);
    if (typeof t === 'object') return { problem: messages.inlineMarkup(t.markup), at };
    if (t !== undefined) parts.push(t);
  }
  return { ...parsed, target: parts.length ? parts.join('') : undefined, sourceHash: metas.get('source-hash'), targetHash: metas.get('target-hash') };
}

function nodes(value: unknown): Node[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map((v) => (typeof v === 'object' && v !== null ? (v as Node) : { '#text': String(v) }));
}

/** Every element named `name` below `node` (through groups and other wrappers). */
function collect(node: unknown, name: string): Node[] {
  const out: Node[] = [];
  for (const n of nodes(node)) {
    for (const [key, value] of Object.entries(n)) {
      if (key.startsWith('@_') || key === '#text') continue;
      if (key === name) out.push(...nodes(value));
      else out.push(...collect(value, name));
    }
  }
  return out;
}

function attr(n: Node, name: string): string | undefined {
  const v = n[`@_${name}`];
  return typeof v === 'string' ? v : undefined;
}

/** An element's text; `{markup}` when it holds child elements; undefined when absent. */
function plain(value: unknown): string | undefined | { markup: string } {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'object') return undefined;
  const n = (Array.isArray(value) ? value[0] : value) as Node | undefined;
  if (n === undefined) return undefined;
  const child = Object.keys(n).find((k) => !k.startsWith('@_') && k !== '#text');
  if (child) return { markup: child };
  const t = n['#text'];
  return typeof t === 'string' || typeof t === 'number' || typeof t === 'boolean' ? String(t) : '';
}
