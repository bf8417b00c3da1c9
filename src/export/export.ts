/**
 * `carefully export`: the derived dataset in the source's own schema, with
 * provenance and a dataset card. Source-language fields are never copied:
 * a record is built from the target text plus the ID and taxonomy labels.
 * Everything is written to a temporary folder first and moved into place only
 * when every record passed the schema and the leak guard.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { DataError, UsageError, listEntries, type DataProblem } from '../errors.js';
import type { Project } from '../project/project.js';
import type { ItemState, ItemStateName } from '../project/state.js';
import { ITEM_STATES, chooseSide, describeConflict } from '../project/state.js';
import type { Decision } from '../project/events.js';
import type { RoleMapping, SourceItem } from '../dataset/item.js';
import { OUTPUT_ROLES, derivedRecords } from './derived-record.js';
import { roleView } from '../dataset/profile.js';
import { schemaValidator, roleProblems } from '../dataset/validate.js';
import { describeLabel } from '../dataset/taxonomy.js';
import type { SourceFormat } from '../dataset/read-records.js';
import { languageName } from '../project/languages.js';
import { renderDatasetCard } from './dataset-card.js';
import { DECISIONS, DECISION_DESCRIPTIONS, KOBBQ_CLASS, decisionCounts } from '../project/decisions.js';
import { isNamespacedLabel } from '../project/new-items.js';
import { culturalLabels } from '../locale/cultural-labels.js';
import { CultureTally } from './culture-tally.js';
import { openItemQa, projectQaEnv, type ItemQa } from '../qa/project-qa.js';
import { streamWithDatasetQa } from '../qa/streamed-qa.js';
import { ChunkedWriter } from './chunked-writer.js';
import type { ItemFinding, Severity } from '../qa/types.js';
import type { NearCopyVerdict } from '../qa/near-copies.js';
import { nearCopyMessage } from './messages.js';
import { agreementSummary, computeAgreement, type AnnotatedState, annotatedPart } from '../review/agreement.js';
import { openOutputFolder } from './output-folder.js';
import {
  AC_LINKS,
  DEFAULT_SPLIT,
  LICENSE_FILE,
  SPLIT_NAME,
  frontMatter,
  licenseText,
  releaseFromFileName,
  splitFromFileName,
  toolInfo,
} from './hf-metadata.js';
import { SourceFields } from './dropped-fields.js';
import { ANNOTATION_KEY, Annotators, annotationBlock, type AnnotatorMode } from './annotations.js';
import { provenanceLine } from './provenance-line.js';
import { FLAGGED_REFUSAL, conflictsRefused, exportMessages, qaRefused, verbatimSource } from './messages.js';

export interface ExportOptions {
  project: Project;
  out: string;
  format?: SourceFormat;
  /** Also export items not approved by a reviewer (marked in provenance). */
  includeUnreviewed?: boolean;
  /** Also export items whose source changed since they were worked on. */
  includeStale?: boolean;
  /** Disable the leak guard (records equal to a source field verbatim). */
  allowVerbatim?: boolean;
  /** Refuse to write anything while QA errors remain on the items that would be exported. */
  failOnQa?: boolean;
  /** Items with conflicting decisions are refused unless this says which side to take: "latest" or an author. */
  onConflict?: string;
  /** The Hugging Face split of the data file (default: from the source's file name, else "test"). */
  split?: string;
  /** The AnswerCarefully release the source came from, e.g. "v2.2" (default: from the source's file name). */
  acRelease?: string;
  /** Add an `adaptation` block (decision, taxonomy labels, pack, annotators) beside each record's `meta`. */
  annotate?: boolean;
  /** How annotators appear in that block and the card: stable pseudonyms (default) or user names. */
  annotators?: AnnotatorMode;
  /** Export items with open flags (otherwise the export is refused while an item to export has one). */
  includeFlagged?: boolean;
  now?: Date;
  /** Called as source items are written (a progress bar), at most about 100 times. */
  onProgress?: (done: number, total: number) => void;
}

