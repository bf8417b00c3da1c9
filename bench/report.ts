/**
 * How the benchmarks hand their summary rows to `bench/run.ts`: each bench
 * appends JSON lines to the file named by BENCH_ROWS (when set), and run.ts
 * prints them as one table, each figure beside its baseline and target.
 */
import { appendFileSync } from 'node:fs';

export interface BenchRow {
  /** What is measured, e.g. "check 100k". */
  what: string;
  /** The figure now, with its unit. */
  now: string;
  /** The baseline measured alongside, with its unit. */
  baseline: string;
  /** now / baseline (or the figure a target is set on). */
  ratio: number;
  /** The target as "<= x"; the row is met when ratio <= target. */
  target: number;
  /** How the figure was taken (runs, medians, in process or whole process). */
  note?: string;
  /**
   * The ratio's noise margin, as a fraction (0.1 = 10%): a row above its target
   * by less than this is "within noise", not missed. Default: run.ts NOISE.
   */
  noise?: number;
}

export function reportRow(row: BenchRow): void {
  const file = process.env.BENCH_ROWS;
  if (file) appendFileSync(file, `${JSON.stringify(row)}\n`);
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Runs per figure: BENCH_RUNS (default 5; fewer than 5 are not allowed, a median of fewer is not a median worth reporting). */
export function benchRuns(minimum = 5): number {
  const asked = Number(process.env.BENCH_RUNS ?? minimum);
  return Number.isInteger(asked) && asked > minimum ? asked : minimum;
}

/** The runs' relative spread: median absolute deviation over the median (0 for one run). */
export function relativeSpread(xs: readonly number[]): number {
  const m = median(xs);
  return m === 0 ? 0 : median(xs.map((x) => Math.abs(x - m))) / m;
}
