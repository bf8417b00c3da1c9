/**
 * `npm run bench`: runs every benchmark (every bench/*.ts but the helpers) in
 * its own process, each even when an earlier one fails, then prints ONE table:
 * every row of issue #11's table (in its order, "not measured" where no bench
 * reported it), then the other rows, each figure beside the baseline measured
 * alongside, the ratio, the target, the noise margin and the verdict: "met",
 * "~" (above the target by less than the noise margin: timings on a shared
 * machine move by about that much between runs) or "MISSED". Exits 1 when a
 * benchmark failed or a row missed its target.
 *
 * BENCH_ONLY=name[,name]: only the bench files whose name contains one of them
 * (e.g. BENCH_ONLY=startup). BENCH_RUNS=n: runs per figure (at least 5; report.ts benchRuns).
 * BENCH_TIMEOUT_MIN: minutes one bench file may take before it is stopped (default 30).
 * The scale data (scale-data.ts) is generated once per run into a fresh folder
 * shared by the bench files, unless BENCH_DATA_DIR names one to keep.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchRow } from './report.js';

/** The noise margin of a row that states none. */
const NOISE = 0.1;
const here = path.dirname(fileURLToPath(import.meta.url));
/** Modules of bench/ that are not benchmarks. */
const HELPERS = new Set(['run.js', 'report.js', 'scale-data.js', 'child-op.js', 'export-floor.js']);

/** Issue #11's table, row by row, and which reported rows measure each (by their `what`). */
const ISSUE_ROWS: { row: string; what: RegExp }[] = [
  { row: 'translate, DeepL with context (default)', what: /^translate, DeepL packed context|^translate, deepl, packed/i },
  { row: 'translate, DeepL without context, whole CLI process', what: /^translate, DeepL --context off, whole CLI process/i },
  { row: 'check 100k', what: /^check 100k/ },
  { row: 'export 100k', what: /^export 100k/ },
  { row: 'status 100k', what: /^status 100k/ },
  { row: 'adapt first screen 100k', what: /^adapt first screen/ },
  { row: 'list --json 100k', what: /^list --json/ },
  { row: 'wizard keypress -> next screen, 100k', what: /keypress/ },
  { row: 'status on a 24-item project', what: /^status, 24-item/ },
  { row: '--help (beside node -e 0)', what: /^--help/ },
  { row: 'growth 10k -> 100k', what: /faster than linearly|10k -> 100k/ },
];

/**
 * CPU seconds used by the finished child processes of this one (Linux /proc; undefined elsewhere).
 * Beside the wall time it shows how much of a run was waiting for a loaded machine.
 */
function childCpuSeconds(): number | undefined {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // from field 3 (state) on
    return (Number(fields[13]) + Number(fields[14])) / 100; // cutime + cstime, in USER_HZ (100 on Linux)
  } catch {
    return undefined;
  }
}

interface Reported extends BenchRow {
  bench: string;
}

