/**
 * Benchmark: `export` at scale (issue #11, item 3). On a generated project of
 * BENCH_EXPORT_RECORDS records (default 100,000; bench/scale-data.ts), each run
 * in a fresh process (main() in process, so its peak RSS is its own), every
 * figure beside a bare JSONL parse of the source run alternately with it:
 *
 *  - `export --include-unreviewed` with the QA cache warm (a `check` ran
 *    before): time <= 5x the parse, peak RSS <= 3x; median of RUNS (default 5);
 *  - the same with the QA cache cold (cache/qa/results.jsonl deleted before
 *    each run): bound by the speed of the QA checks; median of COLD_RUNS
 *    (default 1: each run checks every item);
 *  - `validate` with the V8 heap capped below the file's size: it streams.
 *
 * Prints a table and appends its rows to BENCH_ROWS for bench/run.ts.
 * Run: npm run bench (or node dist/bench/export-stream.js after npm run build).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSource, makeProject } from './scale-data.js';
import { inChild, printFigure, type Figure } from './child-op.js';
import { benchRuns, median, reportRow, type BenchRow } from './report.js';

const HERE = fileURLToPath(import.meta.url);
const N = Number(process.env.BENCH_EXPORT_RECORDS ?? 100_000);
const RUNS = benchRuns();
/** One by default: a cold run checks every item, which is the QA bench's figure; this row shows what a first export costs. */
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 1);
/** V8 heap cap for the validate child: smaller than the 100k file, so finishing proves it streams. */
const VALIDATE_HEAP_MB = 48;

async function validateChild(file: string): Promise<void> {
  const started = performance.now();
  const { validateSource } = await import('../src/dataset/validate.js');
  const { loadProfile, resolveMapping } = await import('../src/dataset/profile.js');
  const r = await validateSource(file, resolveMapping(loadProfile()));
  if (!r.valid) throw new Error('invalid');
  printFigure(started);
}

function validateCapped(file: string): Figure {
  const r = spawnSync(process.execPath, [`--max-old-space-size=${VALIDATE_HEAP_MB}`, HERE, '--validate', file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`validate failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Figure;
}

/** `runs` pairs of (parse, f()), alternating so that both see the same machine load; medians of each. */
function pairs(runs: number, source: string, f: () => Figure): { parse: Figure; op: Figure; ratios: number[] } {
  const parse: Figure[] = [];
  const op: Figure[] = [];
  for (let i = 0; i < runs; i++) {
    parse.push(inChild('parse', [source]));
    op.push(f());
  }
  const med = (xs: Figure[]): Figure => ({ ms: median(xs.map((x) => x.ms)), maxRssMB: median(xs.map((x) => x.maxRssMB)) });
  return { parse: med(parse), op: med(op), ratios: op.map((x, i) => x.ms / parse[i]!.ms) };
}

const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (x: number) => `${x.toFixed(0)} MB`;

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'carefully-bench-export-'));
  try {
    const source = await generateSource(dir, N);
    const project = await makeProject(dir, source, N);
    const qaCache = path.join(project, 'cache', 'qa', 'results.jsonl');
    let out = 0;
    const exportRun = () => inChild('cli', ['export', '--project', project, '--out', path.join(dir, `out-${out++}`), '--include-unreviewed', '--json']);
    const k = `${Math.round(N / 1000)}k`;

    const cold = pairs(COLD_RUNS, source, () => {
      rmSync(qaCache, { force: true });
      return exportRun();
    });
    inChild('cli', ['check', '--project', project, '--json']);
    const warm = pairs(RUNS, source, exportRun);
    const validate = validateCapped(source);

    const rows: BenchRow[] = [];
    for (const [label, m, runs] of [
      ['warm', warm, RUNS],
      ['cold', cold, COLD_RUNS],
    ] as const) {
      const note = `in process, median of ${runs} runs alternating with the parse${label === 'cold' ? ' (bound by QA speed; each run checks every item)' : ''}`;
      rows.push({
        what: `export ${k}, ${label} QA cache`,
        now: sec(m.op.ms),
        baseline: `parse ${sec(m.parse.ms)}`,
        ratio: m.op.ms / m.parse.ms,
        target: 5,
        note,
      });
      rows.push({
        what: `export ${k}, ${label} QA cache, memory`,
        now: mb(m.op.maxRssMB),
        baseline: `parse ${mb(m.parse.maxRssMB)}`,
        ratio: m.op.maxRssMB / m.parse.maxRssMB,
        target: 3,
        note: `peak RSS, ${note}`,
      });
    }
    console.log(`export at scale: ${N.toLocaleString('en')} records, source ${mb(statSync(source).size / 2 ** 20)}`);
    console.log(`  parse ${sec(warm.parse.ms)} ${mb(warm.parse.maxRssMB)} (beside the warm runs), ${sec(cold.parse.ms)} (beside the cold runs)`);
    console.log(`  export, warm QA cache: ${sec(warm.op.ms)} ${mb(warm.op.maxRssMB)}; per-run ratios ${warm.ratios.map((r) => r.toFixed(1)).join(', ')}`);
    console.log(`  export, cold QA cache: ${sec(cold.op.ms)} ${mb(cold.op.maxRssMB)}; per-run ratios ${cold.ratios.map((r) => r.toFixed(1)).join(', ')}`);
    console.log(
      `  validate with the V8 heap capped at ${VALIDATE_HEAP_MB} MB (smaller than the file: it streams): ${sec(validate.ms)} ${mb(validate.maxRssMB)}`,
    );
    for (const r of rows) {
      reportRow(r);
      console.log(`  ${r.what}: ${r.now} vs ${r.baseline} = ${r.ratio.toFixed(2)}x (target <= ${r.target}x)`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--validate') await validateChild(process.argv[3]!);
else await main();
