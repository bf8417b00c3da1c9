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
