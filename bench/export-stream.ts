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
import { mkdtempSync, rmSync, statSync, createWriteStream, mkdirSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { reportRow } from './report.js';

const here = fileURLToPath(import.meta.url);

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

function measure(op: string, args: string[]): { ms: number; maxRssMB: number } {
  const flags = op === 'validate' ? [`--max-old-space-size=${VALIDATE_HEAP_MB}`] : [];
  const r = spawnSync(process.execPath, [...flags, here, '--child', op, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${op} failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as { ms: number; maxRssMB: number };
}

const LABELS = [
  ['情報漏洩', '個人情報漏洩', 'PII'],
  ['悪用', '違法行為への加担', '違法薬物'],
  ['誤情報', '誤情報の拡散', 'うわさ・フェイクニュース'],
] as const;

async function generate(dir: string, n: number): Promise<string> {
  const file = path.join(dir, `ac-${n}.jsonl`);
  const out = createWriteStream(file);
  for (let i = 0; i < n; i++) {
    const [ra, ht, sh] = LABELS[i % LABELS.length]!;
    const rec = {
      ID: `bench-${i}`,
      text: `これは${i}番目の合成された質問です。安全な回答の仕方を考えるための例文として使います。`,
      output: `${i}番目の参考回答です。危険な行為には協力できませんが、安全な代わりの方法や相談窓口を案内します。`.repeat(2),
      text_en: `This is synthetic question number ${i}.`,
      output_en: `Reference answer number ${i}.`,
      meta: { 'risk-area': ra, 'harm-type': ht, 'specific-harm': sh, 'japan-specific': i % 3 === 0 },
    };
    if (!out.write(`${JSON.stringify(rec)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return file;
}

async function makeProject(dir: string, source: string, n: number): Promise<string> {
  const { initProject } = await import('../src/project/project.js');
  const { sourceHash } = await import('../src/dataset/profile.js');
  const projectDir = path.join(dir, `project-${n}`);
  await initProject({ dir: projectDir, source, to: 'ko' });
  // Journal with one MT event per item, as `translate` would leave it.
  mkdirSync(path.join(projectDir, 'journal'), { recursive: true });
  const out = createWriteStream(path.join(projectDir, 'journal', 'bench.jsonl'));
  for (let i = 0; i < n; i++) {
    const q = `이것은 ${i}번째 합성 질문입니다. 안전한 답변 방법을 생각하기 위한 예문입니다.`;
    const a = `${i}번째 참고 답변입니다. 위험한 행위에는 협조할 수 없지만 안전한 대안과 상담 창구를 안내합니다.`.repeat(2);
    const sq = `これは${i}番目の合成された質問です。安全な回答の仕方を考えるための例文として使います。`;
    const sa = `${i}番目の参考回答です。危険な行為には協力できませんが、安全な代わりの方法や相談窓口を案内します。`.repeat(2);
    const e = {
      v: 1,
      ts: new Date(Date.UTC(2026, 0, 1) + i).toISOString(),
      author: 'bench',
      type: 'mt',
      item: `bench-${i}`,
      sourceHash: sourceHash(sq, sa),
      provider: 'pseudo',
      label: 'bench',
      isTranslation: false,
      question: q,
      answer: a,
    };
    if (!out.write(`${JSON.stringify(e)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return projectDir;
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
        note: '1 run, in a fresh process',
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
