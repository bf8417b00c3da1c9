/**
 * `carefully inspect`: what fields a file has, which roles they likely play
 * (and why), the taxonomy labels used, and duplicate IDs: everything a user
 * needs to choose `--map` options before `validate` / `init`.
 */
import { ROLES, type Role, type RoleMapping } from './item.js';
import { readRecords, type SourceFormat } from './read-records.js';
import { walkFields, getPath } from './field-path.js';
import { loadTaxonomy, type TaxonomyLevel } from './taxonomy.js';
import { scriptShares } from './script.js';
import { loadProfile, DEFAULT_PROFILE } from './profile.js';

export interface FieldStats {
  path: string;
  /** Records having the field (any non-null value). */
  count: number;
  types: Record<string, number>;
  example?: string;
}

export interface RoleGuess {
  field: string;
  reason: string;
  /**
   * How sure the guess is: high (an exact name, a name twin of the Japanese field,
   * known labels), medium (per-record length correlation, a telling name), low
   * (only script and average length): check a low guess before using it.
   */
  confidence: 'high' | 'medium' | 'low';
}

export interface TaxonomyLabelCount {
  label: string;
  english?: string;
  known: boolean;
  count: number;
}

export interface InspectReport {
  file: string;
  format: SourceFormat | undefined;
  records: number;
  fields: FieldStats[];
  roles: Partial<Record<Role, RoleGuess>>;
  /** `--map` arguments needed on top of the default profile to use the proposed roles. */
  suggestedMap: string[];
  taxonomy: Record<TaxonomyLevel, TaxonomyLabelCount[]>;
  duplicateIds: { id: string; indexes: number[] }[];
}

interface Acc {
  count: number;
  types: Record<string, number>;
  example?: string;
  strings: number;
  textLength: number;
  japanese: number;
  latin: number;
  labelHits: Record<TaxonomyLevel, number>;
  values: Map<string, number[]> | undefined; // for ID candidates
  /** Text length per record index (sparse), to pair English fields with their Japanese twins. */
  lengths: number[];
}

const ID_NAME = /(^|[._-])(id|uid|qid|key)$/i;
const MAX_TRACKED_VALUES = 200_000;

export async function inspectFile(file: string): Promise<InspectReport> {
  const taxonomy = loadTaxonomy();
  const accs = new Map<string, Acc>();
  let records = 0;
  let format: SourceFormat | undefined;
  for await (const rec of readRecords(file, { onFormat: (f) => (format = f) })) {
    records++;
    for (const { path, type, value } of walkFields(rec.value)) {
      let acc = accs.get(path);
      if (!acc) {
        acc = {
          count: 0,
          types: {},
          strings: 0,
          textLength: 0,
          japanese: 0,
          latin: 0,
          labelHits: { riskArea: 0, harmType: 0, specificHarm: 0 },
          values: ID_NAME.test(path) ? new Map() : undefined,
          lengths: [],
        };
        accs.set(path, acc);
      }
      if (value === null) continue;
      acc.count++;
      acc.types[type] = (acc.types[type] ?? 0) + 1;
      if (acc.example === undefined && type !== 'object') acc.example = clip(type === 'string' ? (value as string) : JSON.stringify(value));
      if (type === 'string') {
        const s = value as string;
        acc.strings++;
        acc.textLength += s.length;
        if (rec.index < MAX_TRACKED_VALUES) acc.lengths[rec.index] = s.length;
        const shares = scriptShares(s);
        acc.japanese += shares.japanese;
        acc.latin += shares.latin;
        for (const level of ['riskArea', 'harmType', 'specificHarm'] as const) if (taxonomy.isKnown(level, s)) acc.labelHits[level]++;
      }
      if (acc.values && (typeof value === 'string' || typeof value === 'number') && acc.values.size < MAX_TRACKED_VALUES) {
        const key = String(value);
        const list = acc.values.get(key);
        if (list) list.push(rec.index);
        else acc.values.set(key, [rec.index]);
      }
    }
  }
  const fields: FieldStats[] = [...accs].map(([path, a]) => ({
    path,
    count: a.count,
    types: a.types,
    ...(a.example === undefined ? {} : { example: a.example }),
  }));
  const roles = guessRoles(accs, records);
  const mapping: RoleMapping = Object.fromEntries(Object.entries(roles).map(([r, g]) => [r, g.field]));
  const idField = roles.id?.field;
  const duplicateIds = idField ? [...(accs.get(idField)?.values ?? [])].filter(([, idx]) => idx.length > 1).map(([id, indexes]) => ({ id, indexes })) : [];
  return { file, format, records, fields, roles, suggestedMap: suggestMap(mapping), taxonomy: await countLabels(file, mapping), duplicateIds };
}

