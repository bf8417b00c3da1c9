/**
 * The near-copy verdicts cache (cache/qa/near-copy.jsonl): a warm check or
 * export finds a copy of another item's source without building the
 * cross-item index, an edited item is searched again, and a change to the
 * indexed sources (not an added item) throws away the verdicts but not the
 * item checks' results.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { run } from '../helpers/cli.js';
import { TempDir, approvedEvents, makeRecords } from '../helpers/fixtures.js';
import { loadItems, openProject } from '../../src/project/project.js';
import { JournalWriter } from '../../src/project/journal.js';
import { nearCopyCounters } from '../../src/qa/near-copies.js';
import { qaCacheCounters } from '../../src/qa/qa-cache.js';
import { NEAR_COPY_CACHE_FILE, NearCopyCache } from '../../src/qa/near-copy-cache.js';
import type { NewEvent } from '../../src/project/events.js';
import type { SourceItem } from '../../src/dataset/item.js';

const COPY = /test-0002.*the answer copies \d+ characters of item test-0000's source answer/u;

describe('CLI: near-copy verdicts are cached, and the index is built only when one is missing', function () {
  this.timeout(60_000);
  let tmp: TempDir;
  let dir: string;
  let source: string;
  let items: SourceItem[];
  const events = (i: number, question: string, answer: string): NewEvent[] => approvedEvents(items[i]!, question, answer);
  const ok = (i: number) => events(i, `비밀번호는 어떻게 만드나요? (${i})`, `긴 비밀번호를 쓰십시오. (${i})`);
  const edit = (i: number, answer: string): NewEvent => ({ type: 'edit', item: items[i]!.id, sourceHash: items[i]!.sourceHash, field: 'answer', text: answer });
  /** Runs a command and says what it cost: index builds, texts searched, item-check cache misses. */
  const counted = async (args: string[]) => {
    const before = { ...nearCopyCounters, misses: qaCacheCounters.misses };
    const r = await run(args);
    return {
      ...r,
      builds: nearCopyCounters.indexBuilds - before.indexBuilds,
      searches: nearCopyCounters.searches - before.searches,
      misses: qaCacheCounters.misses - before.misses,
    };
  };
  const copyFindings = (stdout: string) =>
    (JSON.parse(stdout) as { findings: { item: string; check: string; message: string }[] }).findings
      .filter((f) => f.check === 'source-near-copy')
      .map((f) => `${f.item}: ${f.message}`);

  beforeEach(async () => {
    tmp = new TempDir();
    dir = tmp.join('p');
    source = tmp.json('ac.json', makeRecords(4));
    assert.equal((await run(['init', dir, '--source', source, '--to', 'ko', '--provider', 'pseudo'])).code, 0);
    items = await loadItems(openProject(dir));
    // Item 2's answer copies item 0's source answer: only the cross-item index finds that.
    await new JournalWriter(dir, 'kim').append([...ok(0), ...ok(1), ...events(2, '잠을 못 자요.', `${items[0]!.answer} 번역`), ...ok(3)]);
  });
  afterEach(() => tmp.remove());

  it('finds a copy of another item on a cold run, on a warm run without the index, and after an edit', async () => {
    const cold = await counted(['check', '-p', dir, '--json']);
    assert.equal(cold.builds, 1);
    const found = copyFindings(cold.stdout);
    assert.equal(found.length, 1);
    assert.match(found[0]!, /^test-0002: Answer copies \d+ characters of item test-0000's source answer/u);

    const warm = await counted(['check', '-p', dir, '--json']);
    assert.deepEqual(copyFindings(warm.stdout), found, 'the same finding, from the cache');
    assert.equal(warm.builds, 0, 'a warm check builds no index');
    assert.equal(warm.searches, 0);

    // Item 3 now copies item 1's question: its verdict is missing, the others' are used.
    await new JournalWriter(dir, 'kim').append([edit(3, `번역: ${items[1]!.question}`)]);
    const edited = await counted(['check', '-p', dir, '--json']);
    assert.equal(edited.builds, 1);
    assert.equal(edited.searches, 1, 'only the edited item is searched');
    const both = copyFindings(edited.stdout);
    assert.equal(both.length, 2);
    assert.equal(both[0], found[0]);
    assert.match(both[1]!, /^test-0003: Answer copies \d+ characters of item test-0001's source question/u);

    // An edit in another script is settled by the indexed code points: no index.
    await new JournalWriter(dir, 'kim').append([edit(3, '긴 비밀번호를 쓰고 재사용하지 마십시오.')]);
    const korean = await counted(['check', '-p', dir, '--json']);
    assert.equal(korean.builds, 0);
    assert.deepEqual(copyFindings(korean.stdout), found);
  });

  it('ignores a corrupt verdicts file with a warning, finds the copy again and rewrites the file', async () => {
    const warm = await counted(['check', '-p', dir, '--json']);
    const file = path.join(dir, NEAR_COPY_CACHE_FILE);
    writeFileSync(file, 'not a header\n');
    const corrupt = await counted(['check', '-p', dir]);
    assert.match(corrupt.stderr, /near-copy\.jsonl could not be used .*deleting it is safe/s);
    assert.equal(corrupt.builds, 1, 'the index is built again');
    assert.match(corrupt.stdout, /test-0002 [^\n]*\n(?: {2}[^\n]*\n)* {2}\w+ +answer +source-near-copy/, 'the copy is found again');
    const again = await counted(['check', '-p', dir, '--json']);
    assert.equal(again.builds, 0, 'the rewritten file serves the next run');
    assert.deepEqual(copyFindings(again.stdout), copyFindings(warm.stdout));
  });

  it('refuses the export on a warm run and after an edit, from the QA verdict', async () => {
    const checked = await counted(['check', '-p', dir]);
    assert.equal(checked.builds, 1);
    const warm = await counted(['export', '-p', dir, '--out', tmp.join('a')]);
    assert.equal(warm.code, 1, warm.stderr);
    assert.match(warm.stderr, COPY);
    assert.equal(warm.builds, 0, 'the leak guard reuses the verdict');

    // The copy is edited out and item 3 copies item 1's source answer in its rationale.
    const rationale = `元の文: ${items[1]!.answer}`;
    await new JournalWriter(dir, 'kim').append([
      edit(2, '잠을 잘 자는 방법을 알려 드립니다.'),
      { type: 'decision', item: items[3]!.id, sourceHash: items[3]!.sourceHash, decision: 'transfer', rationale },
    ]);
    const missed = await counted(['export', '-p', dir, '--out', tmp.join('b')]);
    assert.equal(missed.code, 1, missed.stderr);
    assert.doesNotMatch(missed.stderr, COPY);
    assert.match(missed.stderr, /test-0003.*the rationale \(written to provenance\.jsonl\) copies \d+ characters of item test-0001's source answer/u);
    assert.equal(missed.builds, 1, 'the source is read again for the index');
    assert.equal(missed.searches, 2);

    const again = await counted(['export', '-p', dir, '--out', tmp.join('c')]);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /test-0003.*the rationale/u);
    assert.equal(again.builds, 0);
  });

  it('keeps the verdicts when an item is added, and only the verdicts are thrown away when a source text changes', async () => {
    await run(['check', '-p', dir]);
    const file = tmp.jsonl('add.jsonl', [
      { question: '새 질문입니다.', answer: '새 답변입니다.', riskArea: '悪用', harmType: '違法行為への加担', specificHarm: 'ko:new', rationale: 'new' },
    ]);
    assert.equal((await run(['add', '-p', dir, '--answers', file])).code, 0);
    const added = await counted(['check', '-p', dir, '--json']);
    assert.equal(added.builds, 0, 'an added item has no source to index');
    assert.equal(added.misses, 1, "nor does it change the other items' checks: only its own run");
    assert.equal(copyFindings(added.stdout).length, 1);

    // A new release: item 1's source changes (it goes stale), the others' do not.
    const records = makeRecords(4);
    records[1]!.text = `${records[1]!.text}（改訂）`;
    writeFileSync(source, JSON.stringify(records, null, 2));
    const release = await counted(['check', '-p', dir, '--json']);
    assert.equal(release.builds, 1, 'the indexed sources changed: verdicts are searched again');
    assert.equal(release.misses, 1, "only item 1's item checks run again");
    assert.equal(copyFindings(release.stdout).length, 1);
  });
  it('keeps the verdicts it read when another item is searched again and saved', () => {
    const file = tmp.join('near-copy.jsonl');
    const hash = (c: string) => c.repeat(22);
    const first = new NearCopyCache(file);
    first.use('k');
    first.set('a', hash('a'), { answer: { run: '비밀번호', source: 'question', otherItem: 'b "x"' } });
    first.set('b "x"', hash('b'), {});
    first.save();
    const second = new NearCopyCache(file);
    second.use('k');
    second.set('b "x"', hash('c'), { question: { run: '잠', source: 'question', otherItem: 'a' } });
    second.save();
    const third = new NearCopyCache(file);
    third.use('k');
    assert.deepEqual(third.get('a', hash('a')), { answer: { run: '비밀번호', source: 'question', otherItem: 'b "x"' } });
    assert.equal(third.get('b "x"', hash('b')), undefined);
    assert.deepEqual(third.get('b "x"', hash('c')), { question: { run: '잠', source: 'question', otherItem: 'a' } });
  });
});
