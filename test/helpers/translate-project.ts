/** A project wired to a fake provider, a spawned CLI, and what a translation run left on disk. */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { initProject } from '../../src/project/project.js';
import type { ProjectConfig } from '../../src/project/config.js';
import { FAKE_KEYS, type FakeServer } from '../fakes/index.js';
import { BIN, REPO, type CliResult } from './cli.js';
import { ENV } from './provider-env.js';
import type { FixtureRecord, TempDir } from './fixtures.js';

/** Whatever the developer's shell holds, the CLI sees only what a test gives it. */
export const CLEAN_ENV: Record<string, string | undefined> = Object.fromEntries(Object.values(ENV).map((k) => [k, undefined]));

export function deeplEnv(fake: FakeServer): Record<string, string> {
  return { [ENV.deeplKey]: FAKE_KEYS.deepl, [ENV.deeplServer]: fake.url };
}

export function openaiEnv(fake: FakeServer): Record<string, string> {
  return { [ENV.openaiBase]: fake.url, [ENV.openaiModel]: 'fake-model', [ENV.openaiKey]: FAKE_KEYS.openai };
}

export async function makeProject(
  tmp: TempDir,
  name: string,
  provider: ProjectConfig['provider']['name'],
  records: readonly FixtureRecord[],
  edit: (c: ProjectConfig) => void = () => {},
): Promise<string> {
  const dir = tmp.join(name);
  await initProject({ dir, source: tmp.json(`${name}-src.json`, records), to: 'ko', provider });
  const file = path.join(dir, 'carefully.json');
  const config = JSON.parse(readFileSync(file, 'utf8')) as ProjectConfig;
  edit(config);
  writeFileSync(file, JSON.stringify(config, null, 2));
  return dir;
}

export interface MtLine {
  type: string;
  item: string;
  question: string;
  answer: string;
}

/** mt events of the journal; every line must be whole JSON and every mt event carry both texts. */
export function mtEvents(dir: string, author = 'tester'): MtLine[] {
  const file = path.join(dir, 'journal', `${author}.jsonl`);
  if (!existsSync(file)) return [];
  const raw = readFileSync(file, 'utf8');
  const lines = raw.split('\n');
  if (!raw.endsWith('\n')) lines.pop(); // a torn last line (SIGKILL mid-write) is what readers skip
  const mt = lines
    .filter((l) => l !== '')
    .map((l, i) => {
      try {
        return JSON.parse(l) as MtLine;
      } catch {
        return assert.fail(`journal line ${i + 1} is not a whole JSON event: ${l}`);
      }
    })
    .filter((e) => e.type === 'mt');
  for (const e of mt) assert.ok(e.question && e.answer, `mt event for ${e.item} has both texts`);
  return mt;
}

/** Source texts in the cache file (keys are hashes, so the fake's deterministic output is matched instead). */
export function cachedTranslations(dir: string): Set<string> {
  const file = path.join(dir, 'cache', 'translations.jsonl');
  if (!existsSync(file)) return new Set();
  const out = new Set<string>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    try {
      out.add((JSON.parse(line) as { t: string }).t);
    } catch {
      // torn last line
    }
  }
  return out;
}

export interface Running {
  child: ChildProcess;
  done: Promise<CliResult & { signal: NodeJS.Signals | null }>;
}

/** The real bin/carefully.js in a child process: for signals and kills. */
export function spawnCli(args: string[], env: Record<string, string | undefined> = {}): Running {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: REPO,
    env: { ...process.env, ...CLEAN_ENV, CAREFULLY_AUTHOR: 'tester', NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<CliResult & { signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code: code ?? -1, signal, stdout, stderr })),
  );
  return { child, done };
}

export async function waitFor(what: string, predicate: () => boolean, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}