function clip(s: string): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > 60 ? `${one.slice(0, 57)}...` : one;
}

function guessRoles(accs: Map<string, Acc>, records: number): Partial<Record<Role, RoleGuess>> {
  const roles: Partial<Record<Role, RoleGuess>> = {};
  const used = new Set<string>();
  const entries = [...accs];
  const take = (role: Role, field: string, reason: string, confidence: RoleGuess['confidence'] = 'high') => {
    roles[role] = { field, reason, confidence };
    used.add(field);
  };
  const pct = (n: number) => `${Math.round((100 * n) / Math.max(records, 1))}%`;

  // ID: a unique scalar field named like an ID.
  for (const [path, a] of entries) {
    if (a.values && a.count > 0 && !path.includes('.')) {
      const unique = a.values.size === a.count;
      take(
        'id',
        path,
        `named like an ID, present in ${pct(a.count)} of records${unique ? ', all values unique' : `, ${a.count - a.values.size} duplicate value(s)`}`,
      );
      break;
    }
  }
  // Taxonomy labels: the field whose values are most often known labels of that level.
  for (const level of ['riskArea', 'harmType', 'specificHarm'] as const) {
    const best = entries.filter(([p, a]) => !used.has(p) && a.labelHits[level] > 0).sort((x, y) => y[1].labelHits[level] - x[1].labelHits[level])[0];
    if (best) take(level, best[0], `${pct(best[1].labelHits[level])} of values are known AnswerCarefully ${level} labels`);
  }
  // Text fields: Japanese-script vs Latin-script strings, told apart by name and length.
  const texts = entries.filter(([p, a]) => !used.has(p) && a.strings > 0 && a.strings >= a.count * 0.9);
  const avg = (a: Acc, k: 'japanese' | 'latin') => a[k] / Math.max(a.strings, 1);
  const ja = texts.filter(([, a]) => avg(a, 'japanese') > 0.5);
  const en = texts.filter(([, a]) => avg(a, 'latin') > 0.7);
  const isAnswerName = (p: string) => /(output|answer|response|reference|completion)/i.test(p);
  const isQuestionName = (p: string) => /(text|question|prompt|input|instruction|query)/i.test(p);
  const pick = (list: [string, Acc][], role: Role, nameTest: (p: string) => boolean, lang: string, fallback: 'shortest' | 'longest') => {
    const free = list.filter(([p]) => !used.has(p));
    const named = free.find(([p]) => nameTest(p));
    if (named)
      return take(
        role,
        named[0],
        `${lang} text in ${pct(named[1].count)} of records; the name suggests the ${role === 'question' || role === 'questionEn' ? 'question' : 'answer'}`,
        'medium',
      );
    const sorted = free.sort((x, y) => x[1].textLength / x[1].strings - y[1].textLength / y[1].strings);
    const chosen = fallback === 'shortest' ? sorted[0] : sorted[sorted.length - 1];
    if (chosen)
      take(
        role,
        chosen[0],
        `${lang} text; the ${fallback} such field on average, as ${role.startsWith('question') ? 'questions' : 'answers'} usually are`,
        'low',
      );
  };
  /** Only a field whose name says the role, and not named as a note or comment (those are annotations). */
  const pickNamed = (list: [string, Acc][], role: Role, nameTest: (p: string) => boolean) => {
    const named = list.find(([p]) => !used.has(p) && nameTest(p) && !/(note|comment|remark|memo|annot)/i.test(p));
    if (named)
      take(
        role,
        named[0],
        `English text; the name suggests the ${role === 'questionEn' ? 'question' : 'answer'}, though its length does not follow the Japanese field`,
        'low',
      );
  };
  pick(ja, 'answer', isAnswerName, 'Japanese', 'longest');
  pick(ja, 'question', isQuestionName, 'Japanese', 'shortest');
  // English fields are paired with their Japanese twins (by name, then by per-record
  // length correlation) before any guess by name or length: an English annotation
  // note must not pass for the English question.
  for (const [role, jaRole] of [
    ['questionEn', 'question'],
    ['answerEn', 'answer'],
  ] as const) {
    const jaField = roles[jaRole]?.field;
    if (!jaField) continue;
    const twin = en.find(([p]) => !used.has(p) && twinBase(p) === jaField);
    if (twin) take(role, twin[0], `English text named as the twin of ${jaField} (the Japanese ${jaRole})`, 'high');
  }
  const jaOf = { questionEn: roles.question?.field, answerEn: roles.answer?.field } as const;
  const correlations: { role: 'questionEn' | 'answerEn'; field: string; r: number }[] = [];
  for (const role of ['questionEn', 'answerEn'] as const) {
    const jaField = jaOf[role];
    if (roles[role] || !jaField) continue;
    for (const [p, a] of en) if (!used.has(p)) correlations.push({ role, field: p, r: lengthCorrelation(accs.get(jaField)!.lengths, a.lengths) });
  }
  correlations.sort((x, y) => y.r - x.r);
  for (const c of correlations) {
    if (c.r < MIN_TWIN_CORRELATION || roles[c.role] || used.has(c.field)) continue;
    take(c.role, c.field, `English text whose length follows ${jaOf[c.role]} record by record (correlation ${c.r.toFixed(2)})`, 'medium');
  }
  // Without a Japanese twin to compare with, fall back to names and lengths (low confidence).
  const comparable = (role: 'questionEn' | 'answerEn') => jaOf[role] !== undefined && correlations.some((c) => c.role === role && Number.isFinite(c.r));
  if (!roles.answerEn && !comparable('answerEn')) pick(en, 'answerEn', isAnswerName, 'English', 'longest');
  else if (!roles.answerEn) pickNamed(en, 'answerEn', isAnswerName);
  if (!roles.questionEn && !comparable('questionEn')) pick(en, 'questionEn', isQuestionName, 'English', 'shortest');
  else if (!roles.questionEn) pickNamed(en, 'questionEn', isQuestionName);
  // A boolean annotation about Japan specificity.
  const flag = entries.find(([p, a]) => !used.has(p) && (a.types.boolean ?? 0) > 0 && /(japan|jp|cultur|local|specific|region)/i.test(p));
  if (flag) take('japanSpecific', flag[0], 'boolean field named like a Japan/culture-specific annotation', 'medium');
  const annotations = entries.find(([p, a]) => !used.has(p) && (a.types.object ?? 0) > 0 && /annot/i.test(p));
  if (annotations) take('annotations', annotations[0], 'object field named like annotations', 'medium');
  return roles;
}

