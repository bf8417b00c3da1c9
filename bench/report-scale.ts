/**
 * Benchmark: `carefully report` at scale (issue #15). Over the projects of
 * scale-data.ts (one MT event per item) at 10,000 and 100,000 records, with
 * the work of a team added (teamWork: decisions by two localizers, a second
 * annotator's decisions on a sample, reviews, flags, edits, over several days)
 * and the QA cache warm from `check`, times `report` in a fresh child process
 * beside a bare JSONL parse of the source (the baseline, run alternately with
 * it), with peak RSS, and the growth from 10k to 100k. Medians of BENCH_RUNS (default 5)
 * runs. Prints its rows and appends them to BENCH_ROWS for bench/run.ts.
 * Run: node dist/bench/report-scale.js.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { tmpdir } from 'node:os';
import { sourceHash } from '../src/dataset/profile.js';
import type { JournalEvent } from '../src/project/events.js';
import { answer, generateSource, makeProject, question, writeLines } from './scale-data.js';
import { inChild, type Figure } from './child-op.js';
import { benchRuns, median, reportRow, type BenchRow } from './report.js';

const RUNS = benchRuns();
const SIZES = (process.env.BENCH_REPORT_SIZES ?? '10000,100000').split(',').map(Number);

const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (x: number) => `${x.toFixed(0)} MB`;

const DECISIONS = ['transfer', 'adapt', 'transfer', 'drop', 'replace-scenario'] as const;
const DAY = 86_400_000;

/** One author's events on the items `pick` selects, spread over four days from 2026-01-02, in time order. */
async function authorFile(projectDir: string, author: string, n: number, pick: (i: number) => Partial<JournalEvent>[]): Promise<void> {
  const events: JournalEvent[] = [];
  const start = Date.UTC(2026, 0, 2);
  for (let i = 0; i < n; i++) {
    for (const [k, e] of pick(i).entries()) {
      events.push({
        v: 1,
        ts: new Date(start + Math.floor((i / n) * 4 * DAY) + k).toISOString(),
        author,
        item: `bench-${i}`,
        sourceHash: sourceHash(question(i), answer(i)),
        ...e,
      } as JournalEvent);
    }
  }
  await writeLines(path.join(projectDir, 'journal', `${author}.jsonl`), events.length, (i) => events[i]);
}

/**
 * A team's work on the project of makeProject: alice decides half the items
 * (and edits some), dan a quarter, bob decides every tenth item again as a
 * second annotator (disagreeing on some), carol reviews every eighth and flags
 * every 97th.
 */
export async function teamWork(projectDir: string, n: number): Promise<void> {
  const decision = (i: number, secondary = false): Partial<JournalEvent> => ({
    type: 'decision',
    decision: DECISIONS[(i >> 1) % DECISIONS.length]!,
    rationale: `reason ${i % 7}`,
    ...(secondary ? { secondary: true, decision: DECISIONS[(i >> 2) % DECISIONS.length]! } : {}),
  });
  await authorFile(projectDir, 'alice', n, (i) => {
    if (i % 4 > 1) return [];
    const edit: Partial<JournalEvent>[] = i % 20 === 1 ? [{ type: 'edit', field: 'answer', text: `${i}번째 답변을 고쳤습니다. 상담 창구를 안내합니다.` }] : [];
    return [...edit, decision(i)];
  });
  await authorFile(projectDir, 'dan', n, (i) => (i % 4 === 2 ? [decision(i)] : []));
  await authorFile(projectDir, 'bob', n, (i) => (i % 10 === 0 ? [decision(i, true)] : []));
  await authorFile(projectDir, 'carol', n, (i) => [
    ...(i % 8 === 0 ? [{ type: 'review', verdict: i % 16 === 0 ? 'approve' : 'reject' } as Partial<JournalEvent>] : []),
    ...(i % 97 === 0 ? [{ type: 'flag', note: `please look at ${i}` } as Partial<JournalEvent>] : []),
  ]);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'carefully-bench-report-'));
  const rows: BenchRow[] = [];
  const add = (row: BenchRow) => {
    rows.push(row);
    reportRow(row);
  };
  try {
    const at: Record<number, Record<string, Figure>> = {};
    for (const n of SIZES) {
      const source = await generateSource(dir, n);
      const project = await makeProject(dir, source, n);
      await teamWork(project, n);
      const check = ['check', '--project', project, '--json'];
      inChild('cli', check); // warms the QA cache (no journal checkpoint: at ~2.4 events per item it would not pay, journal-fold.ts)
      let out = 0;
      const report = () => inChild('cli', ['report', '--project', project, '--out', path.join(dir, `report-${n}-${out++}.html`)]);
      report();
      // Interleaved, so a change of machine load moves every figure alike.
      const figures: Record<string, Figure[]> = { parse: [], report: [] };
      for (let r = 0; r < RUNS; r++) {
        figures.parse!.push(inChild('parse', [source]));
        figures.report!.push(report());
      }
      at[n] = Object.fromEntries(
        Object.entries(figures).map(([op, v]) => [op, { ms: median(v.map((f) => f.ms)), maxRssMB: median(v.map((f) => f.maxRssMB)) }]),
      );
      console.error(`  ${n} records measured`);
    }
    const note = `in process, fresh child, median of ${RUNS}`;
    const [small, big] = [SIZES[0]!, SIZES.at(-1)!];
    const k = (x: number) => `${Math.round(x / 1000)}k`;
    const b = at[big]!;
    const s = at[small]!;
    add({ what: `report ${k(big)}`, now: sec(b.report!.ms), baseline: `parse ${sec(b.parse!.ms)}`, ratio: b.report!.ms / b.parse!.ms, target: 5, note });
    add({
      what: `report ${k(big)}, memory`,
      now: mb(b.report!.maxRssMB),
      baseline: `parse ${mb(b.parse!.maxRssMB)}`,
      ratio: b.report!.maxRssMB / b.parse!.maxRssMB,
      target: 3,
      note: 'peak RSS, in process',
    });
    if (small !== big) {
      const growth = big / small;
      add({
        what: `report ${k(small)} -> ${k(big)}, time`,
        now: sec(b.report!.ms),
        baseline: `${k(small)} ${sec(s.report!.ms)}`,
        ratio: b.report!.ms / s.report!.ms / growth,
        target: 1.2,
        note: `growth per ${growth}x records / ${growth} (1 = linear)`,
      });
      add({
        what: `report ${k(small)} -> ${k(big)}, memory`,
        now: mb(b.report!.maxRssMB),
        baseline: `${k(small)} ${mb(s.report!.maxRssMB)}`,
        ratio: b.report!.maxRssMB / s.report!.maxRssMB / growth,
        target: 1.2,
        note: `growth per ${growth}x records / ${growth} (1 = linear)`,
      });
    }
    for (const r of rows) console.log(`${r.what.padEnd(28)} ${r.now.padStart(9)}  vs ${r.baseline.padEnd(16)} ${r.ratio.toFixed(2)}x (target <= ${r.target}x)`);
  } finally {
    if (!process.env.BENCH_KEEP) rmSync(dir, { recursive: true, force: true });
    else console.error(`kept ${dir}`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === new URL(import.meta.url).pathname) await main();
