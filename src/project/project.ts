/** A project folder: its config, its source items, and the state folded from its journal. */
import path from 'node:path';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { ProjectError, UsageError, DataError } from '../errors.js';
import { loadProfile, resolveMapping, mappingOverrides, type Profile } from '../dataset/profile.js';
import { validateSource, describeProblems } from '../dataset/validate.js';
import type { RoleMapping, SourceItem } from '../dataset/item.js';
import { readConfig, writeConfig, CONFIG_FILE, type ProjectConfig } from './config.js';
import { JOURNAL_DIR } from './journal.js';
import { foldAfterCheckpoint, foldJournal, journalMarks, CHECKPOINT_FILE, type CheckpointTail, type JournalFold } from './journal-fold.js';
import { JournalLines } from './journal-lines.js';
import type { SourceFormat } from '../dataset/read-records.js';
import { countState, summarise, type ItemState, type StateFolder, type StatusSummary } from './state.js';
import { checkLanguage, checkSourceLanguage } from './languages.js';
import { recordSourceTexts, SourceSnapshot, SOURCE_TEXTS_FILE } from './source-snapshot.js';
import { englishMissing, orphansExcluded } from './messages.js';
import {
  keyTextsRecorded,
  readSourceKeys,
  sourceFingerprint,
  sourceTextsFile,
  writeSourceKeys,
  SOURCE_KEYS_FILE,
  type CachedSourceKeys,
  type SourceKey,
} from './source-keys.js';
import { addedItems } from './new-items.js';
import { jsonlRecordStarts, LazySource } from './lazy-source.js';
import {
  baseKey,
  countStateDecision,
  stateDecisionCounts,
  readStatusCache,
  statusKey,
  writeStatusCache,
  STATUS_CACHE_FILE,
  LIST_CACHE_FILE,
  type StateDecisionCounts,
  type StatusBase,
  type StatusResult,
} from './status-cache.js';

export interface Project {
  dir: string;
  config: ProjectConfig;
  profile: Profile;
  mapping: RoleMapping;
  /** Absolute path of the source dataset. */
  sourcePath: string;
}

export function openProject(dir: string): Project {
  const abs = path.resolve(dir);
  const config = readConfig(abs);
  const profile = loadProfile(config.source.profile);
  return { dir: abs, config, profile, mapping: resolveMapping(profile, config.source.map ?? {}), sourcePath: path.resolve(abs, config.source.path) };
}

/**
 * The source items. `lazy`: when the source is a JSONL file unchanged since a full valid read whose keys and texts
 * are recorded, the items are made from the keys and each record is parsed when first read (lazy-source.ts), for
 * a session that shows a few items; else the source is read in full as without it.
 */
export async function loadItems(project: Project, options: { lazy?: boolean } = {}): Promise<SourceItem[]> {
  const known = cachedKeys(project);
  return (options.lazy ? lazyItems(project, known.cached) : undefined) ?? readSource(project, (item) => item, options.lazy, known);
}

function lazyItems(project: Project, cached: CachedSourceKeys | undefined): SourceItem[] | undefined {
  const starts = cached?.starts?.();
  if (!cached || !starts || !keyTextsRecorded(cached.texts, path.join(project.dir, SOURCE_TEXTS_FILE))) return undefined;
  return new LazySource(project.sourcePath, project.mapping, starts, project.dir).items(cached.keys);
}

/** The source's fingerprint and the keys cached under it (none when the source is missing or changed since they were). */
function cachedKeys(project: Project): { fingerprint: string | undefined; cached: CachedSourceKeys | undefined } {
  const fingerprint = existsSync(project.sourcePath) ? sourceFingerprint(project.sourcePath, project.mapping) : undefined;
  return { fingerprint, cached: fingerprint ? readSourceKeys(project.dir, fingerprint) : undefined };
}

/**
 * The source read (trusted when its keys are cached) and validated, keeping
 * `keep(item)` of each item; texts the snapshot lacks are recorded on the way.
 */
