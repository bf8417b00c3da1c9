/**
 * Issue #9, translate items: one run per project (exit 75 or --wait), locks of
 * killed processes taken over at once, nothing sent that cannot be saved, a
 * double Ctrl-C that still saves what was received, oversized texts split at
 * sentence boundaries, and a model answering badly getting smaller batches
 * instead of the same question again. Real SDKs against the fake servers.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { asList, fakeTranslate, startFakeDeepL, startFakeOpenAI, type FakeServer } from '../fakes/index.js';
import { parsePrompt } from '../fakes/openai.js';
import { FAST_RETRY, run } from '../helpers/cli.js';
import { TempDir, makeRecord, makeRecords } from '../helpers/fixtures.js';
import type { ProjectConfig } from '../../src/project/config.js';
import { CLEAN_ENV, deeplEnv, makeProject, mtEvents, openaiEnv, spawnCli, waitFor } from '../helpers/translate-project.js';
import { deepl as DEEPL } from '../../src/translate/providers/deepl.js';
import { ExitCode } from '../../src/errors.js';

const translate = (dir: string, env: Record<string, string>, extra: string[] = []) =>
  run(['translate', '-p', dir, ...extra], { env: { ...CLEAN_ENV, ...env }, options: { retry: FAST_RETRY } });

/** A lock file naming `pid` as its holder, as another carefully process writes it. */
function foreignLock(file: string, pid: number): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const since = new Date().toISOString();
  writeFileSync(file, JSON.stringify({ pid, host: hostname(), since, processStarted: since, command: 'carefully translate' }));
}

function idleProcess(): ChildProcess {
  return spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
}

/** The PID of a process that has ended. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await new Promise((r) => child.on('exit', r));
  return child.pid!;
}

const deeplTexts = (fake: FakeServer) => fake.requestsTo('translate').flatMap((r) => asList((r.body as Record<string, unknown>)['text']));

/** One request per item (carefully.json `provider.options.context`), for tests that need several requests. */
const itemContext = (c: ProjectConfig) => (c.provider.options = { ...c.provider.options, context: 'item' });

