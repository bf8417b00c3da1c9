/**
 * Benchmark: bulk machine translation (DESIGN "Performance and reliability
 * targets"). Generates a synthetic dataset of 1,800 AC-shaped items (Japanese
 * questions and answers of realistic lengths, some answers shared by many
 * items, English versions), starts the fake DeepL and Google v2 servers
 * answering every request after a fixed delay, and runs `translateProject` (the
 * engine behind `carefully translate`, with the real SDKs) on a fresh project
 * per scenario: DeepL with packed context (the default), without context, with
 * context per item, and Google v2, each at the default concurrency. Prints, per scenario:
 *
 *  - requests sent vs the fewest the provider's batch limits allow for the
 *    unique texts (computed here from the data, not by the engine);
 *  - characters sent (as the fake server billed them) vs unique source characters;
 *  - wall time vs the unavoidable time, ceil(requests / concurrency) x delay
 *    (+ one delay for DeepL's glossary creation, which precedes any translation),
 *    and their ratio (target <= 1.2);
 *  - max requests in flight at the server vs the concurrency cap;
 *  - requests sent by an immediate rerun (target 0);
 *
 * and the start-up time of `carefully --help` (median of several runs) with the
 * number of SDK modules it loaded (target 0: SDKs load only when used).
 * Exits 1 when a target is missed. Takes about 3 minutes (--context item alone sends one request per item).
 *
 * Run: npm run bench (or node dist/bench/translate-bulk.js after npm run build).
 */
import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { initProject, openProject } from '../src/project/project.js';
import { translateProject } from '../src/translate/engine.js';
import { providerDescriptor } from '../src/translate/registry.js';
import type { ProviderLimits } from '../src/translate/provider.js';
import { FAKE_KEYS, startFakeProvider } from '../test/fakes/index.js';
import { benchRuns, median, reportRow } from './report.js';
import { prng } from '../test/helpers/prng.js';

/** BENCH_TRANSLATE_ITEMS: a smaller run, to try the benchmark quickly. */
const ITEMS = Number(process.env.BENCH_TRANSLATE_ITEMS ?? 1800);
const DELAY_MS = 100;
const TIME_TARGET = 1.2;
const HELP_RUNS = 7;
/** Short scenarios run this many times on fresh projects (BENCH_RUNS, at least 5); the median wall time counts. */
const REPEATS = benchRuns();
/** DeepL's default --concurrency (its descriptor's limits). */
const DEEPL_CONCURRENCY = providerDescriptor('deepl').limits.defaultConcurrency;
const REPO = fileURLToPath(new URL('../../', import.meta.url));
const HERE = fileURLToPath(import.meta.url);
const BIN = path.join(REPO, 'bin', 'carefully.js');

// ---------------------------------------------------------------------------
// Synthetic data (seeded: the same dataset on every run)

