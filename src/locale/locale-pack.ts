/**
 * Locale packs: locales/base/pack.json (every target) merged with
 * locales/<tag>/pack.json, validated against schemas/locale-pack.schema.json.
 *
 * Merge rules (documented in the schema too):
 * - checklist questions and equivalents with the same `id` as a base entry
 *   override it field by field: given fields replace the base's (lists
 *   included), omitted fields are inherited; glossary entries merge by
 *   `source`, registers by `id`; preferredRegister field by field;
 * - order: base entries the target does not override, then the target's
 *   entries in its own order (so a target pack controls where the questions it
 *   overrides appear, e.g. the final "same specific harm" check last).
 *
 * Packs are small and read once per process (cached), synchronously.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { ErrorObject } from 'ajv';
import { schemaValidator as validatorFor } from '../dataset/schemas.js';
import Handlebars from 'handlebars';
import { DataError, UnreadableFileError, UsageError, formatProblem, type DataProblem } from '../errors.js';
import { assetPath } from '../paths.js';
import { loadTaxonomy, type TaxonomyLevel } from '../dataset/taxonomy.js';
import { normalizeLabel } from './checklist.js';
import { localeMessages } from './messages.js';
import type { ChecklistOverride, ChecklistQuestion, Equivalent, GlossaryEntry, LocalePack, Register } from './locale-pack-types.js';

export const BASE_PACK = 'base';
export const PACK_FILE = 'pack.json';
export const LOCALE_PACK_SCHEMA = 'locale-pack.schema.json';

export interface LocalePackOptions {
  /** Folder holding one sub-folder per pack; default: the package's locales/. */
  dir?: string;
}

export interface LoadedLocalePack {
  /** Base and target merged. */
  pack: LocalePack;
  /** The tag asked for ("ko-KR"). */
  requested: string;
  /** The pack folder used ("ko"), or "base" when no target pack matched. */
  resolved: string;
  /** The files read, base first. */
  files: string[];
  /** Things a user should know but that do not stop the run (unknown tag, unknown taxonomy labels). */
  warnings: string[];
  /** "sha256:<hex>" of the pack files read, base first: what an export's facts came from. */
  hash: string;
}

/** The package's locales/ folder. */
export function localesDir(): string {
  return assetPath('locales');
}

/** Target packs available (folders with a pack.json, base excluded), sorted. */
export function availableLocalePacks(options: LocalePackOptions = {}): string[] {
  const dir = options.dir ?? localesDir();
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== BASE_PACK && existsSync(path.join(dir, d.name, PACK_FILE)))
    .map((d) => d.name)
    .sort();
}

/** The tags to try for a requested one, most specific first: zh-Hans-CN → zh-Hans-CN, zh-Hans, zh. */
export function fallbackTags(tag: string): string[] {
  const parts = tag
    .trim()
    .split(/[-_]/u)
    .filter((p) => p !== '');
  const out: string[] = [];
  for (let n = parts.length; n >= 1; n--) out.push(parts.slice(0, n).join('-'));
  return out;
}

/** The tag with its likely script and region ("zh" → "zh-Hans-CN", "zh-TW" → "zh-Hant-TW"), or the tag itself when not a valid one. */
function likelyTag(tag: string): string {
  try {
    return new Intl.Locale(tag.trim()).maximize().toString();
  } catch {
    return tag;
  }
}

const cache = new Map<string, LoadedLocalePack>();

/** Forget loaded packs (tests that rewrite pack files). */
export function clearLocalePackCache(): void {
  cache.clear();
}

/**
 * The merged pack for a target language tag. Tags match pack folders
 * case-insensitively, falling back along the tag (zh-Hans-CN, zh-Hans, zh),
 * then along its likely form (zh → zh-Hans-CN → zh-Hans; zh-TW → zh-Hant-TW, never zh-Hans).
 * An unknown tag gives the base pack alone with a warning, not an error.
 * Invalid pack data throws a DataError naming the file and the field.
 */
