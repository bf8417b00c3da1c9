/**
 * Export at scale: output written in chunks, and the cross-item near-copy index
 * not rebuilt for a source known to outgrow it. Recording that verdict needs
 * over 2,000,000 distinct source shingles (minutes under load), so only its
 * reading is tested here.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { run } from '../helpers/cli.js';
import { TempDir, approvedEvents, makeRecords } from '../helpers/fixtures.js';
import { loadItems, openProject } from '../../src/project/project.js';
import { JournalWriter } from '../../src/project/journal.js';
import { sourceFingerprint } from '../../src/project/source-keys.js';
import { recordSourceIndexOverflow, sourceIndexOverflows } from '../../src/qa/qa-cache.js';
import type { NewEvent } from '../../src/project/events.js';
import type { SourceItem } from '../../src/dataset/item.js';

const TOO_LARGE = /too large to index for copies of another item's text/u;

describe('CLI: export streams its output and reuses what it learnt about the source', () => {
  let tmp: TempDir;
  let dir: string;
  let source: string;
  let items: SourceItem[];
  const events = (i: number, question: string, answer: string): NewEvent[] => approvedEvents(items[i]!, question, answer);
  const init = async (records: unknown[]) => {
    source = tmp.json('ac.json', records);
    assert.equal((await run(['init', dir, '--source', source, '--to', 'ko', '--provider', 'pseudo'])).code, 0);
    items = await loadItems(openProject(dir));
  };
  const fingerprint = () => sourceFingerprint(source, openProject(dir).mapping)!;

  beforeEach(() => {
    tmp = new TempDir();
    dir = tmp.join('p');
  });
  afterEach(() => tmp.remove());

  it('writes every record and provenance line, in source order, across many write chunks', async () => {
    const n = 150;
    await init(makeRecords(n));
    // About 900 characters per record: the data file spans several 64 KiB chunks.
    const long = (i: number) => `긴 비밀번호를 쓰십시오. ${'안전한 방법을 안내합니다. '.repeat(60)}(${i})`;
    await new JournalWriter(dir, 'kim').append(items.flatMap((_, i) => events(i, `비밀번호는 어떻게 만드나요? (${i})`, long(i))));
    const ex = await run(['export', '-p', dir, '--out', tmp.join('out'), '--format', 'jsonl']);
    assert.equal(ex.code, 0, ex.stderr);
    const data = readFileSync(tmp.join('out', 'data', 'test.jsonl'), 'utf8');
    assert.ok(data.length > 2 * 64 * 1024);
    const records = data
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { ID: string; output: string });
    assert.deepEqual(
      records.map((r) => r.ID),
      items.map((i) => i.id),
    );
    assert.deepEqual(
      records.map((r) => r.output),
      items.map((_, i) => long(i)),
    );
    const provenance = readFileSync(tmp.join('out', 'provenance', 'test.jsonl'), 'utf8')
      .trimEnd()
      .split('\n');
    assert.deepEqual(
      provenance.map((l) => (JSON.parse(l) as { id: string }).id),
      items.map((i) => i.id),
    );
  });

  it('trusts a recorded overflow of the cross-item index for this source only', async () => {
    await init(makeRecords(3));
    const ok = (i: number) => events(i, `비밀번호는 어떻게 만드나요? (${i})`, `긴 비밀번호를 쓰십시오. (${i})`);
    // Item 2's answer copies item 0's source answer: only the cross-item index finds that.
    await new JournalWriter(dir, 'kim').append([...ok(0), ...ok(1), ...events(2, '잠을 못 자요.', `${items[0]!.answer} 번역`)]);
    const indexed = await run(['export', '-p', dir, '--out', tmp.join('a')]);
    assert.equal(indexed.code, 1, indexed.stderr);
    assert.match(indexed.stderr, /test-0002.*the answer copies \d+ characters of item test-0000's source answer/u);
    assert.equal(sourceIndexOverflows(dir, fingerprint()), false, 'a source that fits is not recorded as overflowing');
    const checkFindsCopy = async () => {
      const r = await run(['check', '-p', dir, '--json']);
      const { findings } = JSON.parse(r.stdout) as { findings: { item: string; check: string }[] };
      return findings.some((f) => f.item === 'test-0002' && f.check === 'source-near-copy');
    };
    assert.equal(await checkFindsCopy(), true, 'check finds the copy through the index');

    recordSourceIndexOverflow(dir, fingerprint());
    assert.equal(sourceIndexOverflows(dir, fingerprint()), true);
    assert.equal(await checkFindsCopy(), false, 'check trusts the verdict too and builds no index');
    const skipped = await run(['export', '-p', dir, '--out', tmp.join('b')]);
    assert.equal(skipped.code, 0, skipped.stderr);
    assert.match(skipped.stderr, TOO_LARGE);

    // Another source (a changed file) is not covered by the verdict: the index is built again.
    const records = makeRecords(3);
    records[1]!.text = `${records[1]!.text} 変更`;
    writeFileSync(source, JSON.stringify(records, null, 2));
    const changed = await run(['export', '-p', dir, '--out', tmp.join('c'), '--include-stale']);
    assert.equal(changed.code, 1, changed.stderr);
    assert.doesNotMatch(changed.stderr, TOO_LARGE);
    assert.match(changed.stderr, /item test-0000's source answer/u);
  });
});