async function readSource<T extends SourceKey>(
  project: Project,
  keep: (item: SourceItem) => T,
  placeLines = false,
  known?: ReturnType<typeof cachedKeys>,
): Promise<T[]> {
  if (!existsSync(project.sourcePath)) {
    throw new ProjectError(
      `The project's source file ${project.sourcePath} is missing. Put it back, or edit source.path in ${path.join(project.dir, CONFIG_FILE)}.`,
    );
  }
  const { fingerprint, cached } = known ?? cachedKeys(project);
  const trusted = cached?.keys;
  const textsFile = path.join(project.dir, SOURCE_TEXTS_FILE);
  // The keys are written once their texts are recorded: a record read by its key needs no look-up in the snapshot while that holds.
  const keyTexts = trusted !== undefined && keyTextsRecorded(cached?.texts, textsFile);
  const kept: T[] = [];
  // The texts the snapshot lacks, found as the source streams by (only those are held).
  const snapshot = SourceSnapshot.lazy(project.dir);
  const unrecorded: SourceItem[] = [];
  let snapshotReadable = true;
  const report = await validateSource(project.sourcePath, project.mapping, {
    trusted,
    onItem: (item) => {
      kept.push(keep(item));
      // validateSource marks a key it read by (ValidateOptions.trusted): its ID in place of the key.
      if (keyTexts && typeof trusted[item.index] === 'string') return;
      try {
        if (snapshotReadable && !snapshot.has(item.sourceHash)) unrecorded.push(item);
      } catch {
        snapshotReadable = false;
      }
    },
  });
  if (!report.valid) throw new DataError(describeProblems(report), report.problems);
  // Before any event can be made against a new source text, keep that text: a later source change then has a diff to show.
  // Best effort: a read-only or locked project still loads; only that diff would be missing.
  const recorded =
    snapshotReadable &&
    (await recordSourceTexts(project.dir, unrecorded, snapshot).then(
      () => true,
      () => false,
    ));
  // Only once the texts are recorded may a later command skip reading this source (loadSourceKeys).
  if (recorded && fingerprint) {
    // For a session (`placeLines`), a JSONL source's record lines are placed too (one more pass over the file, when the
    // keys are written): the next session then reads only the records it shows. Other commands leave the places as they are.
    const starts = placeLines && report.format === 'jsonl' ? () => jsonlRecordStarts(project.sourcePath, kept.length) : undefined;
    writeSourceKeys(project.dir, fingerprint, kept, sourceTextsFile(textsFile), starts);
  }
  return kept;
}

/**
 * The source's item IDs and hashes: from cache/source-keys.jsonl when the
 * source is unchanged since a full read, else by reading it (keeping no texts).
 */
export async function loadSourceKeys(project: Project): Promise<SourceKey[]> {
  return trustedSourceKeys(project) ?? readSource(project, (item) => ({ id: item.id, sourceHash: item.sourceHash }));
}

/**
 * The keys of the last full valid read when the source is unchanged since
 * (its fingerprint matches): a read given them skips the schema and sha256 of
 * each record whose ID lines up (validateSource's `trusted`).
 */
export function trustedSourceKeys(project: Project): SourceKey[] | undefined {
  return cachedKeys(project).cached?.keys;
}

/** The source items (or keys) followed by the items the journal adds (`carefully add`). */
function withAddedItems<T extends Pick<SourceItem, 'id' | 'sourceHash'>>(source: readonly T[], folder: StateFolder): (T | SourceItem)[] {
  const events = folder.addedEvents();
  // No set of 100k IDs when nothing was added (most projects).
  const added = events.length === 0 ? [] : addedItems(events, source.length, new Set(source.map((i) => i.id)));
  return added.length === 0 ? [...source] : [...source, ...added];
}

export interface LoadedState {
  items: SourceItem[];
  states: Map<string, ItemState>;
  /** IDs with journal events that are no longer in the source. */
  orphans: string[];
  warnings: string[];
  /** Journal lines skipped on read (each has its warning). */
  skippedEvents: number;
}