/** English and Japanese texts of the same item have correlated lengths; unrelated fields do not. */
const MIN_TWIN_CORRELATION = 0.6;

/** The Japanese field an English field is named after: text_en, text-en, text.en, textEn, en_text, text_english -> text. */
function twinBase(path: string): string | undefined {
  const m = /^(.*?)(?:[_.-](?:en|eng|english)|En|English)$/.exec(path) ?? /^(?:en|eng|english)[_.-](.*)$/i.exec(path);
  return m?.[1] || undefined;
}

/** Pearson correlation of two fields' text lengths over the records having both (NaN with fewer than 3). */
function lengthCorrelation(a: readonly number[], b: readonly number[]): number {
  const xs: number[] = [];
  const ys: number[] = [];
  a.forEach((x, i) => {
    const y = b[i];
    if (y !== undefined) {
      xs.push(x);
      ys.push(y);
    }
  });
  const n = xs.length;
  if (n < 3) return NaN;
  const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / n;
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0,
    sxx = 0,
    syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i]! - mx,
      dy = ys[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx === 0 || syy === 0 ? NaN : sxy / Math.sqrt(sxx * syy);
}

/** `--map` arguments that turn the default profile into `mapping`. */
function suggestMap(mapping: RoleMapping): string[] {
  const profile = loadProfile(DEFAULT_PROFILE);
  return ROLES.filter((r) => mapping[r] && mapping[r] !== profile.roles[r]).map((r) => `${r}=${mapping[r]}`);
}

async function countLabels(file: string, mapping: RoleMapping): Promise<Record<TaxonomyLevel, TaxonomyLabelCount[]>> {
  const taxonomy = loadTaxonomy();
  const out = { riskArea: new Map<string, number>(), harmType: new Map<string, number>(), specificHarm: new Map<string, number>() };
  const levels = (['riskArea', 'harmType', 'specificHarm'] as const).filter((l) => mapping[l]);
  if (levels.length === 0) return { riskArea: [], harmType: [], specificHarm: [] };
  for await (const rec of readRecords(file)) {
    for (const level of levels) {
      const v = getPath(rec.value, mapping[level]!);
      if (typeof v === 'string') out[level].set(v, (out[level].get(v) ?? 0) + 1);
    }
  }
  const list = (level: TaxonomyLevel) =>
    [...out[level]].map(([label, count]) => {
      const english = taxonomy.english(level, label);
      return { label, ...(english ? { english } : {}), known: taxonomy.isKnown(level, label), count };
    });
  return { riskArea: list('riskArea'), harmType: list('harmType'), specificHarm: list('specificHarm') };
}
