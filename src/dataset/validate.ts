/**
 * Streaming validation of a source file against its profile: record shape
 * (ajv, schemas/<profile schema>), duplicate IDs, and taxonomy labels
 * (unknown labels are warnings, never errors).
 */
import type { ErrorObject } from 'ajv';
import { formatProblem, listEntries, type DataProblem } from '../errors.js';
import type { RoleMapping, SourceItem } from './item.js';
import { readRecordBatches, type RawRecord, type SourceFormat } from './read-records.js';
import { roleView, toSourceItem } from './profile.js';
import { loadTaxonomy } from './taxonomy.js';
import { notValidDataset, sameIdOnceNormalized } from './messages.js';

import { schemaValidator } from './schemas.js';

export { schemaValidator };

/** Turn ajv errors on a role view into problems named by the record's real fields. */
export function roleProblems(errors: ErrorObject[] | null | undefined, mapping: RoleMapping, base: Omit<DataProblem, 'message'>): DataProblem[] {
  return (errors ?? []).map((e) => {
    const role = e.keyword === 'required' ? (e.params as { missingProperty: string }).missingProperty : e.instancePath.split('/')[1];
    const field = role ? ((mapping as Record<string, string>)[role] ?? role) : undefined;
    const message =
      e.keyword === 'required'
        ? `is missing (the ${role} of the record). Add it, or point --map ${role}=FIELD at the field that holds it`
        : e.keyword === 'type'
          ? `must be a ${(e.params as { type: string }).type} (${role})`
          : e.keyword === 'minLength'
            ? `is empty (${role})`
            : `${e.message ?? 'is invalid'} (${role})`;
    return { ...base, ...(field ? { field } : {}), message };
  });
}

export interface ValidationReport {
  file: string;
  format: SourceFormat | undefined;
  records: number;
  valid: boolean;
  /** First `maxProblems` problems; `problemCount` is the total. */
  problems: DataProblem[];
  problemCount: number;
  warnings: DataProblem[];
  warningCount: number;
}

export interface ValidateOptions {
  schema?: string;
  maxProblems?: number;
  /** Called with every valid record's item, awaited (streaming back-pressure: nothing is kept here). */
  onItem?: (item: SourceItem, record: unknown) => void | Promise<void>;
  onFormat?: (format: SourceFormat) => void;
  /**
   * The IDs and hashes of a full valid read of this very file (the caller
   * matched its fingerprint): a record whose ID is its key's skips the schema,
   * the duplicate-ID map and sha256. From the first record that does not line
   * up, the rest is read in full, so problems are reported as without keys.
   * Consumed: each key met is replaced by its ID (the hashes are most of the
   * array's memory at 100k items; the IDs stay for the duplicate-ID map).
   */
  trusted?: (Pick<SourceItem, 'id' | 'sourceHash'> | string)[];
}

export async function validateSource(file: string, mapping: RoleMapping, options: ValidateOptions = {}): Promise<ValidationReport> {
  const validate = schemaValidator(options.schema ?? 'item.schema.json');
  const maxProblems = options.maxProblems ?? 50;
  const taxonomy = loadTaxonomy();
  const report: ValidationReport = { file, format: undefined, records: 0, valid: true, problems: [], problemCount: 0, warnings: [], warningCount: 0 };
  // Keyed by the NFKC-normalized, trimmed ID: IDs that differ only by Unicode form or
  // surrounding spaces name the same item for people and for most tools.
  const seen = new Map<string, { index: number; id: string }>();
  let trusted = options.trusted;
  /** Leave the trusted read: the IDs read so far (those of the keys) go into the duplicate-ID map. */
  const distrust = (upTo: number) => {
    for (let i = 0; i < upTo && i < trusted!.length; i++) {
      const key = trusted![i]!;
      const id = typeof key === 'string' ? key : key.id;
      seen.set(id.normalize('NFKC').trim(), { index: i, id });
    }
    trusted = undefined;
  };
  const problem = (p: DataProblem) => {
    report.problemCount++;
    if (report.problems.length < maxProblems) report.problems.push(p);
  };
  const warn = (p: DataProblem) => {
    report.warningCount++;
    if (report.warnings.length < maxProblems) report.warnings.push(p);
  };
  const labelWarnings = (view: Record<string, unknown>, rec: RawRecord, id: string | undefined) => {
    for (const level of ['riskArea', 'harmType', 'specificHarm'] as const) {
      const label = view[level];
      if (typeof label === 'string' && !taxonomy.isKnown(level, label)) {
        warn({ ...place(file, rec, id), field: mapping[level]!, message: `unknown ${level} label ${JSON.stringify(label)} (kept; English name unknown)` });
      }
    }
  };
  const batches = readRecordBatches(file, {
    onFormat: (f) => {
      report.format = f;
      options.onFormat?.(f);
    },
  });
  for await (const batch of batches)
    for (const rec of batch) {
      report.records++;
      if (rec.value === null || typeof rec.value !== 'object' || Array.isArray(rec.value)) {
        if (trusted) distrust(rec.index);
        problem({ ...place(file, rec), message: `is ${Array.isArray(rec.value) ? 'an array' : typeof rec.value}, not an object with fields` });
        continue;
      }
      const view = roleView(rec.value, mapping);
      const id = typeof view.id === 'string' ? view.id : undefined;
      const key = trusted?.[rec.index];
      if (key !== undefined && typeof key !== 'string' && id === key.id && typeof view.question === 'string' && typeof view.answer === 'string') {
        trusted![rec.index] = key.id;
        labelWarnings(view, rec, id);
        const done = options.onItem?.(toSourceItem(view, rec.index, key.sourceHash), rec.value);
        if (done) await done;
        continue;
      }
      if (trusted) distrust(rec.index);
      if (!validate(view)) {
        for (const p of roleProblems(validate.errors, mapping, place(file, rec, id))) problem(p);
        continue;
      }
      const normalized = id!.normalize('NFKC').trim();
      const first = seen.get(normalized);
      if (first !== undefined) {
        problem({
          ...place(file, rec, id),
          field: mapping.id!,
          message:
            first.id === id ? `duplicates the ID of record ${first.index}. IDs must be unique: fix one of them` : sameIdOnceNormalized(first.index, first.id),
        });
        continue;
      }
      seen.set(normalized, { index: rec.index, id: id! });
      labelWarnings(view, rec, id);
      // Awaited only when it returns a promise: a sync onItem then costs no microtask per record.
      const done = options.onItem?.(toSourceItem(view, rec.index), rec.value);
      if (done) await done;
    }
  if (report.records === 0) {
    problem({ file, message: 'holds no records. Give the dataset file itself (a JSON array of records or one record per line)' });
  }
  report.valid = report.problemCount === 0;
  return report;
}

/** Where a record is, as its problems and warnings name it: made only when one is reported (two object spreads per record cost). */
function place(file: string, rec: RawRecord, id?: string): Omit<DataProblem, 'message'> {
  return {
    file,
    index: rec.index,
    ...(rec.line !== undefined ? { line: rec.line } : {}),
    ...(rec.row !== undefined ? { row: rec.row } : {}),
    ...(id !== undefined ? { id } : {}),
  };
}

/** Describe a failed report in one paragraph (plus one line per problem). */
export function describeProblems(report: ValidationReport): string {
  const lines = listEntries(report.problems.map(formatProblem), { max: report.problems.length, total: report.problemCount });
  return notValidDataset(report.file, report.problemCount, report.records, lines);
}