export interface ExportResult {
  out: string;
  /** data/<split>.json(l): the derived records. */
  datasetFile: string;
  /** provenance/<split>.jsonl, outside every data_files pattern of the card. */
  provenanceFile: string;
  cardFile: string;
  licenseFile: string;
  split: string;
  /** The AnswerCarefully release credited in the card, when known. */
  acRelease?: string;
  format: SourceFormat;
  exported: number;
  excluded: Record<string, number>;
  unreviewed: number;
  pseudo: number;
  /** QA findings remaining on the exported items (also reported in the dataset card). */
  qa: { counts: Record<Severity, number>; findings: ItemFinding[] };
  /** The dataset card's agreement paragraph, when items were double-annotated. */
  agreement?: string;
  warnings: string[];
}

/** How many QA errors --fail-on-qa lists before "... and N more". */
const QA_ERRORS_LISTED = 20;

function qaRefusal(errors: readonly ItemFinding[]): string {
  const list = listEntries(
    errors.map((f) => `${f.item}${f.field ? ` (${f.field})` : ''}: ${f.check}: ${f.message}`),
    { max: QA_ERRORS_LISTED, more: '(`carefully check --severity error` lists them all)' },
  );
  return qaRefused(errors.length, list);
}

/** How many flagged items a refusal lists before "... and N more". */
const FLAGGED_LISTED = 20;

function flaggedRefusal(flagged: readonly string[]): string {
  const list = listEntries(flagged, { max: FLAGGED_LISTED, more: '(`carefully status` counts them; `carefully review` shows each flag)' });
  return `${FLAGGED_REFUSAL(flagged.length)}\n${list.join('\n')}`;
}

/** How many conflicting items a refusal lists before "... and N more". */
const CONFLICTS_LISTED = 20;

function conflictRefusal(conflicts: readonly string[], onConflict: string | undefined): string {
  const list = conflicts.slice(0, CONFLICTS_LISTED).map((c) => `  - ${c}`);
  if (conflicts.length > CONFLICTS_LISTED)
    list.push(`  ... and ${conflicts.length - CONFLICTS_LISTED} more (\`carefully adapt --state conflict\` shows them all)`);
  const why =
    onConflict === undefined
      ? "have conflicting decisions (made by localizers who had not seen each other's)"
      : `have conflicting decisions and --on-conflict ${onConflict} picks no side of them`;
  return conflictsRefused(conflicts.length, why, list);
}

/**
 * Whether a reviewer approved the item's current text and decision. For a
 * stale item the state hides the verdict, which still stands for the text it
 * was given on (and --include-stale exports that text).
 */
const isApproved = (s: ItemState): boolean => s.review?.verdict === 'approve';

/** Why an item is left out, or undefined when it is exported. */
function exclusion(s: ItemState, opts: ExportOptions): string | undefined {
  if (s.state === 'stale' && !opts.includeStale) return 'stale';
  if (s.decision?.decision === 'drop') return 'dropped';
  if (s.state === 'untranslated') return 'untranslated';
  if (s.review?.verdict === 'reject') return 'rejected';
  if (!isApproved(s) && !opts.includeUnreviewed) return 'not approved';
  if (s.question === undefined || s.answer === undefined) return 'no target text';
  return undefined;
}

/**
 * Leak guard: a target text equal to any source-language text of the item, or
 * holding a near copy of a source text (src/qa/near-copy.ts: 10+ characters of
 * this item's or, when indexed, another item's Japanese question or answer):
 * `copies` is the QA verdict on the item's texts (ProjectQa.nearCopyVerdict).
 */
function leaks(item: SourceItem, s: ItemState, mapping: RoleMapping, file: string, copies: NearCopyVerdict): DataProblem[] {
  const norm = (t: string | undefined) => t?.normalize('NFC').trim();
  const sources = (['question', 'answer', 'questionEn', 'answerEn'] as const).map((r) => [r, norm(item[r])] as const).filter(([, t]) => t);
  const problems: DataProblem[] = [];
  for (const field of ['question', 'answer'] as const) {
    const target = norm(s[field]);
    const hit = sources.find(([, t]) => t === target);
    if (hit) {
      problems.push({
        file,
        index: item.index,
        id: item.id,
        field: mapping[field]!,
        message: verbatimSource(field, hit[0], mapping[hit[0]] ?? hit[0]),
      });
      continue;
    }
    const copy = copies[field];
    if (copy) problems.push({ file, index: item.index, id: item.id, field: mapping[field]!, message: nearCopyMessage(`the ${field}`, copy) });
  }
  return problems;
}

