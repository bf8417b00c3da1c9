/**
 * Benchmark: project commands at scale (issue #11). Generates AC-shaped
 * sources of 24, 10,000 and 100,000 records with a project over each (one MT
 * event per item), and times, beside a bare JSONL parse of the same source:
 *
 *  - `check`, `status` (with and without the derived caches, and after a journal append), `list --json` and `export` in process (main() in a fresh child,
 *    so its peak RSS is its own) and as a whole `carefully` process;
 *  - the adapt wizard's first screen (open the session, render the item; also with an undo in the journal) and
 *    one keypress (save a decision, move on, render the next screen) at 100k
 *    against 24 items;
 *  - `status` on a 24-item project against `--help`, and `--help` against `node -e 0`;
 *  - growth from 10k to 100k records of every command's time and memory.
 *
 * Medians of RUNS runs (SLOW_RUNS for check and export at 100k, which take
 * tens of seconds each). Prints a table and appends its rows to BENCH_ROWS
 * for bench/run.ts. Run: npm run bench (or node dist/bench/project-scale.js).
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { answer, generateSource, makeProject, question } from './scale-data.js';
import { sourceHash } from '../src/dataset/profile.js';
import { parseJsonl, printFigure, runCli, type Figure } from './child-op.js';
import { handWrittenExport } from './export-floor.js';
import { benchRuns, median, reportRow, type BenchRow } from './report.js';

const HERE = fileURLToPath(import.meta.url);
const REPO = fileURLToPath(new URL('../../', import.meta.url));
const BIN = path.join(REPO, 'bin', 'carefully.js');
const RUNS = benchRuns();
const SLOW_RUNS = benchRuns();
const KEYPRESSES = 15;
/** Rebuildable files in a project's cache/ (project/journal-fold.ts, source-keys.ts, source-texts-index.ts, status-cache.ts, session/list-cache.ts). */
const DERIVED = ['cache/journal-state.jsonl', 'cache/source-keys.jsonl', 'cache/source-texts.jsonl.hashes', 'cache/status.json', 'cache/list.json'];

// ---------------------------------------------------------------------------
// Child side: one operation in a fresh process, reporting its time and peak RSS.

async function child(op: string, args: string[]): Promise<void> {
  const started = performance.now();
  let ms: number | undefined;
  if (op === 'parse') {
    await parseJsonl(args[0]!);
  } else if (op === 'cli') {
    await runCli(args);
  } else if (op === 'export-floor') {
    const [source, project, out] = args as [string, string, string];
    mkdirSync(out, { recursive: true });
    if ((await handWrittenExport(source, project, out)) === 0) throw new Error('the hand-written export wrote nothing');
  } else {
    const { openSession } = await import('../src/adapt/open-session.js');
    const { renderItem, PLAIN } = await import('../src/wizard/render-item.js');
    const { session } = await openSession({ project: args[0]!, author: 'bench' });
    const screen = () => renderItem(session.current()!, session.progress(), { style: PLAIN, width: 120, height: 50 });
    if (screen().length === 0) throw new Error('empty screen');
    if (op === 'keypress') {
      // One keypress: the decision is saved (commit), the session moves on, the next screen is drawn.
      const times: number[] = [];
      for (let k = 0; k < KEYPRESSES; k++) {
        const t = performance.now();
        const events = session.eventsFor({ type: 'accept' }).map((e) => ({ v: 1 as const, ts: new Date().toISOString(), author: 'bench', ...e }));
        session.commit(events);
        session.next();
        screen();
        times.push(performance.now() - t);
      }
      ms = median(times);
    }
  }
  printFigure(started, ms);
}

// ---------------------------------------------------------------------------
// Parent side

