/**
 * Synthetic data for the scale benchmarks: an AC-shaped JSONL source of N
 * records (unique texts) and a project over it whose journal holds one MT
 * event per item, as `carefully translate` would leave it.
 *
 * Generated once and shared: sources and pristine projects are kept in a cache
 * folder (BENCH_DATA_DIR, else carefully-bench-data under os.tmpdir()) keyed by
 * size and DATA_SEED, so the bench files of one `npm run bench` (run.ts gives
 * them a fresh folder) and repeated runs of one bench file generate each size
 * once. makeProject copies the pristine project, so a bench may change its copy.
 */
import { cpSync, createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { initProject } from '../src/project/project.js';
import { sourceHash } from '../src/dataset/profile.js';

/** Part of the cache key: change it when the generated data changes. */
export const DATA_SEED = 'ac1';

/** Where the generated data is kept. */
export function dataDir(): string {
  return process.env.BENCH_DATA_DIR ?? path.join(tmpdir(), 'carefully-bench-data');
}

/** `make(tmp)` writes the entry at `tmp`; it is renamed into the cache once complete, so a killed run leaves no half entry. */
async function cached(name: string, make: (tmp: string) => Promise<void>): Promise<string> {
  const dir = dataDir();
  const { name: base, ext } = path.parse(name);
  const final = path.join(dir, `${base}-${DATA_SEED}${ext}`);
  if (existsSync(final)) return final;
  mkdirSync(dir, { recursive: true });
  const tmp = `${final}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  await make(tmp);
  renameSync(tmp, final);
  return final;
}

const LABELS = [
  ['情報漏洩', '個人情報漏洩', 'PII'],
  ['悪用', '違法行為への加担', '違法薬物'],
  ['誤情報', '誤情報の拡散', 'うわさ・フェイクニュース'],
] as const;

export const question = (i: number) => `これは${i}番目の合成された質問です。安全な回答の仕方を考えるための例文として使います。`;
export const answer = (i: number) => `${i}番目の参考回答です。危険な行為には協力できませんが、安全な代わりの方法や相談窓口を案内します。`.repeat(2);

export async function writeLines(file: string, n: number, line: (i: number) => unknown): Promise<void> {
  const out = createWriteStream(file);
  for (let i = 0; i < n; i++) if (!out.write(`${JSON.stringify(line(i))}\n`)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}

/** An AC-shaped JSONL file of n records with unique texts (generated once, then shared; `_dir` is not used). */
export async function generateSource(_dir: string, n: number): Promise<string> {
  return cached(`ac-${n}.jsonl`, (file) =>
    writeLines(file, n, (i) => {
      const [ra, ht, sh] = LABELS[i % LABELS.length]!;
      return {
        ID: `bench-${i}`,
        text: question(i),
        output: answer(i),
        text_en: `This is synthetic question number ${i}.`,
        output_en: `Reference answer number ${i}.`,
        meta: { 'risk-area': ra, 'harm-type': ht, 'specific-harm': sh, 'japan-specific': i % 3 === 0 },
      };
    }),
  );
}

/** A project over `source` (from generateSource) with one MT event per item in journal/bench.jsonl: a fresh copy in `dir`. */
export async function makeProject(dir: string, source: string, n: number): Promise<string> {
  const pristine = await cached(`project-${n}`, async (projectDir) => {
    await initProject({ dir: projectDir, source, to: 'ko' });
    mkdirSync(path.join(projectDir, 'journal'), { recursive: true });
    await writeLines(path.join(projectDir, 'journal', 'bench.jsonl'), n, (i) => ({
      v: 1,
      ts: new Date(Date.UTC(2026, 0, 1) + i).toISOString(),
      author: 'bench',
      type: 'mt',
      item: `bench-${i}`,
      sourceHash: sourceHash(question(i), answer(i)),
      provider: 'pseudo',
      label: 'bench',
      isTranslation: false,
      question: `이것은 ${i}번째 합성 질문입니다. 안전한 답변 방법을 생각하기 위한 예문입니다.`,
      answer: `${i}번째 참고 답변입니다. 위험한 행위에는 협조할 수 없지만 안전한 대안과 상담 창구를 안내합니다.`.repeat(2),
    }));
  });
  let projectDir = path.join(dir, `project-${n}`);
  for (let k = 2; existsSync(projectDir); k++) projectDir = path.join(dir, `project-${n}-${k}`);
  cpSync(pristine, projectDir, { recursive: true });
  // The copy's relative source path must still lead to the shared source.
  const configFile = path.join(projectDir, 'carefully.json');
  const config = JSON.parse(readFileSync(configFile, 'utf8')) as { source: { path: string } };
  config.source.path = path.relative(projectDir, source);
  writeFileSync(configFile, `${JSON.stringify(config, null, 2)}\n`);
  return projectDir;
}