/** Provenance leak guard: the rationale is written to provenance.jsonl for every item, exported or not. */
function provenanceLeaks(item: SourceItem, file: string, copies: NearCopyVerdict): DataProblem[] {
  const copy = copies.rationale;
  if (!copy) return [];
  return [{ file, index: item.index, id: item.id, field: 'rationale', message: nearCopyMessage('the rationale (written to provenance.jsonl)', copy) }];
}

export async function exportDataset(opts: ExportOptions): Promise<ExportResult> {
  const { project } = opts;
  const env = projectQaEnv(project, { cache: true });
  const localePack = { name: env.packName, version: env.packVersion ?? null, hash: env.packHash ?? null };
  const split = opts.split ?? splitFromFileName(project.sourcePath) ?? DEFAULT_SPLIT;
  if (!SPLIT_NAME.test(split)) throw new UsageError(exportMessages.badSplit(split));
  const acRelease = opts.acRelease ?? releaseFromFileName(project.sourcePath);
  /** Items with decisions by two or more people: all agreement looks at. */
  const annotated: AnnotatedState[] = [];
  const folder = openOutputFolder(opts.out, [project.sourcePath]);
  const { out } = folder;
  const tool = toolInfo();
  const annotators = new Annotators(opts.annotators ?? 'pseudonyms');
  const provenanceContext = { annotators, localePack: JSON.stringify(localePack) };
  const pack = project.config.localePack ?? project.config.languages.to;
  const fields = new SourceFields();
  let format: SourceFormat = opts.format ?? 'json';
  const ext = () => (format === 'json' ? 'json' : 'jsonl');
  const validate = schemaValidator(project.profile.schema);
  const records = derivedRecords(project.mapping);
  const problems: DataProblem[] = [];
  const excluded: Record<string, number> = {};
  const conflicts: string[] = [];
  const flagged: string[] = [];
  const byRisk = new Map<string, { exported: number } & Record<Decision, number>>();
  const byState = Object.fromEntries(ITEM_STATES.map((s) => [s, 0])) as Record<ItemStateName, number>;
  const byDecision = decisionCounts();
  const providers = new Map<string, number>();
  let exported = 0;
  let unreviewed = 0;
  let pseudo = 0;
  let fromSuggestion = 0;
  let sourceItems = 0;
  const newItems = { count: 0, harms: new Map<string, number>() };
  const culture = new CultureTally();
  let read = 0;
  let items = 0;
  let progressStep = 1;
  const countItems = (n: number) => {
    items = n;
    progressStep = Math.max(1, Math.ceil(n / 100));
  };
  let qa!: ItemQa;
  const warnings: string[] = [];
  let data: ChunkedWriter | undefined;
  let committed = false;
  const dataRel = () => `data/${split}.${ext()}`;
  const provenanceRel = `provenance/${split}.jsonl`;
  const provenance = new ChunkedWriter(folder.file(provenanceRel));
  try {
    const onFormat = (f: SourceFormat) => {
      if (opts.format === undefined) format = f === 'json' ? 'json' : 'jsonl'; // CSV/TSV sources export as JSON Lines
    };
    const exportSourceItem = (item: SourceItem, s: ItemState, record: unknown) => {
      if (++read % progressStep === 0 || read === items) opts.onProgress?.(read, items);
      fields.add(record as Record<string, unknown>);
      return exportItem(item, s, record as Record<string, unknown>);
    };
    const countAnnotated = (s: ItemState) => {
      const part = annotatedPart(s);
      if (part) annotated.push(part);
    };
    // Items added in the target language follow the source's, in a record built from the same field paths.
    const streamed = await streamWithDatasetQa(project, env, {
      onFormat,
      // Each row decoded as its item comes, its fold then dropped (one pass): at 100k items 5% less CPU and 10% less memory
      // than 100k folds decoded up front and promoted by the young-generation GC.
      lazyRows: true,
      tally: (_item, s) => countAnnotated(s),
      onReady: (projectQa, n) => {
        qa = openItemQa(projectQa);
        countItems(n);
      },
      check: (item, s, record) => (item.added ? exportItem(item, s, records.added(item)) : exportSourceItem(item, s, record)),
    });
    warnings.push(...streamed.fold.warnings);
    warnings.push(...qa.warnings);
    if (acRelease === undefined) warnings.push(exportMessages.noRelease(project.sourcePath));
    // exportItem and writeItem return a promise only when they must wait (the near-copy index, a full write buffer):
    // at 100k items a promise per item was a cost of its own.
    function exportItem(item: SourceItem, state: ItemState, record: Record<string, unknown>): Promise<void> | undefined {
      let s = state;
      if (s.conflict && s.state === 'conflict') {
        const chosen = opts.onConflict === undefined ? undefined : chooseSide(s, opts.onConflict);
        if (chosen === undefined || typeof chosen === 'string') {
          conflicts.push(`${item.id}: ${describeConflict(s.conflict)}${typeof chosen === 'string' ? ` (${chosen})` : ''}`);
          return undefined;
        }
        s = chosen;
      }
      if (item.added) newItems.count++;
      else sourceItems++;
      byState[s.state]++;
      if (s.decision) byDecision[s.decision.decision]++;
      const reason = exclusion(s, opts);
      const risk = item.riskArea ?? '(none)';
      const row = byRisk.get(risk) ?? { exported: 0, ...decisionCounts() };
      byRisk.set(risk, row);
      if (s.decision) row[s.decision.decision]++;
      // Also read when --allow-verbatim: the QA check below gives the same verdict.
      const copies = qa.nearCopies(item, s);
      return copies instanceof Promise ? copies.then((c) => writeItem(item, s, record, reason, row, c)) : writeItem(item, s, record, reason, row, copies);
    }
    function writeItem(
      item: SourceItem,
      s: ItemState,
      record: Record<string, unknown>,
      reason: string | undefined,
      row: { exported: number },
      copies: NearCopyVerdict,
    ): Promise<void> | undefined {
      let line: string | undefined;
      if (!opts.allowVerbatim) problems.push(...provenanceLeaks(item, project.sourcePath, copies));
      if (reason) excluded[reason] = (excluded[reason] ?? 0) + 1;
      else if (s.flags.length > 0 && !opts.includeFlagged) flagged.push(`${item.id}: ${s.flags.map((f) => `${f.author}: ${f.note}`).join('; ')}`);
      else {
        const leak = opts.allowVerbatim ? [] : leaks(item, s, project.mapping, project.sourcePath, copies);
        const rec = records.fromSource(record, s);
        if (opts.annotate) rec[ANNOTATION_KEY] = annotationBlock(item, s, { annotators, pack, packVersion: tool.version });
        const view = roleView(rec, project.mapping);
        if (!validate(view)) problems.push(...roleProblems(validate.errors, project.mapping, { file: 'export', index: item.index, id: item.id }));
        problems.push(...leak);
        if (leak.length === 0) {
          line = JSON.stringify(rec);
          exported++;
          row.exported++;
          if (!isApproved(s)) unreviewed++;
          if (s.mt && !s.mt.isTranslation) pseudo++;
          if (s.fromSuggestion) fromSuggestion++;
          if (s.mt) providers.set(s.mt.label, (providers.get(s.mt.label) ?? 0) + 1);
          culture.add(culturalLabels(item, s));
          if (item.added && item.specificHarm !== undefined && isNamespacedLabel(item.specificHarm))
            newItems.harms.set(item.specificHarm, (newItems.harms.get(item.specificHarm) ?? 0) + 1);
          qa.check(item, s);
        }
      }
      let wrote: Promise<void> | undefined;
      if (line !== undefined) {
        const first = !data;
        data ??= new ChunkedWriter(folder.file(dataRel()));
        wrote = data.write(format === 'json' ? `${first ? '[' : ','}\n${line}` : `${line}\n`);
      }
      const provenanceText = `${provenanceLine(item, s, reason, line !== undefined, isApproved(s), provenanceContext)}\n`;
      return wrote ? wrote.then(() => provenance.write(provenanceText)) : provenance.write(provenanceText);
    }
    warnings.push(...qa.saveCache());
    if (conflicts.length > 0) throw new DataError(conflictRefusal(conflicts, opts.onConflict));
    if (flagged.length > 0) throw new DataError(flaggedRefusal(flagged));
    if (problems.length > 0)
      throw DataError.listing(`Export refused: ${problems.length} record(s) would not be valid or would leak source text. Nothing was written.`, problems);
    const qaResult = qa.result();
    if (opts.failOnQa && qaResult.counts.error > 0) throw new DataError(qaRefusal(qaResult.findings.filter((f) => f.severity === 'error')));
    const agreement = agreementSummary(computeAgreement(annotated));
    if (!data) data = new ChunkedWriter(folder.file(dataRel()));
    if (format === 'json') await data.write(exported === 0 ? '[]\n' : '\n]\n');
    await data.close();
    await provenance.close();
    const to = project.config.languages.to;
    const card = renderDatasetCard({
      title: `AnswerCarefully-derived safety dataset: ${languageName(to) ?? to}`,
      languageName: languageName(to) ?? to,
      to,
      from: project.config.languages.from === 'ja' ? 'Japanese (ja)' : 'English (en)',
      generated: (opts.now ?? new Date()).toISOString().slice(0, 10),
      format: ext() === 'json' ? 'JSON array' : 'JSON Lines',
      sourceItems,
      exported,
      dropped: excluded.dropped ?? 0,
      excluded: Object.entries(excluded)
        .filter(([k]) => k !== 'dropped')
        .reduce((n, [, v]) => n + v, 0),
      unreviewed,
      pseudo: pseudo > 0,
      pseudoCount: pseudo,
      suggestedCount: fromSuggestion,
      localePack: `${localePack.name}${localePack.version ? ` ${localePack.version}` : ''}${localePack.hash ? ` (${localePack.hash.slice(0, 19)})` : ''}`,
      providers: [...providers].map(([label, n]) => `${label}: ${n}`).join(', ') || 'none',
      decisions: DECISIONS.map((d) => ({ name: d, count: byDecision[d], kobbq: KOBBQ_CLASS[d], meaning: DECISION_DESCRIPTIONS[d] })),
      states: ITEM_STATES.map((s) => ({ name: s, count: byState[s] })),
      decisionNames: [...DECISIONS],
      riskAreas: [...byRisk].map(([label, r]) => ({
        label: describeLabel('riskArea', label === '(none)' ? undefined : label),
        exported: r.exported,
        counts: DECISIONS.map((d) => r[d]),
      })),
      culture: culture.rows(),
      ...(newItems.count > 0 ? { newItems: { count: newItems.count, harms: [...newItems.harms].map(([label, count]) => ({ label, count })) } } : {}),
      qa: qaResult.counts,
      qaWaived: qaResult.waivedCounts.error + qaResult.waivedCounts.warning + qaResult.waivedCounts.info,
      ...(agreement ? { agreement } : {}),
      split,
      dataFile: dataRel(),
      provenanceFile: provenanceRel,
      acRelease: acRelease ?? 'not recorded',
      toolUrl: tool.url,
      toolVersion: tool.version,
      droppedFields: fields.dropped(project.mapping, [...OUTPUT_ROLES]),
      annotators: annotators.table(),
      annotatorNames: annotators.mode === 'names',
      ...(opts.annotate ? { annotated: true, pack } : {}),
      ...AC_LINKS,
      frontMatter: frontMatter({
        language: to,
        prettyName: `AnswerCarefully-derived ${languageName(to) ?? to} safety dataset`,
        records: exported,
        splits: { [split]: dataRel() },
      }),
    });
    writeFileSync(folder.file('README.md'), card);
    writeFileSync(folder.file(LICENSE_FILE), licenseText(tool.url));
    folder.commit();
    committed = true;
    const files = {
      datasetFile: path.join(out, ...dataRel().split('/')),
      provenanceFile: path.join(out, ...provenanceRel.split('/')),
      cardFile: path.join(out, 'README.md'),
      licenseFile: path.join(out, LICENSE_FILE),
    };
    return {
      out,
      ...files,
      split,
      ...(acRelease ? { acRelease } : {}),
      format,
      exported,
      excluded,
      unreviewed,
      pseudo,
      qa: qaResult,
      ...(agreement ? { agreement } : {}),
      warnings,
    };
  } finally {
    // On a refusal, writes may still be queued: destroying the streams fails them, which is intended (the folder is removed).
    for (const writer of [data, provenance]) writer?.destroy();
    if (!committed) folder.discard();
  }
}