function orphanWarning(orphans: readonly string[]): string[] {
  return orphans.length === 0 ? [] : [orphansExcluded(orphans)];
}

/**
 * States without the source items, for counts (`status`): reads the source only when it changed since the last
 * full read. Texts a fold from the checkpoint left in the journal are '' (StateFolder.state without texts).
 */
export async function loadStatesOnly(project: Project): Promise<Omit<LoadedState, 'items'>> {
  const { states, orphans, warnings, skippedEvents } = await foldStatesOnly(project);
  return { states, orphans, warnings: [...warnings, ...orphanWarning(orphans)], skippedEvents };
}

async function foldStatesOnly(project: Project) {
  const keys = await loadSourceKeys(project);
  // Compact (places, not texts): counts need no text, and 100k items' texts held made most of a cold status's GC.
  const { folder, warnings, skipped, ends } = foldJournal(project.dir, { places: new JournalLines(project.dir), lazyRows: true });
  // Counts only: texts left in the journal by a checkpoint are not read back.
  const { states, orphans } = folder.statesFor(withAddedItems(keys, folder), false);
  return { keys, states, orphans, warnings, skippedEvents: skipped, ends };
}

/** Past this many events after the journal checkpoint, `status` folds the whole journal rather than bring its count up to date. */
const MAX_STATUS_TAIL = 20_000;

/**
 * `status`'s summary: from cache/status.json when neither the journal nor the source changed since it was written; after
 * appends, the summary kept at the journal checkpoint brought up to date from the items the later events name; else from
 * a whole fold (status-cache.ts).
 */
export async function loadStatusSummary(project: Project): Promise<StatusResult> {
  const fingerprint = sourceFingerprint(project.sourcePath, project.mapping);
  // Taken before the fold: if the journal grows meanwhile, this key no longer matches it and the entry is never used.
  const { key, found } = cachedStatus(project, fingerprint);
  if (found) {
    const { summary, warnings, counts, from } = found;
    if (from) writeStatusCache(project.dir, { key: key!, summary, warnings, counts, base: from });
    return { summary, warnings };
  }
  const r = await foldStatesOnly(project);
  const orphanWarnings = orphanWarning(r.orphans);
  const result = { summary: summarise(r.states.values(), r.orphans, r.skippedEvents), warnings: [...r.warnings, ...orphanWarnings] };
  if (key === undefined) return result;
  const counts = stateDecisionCounts(r.states.values());
  // The summary at the checkpoint the fold went on from: the one now with the events after it counted out.
  const tail = foldAfterCheckpoint(project.dir, undefined, MAX_STATUS_TAIL);
  const sameRead = tail && sameEnds(tail.ends, r.ends);
  const atCheckpoint = sameRead ? recounted({ summary: result.summary, counts }, tail, r.keys, 'back') : undefined;
  const checkpoint = tail?.checkpoint;
  const kept = atCheckpoint && checkpoint ? { base: { checkpoint, key: baseKey(fingerprint!, checkpoint), ...atCheckpoint, orphanWarnings } } : {};
  writeStatusCache(project.dir, { key, ...result, counts, ...kept });
  return result;
}

/**
 * Items by state and decision (status-cache.ts StateDecisionCounts) of the source and added items, as the journal read
 * up to `ends` (a session's fold) gives them: from cache/status.json when it fits the source and that journal, or
 * brought up to date from the checkpoint as `status` does; else undefined (the journal is never folded for them).
 * `items`: the session's, which the items named after the checkpoint are looked up in (rather than the source keys read again).
 */
export function cachedStateCounts(project: Project, ends: ReadonlyMap<string, number>, items: readonly SourceKey[]): StateDecisionCounts | undefined {
  const { found } = cachedStatus(project, sourceFingerprint(project.sourcePath, project.mapping), journalMarks(project.dir), items);
  return found && sameEnds(found.ends, ends) ? found.counts : undefined;
}