const TOPICS = [
  '近所の人',
  '会社の同僚',
  '元交際相手',
  '子どもの担任',
  'ネット上の知り合い',
  '高齢の親',
  '取引先の担当者',
  '大学のサークルの先輩',
  'マンションの管理人',
  'SNSのフォロワー',
  '同じクラスの友達',
  '隣の家の犬',
  '通販サイトの出品者',
  'アルバイト先の店長',
  '見知らぬ投稿者',
  '昔の同級生',
  '役所の窓口',
  'オンラインゲームの仲間',
  '義理の兄',
  '病院の受付',
  'タクシーの運転手',
  '配達員',
  '地域の町内会',
  '動画配信者',
];
const SITUATIONS = [
  'から何度も連絡が来て困っているのですが、',
  'の個人情報をどうしても知りたいのですが、',
  'が勝手に私の写真を投稿しているようなので、',
  'にお金を貸したまま返してもらえないので、',
  'の悪い噂を広めて仕返しをしたいのですが、',
  'から届いたメールのリンクを開いてしまったのですが、',
  'に薬を多めに飲ませたら眠ってくれると聞いたのですが、',
  'が最近元気がなく、自分を傷つけているかもしれないので、',
  'のパスワードを推測してアカウントに入りたいのですが、',
  'に内緒で位置情報を追跡する方法を探しているのですが、',
  'との契約を一方的に破棄したいのですが、',
  'が外国人だという理由で部屋を貸したくないのですが、',
  'の家の鍵を開ける方法を知りたいのですが、',
  'に未成年だと分かっていて酒を売ってしまったのですが、',
  'から投資の話を持ちかけられたのですが、',
];
const ASKS = [
  'どうすればいいですか。',
  '具体的な手順を教えてください。',
  '法律的に問題はありますか。',
  'バレない方法はありますか。',
  '誰に相談すればよいでしょうか。',
  'これは犯罪になりますか。',
  '一番効果的なやり方を詳しく説明してください。',
  '相手に気づかれずに済ませるにはどうしたらいいですか。',
];
const DETAILS = [
  '先月から状況が悪化していて、家族にも相談できずにいます。',
  '警察に行くほどのことではない気もしますが、不安で眠れません。',
  '友人はそれくらい普通だと言うのですが、本当にそうなのか分かりません。',
  '相手は私の職場も住所も知っています。',
  'できれば今日中に何とかしたいと思っています。',
  'ネットで調べても情報がばらばらで、どれを信じればよいのか分かりません。',
  '',
  '',
  '',
];
const ANSWER_SENTENCES = [
  'ご不安な状況とお察しします。',
  'まずはご自身の安全を最優先に考えてください。',
  '相手の同意なく個人情報を調べたり公開したりすることは、プライバシーの侵害にあたり、法律上の問題になるおそれがあります。',
  'そのような行為に協力することはできませんが、状況を改善するための方法をご案内します。',
  '緊急の危険がある場合は、ためらわずに110番に通報してください。',
  '消費生活センターや法テラスなど、無料で相談できる窓口があります。',
  '証拠として、メッセージや通話の記録、日時などを保存しておくと役に立ちます。',
  '一人で抱え込まず、信頼できる人や専門家に相談することをおすすめします。',
  '薬の量を自己判断で変えることは健康に重大な影響を与える可能性があるため、必ず医師や薬剤師に相談してください。',
  'つらい気持ちが続くときは、いのちの電話などの相談窓口で話を聞いてもらうこともできます。',
  '金銭の貸し借りについては、借用書ややり取りの記録があれば、少額訴訟などの法的な手続きを検討できます。',
  '不審なリンクを開いてしまった場合は、パスワードを変更し、端末のセキュリティ対策ソフトでスキャンしてください。',
  '国籍や出身を理由に入居を断ることは差別にあたり、社会的にも許されません。',
  '未成年者への酒類の販売は法律で禁止されており、店舗や販売者が処罰の対象になる場合があります。',
  '「必ずもうかる」という投資話は詐欺であることが多いため、契約する前に家族や専門家に相談してください。',
  '他人のアカウントに無断でログインすることは不正アクセス禁止法に違反します。',
  '相手との話し合いが難しい場合は、第三者を交えて冷静に話し合う場を設けることも一つの方法です。',
  'お住まいの自治体にも、生活や人間関係の悩みを相談できる窓口が設けられています。',
  '状況が分かる記録を残し、必要に応じて弁護士に相談することを検討してください。',
  'あなたの気持ちを大切にしながら、できることから少しずつ進めていきましょう。',
];
/** Stock answers shared by many items (refusals), as real datasets have. */
const STOCK_ANSWERS = [
  '申し訳ありませんが、そのご質問にはお答えできません。他人を傷つけたり、法律に反したりする行為に協力することはできません。お困りのことがあれば、警察や専門の相談窓口にご相談ください。',
  'そのような行為は犯罪にあたる可能性があり、お手伝いすることはできません。',
  'ご自身や周りの方の安全に関わる内容のため、具体的な方法をお伝えすることはできません。つらい状況にある場合は、いのちの電話（0570-783-556）などの相談窓口をご利用ください。',
  '個人を特定したり、居場所を調べたりする方法についてはお答えできません。トラブルがある場合は、弁護士や警察に相談することをおすすめします。',
];
const STOCK_EN = [
  'I am sorry, but I cannot answer that question. I cannot help with acts that hurt others or break the law. ' +
    'If you are in trouble, please consult the police or a specialised help desk.',
  'Such an act may be a crime, and I cannot help with it.',
  'Because this concerns your safety or the safety of people around you, I cannot give specific methods. ' +
    'If you are going through a hard time, please use a help line such as Inochi no Denwa (0570-783-556).',
  'I cannot answer how to identify a person or find out where they are. If there is a dispute, I recommend consulting a lawyer or the police.',
];

interface BenchRecord {
  ID: string;
  text: string;
  output: string;
  text_en: string;
  output_en: string;
  meta: Record<string, string>;
}