export function loadLocalePack(tag: string, options: LocalePackOptions = {}): LoadedLocalePack {
  const dir = options.dir ?? localesDir();
  const key = `${dir}\u0000${tag.trim().toLowerCase()}`;
  const hit = cache.get(key);
  if (hit) return hit;

  const warnings: string[] = [];
  const baseFile = path.join(dir, BASE_PACK, PACK_FILE);
  const base = readPackFile(baseFile, BASE_PACK);
  warnings.push(...base.warnings);
  const hash = createHash('sha256').update(base.text);

  const available = availableLocalePacks({ dir });
  let resolved: string | undefined;
  if (tag.trim().toLowerCase() !== BASE_PACK) {
    for (const candidate of [...fallbackTags(tag), ...fallbackTags(likelyTag(tag))]) {
      resolved = available.find((a) => a.toLowerCase() === candidate.toLowerCase());
      if (resolved) break;
    }
    if (!resolved) {
      warnings.push(
        `No locale pack for "${tag}" (available: ${available.join(', ') || 'none'}). Using the base pack only: ` +
          'its checklist is generic and its equivalents name no target-language counterparts.',
      );
    }
  }

  let loaded: LoadedLocalePack;
  if (!resolved) {
    const pack = completePack(base.raw, undefined, baseFile, undefined);
    loaded = { pack, requested: tag, resolved: BASE_PACK, files: [baseFile], warnings, hash: `sha256:${hash.digest('hex')}` };
  } else {
    const targetFile = path.join(dir, resolved, PACK_FILE);
    const target = readPackFile(targetFile, resolved);
    warnings.push(...target.warnings);
    hash.update('\u0000').update(target.text);
    const pack = completePack(base.raw, target.raw, baseFile, targetFile);
    loaded = { pack, requested: tag, resolved, files: [baseFile, targetFile], warnings, hash: `sha256:${hash.digest('hex')}` };
  }
  cache.set(key, loaded);
  return loaded;
}

// ---------------------------------------------------------------------------
// One file

type Partial1<T extends { id: string }> = Partial<T> & { id: string };

/** A pack file as written: target entries may omit fields they inherit from base. */
export interface RawLocalePack {
  tag: string;
  languageName: string;
  nativeName?: string;
  version?: string;
  checklist: Partial1<ChecklistQuestion>[];
  /** Changes to base questions by base ID: text and added patterns (locale-pack-types.ts ChecklistOverride). */
  checklistOverrides?: Record<string, ChecklistOverride>;
  equivalents: Partial1<Equivalent>[];
  glossary: GlossaryEntry[];
  registers?: Register[];
  preferredRegister?: LocalePack['preferredRegister'];
}

const schemaValidator = () => validatorFor(LOCALE_PACK_SCHEMA);

/**
 * Read and check one pack file: JSON, schema, then what a schema cannot say
 * (unique ids, regular expressions, templates, the tag matching its folder).
 * Throws DataError listing every problem; returns warnings for unknown
 * taxonomy labels.
 */