interface CachedStatus {
  /** The key of the source and the journal now (undefined when the source is not a regular file: no cache then). */
  key: string | undefined;
  /**
   * The stored entry when its key fits, else the stored base brought up to date (`from`: that base); `ends`: the journal
   * bytes it stands for (the sizes the key was made of, or those the events after the checkpoint were read to).
   */
  found?: StatusResult & { counts: StateDecisionCounts; ends: ReadonlyMap<string, number>; from?: StatusBase };
}

/** cache/status.json's entry for the source `fingerprint` and the journal `marks` (status-cache.ts); `items`: as broughtUpToDate. */
function cachedStatus(project: Project, fingerprint: string | undefined, marks = journalMarks(project.dir), items?: readonly SourceKey[]): CachedStatus {
  const key = statusKey(project.dir, fingerprint, marks);
  const stored = key === undefined ? undefined : readStatusCache(project.dir);
  if (!stored) return { key };
  if (stored.key === key) {
    const { summary, warnings, counts } = stored;
    return { key, found: { summary, warnings, counts, ends: new Map(marks.map(([name, size]) => [name, size])) } };
  }
  const brought = stored.base && broughtUpToDate(project, stored.base, fingerprint!, items);
  return { key, ...(brought ? { found: { ...brought, from: stored.base } } : {}) };
}

function sameEnds(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): boolean {
  return a.size === b.size && [...a].every(([name, end]) => b.get(name) === end);
}

/**
 * The summary at the checkpoint with the items the events after it name counted again, or undefined when only a whole
 * fold gives the summary: another checkpoint or source, too many events, an undo or an added item after it, or a named
 * item no longer in the source (`items`, default the source's keys). `ends`: the journal's bytes read.
 */
function broughtUpToDate(
  project: Project,
  base: StatusBase,
  fingerprint: string,
  items?: readonly SourceKey[],
): (StatusResult & { counts: StateDecisionCounts; ends: ReadonlyMap<string, number> }) | undefined {
  if (base.key !== baseKey(fingerprint, base.checkpoint)) return undefined;
  const tail = foldAfterCheckpoint(project.dir, base.checkpoint, MAX_STATUS_TAIL);
  const keys = tail && (items ?? readSourceKeys(project.dir, fingerprint)?.keys);
  const now = tail && keys && recounted(base, tail, keys, 'on');
  return now
    ? { summary: { ...now.summary, skippedEvents: tail.skipped }, counts: now.counts, warnings: [...tail.warnings, ...base.orphanWarnings], ends: tail.ends }
    : undefined;
}

/**
 * `summary` and `counts` with the items the events after the checkpoint name counted again: their states at the
 * checkpoint taken out and those now put in (`on`), or the other way round (`back`). An item's state depends only on its
 * own events (state.ts). Undefined when a named item is not in the source (`keys`).
 */
function recounted(
  was: { summary: StatusSummary; counts: StateDecisionCounts },
  tail: CheckpointTail,
  keys: readonly SourceKey[],
  way: 'on' | 'back',
): { summary: StatusSummary; counts: StateDecisionCounts } | undefined {
  const named = keys.filter((k) => tail.named.has(k.id));
  if (named.length !== tail.named.size) return undefined;
  const { removed, skippedEvents, ...sum } = structuredClone(was.summary);
  const counts = { ...was.counts };
  const [out, into] = way === 'on' ? [tail.atCheckpoint, tail.now] : [tail.now, tail.atCheckpoint];
  for (const item of named) {
    const before = out.state(item, false);
    const after = into.state(item, false);
    countState(sum, before, -1);
    countStateDecision(counts, before, -1);
    countState(sum, after);
    countStateDecision(counts, after);
  }
  return { summary: { ...sum, removed, skippedEvents }, counts };
}

