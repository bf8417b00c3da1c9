/**
 * `carefully translate` and `carefully providers` through the CLI's main() (a
 * child process running bin/carefully.js where a real process matters: Ctrl-C,
 * exiting with a request left hanging), against the fake provider servers, with
 * the real SDKs: one-command translation per provider, free reruns, and every
 * failure the issue names (missing/rejected key, quota stop mid-run, 429 with
 * Retry-After, 5xx storm, reset, hang, Ctrl-C), each checked on the wire and on
 * disk. No SDK object is stubbed.
 *
 * In-process runs get a retry policy with a 5 ms first backoff (FAST_RETRY;
 * Retry-After still wins); the per-request timeout is the real
 * provider.options.timeoutMs in carefully.json.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { initProject } from '../../src/project/project.js';
import type { ProjectConfig } from '../../src/project/config.js';
import { FAKE_KEYS, FAKE_PROVIDERS, asList, fakeTranslate, startFakeProvider, type FakeProviderName, type FakeServer } from '../fakes/index.js';
import type { FakeDeepL } from '../fakes/deepl.js';
import { parsePrompt } from '../fakes/openai.js';
import { FAST_RETRY, REPO, run as runCli, type CliResult } from '../helpers/cli.js';
import { TempDir, makeRecords, type FixtureRecord } from '../helpers/fixtures.js';
import { ENV } from '../helpers/provider-env.js';
import { CLEAN_ENV, spawnCli } from '../helpers/translate-project.js';

const WRONG_KEYS = { deepl: 'wrong-deepl-key-9876543210:fx', 'google-v2': 'wrong-google-key-9876543210' };
const SECRETS = [...Object.values(FAKE_KEYS).filter((k) => k !== ''), ...Object.values(WRONG_KEYS)];
/** The CLI in this process, with retries a few milliseconds apart; returns at once so a test can change the fake mid-run. */
function startCli(args: string[], env: Record<string, string | undefined> = {}): { done: Promise<CliResult> } {
  return { done: runCli(args, { env: { ...CLEAN_ENV, ...env }, options: { retry: FAST_RETRY } }) };
}

/** Run the CLI to the end; no key may ever appear in what it prints. */
async function run(args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  return checked(await startCli(args, env).done);
}

function checked(r: CliResult): CliResult {
  for (const key of SECRETS) {
    assert.ok(!r.stdout.includes(key), `a key appeared on stdout:\n${r.stdout}`);
    assert.ok(!r.stderr.includes(key), `a key appeared on stderr:\n${r.stderr}`);
  }
  return r;
}

