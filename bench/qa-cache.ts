/**
 * Benchmark: QA speed and the QA result cache (issue #11, items 2 and 3). On a
 * generated 100,000-record project (bench/scale-data.ts), beside a bare JSONL
 * parse of its source, medians of BENCH_RUNS (default 3) runs, each in a fresh
 * process (main() in process, so its peak RSS is its own):
 *
 *  - `check` with a cold cache (cache/qa/results.jsonl deleted): µs per item;
 *  - `check` with a warm cache (a previous check wrote it);
 *  - `export --include-unreviewed` with a cold and with a warm cache: time and peak RSS.
 *
 * BENCH_QA_RECORDS changes the size (default 100000). Prints a table and
 * appends its rows to BENCH_ROWS for bench/run.ts.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSource, makeProject } from './scale-data.js';
import { parseJsonl, printFigure, runCli, type Figure } from './child-op.js';
import { median, reportRow, type BenchRow } from './report.js';

const HERE = fileURLToPath(import.meta.url);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const N = Number(process.env.BENCH_QA_RECORDS ?? 100_000);
/** Issue #11: QA at most 25 µs per item, against a parse of about 6.5 µs per record on the machine it was measured on. */
const CHECK_TARGET_VS_PARSE = 4;

/** Child side: one operation in a fresh process, printing its time and peak RSS. */
async function child(op: string, args: string[]): Promise<void> {
  const started = performance.now();
  if (op === 'parse') await parseJsonl(args[0]!);
  else await runCli(args);
  printFigure(started);
}

function inChild(op: string, args: string[]): Figure {
  const r = spawnSync(process.execPath, [HERE, '--child', op, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${op} ${args.join(' ')} failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Figure;
}

function medianOf(f: () => Figure): Figure {
  const all = Array.from({ length: RUNS }, f);
  return { ms: median(all.map((x) => x.ms)), maxRssMB: median(all.map((x) => x.maxRssMB)) };
}

const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (x: number) => `${x.toFixed(0)} MB`;

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'carefully-bench-qa-'));
  try {
    const source = await generateSource(dir, N);
    const project = await makeProject(dir, source, N);
    const cacheFile = path.join(project, 'cache', 'qa', 'results.jsonl');
    const cold = () => rmSync(cacheFile, { force: true });
    const check = ['check', '--project', project, '--json'];
    let out = 0;
    const exportArgs = () => ['export', '--project', project, '--out', path.join(dir, `out-${out++}`), '--include-unreviewed', '--json'];

    const parse = medianOf(() => inChild('parse', [source]));
    const checkCold = medianOf(() => (cold(), inChild('cli', check)));
    inChild('cli', check);
    const checkWarm = medianOf(() => inChild('cli', check));
    const exportCold = medianOf(() => (cold(), inChild('cli', exportArgs())));
    inChild('cli', check);
    const exportWarm = medianOf(() => inChild('cli', exportArgs()));

    const k = `${Math.round(N / 1000)}k`;
    const perItem = (f: Figure) => (f.ms * 1000) / N;
    const note = `in process, median of ${RUNS}`;
    const rows: BenchRow[] = [
      {
        what: `check ${k}, per item, cold QA cache`,
        now: `${perItem(checkCold).toFixed(1)} µs`,
        baseline: `parse ${perItem(parse).toFixed(1)} µs`,
        ratio: checkCold.ms / parse.ms,
        target: CHECK_TARGET_VS_PARSE,
        note: `${note}; issue target 25 µs ~ ${CHECK_TARGET_VS_PARSE}x parse`,
      },
      {
        what: `check ${k}, per item, warm QA cache`,
        now: `${perItem(checkWarm).toFixed(1)} µs`,
        baseline: `parse ${perItem(parse).toFixed(1)} µs`,
        ratio: checkWarm.ms / parse.ms,
        target: CHECK_TARGET_VS_PARSE,
        note,
      },
    ];
    for (const [label, f] of [
      ['cold', exportCold],
      ['warm', exportWarm],
    ] as const) {
      rows.push({ what: `export ${k}, ${label} QA cache`, now: sec(f.ms), baseline: `parse ${sec(parse.ms)}`, ratio: f.ms / parse.ms, target: 5, note });
      rows.push({
        what: `export ${k}, ${label} QA cache, memory`,
        now: mb(f.maxRssMB),
        baseline: `parse ${mb(parse.maxRssMB)}`,
        ratio: f.maxRssMB / parse.maxRssMB,
        target: 3,
        note: `peak RSS, ${note}`,
      });
    }
    console.log(`QA and its result cache, ${N.toLocaleString('en')} records`);
    console.log(`  parse ${sec(parse.ms)} ${mb(parse.maxRssMB)}`);
    for (const [what, f] of [
      ['check, cold cache', checkCold],
      ['check, warm cache', checkWarm],
      ['export, cold cache', exportCold],
      ['export, warm cache', exportWarm],
    ] as const) {
      console.log(`  ${what}: ${sec(f.ms)} (${perItem(f).toFixed(1)} µs/item), peak RSS ${mb(f.maxRssMB)}`);
    }
    for (const r of rows) {
      reportRow(r);
      console.log(`  ${r.what}: ${r.now} vs ${r.baseline} = ${r.ratio.toFixed(2)}x (target <= ${r.target}x)`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') await child(process.argv[3]!, process.argv.slice(4));
else await main();
