/**
 * The crash harness (issue #9): kill `carefully translate` (the real bin,
 * against the fake DeepL answering after a small delay) and then
 * `carefully adapt --answers` with SIGKILL at random points, rerun each until
 * it completes, and compare with one uninterrupted run of the same data:
 * nothing lost, the same export, and characters billed beyond the clean run
 * at most those of the requests in flight at each kill. The test runs a short
 * version; bench/crash.ts a longer one that prints the figures.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startFakeDeepL, type FakeServer, type RecordedRequest } from '../fakes/index.js';
import { run } from './cli.js';
import { makeRecords, type TempDir } from './fixtures.js';
import { CLEAN_ENV, deeplEnv, makeProject, mtEvents, spawnCli, waitFor } from './translate-project.js';
import { prng } from './prng.js';

export interface CrashOptions {
  items: number;
  /** SIGKILLs of translate, then of adapt --answers (fewer when a run finishes first). */
  translateKills: number;
  adaptKills: number;
  delayMs: number;
  concurrency: number;
  seed: number;
}

export interface KillFigure {
  /** Characters of the requests in flight when the process was killed (sent, reply not yet on disk). */
  inFlightCharacters: number;
  inFlightRequests: number;
}

export interface CrashFigures {
  translateKills: KillFigure[];
  adaptKills: number;
  /** Characters one uninterrupted run bills, and what the killed runs billed in all. */
  cleanCharacters: number;
  billedCharacters: number;
  /** billed - clean; the bound is the sum of in-flight characters over the kills. */
  extraCharacters: number;
  inFlightBound: number;
  itemsTranslated: number;
  exportsIdentical: boolean;
}

/** A batch counts as in flight at a kill if its reply had not arrived this long before (reading and writing it takes a moment). */
const REPLY_GRACE_MS = 100;

function answersFile(tmp: TempDir, ids: readonly string[]): string {
  return tmp.jsonl(
    'answers.jsonl',
    ids.map((id, i) => (i % 3 === 0 ? { id, decision: 'adapt', rationale: 'local helpline', answer: `adapted answer ${i}` } : { id, decision: 'transfer' })),
  );
}

/** The fake providers' "translations" embed the source text, so the leak guard is off here. */
async function exportOf(dir: string, out: string): Promise<string> {
  const r = await run(['export', '-p', dir, '--out', out, '--include-unreviewed', '--format', 'jsonl', '--allow-verbatim'], { env: CLEAN_ENV });
  if (r.code !== 0) throw new Error(`export failed: ${r.stderr}`);
  return readFileSync(path.join(out, 'data', 'test.jsonl'), 'utf8');
}

const charactersOf = (reqs: readonly RecordedRequest[]) => reqs.reduce((n, r) => n + (r.billed ?? 0), 0);

export async function crashHarness(tmp: TempDir, opts: CrashOptions): Promise<CrashFigures> {
  const random = prng(opts.seed);
  const records = makeRecords(opts.items);
  const ids = records.map((r) => r.ID);
  const answers = answersFile(tmp, ids);
  const fake: FakeServer = await startFakeDeepL({ delayMs: opts.delayMs });
  try {
    const env = deeplEnv(fake);
    // Context per item: one request per item, so a run has many requests to be killed between.
    const translateArgs = (dir: string) => ['translate', '-p', dir, '--context', 'item', '--concurrency', String(opts.concurrency)];

    // The uninterrupted reference.
    const clean = await makeProject(tmp, 'clean', 'deepl', records);
    const t = await run(translateArgs(clean), { env: { ...CLEAN_ENV, ...env } });
    if (t.code !== 0) throw new Error(`clean translate failed: ${t.stderr}`);
    const a = await run(['adapt', '-p', clean, '--answers', answers], { env: CLEAN_ENV });
    if (a.code !== 0) throw new Error(`clean adapt failed: ${a.stderr}`);
    const cleanCharacters = fake.stats.characters;
    const expected = await exportOf(clean, tmp.join('clean-out'));

    // The same, killed at random points.
    fake.clear();
    const dir = await makeProject(tmp, 'crash', 'deepl', records);
    const kills: KillFigure[] = [];
    for (let k = 0; k < opts.translateKills; k++) {
      const before = fake.requestsTo('translate').length;
      const left = opts.items - mtEvents(dir).length;
      if (left === 0) break;
      const running = spawnCli(translateArgs(dir), env);
      // Kill after a random number of this run's replies, plus a random part of one delay.
      const target = Math.floor(random() * Math.max(1, left - opts.concurrency));
      const replied = () =>
        fake
          .requestsTo('translate')
          .slice(before)
          .filter((r) => r.repliedAt !== undefined).length;
      let finished = false;
      void running.done.then(() => (finished = true));
      await waitFor('replies before the kill', () => finished || replied() >= target, 60_000);
      await new Promise((r) => setTimeout(r, random() * opts.delayMs));
      if (finished) break;
      running.child.kill('SIGKILL');
      const at = Date.now();
      await running.done;
      const open = fake
        .requestsTo('translate')
        .slice(before)
        .filter((r) => r.receivedAt <= at && (r.repliedAt === undefined || r.repliedAt > at - REPLY_GRACE_MS));
      // Requests still open at the server are billed when it answers (as a real provider does).
      await waitFor('the requests in flight to be answered', () => open.every((r) => r.repliedAt !== undefined), 30_000);
      kills.push({ inFlightCharacters: charactersOf(open), inFlightRequests: open.length });
    }
    const finish = await run(translateArgs(dir), { env: { ...CLEAN_ENV, ...env } });
    if (finish.code !== 0) throw new Error(`translate after the kills failed: ${finish.stderr}`);
    const billedCharacters = fake.stats.characters;
    const itemsTranslated = new Set(mtEvents(dir).map((e) => e.item)).size;

    let adaptKills = 0;
    for (let k = 0; k < opts.adaptKills; k++) {
      const running = spawnCli(['adapt', '-p', dir, '--answers', answers]);
      // Start-up takes most of a short run: kill anywhere in its first second.
      await new Promise((r) => setTimeout(r, 150 + random() * 900));
      running.child.kill('SIGKILL');
      const r = await running.done;
      if (r.signal === 'SIGKILL') adaptKills++;
    }
    const applied = await run(['adapt', '-p', dir, '--answers', answers], { env: CLEAN_ENV });
    if (applied.code !== 0) throw new Error(`adapt after the kills failed: ${applied.stderr}`);
    const actual = await exportOf(dir, tmp.join('crash-out'));

    return {
      translateKills: kills,
      adaptKills,
      cleanCharacters,
      billedCharacters,
      extraCharacters: billedCharacters - cleanCharacters,
      inFlightBound: kills.reduce((n, k) => n + k.inFlightCharacters, 0),
      itemsTranslated,
      exportsIdentical: actual === expected,
    };
  } finally {
    await fake.close();
  }
}
