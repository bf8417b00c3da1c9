/**
 * Benchmark: validate and export stream. Generates synthetic AC-shaped files of
 * 10,000 and 100,000 records, then times `validate` and `export` (each in a
 * fresh child process, so peak RSS is its own) and prints the figures.
 * Target (DESIGN): 100,000 records in seconds; validate's memory does not grow
 * with the file. Export keeps the project state (one entry per item) in
 * memory, but not the source texts.
 *
 * Run: npm run bench (or node dist/bench/export-stream.js after npm run build).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchRuns, median, reportRow } from './report.js';
import { generateSource as generate, makeProject } from './scale-data.js';

const here = fileURLToPath(import.meta.url);
const RUNS = benchRuns();

async function child(op: string, args: string[]): Promise<void> {
  const started = performance.now();
  if (op === 'validate') {
    const { validateSource } = await import('../src/dataset/validate.js');
    const { loadProfile, resolveMapping } = await import('../src/dataset/profile.js');
    const r = await validateSource(args[0]!, resolveMapping(loadProfile()));
    if (!r.valid) throw new Error('invalid');
  } else {
    const { openProject } = await import('../src/project/project.js');
    const { exportDataset } = await import('../src/export/export.js');
    const r = await exportDataset({ project: openProject(args[0]!), out: args[1]!, includeUnreviewed: true });
    if (r.exported === 0) throw new Error('nothing exported');
  }
  process.stdout.write(JSON.stringify({ ms: performance.now() - started, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
}

/** V8 heap cap for the validate child: smaller than the 100k file, so finishing proves it streams. */
const VALIDATE_HEAP_MB = 48;

/** Median time and peak RSS of RUNS runs, each in a fresh child process. */
function measure(op: string, args: string[]): { ms: number; maxRssMB: number } {
  // Each export run writes to a folder of its own.
  const all = Array.from({ length: RUNS }, (_, i) => measureOnce(op, op === 'export' ? [args[0]!, `${args[1]!}-${i}`] : args));
  return { ms: median(all.map((f) => f.ms)), maxRssMB: median(all.map((f) => f.maxRssMB)) };
}

function measureOnce(op: string, args: string[]): { ms: number; maxRssMB: number } {
  const flags = op === 'validate' ? [`--max-old-space-size=${VALIDATE_HEAP_MB}`] : [];
  const r = spawnSync(process.execPath, [...flags, here, '--child', op, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${op} failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as { ms: number; maxRssMB: number };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'carefully-bench-'));
  try {
    const rows: string[][] = [];
    const results: Record<string, { ms: number; maxRssMB: number }> = {};
    for (const n of [10_000, 100_000]) {
      const file = await generate(dir, n);
      const v = measure('validate', [file]);
      const project = await makeProject(dir, file, n);
      const e = measure('export', [project, path.join(dir, `out-${n}`)]);
      results[`validate-${n}`] = v;
      results[`export-${n}`] = e;
      rows.push([
        `${n.toLocaleString('en')}`,
        `${(statSync(file).size / 2 ** 20).toFixed(0)} MB`,
        `${(v.ms / 1000).toFixed(2)} s`,
        `${v.maxRssMB.toFixed(0)} MB`,
        `${(e.ms / 1000).toFixed(2)} s`,
        `${e.maxRssMB.toFixed(0)} MB`,
      ]);
    }
    const head = ['records', 'file size', 'validate time', 'validate peak RSS', 'export time', 'export peak RSS'];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (r: string[]) => r.map((c, i) => c.padStart(widths[i]!)).join('  ');
    console.log('validate / export streaming benchmark');
    console.log(line(head));
    for (const r of rows) console.log(line(r));
    console.log(`validate ran with the V8 heap capped at ${VALIDATE_HEAP_MB} MB, smaller than the 100,000-record file: it streams.`);
    console.log('(Peak RSS includes V8 leaving garbage uncollected while memory is plentiful.)');
    for (const [op, target] of [
      ['validate', 10_000],
      ['export', 20_000],
    ] as const) {
      const r = results[`${op}-100000`]!;
      reportRow({
        what: `${op} 100k (export-stream)`,
        now: `${(r.ms / 1000).toFixed(2)} s`,
        baseline: `${target / 1000} s budget`,
        ratio: r.ms / target,
        target: 1,
        note: `median of ${RUNS} runs, each in a fresh process`,
      });
    }
    const ok = results['validate-100000']!.ms < 10_000 && results['export-100000']!.ms < 20_000;
    console.log(ok ? 'targets met' : 'TARGET MISSED');
    process.exitCode = ok ? 0 : 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') await child(process.argv[3]!, process.argv.slice(4));
else await main();
