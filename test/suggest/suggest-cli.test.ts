/** `carefully suggest` against the fake OpenAI-compatible server: bulk mode, cache, resume, failures, and that nothing is applied. */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { run, FAST_RETRY } from '../helpers/cli.js';
import { TempDir, makeRecords } from '../helpers/fixtures.js';
import { startFakeOpenAI, parseAdaptPrompt } from '../fakes/openai.js';
import type { FakeServer } from '../fakes/http-fake.js';
import { loadState, openProject } from '../../src/project/project.js';
import { readJournal } from '../../src/project/journal.js';

const ADAPT_IDS = ['test-0001', 'test-0003', 'test-0004'];

function suggestionEvents(dir: string) {
  return readJournal(dir).events.filter((e) => e.type === 'suggestion');
}

async function targets(dir: string) {
  const { states } = await loadState(openProject(dir));
  return [...states.values()].map((s) => ({ id: s.id, q: s.question, a: s.answer, d: s.decision?.decision, state: s.state }));
}

describe('carefully suggest (bulk, fake OpenAI-compatible server)', function () {
  this.timeout(120_000);
  let tmp: TempDir;
  let fake: FakeServer;
  let n = 0;
  before(async () => {
    tmp = new TempDir();
    fake = await startFakeOpenAI();
  });
  after(async () => {
    await fake.close();
    tmp.remove();
  });
  beforeEach(() => fake.clear());

  const env = (extra: Record<string, string> = {}) => ({
    OPENAI_BASE_URL: fake.url,
    OPENAI_MODEL: 'fake-model',
    OPENAI_API_KEY: 'sk-secret-key-1234',
    ...extra,
  });
  const suggest = (dir: string, extra: string[] = [], e: Record<string, string> = {}) =>
    run(['suggest', '-p', dir, ...extra], { env: env(e), options: { retry: { ...FAST_RETRY, maxRetries: 1 } } });

  /** A translated project of 6 items; items in ADAPT_IDS have checklist answers proposing adapt, test-0002 one proposing transfer. */
  async function project(): Promise<string> {
    const dir = tmp.join(`p${n++}`);
    assert.equal((await run(['init', dir, '--source', tmp.json(`ac${n}.json`, makeRecords(6)), '--to', 'ko'])).code, 0);
    assert.equal((await run(['translate', '-p', dir])).code, 0);
    const lines = [
      ...ADAPT_IDS.map((id) => ({ id, decision: 'adapt', rationale: 'names', checklist: { 'named-entities': 'yes' } })),
      { id: 'test-0002', decision: 'transfer', checklist: { 'named-entities': 'no' } },
    ];
    const a = await run(['adapt', '-p', dir, '--answers', tmp.jsonl(`answers${n}.jsonl`, lines)]);
    assert.equal(a.code, 0, a.stderr);
    return dir;
  }

  it('records one suggestion per adapt/replace item and never changes a target or decision', async () => {
    const dir = await project();
    const before = await targets(dir);
    const r = await suggest(dir, ['--json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { items: number; suggested: number; requests: number; sendSource: boolean };
    assert.equal(out.items, 3);
    assert.equal(out.suggested, 3);
    assert.equal(out.sendSource, true, 'a 127.0.0.1 endpoint is local: the source may go');
    assert.equal(fake.requestsTo().length, 3);
    const events = suggestionEvents(dir);
    assert.deepEqual(events.map((e) => e.item).sort(), ADAPT_IDS);
    const first = events[0]!;
    assert.equal(first.type, 'suggestion');
    if (first.type === 'suggestion') {
      assert.equal(first.model, 'fake-model');
      assert.equal(first.endpoint, new URL(fake.url).host);
      assert.match(first.promptHash, /^[0-9a-f]{12}$/);
      assert.match(first.answer, /112에 신고하세요/);
      assert.deepEqual(first.changes, ['110番 -> 112']);
    }
    assert.deepEqual(await targets(dir), before, 'targets, decisions and states are unchanged');
    const journalText = readFileSync(path.join(dir, 'journal', 'tester.jsonl'), 'utf8');
    assert.doesNotMatch(journalText, /sk-secret-key-1234/);
    // The prompt carried the current target, the checklist and (local endpoint) the Japanese source.
    const prompt = (fake.requestsTo()[0]!.body as { messages: { content: string }[] }).messages[0]!.content;
    const current = parseAdaptPrompt(prompt);
    assert.ok(current && current.question.length > 0);
    assert.match(prompt, /Japanese original:/);
    assert.match(prompt, /Does the item name Japanese people/);
  });

  it('a rerun sends nothing (cache and journal); a changed target asks again; a fresh journal is refilled from the cache', async () => {
    const dir = await project();
    assert.equal((await suggest(dir)).code, 0);
    fake.clear();
    const again = await suggest(dir, ['--json']);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(fake.requestsTo().length, 0);
    assert.equal((JSON.parse(again.stdout) as { upToDate: number }).upToDate, 3);
    // Journal lost (e.g. not committed) but the cache kept: recorded again without a request.
    writeFileSync(
      path.join(dir, 'journal', 'tester.jsonl'),
      readFileSync(path.join(dir, 'journal', 'tester.jsonl'), 'utf8')
        .split('\n')
        .filter((l) => !l.includes('"suggestion"'))
        .join('\n'),
    );
    const refill = await suggest(dir, ['--json']);
    assert.equal(refill.code, 0, refill.stderr);
    assert.equal(fake.requestsTo().length, 0);
    assert.equal((JSON.parse(refill.stdout) as { cached: number }).cached, 3);
    assert.equal(suggestionEvents(dir).length, 3);
    const edit = await run([
      'adapt',
      '-p',
      dir,
      '--answers',
      tmp.jsonl(`edit${n}.jsonl`, [{ id: 'test-0001', decision: 'adapt', rationale: 'names', question: '새 질문' }]),
    ]);
    assert.equal(edit.code, 0, edit.stderr);
    assert.equal((await suggest(dir)).code, 0);
    assert.equal(fake.requestsTo().length, 1, 'only the item whose target changed is asked again');
  });

  it('--dry-run sends nothing and estimates requests and prompt size', async () => {
    const dir = await project();
    const r = await suggest(dir, ['--dry-run', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { requests: number; promptCharacters: number; estimatedTokens: number };
    assert.equal(out.requests, 3);
    assert.ok(out.promptCharacters > 300);
    assert.equal(out.estimatedTokens, Math.ceil(out.promptCharacters / 3));
    assert.equal(fake.requestsTo().length, 0);
    assert.equal(suggestionEvents(dir).length, 0);
    const text = await suggest(dir, ['--dry-run']);
    assert.match(text.stdout, /Dry run: nothing was sent/);
  });

  it('reads a fenced answer; a malformed answer is retried once, twice is reported (exit 3) and nothing is recorded for it', async () => {
    const dir = await project();
    const fenced = await startFakeOpenAI({ suggestStyle: 'fenced' });
    try {
      const r = await suggest(dir, ['--ids', 'test-0001'], { OPENAI_BASE_URL: fenced.url });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(suggestionEvents(dir).length, 1);
    } finally {
      await fenced.close();
    }
    fake.inject({ kind: 'malformed', times: 1 });
    const once = await suggest(dir, ['--ids', 'test-0003', '--concurrency', '1']);
    assert.equal(once.code, 0, once.stderr);
    assert.equal(fake.requestsTo().length, 2, 'retried once after the malformed answer');
    fake.clear();
    fake.inject({ kind: 'malformed', times: 2 });
    const twice = await suggest(dir, ['--ids', 'test-0004']);
    assert.equal(twice.code, 3, twice.stderr);
    assert.match(twice.stderr, /item "test-0004"/);
    assert.match(twice.stderr, /Nothing was recorded/);
    assert.deepEqual(
      suggestionEvents(dir)
        .map((e) => e.item)
        .sort(),
      ['test-0001', 'test-0003'],
    );
  });

  it('a 429 that persists or a timeout ends with exit 3 and {saved, remaining}; a rerun resumes', async () => {
    const dir = await project();
    fake.inject({ kind: 'status', status: 429, times: 100 });
    const r = await suggest(dir, ['--json']);
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stderr, /too many requests/);
    assert.match(r.stderr, /0 suggestion\(s\) were saved in this run; 3 of 3 item\(s\) remain/);
    assert.match(r.stderr, /carefully suggest/);
    assert.equal(suggestionEvents(dir).length, 0);
    fake.clear();
    // One item answered, then the endpoint hangs: the answered one is kept.
    const slow = await suggest(dir, ['--ids', 'test-0001']);
    assert.equal(slow.code, 0, slow.stderr);
    fake.inject({ kind: 'hang', times: 100 });
    const t = await suggest(dir, ['--timeout-ms', '200']);
    assert.equal(t.code, 3, t.stderr);
    assert.match(t.stderr, /0 suggestion\(s\) were saved in this run; 2 of 2 item\(s\) remain/);
    fake.clear();
    const resumed = await suggest(dir, ['--json']);
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.equal(fake.requestsTo().length, 2, 'only the two items without a suggestion are asked');
    assert.equal(suggestionEvents(dir).length, 3);
  });

  it('withholds the Japanese source from a non-local endpoint unless suggest.sendSource is set', async () => {
    const dir = await project();
    const cfgFile = path.join(dir, 'carefully.json');
    const cfg = JSON.parse(readFileSync(cfgFile, 'utf8')) as Record<string, unknown>;
    writeFileSync(cfgFile, JSON.stringify({ ...cfg, suggest: { sendSource: false } }));
    const r = await suggest(dir, ['--ids', 'test-0001']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /NOT sent/);
    const prompt = (fake.requestsTo()[0]!.body as { messages: { content: string }[] }).messages[0]!.content;
    assert.doesNotMatch(prompt, /Japanese original:/);
    assert.match(prompt, /English version:/);
  });
});
