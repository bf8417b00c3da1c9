/**
 * The programmatic API of carefully: the CLI's pipeline as functions
 * (`import { openProject, translate, check, exportDataset } from 'carefully'`).
 *
 * Every function throws the CLI's typed errors: a {@link CarefullyError}
 * subclass whose `message` says what is wrong and what to do, and whose
 * `exitCode` is the code the CLI would exit with ({@link ExitCode}). File
 * system failures (a missing or unreadable file) arrive as `FileAccessError`,
 * also a CarefullyError. The CLI does not import this module.
 */
import { fileSystemError } from './fs-errors.js';
import { inspectFile as inspectDatasetFile, type InspectReport } from './dataset/inspect.js';
import { loadProfile, resolveMapping } from './dataset/profile.js';
import { validateSource, type ValidationReport } from './dataset/validate.js';
import type { RoleMapping } from './dataset/item.js';
import { resolveAuthor } from './project/author.js';
import { discoverProject } from './project/discover.js';
import {
  initProject as initProjectFolder,
  loadState,
  openProject as openProjectFolder,
  type InitOptions,
  type InitResult,
  type Project,
} from './project/project.js';
import { summarise, type StatusSummary } from './project/state.js';
import type { ProviderOptions } from './project/config.js';
import { translateProject, type TranslateProgress, type TranslateResult } from './translate/engine.js';
import { runProjectQa, type ProjectQaOptions, type ProjectQaResult } from './qa/run-project-qa.js';
import { openSession } from './adapt/open-session.js';
import { applyAnswers as applyAnswersFile, type AnswersSummary } from './adapt/answers-file.js';
import type { RawFilters } from './session/filters.js';
import { exportDataset as exportProject, type ExportOptions, type ExportResult } from './export/export.js';

export {
  ExitCode,
  CarefullyError,
  UsageError,
  ActionError,
  DataError,
  UnreadableFileError,
  ProjectError,
  ProviderError,
  ProviderAuthError,
  ProviderQuotaError,
  ProviderRateLimitError,
  ProviderUnavailableError,
  InterruptedError,
} from './errors.js';
export type { DataProblem, ExitCodeValue, RunProgress } from './errors.js';
export { FileAccessError } from './fs-errors.js';
export type {
  AnswersSummary,
  ExportResult,
  InitOptions,
  InitResult,
  InspectReport,
  Project,
  ProjectQaResult,
  ProviderOptions,
  RawFilters,
  RoleMapping,
  StatusSummary,
  TranslateProgress,
  TranslateResult,
  ValidationReport,
};
export type { ProjectConfig } from './project/config.js';
export type { ItemFinding, Severity } from './qa/types.js';

/** A project, or the path of its folder. */
export type ProjectRef = Project | string;

/** Raw file system errors become FileAccessError, as the CLI reports them. */
async function typed<T>(work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    throw fileSystemError(e) ?? e;
  }
}

const projectOf = (ref: ProjectRef): Project => (typeof ref === 'string' ? openProjectFolder(ref) : ref);

/**
 * Open the project in `dir` (a folder holding carefully.json).
 * With `discover: true`, `dir` may be any folder inside the project: the
 * nearest folder from there up with carefully.json is opened, as the CLI does
 * without `--project`.
 * @throws ProjectError when there is no project there (or above, with `discover`) or its config is invalid.
 */
export function openProject(dir: string, options: { discover?: boolean } = {}): Promise<Project> {
  return typed(() => openProjectFolder(options.discover ? discoverProject(dir) : dir));
}

/**
 * Create a project folder (`carefully init`): validates the source first and
 * writes nothing if anything is wrong.
 * @throws DataError when the source has invalid records; UsageError for a bad language or an existing project.
 */
export function initProject(options: InitOptions): Promise<InitResult> {
  return typed(() => initProjectFolder(options));
}

/** A dataset file's format, fields, likely roles (with the mapping to pass), taxonomy labels and duplicate IDs (`carefully inspect`). */
export function inspectFile(file: string): Promise<InspectReport> {
  return typed(() => inspectDatasetFile(file));
}

