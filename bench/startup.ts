/**
 * Benchmark: start-up (issue #11, item 6). Whole `carefully` processes on this
 * machine, interleaved so load changes hit all three alike: `node -e 0`,
 * `carefully --help` and `carefully status` on a 24-item project
 * (scale-data.ts). Medians of BENCH_RUNS runs (at least 7); wall time, with
 * the CPU time each process used (less moved by other load) in the notes.
 * Target: status <= 1.5x --help. Run: node dist/bench/startup.js.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSource, makeProject } from './scale-data.js';
import { benchRuns, median, relativeSpread, reportRow, type BenchRow } from './report.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const BIN = path.join(REPO, 'bin', 'carefully.js');
const RUNS = benchRuns(7);

interface Run {
  wallMs: number;
  cpuMs: number;
}

/** One whole process: wall time seen from here, CPU time from a preload that reports it at exit. */
function timed(probe: string, args: string[]): Run {
  const started = performance.now();
  const r = spawnSync(process.execPath, ['--require', probe, ...args], { cwd: REPO, encoding: 'utf8', env: { ...process.env, CAREFULLY_AUTHOR: 'bench' } });
  const wallMs = performance.now() - started;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return { wallMs, cpuMs: Number(/BENCH_CPU_US=(\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1000 };
}

const ms = (x: number) => `${x.toFixed(0)} ms`;

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'carefully-bench-startup-'));
  try {
    const probe = path.join(dir, 'cpu-probe.cjs');
    writeFileSync(probe, "process.on('exit', () => { const u = process.cpuUsage(); process.stderr.write('BENCH_CPU_US=' + (u.user + u.system) + '\\n'); });\n");
    const project = await makeProject(dir, await generateSource(dir, 24), 24);
    const cases = { node: ['-e', '0'], help: [BIN, '--help'], status: [BIN, 'status', '--project', project] } as const;
    const runs: Record<keyof typeof cases, Run[]> = { node: [], help: [], status: [] };
    timed(probe, [...cases.status]); // the first status writes the project's derived caches, as any later one finds them
    for (let i = 0; i < RUNS; i++) for (const k of Object.keys(cases) as (keyof typeof cases)[]) runs[k].push(timed(probe, [...cases[k]]));
    const wall = (k: keyof typeof cases) => median(runs[k].map((r) => r.wallMs));
    const cpu = (k: keyof typeof cases) => median(runs[k].map((r) => r.cpuMs));
    const spread = (k: keyof typeof cases) => relativeSpread(runs[k].map((r) => r.wallMs));
    const rows: BenchRow[] = [
      {
        what: '--help',
        now: ms(wall('help')),
        baseline: `node -e 0 ${ms(wall('node'))}`,
        ratio: wall('help') / wall('node'),
        target: 3,
        noise: Math.max(0.1, spread('help') + spread('node')),
        note: `whole process, interleaved, median of ${RUNS}; CPU ${ms(cpu('help'))} vs ${ms(cpu('node'))} = ${(cpu('help') / cpu('node')).toFixed(2)}x`,
      },
      {
        what: 'status, 24-item project',
        now: ms(wall('status')),
        baseline: `--help ${ms(wall('help'))}`,
        ratio: wall('status') / wall('help'),
        target: 1.5,
        noise: Math.max(0.1, spread('status') + spread('help')),
        note:
          `whole process, interleaved with --help and node -e 0 (${ms(wall('node'))}), median of ${RUNS}; ` +
          `CPU ${ms(cpu('status'))} vs ${ms(cpu('help'))} = ${(cpu('status') / cpu('help')).toFixed(2)}x`,
      },
    ];
    console.log(`start-up, whole processes, medians of ${RUNS} interleaved runs`);
    for (const k of Object.keys(cases) as (keyof typeof cases)[]) {
      console.log(`  ${k.padEnd(7)} wall ${ms(wall(k)).padStart(7)} (runs ${runs[k].map((r) => r.wallMs.toFixed(0)).join(' ')}), CPU ${ms(cpu(k))}`);
    }
    for (const r of rows) {
      reportRow(r);
      console.log(`  ${r.what}: ${r.now} vs ${r.baseline} = ${r.ratio.toFixed(2)}x (target <= ${r.target}x)`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