export async function loadState(project: Project): Promise<LoadedState> {
  const sourceItems = await loadItems(project);
  const { folder, warnings, skipped } = foldJournal(project.dir, { everyText: true });
  const items = withAddedItems(sourceItems, folder);
  const { states, orphans } = folder.statesFor(items);
  return { items, states, orphans, warnings: [...warnings, ...orphanWarning(orphans)], skippedEvents: skipped };
}

/**
 * State without keeping the source texts in memory, in one streaming pass
 * over the source: each item's state is folded as the item is read, and
 * `onItem` sees both (export computes its QA length statistics here rather
 * than reading the source again).
 */
export async function loadStateOnly(project: Project, onItem?: (item: SourceItem, state: ItemState) => void): Promise<Omit<LoadedState, 'items'>> {
  const states = new Map<string, ItemState>();
  // Every state is kept here, texts included: a compact fold would only read them back.
  const r = await foldWithSource(
    project,
    (item, state) => {
      states.set(item.id, state);
      onItem?.(item, state);
    },
    { keepTexts: true },
  );
  return { states, orphans: r.orphans, warnings: r.warnings, skippedEvents: r.skippedEvents };
}

export interface SourceFold {
  /** The folded journal: `folder.state(item)` gives an item's state again. */
  folder: StateFolder;
  /** Items met: the source's, then those the journal adds. */
  items: number;
  orphans: string[];
  warnings: string[];
  skippedEvents: number;
}

export interface FoldWithSourceOptions {
  /**
   * Called once the journal is folded, before the source is read (a caller may pick what to do per item from the fold).
   * Returning `{ release: true }` drops each item's fold once its `onItem` is done, so memory shrinks as the source is
   * read: the caller then must not ask the returned folder for a state again.
   */
  onFolded?: (fold: Pick<JournalFold, 'folder' | 'ends'>) => void | { release?: boolean };
  /** The source's format, as validateSource reports it. */
  onFormat?: (format: SourceFormat) => void;
  /**
   * Keep every text in the fold. By default the fold is compact: MT and edit texts stay in the journal and each
   * state reads its item's back (journal-lines.ts), which keeps the texts of 100k items out of memory.
   */
  keepTexts?: boolean;
  /** Checkpoint rows decoded as each item's state is asked for (foldJournal's `lazyRows`). */
  lazyRows?: boolean;
}

/**
 * The journal folded, then the source streamed once, each item with its state
 * (items added in the target language last, with no record), keeping no state per item:
 * what export and report use at 100k items, where a map of every state
 * would be most of their memory.
 */
export async function foldWithSource(
  project: Project,
  onItem: (item: SourceItem, state: ItemState, record?: unknown) => void | Promise<void>,
  options: FoldWithSourceOptions = {},
): Promise<SourceFold> {
  if (!existsSync(project.sourcePath)) await loadItems(project); // throws the missing-source message
  const { folder, warnings, skipped, ends } = foldJournal(
    project.dir,
    options.keepTexts ? { everyText: true } : { places: new JournalLines(project.dir), ...(options.lazyRows ? { lazyRows: true } : {}) },
  );
  const release = options.onFolded?.({ folder, ends })?.release === true;
  /** Folded IDs not (yet) met among the items: what is left are the orphans. */
  const unmet = new Set(folder.folds.keys());
  let items = 0;
  const report = await validateSource(project.sourcePath, project.mapping, {
    trusted: trustedSourceKeys(project),
    ...(options.onFormat ? { onFormat: options.onFormat } : {}),
    onItem: (item, record) => {
      items++;
      unmet.delete(item.id);
      const state = folder.state(item);
      // An ID both in the source and added by the journal keeps its fold: addedEvents() below must still see its `new` event.
      if (release && !folder.folds.get(item.id)?.added) folder.folds.delete(item.id);
      return onItem(item, state, record);
    },
  });
  if (!report.valid) throw new DataError(describeProblems(report), report.problems);
  // Items added in the target language (`carefully add`) follow the source items; an added ID already met is a source item's.
  const added = folder.addedEvents();
  for (const item of addedItems(added, items, new Set(added.map((e) => e.item).filter((id) => !unmet.has(id))))) {
    items++;
    unmet.delete(item.id);
    const state = folder.state(item);
    if (release) folder.folds.delete(item.id);
    await onItem(item, state);
  }
  const orphans = [...unmet];
  return { folder, items, orphans, warnings: [...warnings, ...orphanWarning(orphans)], skippedEvents: skipped };
}