export function selectBenches(files: readonly string[], only: string | undefined): string[] {
  const names = files.filter((f) => f.endsWith('.js') && !HELPERS.has(f)).sort();
  const wanted = (only ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return wanted.length === 0 ? names : names.filter((f) => wanted.some((w) => f.replace(/\.js$/, '').includes(w)));
}

export function verdict(r: BenchRow): string {
  return r.ratio <= r.target ? 'met' : r.ratio <= r.target * (1 + (r.noise ?? NOISE)) ? '~' : 'MISSED';
}

/** The summary table: the issue's rows in order (each with the rows measuring it), then the others. */
export function summaryTable(rows: readonly Reported[], missing: (issueRow: string) => string): string[] {
  const head = ['what', 'now', 'baseline', 'ratio', 'target', 'noise', 'verdict', 'bench', 'how'];
  const cells: string[][] = [];
  const cellsOf = (r: Reported, indent: string) => [
    `${indent}${r.what}`,
    r.now,
    r.baseline,
    `${r.ratio.toFixed(2)}x`,
    `<= ${r.target}x`,
    `${Math.round((r.noise ?? NOISE) * 100)}%`,
    verdict(r),
    r.bench,
    r.note ?? '',
  ];
  const used = new Set<Reported>();
  ISSUE_ROWS.forEach(({ row, what }, i) => {
    const matching = rows.filter((r) => !used.has(r) && what.test(r.what));
    cells.push([`#11.${i + 1} ${row}`, ...(matching.length === 0 ? ['', '', '', '', '', missing(row)] : [])]);
    for (const r of matching) {
      used.add(r);
      cells.push(cellsOf(r, '  '));
    }
  });
  const others = rows.filter((r) => !used.has(r));
  if (others.length > 0) cells.push(['other rows']);
  for (const r of others) cells.push(cellsOf(r, '  '));
  const widths = head.map((h, i) => Math.max(h.length, ...cells.filter((c) => c.length > 1).map((c) => (c[i] ?? '').length)));
  const line = (c: string[]) =>
    c.length === 1
      ? c[0]!
      : c
          .map((x, i) => (i === 0 || i >= 6 ? x.padEnd(widths[i]!) : x.padStart(widths[i]!)))
          .join('  ')
          .trimEnd();
  return [line(head), ...cells.map(line)];
}

function readRows(file: string, bench: string): Reported[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => ({ ...(JSON.parse(l) as BenchRow), bench: bench.replace(/\.js$/, '') }));
}

function main(): void {
  const benches = selectBenches(readdirSync(here), process.env.BENCH_ONLY);
  const work = mkdtempSync(path.join(tmpdir(), 'carefully-bench-run-'));
  const dataDir = process.env.BENCH_DATA_DIR ?? path.join(work, 'data');
  const timeoutMs = Number(process.env.BENCH_TIMEOUT_MIN ?? 30) * 60_000;
  const failed: string[] = [];
  const took: string[] = [];
  const rows: Reported[] = [];
  const allStarted = performance.now();
  try {
    for (const bench of benches) {
      console.log(`\n=== ${bench}`);
      const started = performance.now();
      const cpuBefore = childCpuSeconds();
      const rowsFile = path.join(work, `${bench}.rows.jsonl`);
      const r = spawnSync(process.execPath, [path.join(here, bench)], {
        stdio: 'inherit',
        timeout: timeoutMs,
        killSignal: 'SIGKILL',
        env: { ...process.env, BENCH_ROWS: rowsFile, BENCH_DATA_DIR: dataDir },
      });
      const cpuAfter = childCpuSeconds();
      const cpu = cpuBefore === undefined || cpuAfter === undefined ? '' : `, CPU ${(cpuAfter - cpuBefore).toFixed(0)} s`;
      took.push(`${bench.replace(/\.js$/, '')} ${((performance.now() - started) / 1000).toFixed(0)} s${cpu}`);
      if (r.error && (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') failed.push(`${bench} stopped after ${timeoutMs / 60_000} min`);
      else if (r.status !== 0) failed.push(`${bench} exited ${r.status ?? r.signal}`);
      rows.push(...readRows(rowsFile, bench));
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const only = process.env.BENCH_ONLY ? ` (BENCH_ONLY=${process.env.BENCH_ONLY})` : '';
  const missing = () => (only ? 'not run' : failed.length > 0 ? 'NOT MEASURED (a bench failed)' : 'NOT MEASURED');
  console.log(`\n=== summary${only}: ratio = now / baseline, both measured in this run; verdict "~" = above the target by less than the noise margin`);
  for (const l of summaryTable(rows, missing)) console.log(l);
  const missed = rows.filter((r) => verdict(r) === 'MISSED');
  const minutes = ((performance.now() - allStarted) / 60_000).toFixed(1);
  const cpu = childCpuSeconds();
  const cpuNote =
    cpu === undefined ? '' : `; CPU time of all bench processes ${(cpu / 60).toFixed(1)} min (single-threaded work: about the wall time when idle)`;
  console.log(`\n${benches.length} benchmarks in ${minutes} min (${took.join(', ')})${cpuNote}`);
  if (failed.length > 0) console.log(`benchmarks that failed: ${failed.join('; ')}`);
  process.exitCode = failed.length > 0 || missed.length > 0 ? 1 : 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
