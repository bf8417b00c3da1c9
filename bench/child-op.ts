/**
 * The child side of the scale benchmarks: one operation in a fresh process
 * (a bare JSONL parse, the baseline; or a carefully command run in process
 * with its output discarded), timed, with its peak RSS.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { median, relativeSpread } from './report.js';

export interface Figure {
  ms: number;
  maxRssMB: number;
  /** For a median: the runs' relative spread of ms (report.ts relativeSpread). */
  spread?: number;
}

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const HERE = fileURLToPath(import.meta.url);

const sink = () =>
  new Writable({
    write(_chunk, _encoding, callback) {
      callback();
    },
  });

/** Records in a JSONL file, each parsed: the baseline every scale figure is compared with. */
export async function parseJsonl(file: string): Promise<number> {
  let n = 0;
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    if (line.trim() === '') continue;
    JSON.parse(line);
    n++;
  }
  if (n === 0) throw new Error(`empty source: ${file}`);
  return n;
}

/** `carefully <args>` in this process, output discarded; throws on an exit code above 1. */
export async function runCli(args: string[]): Promise<void> {
  const { main } = await import('../src/cli/main.js');
  const code = await main(args, { stdout: sink(), stderr: sink(), env: { ...process.env, CAREFULLY_AUTHOR: 'bench', NO_COLOR: '1' }, cwd: REPO });
  if (code > 1) throw new Error(`carefully ${args.join(' ')} exited ${code}`);
}

/** Prints the figure of the operation started at `started` (performance.now()) for the parent to read. */
export function printFigure(started: number, ms = performance.now() - started): void {
  const figure: Figure = { ms, maxRssMB: process.resourceUsage().maxRSS / 1024 };
  process.stdout.write(JSON.stringify(figure));
}

/** `parse FILE` or `cli ARGS...` in a fresh process (this module run as a script): its time and peak RSS. */
export function inChild(op: 'parse' | 'cli', args: string[]): Figure {
  const r = spawnSync(process.execPath, [HERE, op, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${op} ${args.join(' ')} failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Figure;
}

/** Median time and median peak RSS of `runs` runs of `f`, with the spread of the times. */
export function medianFigure(runs: number, f: () => Figure): Figure {
  const all = Array.from({ length: runs }, f);
  const ms = all.map((x) => x.ms);
  return { ms: median(ms), maxRssMB: median(all.map((x) => x.maxRssMB)), spread: relativeSpread(ms) };
}

if (process.argv[1] === HERE) {
  const [op, ...args] = process.argv.slice(2);
  const started = performance.now();
  if (op === 'parse') await parseJsonl(args[0]!);
  else await runCli(args);
  printFigure(started);
}
