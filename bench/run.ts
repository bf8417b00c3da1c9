/**
 * `npm run bench`: runs every benchmark (every bench/*.ts but the helpers) in
 * its own process, each even when an earlier one fails, then prints their summary rows as one table: each figure
 * beside the baseline measured alongside, the ratio and the target. A row
 * within NOISE of its target is marked "~" (timings on a shared machine move
 * by about that much between runs); beyond it, "MISSED". Exits 1 when a
 * benchmark failed or a row missed its target.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchRow } from './report.js';

const NOISE = 0.1;
const here = path.dirname(fileURLToPath(import.meta.url));
/** Modules of bench/ that are not benchmarks. */
const HELPERS = new Set(['run.js', 'report.js', 'scale-data.js', 'child-op.js']);
const BENCHES = readdirSync(here)
  .filter((f) => f.endsWith('.js') && !HELPERS.has(f))
  .sort();

const work = mkdtempSync(path.join(tmpdir(), 'carefully-bench-rows-'));
const rowsFile = path.join(work, 'rows.jsonl');
const failed: string[] = [];
const took: string[] = [];
const allStarted = performance.now();
for (const bench of BENCHES) {
  console.log(`\n=== ${bench}`);
  const started = performance.now();
  const r = spawnSync(process.execPath, [path.join(here, bench)], { stdio: 'inherit', env: { ...process.env, BENCH_ROWS: rowsFile } });
  took.push(`${bench} ${((performance.now() - started) / 1000).toFixed(0)} s`);
  if (r.status !== 0) failed.push(`${bench} exited ${r.status ?? r.signal}`);
}
const rows: BenchRow[] = existsSync(rowsFile)
  ? readFileSync(rowsFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as BenchRow)
  : [];
rmSync(work, { recursive: true, force: true });

const verdict = (r: BenchRow) => (r.ratio <= r.target ? 'met' : r.ratio <= r.target * (1 + NOISE) ? '~' : 'MISSED');
const head = ['what', 'now', 'baseline', 'ratio', 'target', '', 'how'];
const cells = rows.map((r) => [r.what, r.now, r.baseline, `${r.ratio.toFixed(2)}x`, `<= ${r.target}x`, verdict(r), r.note ?? '']);
const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
const line = (c: string[]) =>
  c
    .map((x, i) => (i === 0 || i >= 5 ? x.padEnd(widths[i]!) : x.padStart(widths[i]!)))
    .join('  ')
    .trimEnd();
console.log(`\n=== summary (ratio = now / baseline, both measured in this run; "~" = within ${NOISE * 100}% noise of the target)`);
console.log(line(head));
for (const c of cells) console.log(line(c));
const missed = rows.filter((r) => verdict(r) === 'MISSED');
console.log(`\n${BENCHES.length} benchmarks in ${((performance.now() - allStarted) / 60_000).toFixed(1)} min (${took.join(', ')})`);
if (failed.length > 0) console.log(`benchmarks that failed: ${failed.join('; ')}`);
process.exitCode = failed.length > 0 || missed.length > 0 ? 1 : 0;