async function waitFor(what: string, predicate: () => boolean, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

/** The environment that points each provider at its fake (google-v3 also needs --endpoint). */
function envFor(name: FakeProviderName, fake: FakeServer): Record<string, string> {
  switch (name) {
    case 'deepl':
      return { [ENV.deeplKey]: FAKE_KEYS.deepl, [ENV.deeplServer]: fake.url };
    case 'google-v2':
      return { [ENV.googleV2Key]: FAKE_KEYS['google-v2'], [ENV.googleV2Endpoint]: fake.url };
    case 'google-v3':
      return { [ENV.googleProject]: 'fake-project' };
    case 'libretranslate':
      return { [ENV.libreUrl]: fake.url, [ENV.libreKey]: FAKE_KEYS.libretranslate };
    case 'openai':
      return { [ENV.openaiBase]: fake.url, [ENV.openaiModel]: 'fake-model', [ENV.openaiKey]: FAKE_KEYS.openai };
  }
}

const body = (b: unknown): Record<string, unknown> => (b ?? {}) as Record<string, unknown>;

/** Texts of each translate request, as the provider's wire format carries them. */
function requestTexts(name: FakeProviderName, fake: FakeServer): string[][] {
  return fake.requestsTo('translate').map((r) => {
    const b = body(r.body);
    switch (name) {
      case 'deepl':
        return asList(b['text']);
      case 'google-v2':
      case 'libretranslate':
        return asList(b['q']);
      case 'google-v3':
        return (b['contents'] as string[] | undefined) ?? [];
      case 'openai': {
        const messages = (b['messages'] as { content: string }[] | undefined) ?? [];
        return parsePrompt(messages.at(-1)?.content ?? '')?.texts ?? [];
      }
    }
  });
}

interface MtLine {
  type: string;
  item: string;
  provider: string;
  question: string;
  answer: string;
}

/** Every journal line, each of which must be one whole JSON event. */
function journal(dir: string): MtLine[] {
  const file = path.join(dir, 'journal', 'tester.jsonl');
  if (!existsSync(file)) return [];
  const raw = readFileSync(file, 'utf8');
  if (raw === '') return [];
  assert.ok(raw.endsWith('\n'), 'the journal ends with a whole line');
  return raw
    .split('\n')
    .filter((l) => l !== '')
    .map((l, i) => {
      try {
        return JSON.parse(l) as MtLine;
      } catch {
        assert.fail(`journal line ${i + 1} is not a whole JSON event: ${l}`);
      }
    });
}

/** mt events, each of which must carry both texts. */
function mtEvents(dir: string): MtLine[] {
  const mt = journal(dir).filter((e) => e.type === 'mt');
  for (const e of mt) {
    assert.ok(typeof e.question === 'string' && e.question !== '', `mt event for ${e.item} has its question`);
    assert.ok(typeof e.answer === 'string' && e.answer !== '', `mt event for ${e.item} has its answer`);
  }
  return mt;
}

/** The one paragraph a failed command prints after its progress lines; no stack trace. */
function errorParagraph(r: CliResult): string {
  const at = r.stderr.indexOf('carefully: ');
  assert.ok(at >= 0, `an error message on stderr:\n${r.stderr}`);
  const msg = r.stderr.slice(at).trim();
  assert.ok(!/\n\s*\n/.test(msg), `one paragraph:\n${msg}`);
  assert.ok(!/\n\s+at /.test(msg), `no stack trace:\n${msg}`);
  assert.equal(msg.match(/carefully: /g)?.length, 1);
  return msg;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

function assertNoKeyInProject(dir: string): void {
  for (const f of filesUnder(dir)) {
    const text = readFileSync(f, 'utf8');
    for (const key of SECRETS) assert.ok(!text.includes(key), `${f} holds a key`);
  }
}

const textsOf = (records: readonly FixtureRecord[]) => records.flatMap((r) => [r.text, r.output]);
const sorted = (xs: readonly string[]) => [...xs].sort();

describe('translate through the CLI against the providers (real SDKs, fake servers)', function () {
  this.timeout(60_000);
  let tmp: TempDir;
  let fake: FakeServer | undefined;
  beforeEach(() => (tmp = new TempDir()));
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
    tmp.remove();
  });

  /** carefully.json `provider.options.context: "item"`: one request per item, for tests that count requests per item. */
  const itemContext = (c: ProjectConfig) => (c.provider.options = { ...c.provider.options, context: 'item' });

  async function project(provider: ProjectConfig['provider']['name'], records: FixtureRecord[], edit: (c: ProjectConfig) => void = () => {}): Promise<string> {
    const dir = tmp.join('p');
    await initProject({ dir, source: tmp.json('src.json', records), to: 'ko', provider });
    const file = path.join(dir, 'carefully.json');
    const config = JSON.parse(readFileSync(file, 'utf8')) as ProjectConfig;
    edit(config);
    writeFileSync(file, JSON.stringify(config, null, 2));
    return dir;
  }

  for (const name of FAKE_PROVIDERS) {
    it(`${name}: one command translates the project; a rerun sends no request`, async () => {
      fake = await startFakeProvider(name);
      const records = makeRecords(6);
      const dir = await project(name, records);
      const args = ['translate', '-p', dir, ...(name === 'google-v3' ? ['--endpoint', fake.url] : [])];
      const r = await run(args, envFor(name, fake));
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /Translated 6 item/);

      const mt = mtEvents(dir);
      assert.equal(mt.length, 6);
      for (const rec of records) {
        const e = mt.find((m) => m.item === rec.ID);
        assert.ok(e, rec.ID);
        assert.equal(e.provider, name);
        assert.equal(e.question, fakeTranslate(rec.text, 'ko'));
        assert.equal(e.answer, fakeTranslate(rec.output, 'ko'));
      }
      const sent = requestTexts(name, fake).flat();
      assert.deepEqual(sorted(sent), sorted(textsOf(records)), 'every text sent exactly once');

      const reqs = fake.requestsTo('translate');
      for (const req of reqs) {
        const b = body(req.body);
        if (name === 'deepl') {
          // Packed context (the default): the request carries the English versions of its items, joined.
          assert.equal(b['context'], records.map((x) => `${x.text_en}\n\n${x.output_en}`).join('\n\n'));
          assert.equal(b['source_lang'], 'ja');
          assert.equal(b['target_lang'], 'ko');
        }
        if (name === 'google-v2') assert.equal(b['format'], 'text');
        if (name === 'google-v3') assert.equal(b['mimeType'], 'text/plain');
        if (name === 'libretranslate') assert.equal(b['format'], 'text');
        if (name === 'openai') assert.equal(b['model'], 'fake-model');
      }
      assert.equal(reqs.length, 1, 'all 12 texts fit one request');

      fake.clear();
      const again = await run(args, envFor(name, fake));
      assert.equal(again.code, 0, again.stderr);
      assert.match(again.stdout, /Nothing to translate/);
      assert.equal(fake.requests.length, 0, 'a completed rerun sends nothing at all');
      assert.equal(mtEvents(dir).length, 6);
      assertNoKeyInProject(dir);
    });
  }

  it('deepl --context item: an answer shared by items with different English versions is sent (and billed) once, with the first item as context', async () => {
    fake = await startFakeProvider('deepl');
    const shared = '申し訳ありませんが、お答えできません。';
    const records = makeRecords(3).map((r) => ({ ...r, output: shared }));
    const dir = await project('deepl', records);
    const r = await run(['translate', '-p', dir, '--context', 'item'], envFor('deepl', fake));
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /context\s+English version of each item \(not billed; one request per item\)/);
    const sent = requestTexts('deepl', fake);
    assert.deepEqual(sorted(sent.flat()), sorted([...records.map((x) => x.text), shared]));
    const withShared = fake.requestsTo('translate').find((q) => asList(body(q.body)['text']).includes(shared))!;
    assert.equal(body(withShared.body)['context'], `${records[0]!.text_en}\n\n${records[0]!.output_en}`);
    assert.ok(mtEvents(dir).every((e) => e.answer === fakeTranslate(shared, 'ko')));
    assert.equal(mtEvents(dir).length, 3);
  });

  it('deepl --no-context: no context is sent and texts are packed 50 to a request', async () => {
    fake = await startFakeProvider('deepl');
    const records = makeRecords(30); // 60 texts
    const dir = await project('deepl', records);
    const r = await run(['translate', '-p', dir, '--no-context'], envFor('deepl', fake));
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /context\s+not used/);
    assert.deepEqual(
      requestTexts('deepl', fake).map((t) => t.length),
      [50, 10],
    );
    assert.ok(fake.requestsTo('translate').every((q) => body(q.body)['context'] === undefined));
    assert.equal(mtEvents(dir).length, 30);
  });

  it('deepl packed context (default): within 1.1x the no-context requests, each request carrying the English of exactly its items', async () => {
    fake = await startFakeProvider('deepl');
    const records = makeRecords(140).map((r, i) => ({
      ...r,
      output: `${r.output}${'安全のため、信頼できる窓口に相談してください。'.repeat(1 + (i % 9))}`,
      output_en: `${r.output_en} ${'Please talk to a trusted help desk. '.repeat(1 + (i % 7))}`,
    }));
    const dir = await project('deepl', records);
    const off = JSON.parse((await run(['translate', '-p', dir, '--dry-run', '--json', '--context', 'off'])).stdout) as { requests: number };
    const r = await run(['translate', '-p', dir], envFor('deepl', fake));
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /context\s+English versions of the items in each request, joined/);
    const reqs = fake.requestsTo('translate');
    assert.ok(off.requests >= 6, `the no-context minimum is ${off.requests}`);
    assert.ok(reqs.length <= off.requests * 1.1, `${reqs.length} requests with packed context, ${off.requests} without`);
    const seen: string[] = [];
    for (const req of reqs) {
      const b = body(req.body);
      const texts = asList(b['text']);
      assert.ok(texts.length <= 50);
      assert.ok(req.bytes <= 128 * 1024);
      const items = records.filter((x) => texts.includes(x.text));
      assert.deepEqual(
        texts,
        items.flatMap((x) => [x.text, x.output]),
        'whole items, in source order',
      );
      assert.equal(b['context'], items.map((x) => `${x.text_en}\n\n${x.output_en}`).join('\n\n'));
      seen.push(...texts);
    }
    assert.deepEqual(sorted(seen), sorted(textsOf(records)), 'every text sent once');
    assert.equal(mtEvents(dir).length, records.length);
  });

  it('deepl: the cache keys tell the context modes apart (a run in another mode sends again), and a rerun in the same mode sends nothing', async () => {
    fake = await startFakeProvider('deepl');
    const records = makeRecords(4);
    const dir = await project('deepl', records);
    const env = envFor('deepl', fake);
    assert.equal((await run(['translate', '-p', dir, '--context', 'item'], env)).code, 0);
    assert.equal(fake.requestsTo('translate').length, 4);
    const journalFile = path.join(dir, 'journal', 'tester.jsonl');
    for (const [mode, requests] of [
      ['packed', 1],
      ['off', 1],
      ['item', 0],
      ['packed', 0],
    ] as const) {
      rmSync(journalFile); // the items need MT again; only the cache remains
      fake.clear();
      const again = await run(['translate', '-p', dir, '--context', mode], env);
      assert.equal(again.code, 0, again.stderr);
      assert.equal(fake.requestsTo('translate').length, requests, `--context ${mode}`);
      assert.equal(mtEvents(dir).length, 4);
    }
  });

  it('--dry-run prints the requests and the expected time at the chosen concurrency (also in --json), per context mode', async () => {
    const dir = await project('deepl', makeRecords(6));
    const plan = async (...args: string[]) => {
      const r = await run(['translate', '-p', dir, '--dry-run', '--json', ...args]);
      assert.equal(r.code, 0, r.stderr);
      return JSON.parse(r.stdout) as { requests: number; concurrency: number; expectedSeconds: number; typicalRequestMs: number; contextMode: string };
    };
    const packed = await plan();
    assert.equal(packed.contextMode, 'packed');
    assert.equal(packed.requests, 1);
    const item = await plan('--context', 'item', '--concurrency', '2');
    assert.equal(item.contextMode, 'item');
    assert.equal(item.requests, 6);
    assert.equal(item.concurrency, 2);
    assert.ok(item.typicalRequestMs > 0);
    assert.equal(item.expectedSeconds, (3 * item.typicalRequestMs) / 1000, '6 requests, 2 at a time: 3 rounds');
    const wider = await plan('--context', 'item', '--concurrency', '6');
    assert.equal(wider.expectedSeconds, item.expectedSeconds / 3);
    const text = await run(['translate', '-p', dir, '--dry-run', '--context', 'item', '--concurrency', '2']);
    assert.match(text.stdout, /requests\s+6\n/);
    assert.match(text.stdout, new RegExp(`expected time\\s+~${item.expectedSeconds.toFixed(1)} s at --concurrency 2`));
    const bad = await run(['translate', '-p', dir, '--dry-run', '--context', 'some']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /item, packed, off/);
  });

  it('deepl: the example dataset into Korean in one command, with the ko locale pack glossary; a rerun is free', async () => {
    const deepl = (fake = await startFakeProvider('deepl')) as FakeDeepL;
    const dir = tmp.join('ex');
    await initProject({ dir, source: path.join(REPO, 'examples', 'answercarefully-synthetic.json'), to: 'ko', provider: 'deepl' });
    const r = await run(['translate', '-p', dir], envFor('deepl', fake));
    assert.equal(r.code, 0, r.stderr);
    const records = JSON.parse(readFileSync(path.join(REPO, 'examples', 'answercarefully-synthetic.json'), 'utf8')) as FixtureRecord[];
    assert.match(r.stdout, new RegExp(`Translated ${records.length} item`));
    assert.match(r.stdout, /glossary\s+\d+ term\(s\) from locale pack ko/);
    const mt = mtEvents(dir);
    assert.equal(mt.length, records.length);
    const [created] = deepl.requestsTo('glossary.create');
    assert.ok(created, 'a glossary was created');
    assert.equal(deepl.requestsTo('glossary.create').length, 1);
    assert.match(String(body(created.body)['entries']), /^個人情報\t개인정보$/m);
    const withTerm = records.find((x) => x.output.includes('個人情報'));
    assert.ok(withTerm, 'the examples use a glossary term');
    assert.match(mt.find((m) => m.item === withTerm.ID)!.answer, /개인정보/, 'the glossary reached the translation');
    fake.clear();
    const again = await run(['translate', '-p', dir], envFor('deepl', fake));
    assert.equal(again.code, 0, again.stderr);
    assert.equal(fake.requests.length, 0);
  });

  describe('glossary (DeepL)', () => {
    it('creates the glossary once from the locale pack and the project file, reuses it by ID, recreates it when the file changes', async () => {
      const deepl = (fake = await startFakeProvider('deepl')) as FakeDeepL;
      const records = makeRecords(6);
      const dir = await project('deepl', records, (c) => {
        c.glossary = 'terms.json';
        itemContext(c);
      });
      const terms = [
        { source: 'パスワード', target: '비밀번호' },
        { source: '110番', doNotTranslate: true },
        { source: 'help line', target: '상담 전화' }, // English: not for a ja source
        { source: '상담', target: '상담' }, // Hangul: not for a ja source
      ];
      writeFileSync(path.join(dir, 'terms.json'), JSON.stringify(terms));
      const env = envFor('deepl', fake);

      const r1 = await run(['translate', '-p', dir, '--limit', '2'], env);
      assert.equal(r1.code, 0, r1.stderr);
      const creates = deepl.requestsTo('glossary.create');
      assert.equal(creates.length, 1);
      const entries = String(body(creates[0]!.body)['entries']).split('\n');
      for (const e of ['パスワード\t비밀번호', '110番\t110番', '個人情報\t개인정보', 'AI\tAI', 'ChatGPT\tChatGPT']) assert.ok(entries.includes(e), e);
      assert.ok(!entries.some((e) => e.startsWith('help line') || e.startsWith('상담')), 'only source-language terms');
      const id1 = [...deepl.glossaries.keys()][0]!;
      assert.ok(fake.requestsTo('translate').every((q) => body(q.body)['glossary_id'] === id1));
      const first = mtEvents(dir).find((m) => m.item === records[0]!.ID)!;
      assert.equal(first.question, fakeTranslate(records[0]!.text.replace('パスワード', '비밀번호'), 'ko'), 'the term was applied');

      fake.clear();
      const r2 = await run(['translate', '-p', dir, '--limit', '2'], env);
      assert.equal(r2.code, 0, r2.stderr);
      assert.equal(deepl.requestsTo('glossary.create').length, 0, 'reused, not recreated');
      assert.deepEqual(
        deepl.requestsTo('glossary.get').map((q) => q.path),
        [`/v2/glossaries/${id1}`],
      );
      assert.equal(fake.requestsTo('translate').length, 2);
      assert.ok(fake.requestsTo('translate').every((q) => body(q.body)['glossary_id'] === id1));

      writeFileSync(path.join(dir, 'terms.json'), JSON.stringify([...terms, { source: '事故', target: '사고' }]));
      fake.clear();
      const r3 = await run(['translate', '-p', dir], env);
      assert.equal(r3.code, 0, r3.stderr);
      assert.equal(deepl.requestsTo('glossary.create').length, 1, 'recreated after the file changed');
      assert.match(String(body(deepl.requestsTo('glossary.create')[0]!.body)['entries']), /^事故\t사고$/m);
      const id2 = [...deepl.glossaries.keys()].find((k) => k !== id1);
      assert.ok(id2);
      assert.ok(!deepl.glossaries.has(id1), 'the outdated glossary was deleted');
      assert.ok(fake.requestsTo('translate').length > 0);
      assert.ok(fake.requestsTo('translate').every((q) => body(q.body)['glossary_id'] === id2));
      assert.equal(mtEvents(dir).length, 6);
    });

    it('sends no glossary for a language pair DeepL has no glossaries for, says so, and still translates', async () => {
      fake = await startFakeProvider('deepl');
      const dir = tmp.join('th');
      await initProject({ dir, source: tmp.json('src.json', makeRecords(2)), to: 'th', provider: 'deepl' });
      const r = await run(['translate', '-p', dir], envFor('deepl', fake));
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, /warning: DeepL has no glossaries for ja -> th; the \d+ glossary term\(s\) are not sent/);
      assert.equal(fake.requestsTo('glossary.create').length, 0);
      assert.ok(fake.requestsTo('translate').every((q) => body(q.body)['glossary_id'] === undefined));
      assert.equal(mtEvents(dir).length, 2);
    });

    it('refuses an invalid glossary file, naming the file and the entry, and sends nothing', async () => {
      fake = await startFakeProvider('deepl');
      const dir = await project('deepl', makeRecords(2), (c) => (c.glossary = 'terms.json'));
      writeFileSync(path.join(dir, 'terms.json'), JSON.stringify([{ source: 'パスワード', target: '비밀번호' }, { source: '電話' }]));
      const r = await run(['translate', '-p', dir], envFor('deepl', fake));
      assert.equal(r.code, 1, r.stderr);
      const msg = r.stderr;
      assert.match(msg, /terms\.json, entry 1 \("電話"\), field "target": is required/);
      assert.equal(fake.requests.length, 0);
      assert.deepEqual(journal(dir), []);
    });
  });

  describe('--dry-run', () => {
    it('works without a key: characters, requests and estimated cost from the published limits and price, and says the key is missing', async () => {
      const records = makeRecords(6);
      const dir = await project('deepl', records);
      const r = await run(['translate', '-p', dir, '--dry-run']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /Dry run: nothing was sent/);
      assert.match(r.stdout, /estimated cost\s+USD \d+\.\d\d \(DeepL API Pro/);
      assert.match(r.stdout, /DEEPL_AUTH_KEY is not set/);

      const j = await run(['translate', '-p', dir, '--dry-run', '--json']);
      assert.equal(j.code, 0, j.stderr);
      const plan = JSON.parse(j.stdout) as {
        characters: number;
        requests: number;
        cost: { amount: number; currency: string };
        note: string;
        requestsSent: number;
        usesContext: boolean;
      };
      const chars = textsOf(records).reduce((n, t) => n + [...t].length, 0);
      assert.equal(plan.characters, chars);
      assert.equal(plan.cost.currency, 'USD');
      assert.equal(plan.cost.amount, (chars * 25) / 1_000_000);
      assert.equal(plan.requests, 1, 'packed context: the 6 items share one request');
      assert.equal(plan.usesContext, true);
      assert.equal(plan.requestsSent, 0);
      assert.match(plan.note, /DEEPL_AUTH_KEY/);

      const nc = JSON.parse((await run(['translate', '-p', dir, '--dry-run', '--json', '--no-context'])).stdout) as { requests: number; usesContext: boolean };
      assert.equal(nc.requests, 1, 'without context the 12 texts fit one request');
      assert.equal(nc.usesContext, false);
      assert.deepEqual(journal(dir), []);
      assert.ok(!existsSync(path.join(dir, 'cache', 'translations.jsonl')));
    });

    it('with a key, plans with the live provider and sends nothing', async () => {
      fake = await startFakeProvider('google-v2');
      const dir = await project('google-v2', makeRecords(4));
      const r = await run(['translate', '-p', dir, '--dry-run'], envFor('google-v2', fake));
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /estimated cost\s+USD \d+\.\d\d \(Google Cloud Translation Basic/);
      assert.doesNotMatch(r.stdout, /Note:/);
      assert.equal(fake.requests.length, 0);
    });
  });

  describe('failures', () => {
    for (const [name, variable] of [
      ['deepl', ENV.deeplKey],
      ['google-v2', ENV.googleV2Key],
    ] as const) {
      it(`${name}: a missing key exits 3 with one paragraph naming ${variable}; nothing is sent or written`, async () => {
        fake = await startFakeProvider(name);
        const dir = await project(name, makeRecords(3));
        const r = await run(['translate', '-p', dir], { ...envFor(name, fake), [variable]: undefined });
        assert.equal(r.code, 3, r.stderr);
        assert.equal(r.stderr.trim().split('\n').length, 1, `one paragraph:\n${r.stderr}`);
        assert.match(errorParagraph(r), new RegExp(`${variable} is not set`));
        assert.equal(r.stdout, '');
        assert.equal(fake.requests.length, 0);
        assert.deepEqual(journal(dir), []);
        assert.ok(!existsSync(path.join(dir, 'cache', 'translations.jsonl')));
      });

      it(`${name}: a rejected key exits 3 naming ${variable}, without retrying or writing anything`, async () => {
        fake = await startFakeProvider(name);
        const dir = await project(name, makeRecords(3));
        const r = await run(['translate', '-p', dir], { ...envFor(name, fake), [variable]: WRONG_KEYS[name] });
        assert.equal(r.code, 3, r.stderr);
        const msg = errorParagraph(r);
        assert.match(msg, new RegExp(`rejected the key in ${variable}`));
        assert.match(msg, new RegExp(`export ${variable}=`));
        assert.doesNotMatch(msg, /remain/, 'nothing was done, so no resume advice');
        assert.ok(fake.requests.length >= 1 && fake.requests.length <= 4, `no retries (${fake.requests.length} requests)`);
        assert.ok(fake.requests.every((q) => q.authorized === false));
        assert.deepEqual(journal(dir), []);
      });
    }

    it('deepl: 456 after K requests stops cleanly, keeps exactly what was received, and a rerun sends only the rest', async () => {
      fake = await startFakeProvider('deepl', { delayMs: 150 });
      const records = makeRecords(8);
      const dir = await project('deepl', records, itemContext);
      const env = envFor('deepl', fake);
      const running = startCli(['translate', '-p', dir, '--concurrency', '1'], env);
      await waitFor('3 translate requests', () => fake!.requestsTo('translate').length >= 3);
      fake.inject({ kind: 'status', status: 456, times: 100 });
      const r = checked(await running.done);
      assert.equal(r.code, 3, r.stderr);
      const msg = errorParagraph(r);
      assert.match(msg, /quota/i);
      assert.match(msg, /3 item\(s\) were translated and saved in this run; 5 of 8 remain/);
      assert.match(msg, /Rerun `carefully translate` to resume/);
      assert.equal(fake.requestsTo('translate').length, 4, 'a 456 is not retried');

      const received = requestTexts('deepl', fake).slice(0, 3).flat();
      const expected = records.filter((x) => received.includes(x.text) && received.includes(x.output)).map((x) => x.ID);
      assert.equal(expected.length, 3);
      assert.deepEqual(sorted(mtEvents(dir).map((e) => e.item)), sorted(expected), 'the journal holds exactly the items received');

      fake.clear();
      fake.delayMs = 0;
      const again = await run(['translate', '-p', dir], env);
      assert.equal(again.code, 0, again.stderr);
      assert.match(again.stdout, /Translated 5 item/);
      const rest = records.filter((x) => !expected.includes(x.ID));
      assert.deepEqual(sorted(requestTexts('deepl', fake).flat()), sorted(textsOf(rest)), 'only the missing texts are sent');
      assert.equal(mtEvents(dir).length, 8);
    });

    it('google-v2: a daily quota error mid-run stops cleanly with what remains, and a rerun resumes', async () => {
      fake = await startFakeProvider('google-v2', { delayMs: 150 });
      const records = makeRecords(100); // 200 texts: two requests of at most 128
      const dir = await project('google-v2', records);
      const env = envFor('google-v2', fake);
      const running = startCli(['translate', '-p', dir, '--concurrency', '1'], env);
      await waitFor('the first request', () => fake!.requestsTo('translate').length >= 1);
      fake.inject({ kind: 'status', status: 403, reason: 'dailyLimitExceeded', message: 'Daily Limit Exceeded', times: 100 });
      const r = checked(await running.done);
      assert.equal(r.code, 3, r.stderr);
      const msg = errorParagraph(r);
      assert.match(msg, /quota/i);
      assert.match(msg, /64 item\(s\) were translated and saved in this run; 36 of 100 remain/);
      assert.equal(mtEvents(dir).length, 64);
      fake.clear();
      fake.delayMs = 0;
      const again = await run(['translate', '-p', dir], env);
      assert.equal(again.code, 0, again.stderr);
      assert.equal(requestTexts('google-v2', fake).flat().length, 72);
      assert.equal(mtEvents(dir).length, 100);
    });

    it('google-v2: 429 with Retry-After waits as asked, then completes', async () => {
      fake = await startFakeProvider('google-v2');
      fake.inject({ kind: 'status', status: 429, retryAfter: 1 });
      const dir = await project('google-v2', makeRecords(6));
      const started = Date.now();
      const r = await run(['translate', '-p', dir], envFor('google-v2', fake));
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, /limiting the request rate.*\(retry 1 in 1\.0 s\)/, 'Retry-After: 1 was honoured (the backoff alone would be ~5 ms)');
      assert.ok(Date.now() - started >= 1000);
      assert.equal(fake.requestsTo('translate').length, 2);
      assert.equal(mtEvents(dir).length, 6);
    });

    it('deepl: 429s are retried with backoff, then the run completes', async () => {
      fake = await startFakeProvider('deepl');
      fake.inject({ kind: 'status', status: 429, times: 2 });
      const dir = await project('deepl', makeRecords(4), itemContext);
      const r = await run(['translate', '-p', dir, '--concurrency', '1'], envFor('deepl', fake));
      assert.equal(r.code, 0, r.stderr);
      assert.equal(fake.requestsTo('translate').length, 6);
      assert.match(r.stderr, /retry 2 in/);
      assert.equal(mtEvents(dir).length, 4);
    });

    it('deepl: a 5xx storm beyond the retry bound ends with a clear error; nothing is half-written and a rerun completes', async () => {
      fake = await startFakeProvider('deepl', { delayMs: 100 });
      const records = makeRecords(8);
      const dir = await project('deepl', records, itemContext);
      const env = envFor('deepl', fake);
      const running = startCli(['translate', '-p', dir, '--concurrency', '1'], env);
      await waitFor('2 translate requests', () => fake!.requestsTo('translate').length >= 2);
      fake.inject({ kind: 'status', status: 503, times: 1000 });
      const r = checked(await running.done);
      assert.equal(r.code, 3, r.stderr);
      const msg = errorParagraph(r);
      assert.match(msg, /kept failing after 6 attempts; last error: DeepL had a server error \(HTTP 503/);
      assert.match(msg, /2 item\(s\) were translated and saved in this run; 6 of 8 remain/);
      assert.equal(fake.requestsTo('translate').length, 2 + 6, 'bounded: 1 attempt + 5 retries');
      assert.equal(mtEvents(dir).length, 2);
      fake.clear();
      fake.delayMs = 0;
      const again = await run(['translate', '-p', dir], env);
      assert.equal(again.code, 0, again.stderr);
      assert.equal(requestTexts('deepl', fake).flat().length, 12);
      assert.equal(mtEvents(dir).length, 8);
    });

    it('deepl: a dropped connection is retried and the run completes', async () => {
      fake = await startFakeProvider('deepl');
      fake.inject({ kind: 'reset' });
      const records = makeRecords(4);
      const dir = await project('deepl', records, itemContext);
      const r = await run(['translate', '-p', dir, '--concurrency', '1'], envFor('deepl', fake));
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, /Could not reach DeepL/);
      assert.equal(fake.requestsTo('translate').length, 5);
      assert.deepEqual(sorted(requestTexts('deepl', fake).slice(1).flat()), sorted(textsOf(records)));
      assert.equal(mtEvents(dir).length, 4);
    });

    it('deepl: a server that never answers times out (provider.options.timeoutMs), is retried within bounds, then a clear error', async () => {
      fake = await startFakeProvider('deepl');
      fake.inject({ kind: 'hang', times: 1000 });
      const dir = await project('deepl', makeRecords(3), (c) => (c.provider.options = { timeoutMs: 300 }));
      const started = Date.now();
      const r = await run(['translate', '-p', dir, '--concurrency', '1'], envFor('deepl', fake));
      const elapsed = Date.now() - started;
      assert.equal(r.code, 3, r.stderr);
      const msg = errorParagraph(r);
      assert.match(msg, /kept failing after 6 attempts; last error: DeepL did not answer within 300 ms/);
      assert.match(msg, /0 item\(s\) were translated and saved in this run; 3 of 3 remain/);
      assert.equal(fake.requestsTo('translate').length, 6);
      assert.ok(elapsed < 15_000, `bounded in time (${elapsed} ms)`);
      assert.deepEqual(journal(dir), []);
    });

    it('google-v2: one hung request times out, is retried, and the command still exits promptly', async () => {
      fake = await startFakeProvider('google-v2');
      fake.inject({ kind: 'hang' });
      const dir = await project('google-v2', makeRecords(3), (c) => (c.provider.options = { timeoutMs: 300 }));
      // A real process: the hung socket must not keep it alive once the command is done.
      const r = checked(await spawnCli(['translate', '-p', dir], envFor('google-v2', fake)).done);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, /did not answer within 300 ms/);
      assert.equal(fake.requestsTo('translate').length, 2);
      assert.equal(mtEvents(dir).length, 3);
    });

    it('deepl: Ctrl-C mid-run exits 130; every journal line is whole, every mt event has both texts; a rerun completes the rest', async () => {
      fake = await startFakeProvider('deepl', { delayMs: 300 });
      const records = makeRecords(10);
      const dir = await project('deepl', records, itemContext);
      const env = envFor('deepl', fake);
      const running = spawnCli(['translate', '-p', dir, '--concurrency', '2'], env);
      await waitFor('5 translate requests', () => fake!.requestsTo('translate').length >= 5);
      running.child.kill('SIGINT');
      const r = checked(await running.done);
      assert.equal(r.code, 130, r.stderr);
      assert.match(r.stderr, /Interrupted: \d+ item\(s\) translated and saved, \d+ left/);
      const saved = mtEvents(dir); // throws on a torn line or an mt event without both texts
      assert.ok(saved.length >= 2 && saved.length < 10, `some but not all items were saved (${saved.length})`);
      for (const e of saved) {
        const rec = records.find((x) => x.ID === e.item)!;
        assert.equal(e.question, fakeTranslate(rec.text, 'ko'));
        assert.equal(e.answer, fakeTranslate(rec.output, 'ko'));
      }
      fake.clear();
      fake.delayMs = 0;
      const again = await run(['translate', '-p', dir], env);
      assert.equal(again.code, 0, again.stderr);
      const rest = records.filter((x) => !saved.some((e) => e.item === x.ID));
      assert.deepEqual(sorted(requestTexts('deepl', fake).flat()), sorted(textsOf(rest)), 'the rerun sends exactly what is missing');
      assert.equal(mtEvents(dir).length, 10);
    });
  });

  describe('carefully providers', () => {
    it('lists every provider with what it needs and whether it is configured, never printing a key', async () => {
      const env = { [ENV.deeplKey]: FAKE_KEYS.deepl, [ENV.openaiKey]: FAKE_KEYS.openai };
      const r = await run(['providers'], env);
      assert.equal(r.code, 0, r.stderr);
      for (const name of ['deepl', 'google-v2', 'google-v3', 'libretranslate', 'openai', 'pseudo']) assert.match(r.stdout, new RegExp(`^${name}\\s`, 'm'));
      assert.match(r.stdout, /^deepl\s+configured/m);
      assert.match(r.stdout, /^google-v2\s+not configured/m);
      assert.match(r.stdout, /✓ DEEPL_AUTH_KEY/);
      assert.match(r.stdout, /✗ GOOGLE_TRANSLATE_API_KEY/);

      const j = await run(['providers', '--json'], env);
      assert.equal(j.code, 0, j.stderr);
      const list = JSON.parse(j.stdout) as { name: string; configured: boolean; missing: string[]; env: { name: string; set: boolean }[] }[];
      assert.deepEqual(
        list.map((p) => p.name),
        ['pseudo', 'deepl', 'google-v2', 'google-v3', 'libretranslate', 'openai'],
      );
      const deepl = list.find((p) => p.name === 'deepl')!;
      assert.equal(deepl.configured, true);
      assert.equal(deepl.env.find((e) => e.name === ENV.deeplKey)?.set, true);
      assert.deepEqual(list.find((p) => p.name === 'google-v2')!.missing, [ENV.googleV2Key]);
    });
  });
});