function inChild(op: string, args: string[]): Figure {
  const r = spawnSync(process.execPath, [HERE, '--child', op, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${op} ${args.join(' ')} failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Figure;
}

/** A whole process: wall time seen from here, peak RSS from a preload that reports it at exit. */
function wholeProcess(probe: string, argv: string[]): Figure {
  const started = performance.now();
  const r = spawnSync(process.execPath, ['--require', probe, ...argv], {
    cwd: REPO,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    env: { ...process.env, CAREFULLY_AUTHOR: 'bench' },
  });
  const ms = performance.now() - started;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${argv.join(' ')} failed (${r.status}): ${r.stderr}`);
  return { ms, maxRssMB: Number(/BENCH_RSS_KB=(\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1024 };
}

function medianOf(runs: number, f: () => Figure): Figure & { runs: number[] } {
  const all = Array.from({ length: runs }, f);
  return { ms: median(all.map((x) => x.ms)), maxRssMB: median(all.map((x) => x.maxRssMB)), runs: all.map((x) => x.ms) };
}

const sec = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 2 : 0)} ms`);
const mb = (x: number) => `${x.toFixed(0)} MB`;

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'carefully-bench-scale-'));
  const rows: BenchRow[] = [];
  const add = (row: BenchRow) => {
    rows.push(row);
    reportRow(row);
  };
  try {
    const probe = path.join(dir, 'rss-probe.cjs');
    writeFileSync(probe, "process.on('exit', () => process.stderr.write('BENCH_RSS_KB=' + process.resourceUsage().maxRSS + '\\n'));\n");
    const sizes = [24, 10_000, 100_000] as const;
    const at: Record<number, Record<string, Figure>> = {};
    let out = 0;
    let appended = 0;
    for (const n of sizes) {
      const source = await generateSource(dir, n);
      const project = await makeProject(dir, source, n);
      const runs = n === 100_000 ? SLOW_RUNS : RUNS;
      const f: Record<string, Figure> = {};
      f.parse = medianOf(RUNS, () => inChild('parse', [source]));
      f.status = medianOf(RUNS, () => inChild('cli', ['status', '--project', project]));
      f.statusProcess = medianOf(RUNS, () => wholeProcess(probe, [BIN, 'status', '--project', project]));
      f.check = medianOf(runs, () => inChild('cli', ['check', '--project', project, '--json']));
      f.checkProcess = medianOf(1, () => wholeProcess(probe, [BIN, 'check', '--project', project, '--json']));
      f.export = medianOf(runs, () =>
        inChild('cli', ['export', '--project', project, '--out', path.join(dir, `out-${n}-${out++}`), '--include-unreviewed', '--json']),
      );
      f.exportFloor = medianOf(runs, () => inChild('export-floor', [source, project, path.join(dir, `out-${n}-${out++}`)]));
      f.exportProcess = medianOf(1, () =>
        wholeProcess(probe, [BIN, 'export', '--project', project, '--out', path.join(dir, `out-${n}-${out++}`), '--include-unreviewed', '--json']),
      );
      f.adaptFirst = medianOf(RUNS, () => inChild('adapt-first', [project]));
      // The runs above found the derived caches written by the first; here each run starts without them.
      f.statusCold = medianOf(runs, () => {
        for (const c of DERIVED) rmSync(path.join(project, c), { force: true });
        return inChild('cli', ['status', '--project', project]);
      });
      // The first list after the runs above rebuilds cache/list.json (QA item results from check's cache); the next ones read it.
      f.listRebuild = medianOf(1, () => inChild('cli', ['list', '--project', project, '--json']));
      f.list = medianOf(runs, () => inChild('cli', ['list', '--project', project, '--json']));
      // One journal event appended before each run: list updates cache/list.json for the item it names (session/list-cache.ts).
      const appendFlag = () => {
        const i = (appended++ * 7919) % n;
        const flag = {
          v: 1,
          ts: new Date().toISOString(),
          author: 'bench-list',
          type: 'flag',
          item: `bench-${i}`,
          sourceHash: sourceHash(question(i), answer(i)),
          note: 'x',
        };
        appendFileSync(path.join(project, 'journal', 'bench-list.jsonl'), `${JSON.stringify(flag)}\n`);
      };
      f.listChange = medianOf(runs, () => {
        appendFlag();
        return inChild('cli', ['list', '--project', project, '--json']);
      });
      // Likewise for status: its summary kept at the checkpoint counted on for the items named since (status-cache.ts).
      f.statusChange = medianOf(runs, () => {
        appendFlag();
        return inChild('cli', ['status', '--project', project]);
      });
      f.keypress = medianOf(RUNS, () => inChild('keypress', [project]));
      // A decision taken back (the wizard's `u`): the journal now holds an undo, which the fold must stream past (journal-fold.ts).
      const decision = { v: 2, ts: new Date().toISOString(), c: 0, author: 'bench-undo', type: 'decision', item: 'bench-1', decision: 'transfer' };
      const undo = {
        v: 2,
        ts: new Date(Date.now() + 1).toISOString(),
        c: 0,
        author: 'bench-undo',
        type: 'undo',
        item: 'bench-1',
        undoes: `bench-undo@${decision.ts}#0`,
      };
      const one = { sourceHash: sourceHash(question(1), answer(1)) };
      appendFileSync(path.join(project, 'journal', 'bench-undo.jsonl'), `${JSON.stringify({ ...decision, ...one })}\n${JSON.stringify({ ...undo, ...one })}\n`);
      f.adaptFirstUndo = medianOf(RUNS, () => inChild('adapt-first', [project]));
      at[n] = f;
      console.error(`  ${n} records measured`);
    }
    const big = at[100_000]!;
    const small = at[24]!;
    const parse = big.parse!;
    const vsParse = (what: string, f: Figure, target: number, note: string) =>
      add({ what, now: sec(f.ms), baseline: `parse ${sec(parse.ms)}`, ratio: f.ms / parse.ms, target, note });
    const rssVsParse = (what: string, f: Figure, target: number) =>
      add({ what, now: mb(f.maxRssMB), baseline: `parse ${mb(parse.maxRssMB)}`, ratio: f.maxRssMB / parse.maxRssMB, target, note: 'peak RSS, in process' });

    const checkUs = (big.check!.ms * 1000) / 100_000;
    add({
      what: 'check 100k, per item',
      now: `${checkUs.toFixed(0)} µs`,
      baseline: 'target 25 µs',
      ratio: checkUs / 25,
      target: 1,
      note: `in process, median of ${SLOW_RUNS}`,
    });
    vsParse('check 100k', big.check!, 26, `in process, median of ${SLOW_RUNS} (no target of its own; whole process ${sec(big.checkProcess!.ms)}, 1 run)`);
    vsParse('export 100k', big.export!, 5, `in process, median of ${SLOW_RUNS}; whole process ${sec(big.exportProcess!.ms)}, 1 run`);
    rssVsParse('export 100k, memory', big.export!, 3);
    add({
      what: 'export 100k vs a hand-written export',
      now: sec(big.export!.ms),
      baseline: `script ${sec(big.exportFloor!.ms)}`,
      ratio: big.export!.ms / big.exportFloor!.ms,
      target: 1.5,
      note: `bench/export-floor.ts: the same files, no validation or QA (${(big.exportFloor!.ms / parse.ms).toFixed(1)}x parse), median of ${SLOW_RUNS}`,
    });
    vsParse('status 100k', big.status!, 2, `in process, caches as the previous run left them, median of ${RUNS}; whole process ${sec(big.statusProcess!.ms)}`);
    rssVsParse('status 100k, memory', big.status!, 3);
    vsParse('adapt first screen 100k', big.adaptFirst!, 2, `open session + render, in process, median of ${RUNS}`);
    vsParse(
      'adapt first screen 100k, journal with an undo',
      big.adaptFirstUndo!,
      2,
      `as above, after a decision and its undo were appended; median of ${RUNS}`,
    );
    vsParse('status 100k after a change', big.statusChange!, 2, `in process, one journal event appended before each run, median of ${SLOW_RUNS}`);
    vsParse(
      'status 100k, no caches',
      big.statusCold!,
      2,
      `cache/ derived files deleted before each run (source and journal read whole: two parses' worth of bytes); in process, median of ${SLOW_RUNS}`,
    );
    vsParse('list --json 100k', big.list!, 2, `in process (QA counts included), cache/list.json warm, median of ${SLOW_RUNS}`);
    vsParse(
      'list --json 100k, cache rebuilt',
      big.listRebuild!,
      2,
      'in process, after the status runs without caches; QA item results from the QA cache; 1 run',
    );
    rssVsParse('list --json 100k, memory', big.list!, 3);
    vsParse(
      'list --json 100k after a change',
      big.listChange!,
      2,
      `in process, one journal event appended before each run (rows updated), median of ${SLOW_RUNS}`,
    );
    add({
      what: 'wizard keypress -> next screen, 100k',
      now: sec(big.keypress!.ms),
      baseline: `24 items ${sec(small.keypress!.ms)}`,
      ratio: big.keypress!.ms / small.keypress!.ms,
      target: 2,
      note: `save decision + next + render, in process; median of ${KEYPRESSES} keys, median of ${RUNS} runs`,
    });

    // Start-up: whole processes.
    const nodeBare = medianOf(RUNS + 2, () => wholeProcess(probe, ['-e', '0']));
    const help = medianOf(RUNS + 2, () => wholeProcess(probe, [BIN, '--help']));
    add({
      what: '--help',
      now: sec(help.ms),
      baseline: `node -e 0 ${sec(nodeBare.ms)}`,
      ratio: help.ms / nodeBare.ms,
      target: 3,
      note: `whole process, median of ${RUNS + 2}`,
    });
    add({
      what: 'status, 24-item project',
      now: sec(small.statusProcess!.ms),
      baseline: `--help ${sec(help.ms)}`,
      ratio: small.statusProcess!.ms / help.ms,
      target: 1.5,
      note: `whole process, median of ${RUNS}; node -e 0 ${sec(nodeBare.ms)}`,
    });

    // Growth 10k -> 100k: the cost per record at 100k over the cost per record at 10k (1 = linear).
    const ops = ['status', 'check', 'export', 'parse', 'statusCold', 'statusChange', 'list', 'adaptFirst', 'keypress'] as const;
    const growth = ops.map((op) => ({ op, time: big[op]!.ms / at[10_000]![op]!.ms / 10, rss: big[op]!.maxRssMB / at[10_000]![op]!.maxRssMB / 10 }));
    const growthText = growth.map((g) => `${g.op} t ${g.time.toFixed(2)} m ${g.rss.toFixed(2)}`).join(', ');
    const worst = growth.slice(0, 3).reduce((a, b) => (Math.max(b.time, b.rss) > Math.max(a.time, a.rss) ? b : a));
    add({
      what: "no command's time or memory grows faster than linearly, 10k -> 100k",
      now: `worst: ${worst.op} ${worst.time >= worst.rss ? 'time' : 'memory'}`,
      baseline: 'per-record cost at 10k',
      ratio: Math.max(worst.time, worst.rss),
      target: 1.3,
      note: `per-record cost 100k / 10k, in process (medians as above): ${growthText}`,
    });

    console.log('project commands at scale (100,000 records unless said)');
    for (const n of sizes) {
      const f = at[n]!;
      console.log(
        `  ${String(n).padStart(7)} records: parse ${sec(f.parse!.ms)} ${mb(f.parse!.maxRssMB)}; status ${sec(f.status!.ms)} ${mb(f.status!.maxRssMB)}; ` +
          `check ${sec(f.check!.ms)} ${mb(f.check!.maxRssMB)}; export ${sec(f.export!.ms)} ${mb(f.export!.maxRssMB)}; ` +
          `adapt first screen ${sec(f.adaptFirst!.ms)}; keypress ${sec(f.keypress!.ms)}`,
      );
    }
    for (const r of rows) console.log(`  ${r.what}: ${r.now} vs ${r.baseline} = ${r.ratio.toFixed(2)} (target <= ${r.target})`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') await child(process.argv[3]!, process.argv.slice(4));
else await main();