/**
 * Validate a dataset file against a profile's schema (`carefully validate`).
 * Invalid records are reported (`valid: false`, `problems` naming record and
 * field), not thrown; an unreadable file throws.
 * @param options.profile field profile (default `answercarefully`); `map` overrides roles, e.g. `['questionEn=text_en']`.
 */
export function validateFile(file: string, options: { profile?: string; map?: readonly string[] | Record<string, string> } = {}): Promise<ValidationReport> {
  return typed(() => {
    const profile = loadProfile(options.profile);
    return validateSource(file, resolveMapping(profile, options.map ?? []), { schema: profile.schema });
  });
}

/** Items by state and decision (`carefully status --json`). */
export function status(project: ProjectRef): Promise<StatusSummary> {
  return typed(async () => {
    const { states, orphans, skippedEvents } = await loadState(projectOf(project));
    return summarise(states.values(), orphans, skippedEvents);
  });
}

export interface TranslateOptions {
  /** Recorded in the journal; default: CAREFULLY_AUTHOR, git user.name or the OS user. */
  author?: string;
  /** Overrides the project's provider (`pseudo`, `deepl`, `google-v2`, ...). */
  provider?: string;
  /** Merged over the project's provider options. */
  options?: ProviderOptions;
  /** Where API keys are read (DEEPL_AUTH_KEY, ...); default: process.env. */
  env?: Record<string, string | undefined>;
  /** Plan only: items, segments, characters and estimated cost; nothing is sent. */
  dryRun?: boolean;
  /** Translate at most this many items, in source order. */
  limit?: number;
  /** Stops the run cleanly; what was received is saved. */
  signal?: AbortSignal;
  onProgress?: (progress: TranslateProgress) => void;
}

/**
 * Machine-translate every item not translated yet (`carefully translate`).
 * Safe to rerun: cached texts are never sent or billed again.
 * @throws ProviderError (auth, quota, network) after saving what was received; `progress` says what is left.
 */
export function translate(project: ProjectRef, options: TranslateOptions = {}): Promise<TranslateResult> {
  return typed(() => {
    const env = options.env ?? process.env;
    const { author, env: _env, options: providerOptions, ...rest } = options;
    return translateProject({
      ...rest,
      project: projectOf(project),
      author: resolveAuthor(author, env),
      env,
      ...(providerOptions ? { options: providerOptions } : {}),
    });
  });
}

/**
 * Apply a scripted answers file (JSONL: `{"id", "decision", "rationale", "question", "answer", "checklist", "flag"}`
 * per line), as `carefully adapt --answers FILE`. Every line is checked first;
 * nothing is written if one is wrong.
 * @throws DataError listing every bad line (file, line, ID, field).
 */
export function applyAnswers(project: ProjectRef, file: string, options: { author?: string; filters?: RawFilters } = {}): Promise<AnswersSummary> {
  return typed(async () => {
    const dir = typeof project === 'string' ? project : project.dir;
    const author = resolveAuthor(options.author, process.env);
    const { session, writer } = await openSession({ project: dir, author, ...(options.filters ? { filters: options.filters } : {}) });
    return applyAnswersFile(file, session, writer);
  });
}

/**
 * Run the QA checks on every item with target text (`carefully check`).
 * Findings are returned, not thrown: `counts.error > 0` is what makes the CLI exit 1.
 */
export function check(project: ProjectRef, options: ProjectQaOptions = {}): Promise<ProjectQaResult> {
  return typed(() => runProjectQa(projectOf(project), options));
}

/**
 * Write the derived dataset (same schema as the source), provenance.jsonl and
 * the dataset card to `options.out` (`carefully export`). Only approved items
 * unless `includeUnreviewed`.
 * @throws DataError when export is refused (leak guard, conflicts, QA errors with `failOnQa`).
 */
export function exportDataset(project: ProjectRef, options: Omit<ExportOptions, 'project'>): Promise<ExportResult> {
  return typed(() => exportProject({ ...options, project: projectOf(project) }));
}
