/**
 * `carefully pack check`: every problem of a pack folder, each with its file,
 * JSON pointer and reason. Errors make the pack unusable or wrong (schema,
 * regular expressions, templates, IDs, unknown taxonomy labels, a source term
 * claimed by two equivalents, an unknown interface language); warnings are
 * fields a `pack init` skeleton leaves to fill in.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { DataError, type DataProblem } from '../errors.js';
import { assetPath } from '../paths.js';
import type { LocalePack } from './locale-pack-types.js';
import { BASE_PACK, PACK_FILE, loadPackFolder, localesDir, readPackFile } from './locale-pack.js';

export interface PackIssue {
  file: string;
  /** RFC 6901 pointer into the file ("" for the whole file). */
  pointer: string;
  message: string;
}

export interface PackCheckReport {
  dir: string;
  tag?: string;
  errors: PackIssue[];
  warnings: PackIssue[];
}

/** "checklist[3].when.patterns[0]" → "/checklist/3/when/patterns/0". */
export function fieldToPointer(field: string | undefined): string {
  if (field === undefined || field === '') return '';
  return field
    .replace(/\[(\d+)\]/gu, '.$1')
    .split('.')
    .filter((p) => p !== '')
    .map((p) => `/${p.replace(/~/gu, '~0').replace(/\//gu, '~1')}`)
    .join('');
}

const issue = (p: DataProblem): PackIssue => ({ file: p.file, pointer: fieldToPointer(p.field), message: p.message });

/** Interface languages with a catalog in locales/ui/ (en, ko). */
function uiLanguages(): string[] {
  const dir = assetPath('locales', 'ui');
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .map((f) => f.slice(0, -'.json'.length))
    : [];
}

/** Check the pack in `dir` (merged with the installed base, as a project would use it). */
export function checkPackFolder(dir: string): PackCheckReport {
  const file = path.join(dir, PACK_FILE);
  const report: PackCheckReport = { dir, errors: [], warnings: [] };
  let read: ReturnType<typeof readPackFile>;
  let merged: LocalePack;
  try {
    read = readPackFile(file);
    report.tag = read.raw.tag;
    report.warnings.push(...read.unfilled.map(issue));
    report.errors.push(...read.unknownLabels.map(issue));
    merged = loadPackFolder(dir).pack;
  } catch (err) {
    if (!(err instanceof DataError)) throw err;
    report.errors.push(...(err.problems.length > 0 ? err.problems.map(issue) : [{ file, pointer: '', message: err.message }]));
    return report;
  }

  const ui = uiLanguages();
  read.raw.checklist.forEach((q, i) => {
    for (const lang of Object.keys(q.i18n ?? {}))
      if (!ui.includes(lang))
        report.errors.push({
          file,
          pointer: `/checklist/${i}/i18n/${lang}`,
          message: `"${lang}" is not an interface language of carefully (known: ${ui.join(', ')})`,
        });
  });

  for (const [id, o] of Object.entries(read.raw.checklistOverrides ?? {}))
    for (const lang of Object.keys(o.i18n ?? {}))
      if (!ui.includes(lang))
        report.errors.push({
          file,
          pointer: fieldToPointer(`checklistOverrides.${id}.i18n.${lang}`),
          message: `"${lang}" is not an interface language of carefully (known: ${ui.join(', ')})`,
        });

  // A base question whose patterns each pack supplies never shows until this pack gives some.
  const isBase = read.raw.tag.toLowerCase() === BASE_PACK;
  if (!isBase) {
    for (const q of merged.checklist)
      if (q.when?.patterns?.length === 0)
        report.warnings.push({
          file,
          pointer: fieldToPointer(`checklistOverrides.${q.id}.patterns`),
          message: `is empty: the base question "${q.id}" takes its patterns from the pack and never shows without them`,
        });
  }

  // A source term claimed by two equivalents: which counterpart a match suggests would depend on order.
  const baseFile = path.join(localesDir(), BASE_PACK, PACK_FILE);
  const base = isBase ? undefined : readPackFile(baseFile, BASE_PACK).raw;
  const overridden = new Set(read.raw.equivalents.map((e) => e.id));
  const owners = new Map<string, string>();
  base?.equivalents.forEach((e) => {
    if (!overridden.has(e.id)) for (const term of e.source ?? []) owners.set(term, `${e.id} (base pack)`);
  });
  const baseSource = new Map(base?.equivalents.map((e) => [e.id, e.source] as const));
  read.raw.equivalents.forEach((e, i) => {
    const terms = e.source ?? baseSource.get(e.id) ?? [];
    const mine = new Set<string>();
    terms.forEach((term, j) => {
      const owner = mine.has(term) ? 'this equivalent (listed twice)' : owners.get(term);
      if (owner !== undefined)
        report.errors.push({
          file,
          pointer: e.source ? `/equivalents/${i}/source/${j}` : `/equivalents/${i}`,
          message: `source term "${term}" is already an equivalent of ${owner}; keep it in one equivalent`,
        });
      mine.add(term);
    });
    for (const term of mine) if (!owners.has(term)) owners.set(term, e.id);
  });
  return report;
}
