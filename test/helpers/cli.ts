/** Run the CLI: in this process through main() (run), or as the real bin/carefully.js in a child process (cli, cliAsync). */
import { spawnSync, spawn } from 'node:child_process';
import { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { main, type CliOptions } from '../../src/cli/main.js';
import type { RetryPolicy } from '../../src/translate/retry.js';

export const BIN = fileURLToPath(new URL('../../../bin/carefully.js', import.meta.url));
export const REPO = fileURLToPath(new URL('../../../', import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  /** Added to this process's environment (a key set to undefined is removed), after CAREFULLY_AUTHOR=tester, NO_COLOR=1 and CAREFULLY_LANG=en (the tests read English whatever LANG is). */
  env?: Record<string, string | undefined>;
  /** Test knobs passed to main() (e.g. a short retry policy). */
  options?: CliOptions;
}

/** Retries as in real use, but a few milliseconds apart, for provider failure tests. */
export const FAST_RETRY: RetryPolicy = { maxRetries: 5, baseDelayMs: 5, maxDelayMs: 30_000 };

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: () => void): void {
    this.text += chunk.toString();
    callback();
  }
}

/** Run main() in this process with captured output: same defaults and result as cli(). */
export async function run(args: string[], opts: RunOptions = {}): Promise<CliResult> {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await main(
    args,
    {
      stdout,
      stderr,
      stdin: Readable.from([]),
      env: { ...process.env, CAREFULLY_AUTHOR: 'tester', NO_COLOR: '1', CAREFULLY_LANG: 'en', ...opts.env },
      cwd: opts.cwd ?? REPO,
    },
    opts.options,
  );
  return { code, stdout: stdout.text, stderr: stderr.text };
}

export function cli(args: string[], opts: { cwd?: string; env?: Record<string, string | undefined>; input?: string } = {}): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? REPO,
    env: { ...process.env, CAREFULLY_AUTHOR: 'tester', NO_COLOR: '1', CAREFULLY_LANG: 'en', ...opts.env },
    input: opts.input ?? '',
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Async variant, for tests that run a fake server in this process. */
export function cliAsync(args: string[], opts: { cwd?: string; env?: Record<string, string | undefined> } = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: opts.cwd ?? REPO,
      env: { ...process.env, CAREFULLY_AUTHOR: 'tester', NO_COLOR: '1', CAREFULLY_LANG: 'en', ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
