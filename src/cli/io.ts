/**
 * What a CLI run may touch of the outside world, passed in by bin/carefully.js
 * (the real process) or by a test (captured streams, its own env and cwd), so
 * commands never reach for `process` themselves.
 */
import path from 'node:path';
import type { RetryPolicy } from '../translate/retry.js';
import type { Printer } from './output.js';

export type OutStream = NodeJS.WritableStream & { isTTY?: boolean; columns?: number; rows?: number };
export type InStream = NodeJS.ReadableStream & { isTTY?: boolean };

export interface CliIo {
  stdout: OutStream;
  stderr: OutStream;
  /** Read by the wizards only; absent means "not a terminal". */
  stdin?: InStream;
  env: Record<string, string | undefined>;
  /** Relative paths on the command line are relative to this folder. */
  cwd: string;
  /** Ctrl-C, from bin/carefully.js (absent in tests that run main() in process). */
  interrupts?: Interrupts;
}

/**
 * A command that must save work on Ctrl-C takes it over for its duration: the
 * first press aborts `stop`, the second `force`, a third ends the process at
 * once. Without a taker, Ctrl-C ends the process at once (exit 130).
 */
export interface Interrupts {
  take(): TakenInterrupts;
}

export interface TakenInterrupts {
  stop: AbortSignal;
  force: AbortSignal;
  /** Give Ctrl-C back (its default: end the process). */
  release(): void;
}

/** Knobs a test may inject; the real CLI uses the defaults. */
export interface CliOptions {
  /** Retry policy for provider requests (default: DEFAULT_RETRY in translate/retry.ts). */
  retry?: RetryPolicy;
}

/** Everything a command's run() gets besides its parsed options. */
export interface CommandContext {
  io: CliIo;
  out: Printer;
  options: CliOptions;
}

/**
 * A command-line path as the file system calls should see it. File system
 * calls resolve relative paths against process.cwd(); when the run's cwd is
 * that folder (the real CLI), the path is kept as typed, so messages show it
 * as the user wrote it.
 */
export function resolveFrom(cwd: string, p: string): string {
  if (path.isAbsolute(p) || path.resolve(cwd) === process.cwd()) return p;
  return path.resolve(cwd, p);
}
