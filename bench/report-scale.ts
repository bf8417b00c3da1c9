/**
 * Benchmark: `carefully report` at scale (issue #15). Over the projects of
 * scale-data.ts (one MT event per item) at 10,000 and 100,000 records, times
 * `report` in a fresh child process beside `check` (the QA pass a report
 * includes) and a bare JSONL parse of the source, with peak RSS, and the
 * growth from 10k to 100k. Medians of RUNS runs. Prints its rows and appends
 * them to BENCH_ROWS for bench/run.ts. Run: node dist/bench/report-scale.js.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateSource, makeProject } from './scale-data.js';
import { inChild, medianFigure, type Figure } from './child-op.js';
import { benchRuns, reportRow, type BenchRow } from './report.js';

const RUNS = benchRuns();

const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (x: number) => `${x.toFixed(0)} MB`;

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'carefully-bench-report-'));
  const rows: BenchRow[] = [];
  const add = (row: BenchRow) => {
    rows.push(row);
    reportRow(row);
  };
  try {
    const at: Record<number, Record<string, Figure>> = {};
    for (const n of [10_000, 100_000]) {
      const source = await generateSource(dir, n);
      const project = await makeProject(dir, source, n);
      let out = 0;
      at[n] = {
        parse: medianFigure(RUNS, () => inChild('parse', [source])),
        check: medianFigure(RUNS, () => inChild('cli', ['check', '--project', project, '--json'])),
        report: medianFigure(RUNS, () => inChild('cli', ['report', '--project', project, '--out', path.join(dir, `report-${n}-${out++}.html`)])),
      };
      console.error(`  ${n} records measured`);
    }
    const big = at[100_000]!;
    const small = at[10_000]!;
    const note = `in process, fresh child, median of ${RUNS}`;
    add({ what: 'report 100k', now: sec(big.report!.ms), baseline: `check ${sec(big.check!.ms)}`, ratio: big.report!.ms / big.check!.ms, target: 1.5, note });
    add({
      what: 'report 100k, memory',
      now: mb(big.report!.maxRssMB),
      baseline: `parse ${mb(big.parse!.maxRssMB)}`,
      ratio: big.report!.maxRssMB / big.parse!.maxRssMB,
      target: 3,
      note: 'peak RSS, in process',
    });
    add({
      what: 'report 10k -> 100k, time',
      now: sec(big.report!.ms),
      baseline: `10k ${sec(small.report!.ms)}`,
      ratio: big.report!.ms / small.report!.ms / 10,
      target: 1.2,
      note: 'growth per 10x records / 10 (1 = linear)',
    });
    add({
      what: 'report 10k -> 100k, memory',
      now: mb(big.report!.maxRssMB),
      baseline: `10k ${mb(small.report!.maxRssMB)}`,
      ratio: big.report!.maxRssMB / small.report!.maxRssMB / 10,
      target: 1.2,
      note: 'growth per 10x records / 10 (1 = linear)',
    });
    for (const r of rows) console.log(`${r.what.padEnd(28)} ${r.now.padStart(9)}  vs ${r.baseline.padEnd(16)} ${r.ratio.toFixed(2)}x (target <= ${r.target}x)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