describe('translate hardening (issue #9)', function () {
  this.timeout(60_000);
  let tmp: TempDir;
  let fake: FakeServer | undefined;
  const children: ChildProcess[] = [];
  beforeEach(() => (tmp = new TempDir()));
  afterEach(async () => {
    for (const c of children.splice(0)) c.kill('SIGKILL');
    await fake?.close();
    fake = undefined;
    tmp.remove();
  });

  describe('one run per project', () => {
    it('a second run exits 75 at once naming the holder, sends nothing; with --wait it waits, then has nothing left to send', async () => {
      fake = await startFakeDeepL({ delayMs: 150 });
      const records = makeRecords(6);
      const dir = await makeProject(tmp, 'p', 'deepl', records);
      const first = translate(dir, deeplEnv(fake), ['--concurrency', '1']);
      await waitFor('the first request', () => fake!.requestsTo('translate').length >= 1);

      const started = Date.now();
      const second = await translate(dir, deeplEnv(fake));
      assert.equal(second.code, ExitCode.busy, second.stderr);
      assert.equal(ExitCode.busy, 75);
      assert.match(second.stderr, new RegExp(`locked by PID ${process.pid} \\(carefully translate\\) since \\d{4}-`));
      assert.match(second.stderr, /Nothing was sent.*--wait/);
      assert.ok(Date.now() - started < 2_000, 'at once');

      const waiting = translate(dir, deeplEnv(fake), ['--wait']);
      assert.equal((await first).code, 0);
      const third = await waiting;
      assert.equal(third.code, 0, third.stderr);
      assert.match(third.stderr, /locked by PID \d+ .*waiting for it to finish/);
      const texts = deeplTexts(fake);
      assert.equal(texts.length, new Set(texts).size, 'no text was sent twice');
      assert.equal(texts.length, records.length * 2);
      assert.equal(mtEvents(dir).length, records.length);
      assert.ok(!existsSync(path.join(dir, 'translate.lock')), 'the lock is released');
    });

    it('a run lock left by a killed run (dead PID) is taken over at once', async () => {
      fake = await startFakeDeepL();
      const dir = await makeProject(tmp, 'p', 'deepl', makeRecords(2));
      foreignLock(path.join(dir, 'translate.lock'), await deadPid());
      const r = await translate(dir, deeplEnv(fake));
      assert.equal(r.code, 0, r.stderr);
      assert.equal(mtEvents(dir).length, 2);
    });
  });

  describe('cache and journal locks', () => {
    it('journal and cache locks left by a killed process are taken over at once, not after a stall and a false "locked"', async () => {
      fake = await startFakeDeepL();
      const dir = await makeProject(tmp, 'p', 'deepl', makeRecords(4));
      const pid = await deadPid();
      foreignLock(path.join(dir, 'journal', 'tester.jsonl.lock'), pid);
      foreignLock(path.join(dir, 'cache', 'translations.jsonl.lock'), pid);
      const started = Date.now();
      const r = await translate(dir, deeplEnv(fake));
      assert.equal(r.code, 0, r.stderr);
      assert.ok(Date.now() - started < 5_000, `no stall (${Date.now() - started} ms)`);
      assert.equal(mtEvents(dir).length, 4);
    });

    it('while another live process holds the cache lock, nothing is sent; the run starts once it is free', async () => {
      fake = await startFakeDeepL();
      const dir = await makeProject(tmp, 'p', 'deepl', makeRecords(3), itemContext);
      const holder = idleProcess();
      children.push(holder);
      const lock = path.join(dir, 'cache', 'translations.jsonl.lock');
      foreignLock(lock, holder.pid!);
      const running = translate(dir, deeplEnv(fake));
      await new Promise((r) => setTimeout(r, 800));
      assert.equal(fake.requestsTo('translate').length, 0, 'nothing is sent while the cache cannot be written');
      rmSync(lock);
      const r = await running;
      assert.equal(r.code, 0, r.stderr);
      assert.equal(mtEvents(dir).length, 3);
      assert.equal(fake.requestsTo('translate').length, 3);
    });
  });

  describe('Ctrl-C', () => {
    it('a double Ctrl-C still writes every batch received, exits 130 and releases the lock', async () => {
      fake = await startFakeDeepL({ delayMs: 400 });
      const records = makeRecords(12);
      const dir = await makeProject(tmp, 'p', 'deepl', records, itemContext);
      const running = spawnCli(['translate', '-p', dir, '--concurrency', '3'], deeplEnv(fake));
      // Some replies are out (and have had time to arrive); more requests are in flight.
      await waitFor('three replies', () => fake!.requestsTo('translate').filter((r) => r.repliedAt).length >= 3);
      await new Promise((r) => setTimeout(r, 100));
      const replied = fake.requestsTo('translate').filter((r) => r.repliedAt !== undefined);
      running.child.kill('SIGINT');
      await new Promise((r) => setTimeout(r, 30));
      running.child.kill('SIGINT');
      const r = await running.done;
      assert.equal(r.code, 130, `exit 130 (signal ${r.signal}): ${r.stderr}`);
      assert.match(r.stderr, /Stopping now/);
      const saved = new Set(mtEvents(dir).map((e) => e.question));
      for (const req of replied) {
        const [question] = asList((req.body as Record<string, unknown>)['text']);
        assert.ok(saved.has(fakeTranslate(question!, 'ko')), `the reply to "${question}" was saved`);
      }
      assert.ok(!existsSync(path.join(dir, 'translate.lock')), 'the project lock is released');
    });
  });

  describe('oversized texts', () => {
    const sentence = (i: number) => `これは長い回答の${i}番目の文で、安全に関する説明を続けています。`;

    it('a text larger than one request is split at sentence boundaries, translated piecewise and joined; later items go on', async () => {
      fake = await startFakeDeepL();
      const limit = DEEPL.limits.maxRequestBytes!;
      const sentences = Array.from({ length: Math.ceil((limit * 2.5) / Buffer.byteLength(sentence(0))) }, (_, i) => sentence(i));
      const long = sentences.join('');
      const records = [makeRecord(0, { output: long }), makeRecord(1), makeRecord(2)];
      const dir = await makeProject(tmp, 'p', 'deepl', records);
      const r = await translate(dir, deeplEnv(fake));
      assert.equal(r.code, 0, r.stderr);
      const events = mtEvents(dir);
      assert.equal(events.length, 3);
      const answer = events.find((e) => e.item === records[0]!.ID)!.answer;
      const parts = answer.split('[ko] ').slice(1);
      assert.ok(parts.length >= 3, `sent in ${parts.length} pieces`);
      assert.equal(parts.join(''), long, 'the pieces are whole sentences, in order, joined');
      for (const req of fake.requestsTo('translate')) {
        for (const t of asList((req.body as Record<string, unknown>)['text'])) assert.ok(Buffer.byteLength(t) <= limit, 'every text sent fits');
      }
    });

    it('a text with one sentence too large is skipped with a message naming item and field; the rest is translated (exit 3)', async () => {
      fake = await startFakeDeepL();
      const huge = 'あ'.repeat(DEEPL.limits.maxRequestBytes!);
      const records = [makeRecord(0, { output: huge }), makeRecord(1), makeRecord(2)];
      const dir = await makeProject(tmp, 'p', 'deepl', records);
      const r = await translate(dir, deeplEnv(fake));
      assert.equal(r.code, ExitCode.provider, r.stderr);
      assert.match(r.stderr, new RegExp(`item "${records[0]!.ID}", answer: the text \\(\\d+ characters\\) has a sentence longer than DeepL takes`));
      assert.ok(!deeplTexts(fake).includes(huge), 'the oversized text was never sent');
      assert.deepEqual(
        mtEvents(dir)
          .map((e) => e.item)
          .sort(),
        [records[1]!.ID, records[2]!.ID],
      );
    });
  });

  describe('a model that answers badly (openai)', () => {
    const prompts = (f: FakeServer) =>
      f.requestsTo('translate').map((r) => {
        const messages = (r.body as { messages: { content: string }[] }).messages;
        return parsePrompt(messages.at(-1)!.content)!.texts;
      });

    it('splits the batch in halves down to what the model manages, never asking the same twice', async () => {
      fake = await startFakeOpenAI({ maxGoodBatch: 3 });
      const records = makeRecords(8);
      const dir = await makeProject(tmp, 'p', 'openai', records);
      const r = await translate(dir, openaiEnv(fake), ['--concurrency', '1']);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(mtEvents(dir).length, 8);
      const asked = prompts(fake).map((t) => JSON.stringify(t));
      assert.equal(asked.length, new Set(asked).size, 'no prompt was sent twice');
      assert.ok(asked.length <= 2 * 16 - 1, `${asked.length} requests`);
    });

    it('a text the model never answers alone is named at the end (exit 3); everything else is saved', async () => {
      fake = await startFakeOpenAI({ neverTranslates: 'NOPE' });
      const records = [...makeRecords(4), makeRecord(4, { output: 'NOPE それは無理です。' })];
      const dir = await makeProject(tmp, 'p', 'openai', records);
      const r = await translate(dir, openaiEnv(fake));
      assert.equal(r.code, ExitCode.provider, r.stderr);
      assert.match(r.stderr, /1 text\(s\) could not be translated/);
      assert.match(r.stderr, new RegExp(`item "${records[4]!.ID}", answer: fake-model \\(OpenAI-compatible\\) did not reply with a JSON array of 1`));
      assert.equal(mtEvents(dir).length, 4);
      const asked = prompts(fake).map((t) => JSON.stringify(t));
      assert.equal(asked.length, new Set(asked).size, 'no prompt was sent twice');
    });
  });
});
