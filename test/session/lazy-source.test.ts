/**
 * Sessions on a trusted JSONL source read their items from cache/source-keys.jsonl and parse a record only when a
 * field of it is first read (project/lazy-source.ts, issue #11). They must show what sessions on items read in full
 * show, parse at start only what the first screen shows, and stop (exit 2) when a record is no longer its key's.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openSession } from '../../src/adapt/open-session.js';
import { openReview } from '../../src/review/open-review.js';
import { isLazySourceItem, jsonlRecordStarts, lazySourceCounters, LazySource } from '../../src/project/lazy-source.js';
import { sourceHash } from '../../src/dataset/profile.js';
import { SOURCE_KEYS_FILE } from '../../src/project/source-keys.js';
import { DATASET_CONTEXT_FILE } from '../../src/qa/dataset-context-cache.js';
import type { RawFilters } from '../../src/session/filters.js';
import { ProjectError } from '../../src/errors.js';
import { run } from '../helpers/cli.js';
import { makeRecords, TempDir } from '../helpers/fixtures.js';
import { translatedWithStaleItem } from '../helpers/stale-project.js';

/** What a screen shows, as plain data (a lazy item is of its own class: compared by its fields). */
const plain = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

describe('session: items read lazily from a trusted JSONL source', function () {
  this.timeout(60_000);
  let tmp: TempDir;
  beforeEach(() => (tmp = new TempDir()));
  afterEach(() => tmp.remove());

  /** A translated project with a stale item 2, its keys written by `status` (without line starts: only a session places them). */
  async function project(n: number): Promise<string> {
    const dir = await translatedWithStaleItem(tmp, n, { status: true });
    assert.equal(JSON.parse(readFileSync(keysFile(dir), 'utf8').split('\n')[0]!).lines, undefined);
    return dir;
  }

  const keysFile = (dir: string) => path.join(dir, SOURCE_KEYS_FILE);

  /** An adapt session opened with the source read in full (its keys removed first), then one on lazy items. */
  async function both(dir: string, filters: RawFilters = {}) {
    rmSync(keysFile(dir));
    const eager = await openSession({ project: dir, author: 'loc', filters });
    const lazy = await openSession({ project: dir, author: 'loc', filters });
    const first = (s: typeof eager) => s.session.item(s.session.queue[0]?.id ?? 'test-0000')!;
    assert.equal(isLazySourceItem(first(eager)), false, 'the first session read the source in full');
    assert.equal(isLazySourceItem(first(lazy)), true, 'the second session reads its items by their keys');
    return { eager, lazy };
  }

  function screens(s: Awaited<ReturnType<typeof openSession>>['session']) {
    return plain({
      queue: s.queue.map((i) => i.id),
      current: s.currentId,
      progress: s.progress(),
      views: s.queue.map((i) => s.view(i.id)),
    });
  }

  it('shows the queue, progress and views of a session on items read in full, filters by label included', async () => {
    const dir = await project(9);
    for (const filters of [{}, { riskArea: ['悪用'] }, { harmType: ['メンタルヘルス'] }, { only: ['japan-specific'] }, { state: ['stale'] }]) {
      const { eager, lazy } = await both(dir, filters);
      assert.deepEqual(screens(lazy.session), screens(eager.session), JSON.stringify(filters));
      assert.ok(lazy.session.queue.length > 0, JSON.stringify(filters));
    }
  });

  it('accepts, skips and undoes as a session on items read in full does', async () => {
    const dir = await project(6);
    const { eager, lazy } = await both(dir);
    const sessions = [eager.session, lazy.session];
    const commit = async (events: ReturnType<typeof eager.session.eventsFor>) => {
      const written = await eager.writer.append(events);
      for (const s of sessions) s.commit(written);
    };
    await commit(lazy.session.eventsFor({ type: 'accept' }));
    assert.deepEqual(lazy.session.eventsFor({ type: 'accept' }), eager.session.eventsFor({ type: 'accept' }));
    for (const s of sessions) s.next();
    for (const s of sessions) s.skip();
    assert.deepEqual(screens(lazy.session), screens(eager.session));
    await commit(lazy.session.eventsFor({ type: 'undo' }, 'test-0000'));
    assert.deepEqual(screens(lazy.session), screens(eager.session));
    assert.equal(lazy.session.state('test-0000').state, 'translated', 'the accept was taken back');
  });

  it('opens a review session that shows what one on items read in full shows', async () => {
    const dir = await project(6);
    const { session, writer } = await openSession({ project: dir, author: 'loc' });
    await writer.append(['test-0000', 'test-0001', 'test-0003'].flatMap((id) => session.eventsFor({ type: 'accept' }, id)));
    rmSync(keysFile(dir));
    const eager = await openReview({ project: dir, reviewer: 'park' });
    const lazy = await openReview({ project: dir, reviewer: 'park' });
    assert.equal(isLazySourceItem(lazy.session.item('test-0000')!), true);
    assert.equal(isLazySourceItem(eager.session.item('test-0000')!), false);
    const show = (s: typeof eager.session) => plain({ queue: s.queue.map((i) => i.id), progress: s.progress(), views: s.queue.map((i) => s.view(i.id)) });
    assert.deepEqual(show(lazy.session), show(eager.session));
    assert.equal(lazy.session.queue.length, 3);
  });

  it('parses at start only the record of the item shown', async () => {
    const dir = await project(60);
    // `check` keeps what QA learns from every item's texts: the dataset context and the near-copy verdicts.
    assert.notEqual((await run(['check', '-p', dir])).code, 2);
    assert.ok(existsSync(path.join(dir, DATASET_CONTEXT_FILE)));
    // The first session reads the source in full and places its record lines.
    await openSession({ project: dir, author: 'loc' });
    const before = lazySourceCounters.parsed;
    const { session } = await openSession({ project: dir, author: 'loc' });
    assert.equal(session.progress().remaining, 60);
    assert.ok(session.current()!.item.question.length > 0);
    assert.equal(lazySourceCounters.parsed - before, 1, 'one record parsed: the current item');
    // A label filter reads every item's label: each record is parsed then (and only once).
    const filtered = await openSession({ project: dir, author: 'loc', filters: { riskArea: ['悪用'] } });
    assert.equal(filtered.session.queue.length, 20);
    assert.equal(lazySourceCounters.parsed - before, 1 + 60);
  });

  it('stops with exit 2 and drops the keys when a record changed without the fingerprint showing it', async () => {
    // Over 128 KiB, so that a record in the middle is outside the fingerprint's first and last 64 KiB.
    const records = makeRecords(1000);
    const source = tmp.jsonl('ac.jsonl', records);
    const dir = tmp.join('p');
    // A whole-second date, which utimes restores exactly.
    const date = new Date('2026-01-02T03:04:05Z');
    utimesSync(source, date, date);
    assert.equal((await run(['init', dir, '--source', source, '--to', 'ko'])).code, 0);
    await openSession({ project: dir, author: 'loc' });
    assert.ok(statSync(source).size > 3 * 64 * 1024);
    assert.ok(JSON.parse(readFileSync(keysFile(dir), 'utf8').split('\n')[0]!).lines, 'the keys place each record line');
    // Record 500's question changed, the file's size and date kept.
    const text = readFileSync(source, 'utf8');
    const changed = text.replace(records[500]!.text, records[500]!.text.replace('（500）', '（050）'));
    assert.notEqual(changed, text);
    writeFileSync(source, changed);
    utimesSync(source, date, date);
    const out = tmp.join('out.xlf');
    const r = await run(['xliff', 'export', '-p', dir, '--ids', 'test-0500', '-o', out]);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(existsSync(out), false);
    assert.match(r.stderr, /record 500: no longer holds the record with ID "test-0500"/);
    assert.equal(existsSync(keysFile(dir)), false, 'the keys are dropped');
    // Run again: the source is read in full, and the item shows its new text.
    const { session } = await openSession({ project: dir, author: 'loc', filters: { ids: ['test-0500'] } });
    assert.equal(isLazySourceItem(session.item('test-0500')!), false);
    assert.match(session.view('test-0500').item.question, /（050）/);
    await assert.rejects(
      async () => {
        const again = await openSession({ project: dir, author: 'loc' });
        // Lazy again now; restore the old text under the keys just written: parsed, it is not its key's.
        writeFileSync(source, text);
        utimesSync(source, date, date);
        return again.session.view('test-0500');
      },
      (e: unknown) => e instanceof ProjectError && e.exitCode === 2,
    );
  });

  it('places and reads back records longer than the scan buffer (1 MiB) and the read window (256 KiB), across their ends', () => {
    // Record 1 ends just past 1 MiB, record 2 is 3 MB, record 3 is short: lines cross both buffers' ends.
    const texts = ['x'.repeat((1 << 20) - 20), '長'.repeat(1_000_000), 'short'];
    const records = texts.map((a, i) => ({ ID: `r${i}`, q: `question ${i}`, a }));
    const file = tmp.file('long.jsonl', `${records.map((r) => JSON.stringify(r)).join('\n')}\n`);
    const starts = jsonlRecordStarts(file, records.length)!;
    const mapping = { id: 'ID', question: 'q', answer: 'a' };
    const keys = records.map((r) => ({ id: r.ID, sourceHash: sourceHash(r.q, r.a) }));
    // Read back out of order: each line is found whole whatever the window held before.
    const items = new LazySource(file, mapping, starts, tmp.join('no-project')).items(keys);
    for (const i of [2, 1, 0]) assert.equal(items[i]!.answer, texts[i], `record ${i}`);
  });

  it('places record lines as readRecords counts records: blank lines, CRLF and a BOM', () => {
    const lines = ['\uFEFF{"ID":"a"}', '', '  \t', '{"ID":"b"}\r', '\u3000', '   {"ID":"c"}'];
    const file = tmp.file('x.jsonl', lines.join('\n'));
    const starts = jsonlRecordStarts(file, 3);
    const bytes = readFileSync(file);
    assert.deepEqual(
      [...starts!].map((s) => bytes.toString('utf8', s).split('\n')[0]!.trim()),
      ['{"ID":"a"}', '{"ID":"b"}', '{"ID":"c"}'],
    );
    assert.equal(jsonlRecordStarts(file, 4), undefined, 'another count: none');
    assert.equal(jsonlRecordStarts(tmp.file('y.jsonl', '{"ID":"a"}\n[1]\n'), 2), undefined, 'a line that is no object: none');
  });
});