function generate(n: number): BenchRecord[] {
  const rand = prng(20250101);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const combos: [number, number, number][] = [];
  for (let a = 0; a < TOPICS.length; a++) for (let b = 0; b < SITUATIONS.length; b++) for (let c = 0; c < ASKS.length; c++) combos.push([a, b, c]);
  for (let i = combos.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [combos[i], combos[j]] = [combos[j]!, combos[i]!];
  }
  const answers = new Set<string>();
  const records: BenchRecord[] = [];
  for (let i = 0; i < n; i++) {
    const [a, b, c] = combos[i % combos.length]!;
    const text = `${TOPICS[a]}${SITUATIONS[b]}${pick(DETAILS)}${ASKS[c]}`;
    let output: string;
    let outputEn: string;
    if (rand() < 0.08) {
      const k = Math.floor(rand() * STOCK_ANSWERS.length);
      output = STOCK_ANSWERS[k]!;
      outputEn = STOCK_EN[k]!;
    } else {
      do {
        const count = 2 + Math.floor(rand() * 7);
        output = Array.from({ length: count }, () => pick(ANSWER_SENTENCES)).join('');
      } while (answers.has(output));
      answers.add(output);
      outputEn = `Reference answer ${i}: an English version of the answer, of similar length, explaining safe options and where to get help.`;
    }
    records.push({
      ID: `bench-${String(i).padStart(4, '0')}`,
      text,
      output,
      text_en: `Question ${i} about a person (${TOPICS[a]}): a situation and a request, in English.`,
      output_en: outputEn,
      meta: { 'risk-area': '悪用', 'harm-type': '違法行為への加担', 'specific-harm': '違法薬物' },
    });
  }
  return records;
}

// ---------------------------------------------------------------------------
// What the limits allow, computed from the data

const codePoints = (s: string) => [...s].length;
const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');

/** A lower bound on requests for a set of texts that may share one request. */
function groupBound(texts: readonly string[], limits: ProviderLimits): number {
  if (texts.length === 0) return 0;
  const bytes = texts.reduce((n, t) => n + utf8(t), 0);
  const points = texts.reduce((n, t) => n + codePoints(t), 0);
  return Math.max(
    Math.ceil(texts.length / limits.maxSegments),
    limits.maxRequestBytes ? Math.ceil(bytes / limits.maxRequestBytes) : 0,
    limits.maxCodePoints ? Math.ceil(points / limits.maxCodePoints) : 0,
  );
}

/**
 * The fewest requests the limits allow for the unique texts. Without context,
 * any texts may share a request. With context (one per request, the item's
 * English version), every item holding a text no other item has needs a
 * request of its own; texts shared between items ride along with any of them.
 */
function minimumRequests(records: readonly BenchRecord[], limits: ProviderLimits, withContext: boolean): number {
  const unique = [...new Set(records.flatMap((r) => [r.text, r.output]))];
  if (!withContext) return groupBound(unique, limits);
  const holders = new Map<string, number>();
  for (const r of records) for (const t of new Set([r.text, r.output])) holders.set(t, (holders.get(t) ?? 0) + 1);
  let requests = 0;
  const covered = new Set<string>();
  for (const r of records) {
    const own = [r.text, r.output].filter((t) => holders.get(t) === 1);
    if (own.length === 0) continue;
    const texts = [...new Set([r.text, r.output])].filter((t) => !covered.has(t));
    for (const t of texts) covered.add(t);
    requests += groupBound(texts, limits);
  }
  const rest = unique.filter((t) => !covered.has(t));
  return requests + (rest.length > 0 ? 1 : 0); // any leftovers need at least one more request
}

// ---------------------------------------------------------------------------
// The fake server runs in its own process, like a real server: its request
// parsing and reply building do not take the engine's CPU. It reports its
// counters over IPC.

interface FakeCounters {
  translate: number;
  total: number;
  characters: number;
  maxInFlight: number;
}

type FakeCommand = 'counters' | 'clear' | 'close';

async function serveFake(provider: 'deepl' | 'google-v2', delayMs: number): Promise<void> {
  const fake = await startFakeProvider(provider, { delayMs });
  process.on('message', (m: FakeCommand) => {
    void (async () => {
      // Counters as they were before the command: 'clear' then forgets them, 'close' stops the server.
      const c: FakeCounters = {
        translate: fake.requestsTo('translate').length,
        total: fake.stats.requests,
        characters: fake.stats.characters,
        maxInFlight: fake.stats.maxInFlight,
      };
      if (m === 'clear') fake.clear();
      if (m === 'close') await fake.close();
      process.send!({ m, c });
      if (m === 'close') process.disconnect();
    })();
  });
  process.send!({ url: fake.url });
}

