/**
 * The child side of the scale benchmarks: one operation in a fresh process
 * (a bare JSONL parse, the baseline; or a carefully command run in process
 * with its output discarded), timed, with its peak RSS.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';

export interface Figure {
  ms: number;
  maxRssMB: number;
}

const REPO = fileURLToPath(new URL('../../', import.meta.url));

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