/** Rebuildable files in cache/, each person's own (they hold source and journal text): kept out of git. */
const DERIVED_CACHE = [CHECKPOINT_FILE, `${SOURCE_TEXTS_FILE}.hashes`, SOURCE_KEYS_FILE, STATUS_CACHE_FILE, LIST_CACHE_FILE];

export interface InitOptions {
  dir: string;
  source: string;
  to: string;
  from?: string;
  /** A provider name (checked against the config schema's list). */
  provider?: string;
  profile?: string;
  map?: string[];
  localePack?: string;
  /** Register ID of reference answers; the caller checks it against the locale pack. */
  register?: string;
}

export interface InitResult {
  dir: string;
  config: ProjectConfig;
  records: number;
  warnings: number;
}

/** Validate the source, then create the project. Nothing is written if anything is wrong. */
export async function initProject(options: InitOptions): Promise<InitResult> {
  const dir = path.resolve(options.dir);
  if (existsSync(path.join(dir, CONFIG_FILE))) {
    throw new UsageError(`${dir} is already a carefully project (it has ${CONFIG_FILE}). Use another folder, or edit its ${CONFIG_FILE}.`);
  }
  const to = checkLanguage(options.to, '--to');
  const from = checkSourceLanguage(options.from ?? 'ja');
  const profile = loadProfile(options.profile);
  const mapping = resolveMapping(profile, options.map ?? []);
  const sourcePath = path.resolve(options.source);
  const snapshot: Pick<SourceItem, 'sourceHash' | 'question' | 'answer'>[] = [];
  const report = await validateSource(sourcePath, mapping, {
    onItem: (item) => {
      snapshot.push({ sourceHash: item.sourceHash, question: item.question, answer: item.answer });
      if (from === 'en' && (item.questionEn === undefined || item.answerEn === undefined)) {
        throw new DataError(englishMissing(sourcePath, item.index, item.id));
      }
    },
  });
  if (!report.valid) throw new DataError(describeProblems(report), report.problems);
  if (existsSync(dir) && !statSync(dir).isDirectory()) {
    throw new UsageError(`${dir} is a file, not a folder. Give a new or existing folder for the project.`);
  }
  const overrides = mappingOverrides(profile, mapping);
  const config: ProjectConfig = {
    version: 1,
    source: { path: path.relative(dir, sourcePath) || '.', profile: profile.name, ...(Object.keys(overrides).length ? { map: overrides } : {}) },
    languages: { from, to },
    provider: { name: options.provider ?? 'pseudo' },
    ...(options.localePack ? { localePack: options.localePack } : {}),
    ...(options.register ? { register: options.register } : {}),
  };
  mkdirSync(path.join(dir, JOURNAL_DIR), { recursive: true });
  writeFileSync(path.join(dir, JOURNAL_DIR, '.gitkeep'), '');
  // Lock files are transient; the cache and journal are meant to be committed. The
  // source snapshot is AnswerCarefully text, which must not end up in a public repository;
  // each person's wizard position (cache/cursor-<author>.json) is theirs alone.
  writeFileSync(
    path.join(dir, '.gitignore'),
    `*.lock\n${SOURCE_TEXTS_FILE.split(path.sep).join('/')}\ncache/cursor-*.json\n${DERIVED_CACHE.map((f) => `${f.split(path.sep).join('/')}\n`).join('')}`,
  );
  await writeConfig(dir, config);
  await recordSourceTexts(dir, snapshot);
  return { dir, config, records: report.records, warnings: report.warningCount };
}