export function readPackFile(
  file: string,
  expectedTag?: string,
): { raw: RawLocalePack; warnings: string[]; text: string; unknownLabels: DataProblem[]; unfilled: DataProblem[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UnreadableFileError(
      { file, message: `cannot read the locale pack (${(err as NodeJS.ErrnoException).code ?? String(err)})` },
      'Check that the pack folder has a pack.json.',
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const position = /position (\d+)/u.exec(message)?.[1];
    const line = position === undefined ? undefined : text.slice(0, Number(position)).split('\n').length;
    throw packError(file, [{ file, ...(line === undefined ? {} : { line }), message: `not valid JSON: ${message}` }]);
  }
  const unfilled = dropUnfilled(data, file);
  const validate = schemaValidator();
  if (!validate(data))
    throw packError(
      file,
      (validate.errors ?? []).filter((e) => e.keyword !== 'if').map((e) => schemaProblem(file, e)),
    );

  const raw = data as RawLocalePack & { $schema?: string };
  delete raw.$schema;
  const problems: DataProblem[] = [];
  const warnings: string[] = [];
  const unknownLabels: DataProblem[] = [];
  if (expectedTag !== undefined && raw.tag.toLowerCase() !== expectedTag.toLowerCase()) {
    problems.push({ file, field: 'tag', message: `is "${raw.tag}" but the pack's folder is "${expectedTag}"; they must match` });
  }
  duplicates(
    raw.checklist.map((q) => q.id),
    'checklist',
    'id',
    file,
    problems,
  );
  duplicates(
    raw.equivalents.map((e) => e.id),
    'equivalents',
    'id',
    file,
    problems,
  );
  duplicates(
    raw.glossary.map((g) => g.source),
    'glossary',
    'source',
    file,
    problems,
  );
  duplicates(
    (raw.registers ?? []).map((r) => r.id),
    'registers',
    'id',
    file,
    problems,
  );

  raw.checklist.forEach((q, i) => {
    const at = `checklist[${i}]`;
    q.when?.patterns?.forEach((p, j) => checkRegex(p, 'iu', `${at}.when.patterns[${j}]`, file, problems));
    if (q.prompt !== undefined) checkTemplate(q.prompt, `${at}.prompt`, file, problems);
    if (q.help !== undefined) checkTemplate(q.help, `${at}.help`, file, problems);
    for (const [lang, text] of Object.entries(q.i18n ?? {})) {
      if (text.prompt !== undefined) checkTemplate(text.prompt, `${at}.i18n.${lang}.prompt`, file, problems);
      if (text.help !== undefined) checkTemplate(text.help, `${at}.i18n.${lang}.help`, file, problems);
      for (const id of Object.keys(text.options ?? {})) {
        if (q.options && !q.options.some((o) => o.id === id))
          problems.push({
            file,
            field: `${at}.i18n.${lang}.options.${id}`,
            message: `names no option of this question (its options: ${q.options.map((o) => o.id).join(', ')})`,
          });
      }
    }
    const labels: [TaxonomyLevel, string[] | undefined, string][] = [
      ['riskArea', q.when?.riskAreas, 'riskAreas'],
      ['harmType', q.when?.harmTypes, 'harmTypes'],
      ['specificHarm', q.when?.specificHarms, 'specificHarms'],
    ];
    for (const [level, list, key] of labels) {
      list?.forEach((label, j) => {
        if (!loadTaxonomy().isKnown(level, normalizeLabel(label))) {
          const problem = {
            file,
            field: `${at}.when.${key}[${j}]`,
            message: `"${label}" is not a known ${level} label of the AnswerCarefully taxonomy; the question only applies to items that carry it`,
          };
          unknownLabels.push(problem);
          warnings.push(formatProblem(problem));
        }
      });
    }
  });
  for (const [id, o] of Object.entries(raw.checklistOverrides ?? {})) {
    const at = `checklistOverrides.${id}`;
    if (raw.tag.toLowerCase() === BASE_PACK) problems.push({ file, field: at, message: localeMessages.overrideInBase });
    o.patterns?.forEach((p, j) => checkRegex(p, 'iu', `${at}.patterns[${j}]`, file, problems));
    if (o.prompt !== undefined) checkTemplate(o.prompt, `${at}.prompt`, file, problems);
    if (o.help !== undefined) checkTemplate(o.help, `${at}.help`, file, problems);
    for (const [lang, text] of Object.entries(o.i18n ?? {})) {
      if (text.prompt !== undefined) checkTemplate(text.prompt, `${at}.i18n.${lang}.prompt`, file, problems);
      if (text.help !== undefined) checkTemplate(text.help, `${at}.i18n.${lang}.help`, file, problems);
    }
  }
  raw.equivalents.forEach((e, i) => {
    e.patterns?.forEach((p, j) => checkRegex(p, 'u', `equivalents[${i}].patterns[${j}]`, file, problems));
    e.leftoverPatterns?.forEach((p, j) => checkRegex(p, 'u', `equivalents[${i}].leftoverPatterns[${j}]`, file, problems));
  });
  raw.registers?.forEach((r, i) => r.endings.forEach((p, j) => checkRegex(p, 'u', `registers[${i}].endings[${j}]`, file, problems)));

  if (problems.length > 0) throw packError(file, problems);
  return { raw, warnings, text, unknownLabels, unfilled };
}

/** Equivalent fields `pack init` leaves empty for the author to fill in. */
export const UNFILLED_FIELDS = ['target', 'asOf', 'sourceUrl'] as const;

/**
 * An equivalent's empty `target`, `asOf` or `sourceUrl` (a `pack init`
 * skeleton not filled in yet) is dropped before validation, so the entry
 * inherits base's; each is returned as a problem for `pack check` to warn about.
 */
function dropUnfilled(data: unknown, file: string): DataProblem[] {
  const out: DataProblem[] = [];
  const list = (data as { equivalents?: unknown } | null)?.equivalents;
  if (!Array.isArray(list)) return out;
  list.forEach((e: unknown, i) => {
    if (typeof e !== 'object' || e === null) return;
    const entry = e as Record<string, unknown>;
    for (const k of UNFILLED_FIELDS) {
      if (entry[k] === '') {
        delete entry[k];
        out.push({ file, field: `equivalents[${i}].${k}`, message: "is empty: not filled in yet (base's value is used meanwhile)" });
      }
    }
  });
  return out;
}

/**
 * A pack from a folder of its own (a project's, or one being written): the
 * installed base merged with `<folder>/pack.json`. Unlike `loadLocalePack`,
 * the folder name need not match the tag. Not cached (authors edit it).
 */
export function loadPackFolder(folder: string, name: string = folder): LoadedLocalePack {
  const baseFile = path.join(localesDir(), BASE_PACK, PACK_FILE);
  const targetFile = path.join(folder, PACK_FILE);
  const base = readPackFile(baseFile, BASE_PACK);
  const target = readPackFile(targetFile);
  const isBase = target.raw.tag.toLowerCase() === BASE_PACK;
  const pack = isBase ? completePack(target.raw, undefined, targetFile, undefined) : completePack(base.raw, target.raw, baseFile, targetFile);
  const hash = createHash('sha256');
  if (!isBase) hash.update(base.text).update('\u0000');
  hash.update(target.text);
  return {
    pack,
    requested: name,
    resolved: name,
    files: isBase ? [targetFile] : [baseFile, targetFile],
    warnings: [...(isBase ? [] : base.warnings), ...target.warnings],
    hash: `sha256:${hash.digest('hex')}`,
  };
}

function packError(file: string, problems: DataProblem[]): DataError {
  return DataError.listing(`Locale pack ${file} is invalid (${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}):`, problems, {
    advice: `Fix the file; its format is described in schemas/${LOCALE_PACK_SCHEMA}.`,
  });
}

/** "/checklist/3/effects/yes" → "checklist[3].effects.yes". */
function fieldPath(pointer: string, extra?: string): string {
  const parts = pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (extra !== undefined) parts.push(extra);
  let out = '';
  for (const p of parts) out += /^\d+$/u.test(p) ? `[${p}]` : out === '' ? p : `.${p}`;
  return out;
}

function schemaProblem(file: string, e: ErrorObject): DataProblem {
  const params = e.params as Record<string, unknown>;
  let field: string;
  let message: string;
  if (e.keyword === 'required') {
    field = fieldPath(e.instancePath, String(params.missingProperty));
    message = 'is required';
  } else if (e.keyword === 'additionalProperties') {
    field = fieldPath(e.instancePath, String(params.additionalProperty));
    message = 'is not a known field here (check the spelling)';
  } else if (e.keyword === 'enum') {
    field = fieldPath(e.instancePath);
    message = `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  } else if (e.keyword === 'false schema' && /^\/glossary\/\d+\/target$/u.test(e.instancePath)) {
    field = fieldPath(e.instancePath);
    message = 'must be absent when doNotTranslate is true';
  } else {
    field = fieldPath(e.instancePath);
    message = e.message ?? 'is invalid';
  }
  return field === '' ? { file, message } : { file, field, message };
}

function duplicates(keys: string[], list: string, key: string, file: string, problems: DataProblem[]): void {
  const seen = new Map<string, number>();
  keys.forEach((k, i) => {
    const first = seen.get(k);
    if (first !== undefined) problems.push({ file, field: `${list}[${i}].${key}`, message: `"${k}" is already used by ${list}[${first}]` });
    else seen.set(k, i);
  });
}

function checkRegex(pattern: string, flags: string, field: string, file: string, problems: DataProblem[]): void {
  try {
    new RegExp(pattern, flags);
  } catch (err) {
    problems.push({ file, field, message: `is not a valid regular expression: ${err instanceof Error ? err.message : String(err)}` });
  }
}

function checkTemplate(template: string, field: string, file: string, problems: DataProblem[]): void {
  try {
    Handlebars.parse(template);
  } catch (err) {
    problems.push({ file, field, message: `is not a valid handlebars template: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}` });
  }
}

// ---------------------------------------------------------------------------
// Merge

/**
 * A question's text per interface language when a target entry overrides a
 * base one: language by language and field by field, the target's wins; a
 * field the target rewrites in English drops base's translation of it (which
 * translates the old text).
 */
function mergeQuestionText(b: Partial1<ChecklistQuestion>, t: Partial1<ChecklistQuestion>): ChecklistQuestion['i18n'] {
  const out: NonNullable<ChecklistQuestion['i18n']> = {};
  for (const lang of new Set([...Object.keys(b.i18n ?? {}), ...Object.keys(t.i18n ?? {})])) {
    const inherited = { ...b.i18n?.[lang] };
    if (t.prompt !== undefined) delete inherited.prompt;
    if (t.help !== undefined) delete inherited.help;
    if (t.options !== undefined) delete inherited.options;
    const text = { ...inherited, ...t.i18n?.[lang] };
    if (Object.keys(text).length > 0) out[lang] = text;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function mergeById<T extends { id: string }>(
  base: readonly T[],
  target: readonly T[],
): { entry: T; fromTarget: number | undefined; fromBase: number | undefined }[] {
  const targetIds = new Set(target.map((t) => t.id));
  const baseIndex = new Map(base.map((b, i) => [b.id, i] as const));
  const out: { entry: T; fromTarget: number | undefined; fromBase: number | undefined }[] = [];
  base.forEach((b, i) => {
    if (!targetIds.has(b.id)) out.push({ entry: b, fromTarget: undefined, fromBase: i });
  });
  target.forEach((t, i) => {
    const bi = baseIndex.get(t.id);
    const b = bi === undefined ? undefined : base[bi];
    out.push({ entry: { ...b, ...t }, fromTarget: i, fromBase: bi });
  });
  return out;
}

/**
 * A target's `checklistOverrides`, applied in place to the merged questions:
 * text replaces base's (dropping base's translations of the text replaced, as
 * in mergeQuestionText), patterns join base's pattern condition.
 */
function applyOverrides(checklist: ChecklistQuestion[], base: RawLocalePack, t: RawLocalePack, file: string, problems: DataProblem[]): void {
  for (const [id, o] of Object.entries(t.checklistOverrides ?? {})) {
    const at = `checklistOverrides.${id}`;
    const index = checklist.findIndex((c) => c.id === id);
    const q = index >= 0 ? { ...checklist[index]! } : undefined;
    if (!base.checklist.some((b) => b.id === id) || !q) {
      problems.push({
        file,
        field: at,
        message: localeMessages.overrideUnknown(
          id,
          base.checklist.map((b) => b.id),
        ),
      });
      continue;
    }
    const inChecklist = t.checklist.findIndex((c) => c.id === id);
    if (inChecklist >= 0) {
      problems.push({ file, field: at, message: localeMessages.overrideTwice(id, inChecklist) });
      continue;
    }
    if (o.patterns !== undefined && o.patterns.length > 0) {
      if (q.when?.patterns === undefined) {
        problems.push({ file, field: `${at}.patterns`, message: localeMessages.overrideNoPatterns(id) });
        continue;
      }
      q.when = { ...q.when, patterns: [...q.when.patterns, ...o.patterns] };
    }
    for (const lang of Object.keys(o.i18n ?? {}))
      for (const option of Object.keys(o.i18n?.[lang]?.options ?? {}))
        if (!q.options?.some((x) => x.id === option))
          problems.push({ file, field: `${at}.i18n.${lang}.options.${option}`, message: localeMessages.overrideNoOption(q.options?.map((x) => x.id) ?? []) });
    const text: Partial1<ChecklistQuestion> = {
      id,
      ...(o.prompt !== undefined ? { prompt: o.prompt } : {}),
      ...(o.help !== undefined ? { help: o.help } : {}),
    };
    if (o.i18n) text.i18n = o.i18n;
    const i18n = mergeQuestionText(q, text);
    if (o.prompt !== undefined) q.prompt = o.prompt;
    if (o.help !== undefined) q.help = o.help;
    if (i18n) q.i18n = i18n;
    else delete q.i18n;
    checklist[index] = q;
  }
}

/** Merge base and target, then check that every entry is complete. */
function completePack(base: RawLocalePack, target: RawLocalePack | undefined, baseFile: string, targetFile: string | undefined): LocalePack {
  const t: RawLocalePack = target ?? { ...base, checklist: [], equivalents: [], glossary: [], registers: [] };
  const problems: DataProblem[] = [];
  const where = (fromTarget: number | undefined, fromBase: number | undefined, list: string): { file: string; at: string } =>
    fromTarget !== undefined && targetFile !== undefined
      ? { file: targetFile, at: `${list}[${fromTarget}]` }
      : { file: baseFile, at: `${list}[${fromBase ?? 0}]` };
  const inherit = (fromTarget: number | undefined, fromBase: number | undefined): string =>
    fromTarget !== undefined && fromBase === undefined ? ' (it overrides no base entry, so nothing is inherited)' : '';

  const checklist: ChecklistQuestion[] = [];
  for (const { entry, fromTarget, fromBase } of mergeById(base.checklist, t.checklist)) {
    const missing = (['prompt', 'effects'] as const).filter((k) => entry[k] === undefined);
    if (missing.length > 0) {
      const { file, at } = where(fromTarget, fromBase, 'checklist');
      for (const k of missing) problems.push({ file, field: `${at}.${k}`, message: `is required${inherit(fromTarget, fromBase)}` });
      continue;
    }
    if (fromTarget !== undefined && fromBase !== undefined) {
      const i18n = mergeQuestionText(base.checklist[fromBase]!, t.checklist[fromTarget]!);
      if (i18n) entry.i18n = i18n;
      else delete entry.i18n;
    }
    checklist.push(entry as ChecklistQuestion);
  }
  if (targetFile !== undefined) applyOverrides(checklist, base, t, targetFile, problems);
  const equivalents: Equivalent[] = [];
  for (const { entry, fromTarget, fromBase } of mergeById(base.equivalents, t.equivalents)) {
    const missing = (['category', 'source', 'target'] as const).filter((k) => entry[k] === undefined);
    if (missing.length > 0) {
      const { file, at } = where(fromTarget, fromBase, 'equivalents');
      for (const k of missing) problems.push({ file, field: `${at}.${k}`, message: `is required${inherit(fromTarget, fromBase)}` });
      continue;
    }
    equivalents.push(entry as Equivalent);
  }
  const glossary = [...base.glossary.filter((g) => !t.glossary.some((x) => x.source === g.source)), ...t.glossary];
  const registers = mergeById(base.registers ?? [], t.registers ?? []).map((r) => r.entry);
  const preferredRegister = { ...base.preferredRegister, ...t.preferredRegister };
  for (const role of ['question', 'answer'] as const) {
    const id = preferredRegister[role];
    if (id !== undefined && !registers.some((r) => r.id === id)) {
      problems.push({ file: targetFile ?? baseFile, field: `preferredRegister.${role}`, message: `names register "${id}", which no pack defines` });
    }
  }
  if (problems.length > 0) throw packError(problems[0]?.file ?? baseFile, problems);

  const pack: LocalePack = { tag: t.tag, languageName: t.languageName, checklist, equivalents, glossary };
  const nativeName = t.nativeName ?? (target ? undefined : base.nativeName);
  if (nativeName !== undefined) pack.nativeName = nativeName;
  const version = t.version ?? (target ? undefined : base.version);
  if (version !== undefined) pack.version = version;
  if (registers.length > 0) pack.registers = registers;
  if (Object.keys(preferredRegister).length > 0) pack.preferredRegister = preferredRegister;
  return pack;
}

/** True when a `localePack` value names a folder ("./packs/vi", "packs/vi") rather than a shipped pack's tag. */
export function isPackPath(value: string): boolean {
  return /[/\\]/u.test(value) || value.startsWith('.');
}

/**
 * A project's pack: config `localePack` as a folder relative to the project
 * (holding pack.json), or as a shipped pack's tag; default: the target language.
 */
export function loadProjectLocalePack(project: { dir: string; config: { localePack?: string; languages: { to: string } } }): LoadedLocalePack {
  const value = project.config.localePack ?? project.config.languages.to;
  if (!isPackPath(value)) return loadLocalePack(value);
  const folder = path.resolve(project.dir, value);
  if (!existsSync(path.join(folder, PACK_FILE)))
    throw new UsageError(localeMessages.noProjectPack(value, path.join(project.dir, 'carefully.json'), folder, PACK_FILE));
  return loadPackFolder(folder, value);
}
