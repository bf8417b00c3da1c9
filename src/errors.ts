/**
 * The error family every stage throws. The CLI's single top-level catch maps
 * these to an exit code and prints `message` (one paragraph saying what is wrong
 * and what to do); stack traces are only printed for errors outside this family.
 */

import { t } from './i18n.js';

/** Documented exit codes (README "Exit codes"). */
export const ExitCode = {
  ok: 0,
  /** The data is invalid, a check found errors, or export refused. */
  invalidData: 1,
  /** Wrong usage, unreadable file, unknown language, missing project. */
  usage: 2,
  /** A translation provider refused or failed (auth, quota, network). */
  provider: 3,
  /** A bug in carefully: the message carries the stack trace to report. */
  internal: 70,
  /** Busy: another carefully process holds the project or file lock (EX_TEMPFAIL); try again later or use --wait. */
  busy: 75,
  /** Interrupted by the user (Ctrl-C); work done so far is saved. */
  interrupted: 130,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export class CarefullyError extends Error {
  readonly exitCode: ExitCodeValue;
  constructor(message: string, exitCode: ExitCodeValue, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.exitCode = exitCode;
  }
}

/** Bad command-line usage, a missing/unreadable file or folder, an unknown language. */
export class UsageError extends CarefullyError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, ExitCode.usage, options);
  }
}

/**
 * An action a session refuses as given (a decision without its rationale, an
 * unknown checklist question, a verdict on one's own work...). `field` names
 * what is wrong, as a scripted answers file reports it; the wizard shows the
 * message and stays on the item.
 */
export class ActionError extends UsageError {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

/** One problem found in input data, located precisely. */
export interface DataProblem {
  file: string;
  /** 0-based record index, when known. */
  index?: number;
  /** 1-based line number, when known. */
  line?: number;
  /** 1-based row number (Parquet), when known. */
  row?: number;
  /** The record's ID, when it could be read. */
  id?: string;
  /** Field path (dotted), when the problem is about one field. */
  field?: string;
  message: string;
}

export function formatProblem(p: DataProblem): string {
  const where: string[] = [p.file];
  if (p.line !== undefined) where.push(t('errors.where.line', { line: p.line }));
  if (p.row !== undefined) where.push(t('errors.where.row', { row: p.row }));
  if (p.index !== undefined) where.push(t('errors.where.record', { index: p.index }));
  if (p.id !== undefined) where.push(t('errors.where.id', { id: JSON.stringify(p.id) }));
  if (p.field !== undefined) where.push(t('errors.where.field', { field: p.field }));
  return `${where.join(', ')}: ${p.message}`;
}

/** How many entries a problem list shows before "... and N more". */
export const LISTED_PROBLEMS = 20;

/**
 * "  - entry" lines for the first `max` entries, then "  ... and N more" when
 * `total` (default: entries.length; larger when the caller kept only some)
 * exceeds what is shown. `more` follows the count ("(run X to see them all)").
 */
export function listEntries(entries: readonly string[], options: { max?: number; total?: number; bullet?: string; more?: string } = {}): string[] {
  const { max = LISTED_PROBLEMS, total = entries.length, bullet = '  - ', more } = options;
  const lines = entries.slice(0, max).map((e) => `${bullet}${e}`);
  if (total > lines.length) lines.push(`  ... and ${total - lines.length} more${more ? ` ${more}` : ''}`);
  return lines;
}

/** Input data that cannot be used: broken JSON, wrong schema, duplicate IDs. */
export class DataError extends CarefullyError {
  readonly problems: DataProblem[];
  constructor(message: string, problems: DataProblem[] = [], options?: { cause?: unknown }) {
    super(message, ExitCode.invalidData, options);
    this.problems = problems;
  }

  /**
   * A DataError whose message is `summary`, then one line per problem (the
   * first `max`, then "... and N more"), then `advice` when given.
   */
  static listing(summary: string, problems: DataProblem[], options: { max?: number; format?: (p: DataProblem) => string; advice?: string } = {}): DataError {
    const lines = listEntries(problems.map(options.format ?? formatProblem), options.max === undefined ? {} : { max: options.max });
    return new DataError([summary, ...lines, ...(options.advice ? [options.advice] : [])].join('\n'), problems);
  }
}

/** A file that is not readable as text/JSON at all (exit 2, like a missing file). */
export class UnreadableFileError extends CarefullyError {
  readonly problem: DataProblem;
  constructor(problem: DataProblem, hint: string) {
    super(`${formatProblem(problem)}. ${hint}`, ExitCode.usage);
    this.problem = problem;
  }
}

/** The project folder is missing, not a project, or its config is broken. */
export class ProjectError extends CarefullyError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, ExitCode.usage, options);
  }
}

/** Where a translation run stood when it stopped: items translated and saved in this run, and items left. */
export interface RunProgress {
  saved: number;
  remaining: number;
}

/**
 * A translation provider failed. `retryable` says whether the engine may try the
 * same request again; `stopRun` errors (auth, quota) end the run cleanly after
 * saving what was received.
 */
export class ProviderError extends CarefullyError {
  readonly provider: string;
  readonly retryable: boolean;
  /** Seconds the provider asked us to wait (Retry-After), if any. */
  readonly retryAfterSeconds: number | undefined;
  /**
   * Set by the engine when the error ended a run: what was saved and what is
   * left, so the caller can say how to resume (the message itself says what failed).
   */
  progress: RunProgress | undefined;
  constructor(provider: string, message: string, opts: { retryable?: boolean; retryAfterSeconds?: number; cause?: unknown } = {}) {
    super(message, ExitCode.provider, { cause: opts.cause });
    this.provider = provider;
    this.retryable = opts.retryable ?? false;
    this.retryAfterSeconds = opts.retryAfterSeconds;
  }
}

/** The key is missing or was rejected (401/403). Never retried. */
export class ProviderAuthError extends ProviderError {}
/** The account's character quota is used up (DeepL 456, Google quota). Never retried. */
export class ProviderQuotaError extends ProviderError {}
/** Too many requests (429); retried after Retry-After or with backoff. */
export class ProviderRateLimitError extends ProviderError {
  constructor(provider: string, message: string, retryAfterSeconds?: number, cause?: unknown) {
    super(provider, message, { retryable: true, ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }), cause });
  }
}
/** 5xx, reset connections, timeouts: retried a bounded number of times. */
export class ProviderUnavailableError extends ProviderError {
  constructor(provider: string, message: string, cause?: unknown) {
    super(provider, message, { retryable: true, cause });
  }
}

/**
 * The provider answered, but not with one translation per text (a model that
 * chats, drops or merges items). The engine splits the batch instead of asking
 * the same thing again; retryable for callers that do retry.
 */
export class ProviderReplyError extends ProviderUnavailableError {}

/** The user pressed Ctrl-C; what was done is saved. */
export class InterruptedError extends CarefullyError {
  constructor(message = 'Interrupted. Everything completed so far is saved; run the same command again to resume.') {
    super(message, ExitCode.interrupted);
  }
}

/** Who holds a lock: written into the lock file by the process that took it. */
export interface LockHolder {
  pid: number;
  host: string;
  /** ISO time the lock was taken. */
  since: string;
  /** ISO time the holding process started (tells a reused PID from the holder). */
  processStarted: string;
  /** What holds it, e.g. "carefully translate". */
  command: string;
}

/** Another live carefully process holds a lock this command needs (exit 75). */
export class BusyError extends CarefullyError {
  constructor(
    message: string,
    readonly lockFile: string,
    readonly holder: LockHolder | undefined,
  ) {
    super(message, ExitCode.busy);
  }
}