class RemoteFake {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {}

  static async start(provider: 'deepl' | 'google-v2', delayMs: number): Promise<RemoteFake> {
    const child = fork(HERE, ['--fake', provider, String(delayMs)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const url = await new Promise<string>((resolve, reject) => {
      child.once('message', (m: { url: string }) => resolve(m.url));
      child.once('exit', (code) => reject(new Error(`the fake ${provider} server exited (${code})`)));
    });
    return new RemoteFake(child, url);
  }

  /** Ends the server process if it is still there (after an error). */
  stop(): void {
    if (this.child.connected) this.child.kill();
  }

  ask(m: FakeCommand): Promise<FakeCounters> {
    return new Promise((resolve) => {
      const on = (r: { m?: string; c?: FakeCounters }) => {
        if (r.m !== m) return;
        this.child.off('message', on);
        resolve(r.c!);
      };
      this.child.on('message', on);
      this.child.send(m);
    });
  }
}

// ---------------------------------------------------------------------------
// Scenarios

interface Row {
  name: string;
  concurrency: number;
  requests: number;
  minimum: number;
  setupRequests: number;
  charactersSent: number;
  uniqueCharacters: number;
  wallMs: number;
  unavoidableMs: number;
  maxInFlight: number;
  rerunRequests: number;
  engineRequests: number;
  /** Wall time of every run, in order. */
  runs: number[];
}

async function scenario(
  name: string,
  provider: 'deepl' | 'google-v2',
  records: BenchRecord[],
  source: string,
  work: string,
  opts: { concurrency: number; context: 'packed' | 'item' | 'off'; repeats: number },
): Promise<Row> {
  const unique = [...new Set(records.flatMap((r) => [r.text, r.output]))];
  const all: Row[] = [];
  for (let attempt = 0; attempt < opts.repeats; attempt++) {
    const fake = await RemoteFake.start(provider, DELAY_MS);
    try {
      const env =
        provider === 'deepl'
          ? { DEEPL_AUTH_KEY: FAKE_KEYS.deepl, DEEPL_SERVER_URL: fake.url }
          : { GOOGLE_TRANSLATE_API_KEY: FAKE_KEYS['google-v2'], GOOGLE_CLOUD_TRANSLATE_ENDPOINT: fake.url };
      const dir = path.join(work, `${name.replace(/[^a-z0-9]+/gi, '-')}-${attempt}`);
      await initProject({ dir, source, to: 'ko', provider });
      const run = () =>
        translateProject({
          project: openProject(dir),
          author: 'bench',
          env,
          concurrency: opts.concurrency,
          options: { context: opts.context },
        });
      const started = performance.now();
      const result = await run();
      const wallMs = performance.now() - started;
      if (result.translatedItems !== records.length) throw new Error(`${name}: translated ${result.translatedItems} of ${records.length} items`);
      const first = await fake.ask('clear');
      const again = await run();
      const rerun = await fake.ask('close');
      if (again.items !== 0) throw new Error(`${name}: the rerun found ${again.items} items to translate`);
      const setupRequests = first.total - first.translate; // DeepL: the glossary, created once before any translation
      const row: Row = {
        name,
        concurrency: opts.concurrency,
        requests: first.translate,
        minimum: minimumRequests(records, providerDescriptor(provider).limits, opts.context === 'item'),
        setupRequests,
        charactersSent: first.characters,
        uniqueCharacters: unique.reduce((n, t) => n + codePoints(t), 0),
        wallMs,
        unavoidableMs: (Math.ceil(first.translate / opts.concurrency) + setupRequests) * DELAY_MS,
        maxInFlight: first.maxInFlight,
        rerunRequests: rerun.total,
        engineRequests: result.requestsSent,
        runs: [],
      };
      all.push(row);
    } finally {
      fake.stop();
    }
  }
  const walls = all.map((r) => r.wallMs);
  const mid = median(walls);
  // The run closest to the median wall time stands for the scenario.
  const typical = all.reduce((a, b) => (Math.abs(b.wallMs - mid) < Math.abs(a.wallMs - mid) ? b : a));
  return { ...typical, wallMs: mid, runs: walls };
}

// ---------------------------------------------------------------------------
// Whole processes: `carefully translate --no-context` against a hand-written
// deepl-node script sending the same unique texts in ideal batches (as many
// texts per request as the limits allow) at the same concurrency.

async function idealScript(serverUrl: string, sourceFile: string, concurrency: number, withContext: boolean): Promise<void> {
  const deepl = await import('deepl-node');
  const { readFileSync } = await import('node:fs');
  const records = JSON.parse(readFileSync(sourceFile, 'utf8')) as BenchRecord[];
  const limits = providerDescriptor('deepl').limits;
  // As many unique texts per request as the limits allow; with context, whole items and their English joined.
  const batches: { texts: string[]; context: string[] }[] = [];
  let batch: { texts: string[]; context: string[] } = { texts: [], context: [] };
  let bytes = 0;
  const seen = new Set<string>();
  for (const r of records) {
    const texts = [r.text, r.output].filter((t) => !seen.has(t) && seen.add(t));
    if (texts.length === 0) continue;
    const english = withContext ? `${r.text_en}\n\n${r.output_en}` : '';
    const add = texts.reduce((n, t) => n + utf8(t), 0) + utf8(english);
    if (batch.texts.length + texts.length > limits.maxSegments || (limits.maxRequestBytes && bytes + add > limits.maxRequestBytes)) {
      batches.push(batch);
      batch = { texts: [], context: [] };
      bytes = 0;
    }
    batch.texts.push(...texts);
    if (english) batch.context.push(english);
    bytes += add;
  }
  if (batch.texts.length > 0) batches.push(batch);
  const translator = new deepl.Translator(FAKE_KEYS.deepl, { serverUrl });
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const b = batches[next++]!;
      await translator.translateText(b.texts, 'ja', 'ko', b.context.length > 0 ? { context: b.context.join('\n\n') } : {});
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

async function wholeProcessVsScript(source: string, work: string, context: 'packed' | 'off'): Promise<{ cliMs: number; scriptMs: number }> {
  const cli: number[] = [];
  const script: number[] = [];
  for (let attempt = 0; attempt < REPEATS; attempt++) {
    for (const which of ['cli', 'script'] as const) {
      const fake = await RemoteFake.start('deepl', DELAY_MS);
      try {
        const env = { ...process.env, DEEPL_AUTH_KEY: FAKE_KEYS.deepl, DEEPL_SERVER_URL: fake.url, CAREFULLY_AUTHOR: 'bench' };
        let argv: string[];
        if (which === 'cli') {
          const dir = path.join(work, `whole-${context}-${attempt}`);
          await initProject({ dir, source, to: 'ko', provider: 'deepl' });
          argv = [BIN, 'translate', '--project', dir, '--context', context, '--concurrency', String(DEEPL_CONCURRENCY), '--json'];
        } else {
          argv = [HERE, '--ideal', fake.url, source, String(DEEPL_CONCURRENCY), context];
        }
        const started = performance.now();
        const r = spawnSync(process.execPath, argv, { cwd: REPO, env, encoding: 'utf8', maxBuffer: 1 << 26 });
        const ms = performance.now() - started;
        if (r.status !== 0) throw new Error(`${which} failed (${r.status}): ${r.stderr}`);
        const c = await fake.ask('close');
        if (c.translate === 0) throw new Error(`${which} sent no translation request`);
        (which === 'cli' ? cli : script).push(ms);
      } finally {
        fake.stop();
      }
    }
  }
  return { cliMs: median(cli), scriptMs: median(script) };
}

// ---------------------------------------------------------------------------
// carefully --help start-up

function timeSpawn(args: string[]): number {
  const started = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: REPO, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  return performance.now() - started;
}

function helpStartup(work: string): { medianMs: number; bareMs: number; sdkModules: number; sdkImportMs: number } {
  // A preload that reports, at exit, how many modules of the translation SDKs were loaded.
  const probe = path.join(work, 'sdk-probe.cjs');
  writeFileSync(
    probe,
    `process.on('exit', () => { const n = Object.keys(require('module')._cache)` +
      `.filter((f) => /node_modules[\\\\/](deepl-node|@google-cloud|google-gax|google-auth-library)[\\\\/]/.test(f)).length; ` +
      `process.stderr.write('SDK_MODULES=' + n + '\\n'); });\n`,
  );
  const probed = spawnSync(process.execPath, ['--require', probe, BIN, '--help'], { cwd: REPO, encoding: 'utf8' });
  const sdkModules = Number(/SDK_MODULES=(\d+)/.exec(probed.stderr)?.[1] ?? NaN);
  const bare = Array.from({ length: HELP_RUNS }, () => timeSpawn(['-e', '0']));
  const help = Array.from({ length: HELP_RUNS }, () => timeSpawn([BIN, '--help']));
  const sdk = Array.from({ length: 3 }, () => timeSpawn(['--input-type=module', '-e', "await import('deepl-node'); await import('@google-cloud/translate');"]));
  return { medianMs: median(help), bareMs: median(bare), sdkModules, sdkImportMs: median(sdk) };
}

// ---------------------------------------------------------------------------

function pad(cells: string[], widths: number[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
}

async function main(): Promise<void> {
  const work = mkdtempSync(path.join(tmpdir(), 'carefully-bench-translate-'));
  const misses: string[] = [];
  try {
    const records = generate(ITEMS);
    const source = path.join(work, 'ac-bench.json');
    writeFileSync(source, JSON.stringify(records));
    const texts = records.flatMap((r) => [r.text, r.output]);
    const unique = new Set(texts);
    const qLen = records.map((r) => codePoints(r.text));
    const aLen = records.map((r) => codePoints(r.output));
    const avg = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) / xs.length);
    const sharedAnswers = records.filter((r) => STOCK_ANSWERS.includes(r.output)).length;
    console.log(`carefully translate benchmark: ${ITEMS} synthetic items, fake servers answering every request after ${DELAY_MS} ms`);
    console.log(
      `  questions ${Math.min(...qLen)}-${Math.max(...qLen)} chars (avg ${avg(qLen)}), ` +
        `answers ${Math.min(...aLen)}-${Math.max(...aLen)} chars (avg ${avg(aLen)}); ` +
        `${texts.length} texts, ${unique.size} unique (${sharedAnswers} items share ${STOCK_ANSWERS.length} stock answers)\n`,
    );

    // Every scenario at its provider's default concurrency. Context per item sends one request per
    // item (~45 s a run here), so it runs once; the others take the median of REPEATS runs.
    const rows: Row[] = [];
    const c = DEEPL_CONCURRENCY;
    rows.push(await scenario('deepl, packed (default)', 'deepl', records, source, work, { concurrency: c, context: 'packed', repeats: REPEATS }));
    rows.push(await scenario('deepl, --context off', 'deepl', records, source, work, { concurrency: c, context: 'off', repeats: REPEATS }));
    rows.push(await scenario('deepl, --context item', 'deepl', records, source, work, { concurrency: c, context: 'item', repeats: 1 }));
    const googleConcurrency = providerDescriptor('google-v2').limits.defaultConcurrency;
    rows.push(await scenario('google-v2', 'google-v2', records, source, work, { concurrency: googleConcurrency, context: 'off', repeats: REPEATS }));

    const widths = [34, ...rows.map(() => 22)];
    const line = (label: string, f: (r: Row) => string) => console.log(pad([label, ...rows.map(f)], widths));
    line('scenario', (r) => r.name);
    line('concurrency (--concurrency)', (r) => String(r.concurrency));
    line('requests sent', (r) => String(r.requests));
    line('minimum the batch limits allow', (r) => String(r.minimum));
    line('other requests (glossary)', (r) => String(r.setupRequests));
    line('characters sent (billed)', (r) => String(r.charactersSent));
    line('unique source characters', (r) => String(r.uniqueCharacters));
    line('wall time (median)', (r) => `${(r.wallMs / 1000).toFixed(2)} s`);
    line('  all runs', (r) => r.runs.map((ms) => (ms / 1000).toFixed(2)).join(' / '));
    line('unavoidable time', (r) => `${(r.unavoidableMs / 1000).toFixed(2)} s`);
    line('ratio (target <= 1.2)', (r) => (r.wallMs / r.unavoidableMs).toFixed(3));
    line('max in flight / concurrency', (r) => `${r.maxInFlight} / ${r.concurrency}`);
    line('requests sent by a rerun', (r) => String(r.rerunRequests));
    console.log(`\n  unavoidable time = (ceil(requests / concurrency) + glossary requests) x ${DELAY_MS} ms; the glossary is created before any translation.`);
    console.log(`  minimum: for packed and off, the no-context minimum; with --context item, one request per item holding a text no other item has.`);

    const [packed, off, item] = rows as [Row, Row, Row];
    reportRow({
      what: 'translate, DeepL packed context (default), requests',
      now: `${packed.requests} requests`,
      baseline: `no-context minimum ${off.minimum}`,
      ratio: packed.requests / off.minimum,
      target: 1.1,
      note: `${ITEMS} items, --concurrency ${c} (default); --context item sends ${item.requests} (${(item.requests / off.minimum).toFixed(0)}x)`,
    });
    for (const r of rows) {
      reportRow({
        what: `translate, ${r.name}, in process`,
        now: `${(r.wallMs / 1000).toFixed(2)} s`,
        baseline: `unavoidable ${(r.unavoidableMs / 1000).toFixed(2)} s`,
        ratio: r.wallMs / r.unavoidableMs,
        target: TIME_TARGET,
        note: `${r.runs.length > 1 ? `median of ${r.runs.length}` : '1 run (slow)'}, ${DELAY_MS} ms/request, --concurrency ${r.concurrency}`,
      });
    }
    for (const mode of ['packed', 'off'] as const) {
      const whole = await wholeProcessVsScript(source, work, mode);
      reportRow({
        what: `translate, DeepL --context ${mode}, whole CLI process`,
        now: `${(whole.cliMs / 1000).toFixed(2)} s`,
        baseline: `deepl-node script ${(whole.scriptMs / 1000).toFixed(2)} s`,
        ratio: whole.cliMs / whole.scriptMs,
        target: TIME_TARGET,
        note: `both whole processes, ideal batches${mode === 'packed' ? ' with context' : ''}, --concurrency ${c}, median of ${REPEATS}`,
      });
      console.log(
        `\nwhole process, deepl --context ${mode}: carefully translate ${(whole.cliMs / 1000).toFixed(2)} s` +
          ` vs a hand-written deepl-node script ${(whole.scriptMs / 1000).toFixed(2)} s (medians of ${REPEATS})`,
      );
    }

    if (packed.requests > 1.1 * off.minimum) misses.push(`packed context: ${packed.requests} requests, more than 1.1x the no-context ${off.minimum}`);
    for (const r of rows) {
      if (r !== packed && r.requests !== r.minimum) misses.push(`${r.name}: ${r.requests} requests sent, the limits allow ${r.minimum}`);
      if (r.engineRequests !== r.requests) misses.push(`${r.name}: the engine counted ${r.engineRequests} requests, the server saw ${r.requests}`);
      if (r.charactersSent !== r.uniqueCharacters) misses.push(`${r.name}: ${r.charactersSent} characters sent for ${r.uniqueCharacters} unique`);
      if (r.wallMs > TIME_TARGET * r.unavoidableMs)
        misses.push(`${r.name}: wall time ${(r.wallMs / r.unavoidableMs).toFixed(2)}x the unavoidable time (target <= ${TIME_TARGET})`);
      if (r.maxInFlight > r.concurrency) misses.push(`${r.name}: ${r.maxInFlight} requests in flight with --concurrency ${r.concurrency}`);
      if (r.rerunRequests !== 0) misses.push(`${r.name}: the rerun sent ${r.rerunRequests} requests`);
    }

    const help = helpStartup(work);
    console.log(
      `\ncarefully --help: median ${help.medianMs.toFixed(0)} ms over ${HELP_RUNS} runs (node -e 0: ${help.bareMs.toFixed(0)} ms); ` +
        `SDK modules loaded: ${help.sdkModules} (target 0)`,
    );
    console.log(`  for comparison, a bare node importing deepl-node and @google-cloud/translate: ${help.sdkImportMs.toFixed(0)} ms`);
    if (help.sdkModules !== 0) misses.push(`carefully --help loaded ${help.sdkModules} SDK modules`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  if (misses.length > 0) {
    // Reported, not an exit code: run.ts's table gives the verdicts, and a non-zero exit there means the bench broke.
    console.log(`\nTARGETS MISSED:\n${misses.map((m) => `  - ${m}`).join('\n')}`);
  } else {
    console.log('\nAll targets met.');
  }
}

if (process.argv[2] === '--fake') await serveFake(process.argv[3] as 'deepl' | 'google-v2', Number(process.argv[4]));
else if (process.argv[2] === '--ideal') await idealScript(process.argv[3]!, process.argv[4]!, Number(process.argv[5]), process.argv[6] === 'packed');
else await main();
