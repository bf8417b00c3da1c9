/**
 * An adapt session's progress counters started from the counts `status` keeps (cache/status.json: items by state and
 * decision) rather than from a state made per item (issue #11): only when they fit the journal the session read and
 * the source, and always equal to a count of every item, before and after the session's actions.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openSession } from '../../src/adapt/open-session.js';
import { JournalWriter } from '../../src/project/journal.js';
import { loadItems, openProject } from '../../src/project/project.js';
import { STATUS_CACHE_FILE } from '../../src/project/status-cache.js';
import { run } from '../helpers/cli.js';
import { counted, fullCount } from '../helpers/session-counts.js';
import { TempDir, makeRecords } from '../helpers/fixtures.js';

describe('adapt session: progress counted from status', function () {
  this.timeout(60_000);
  let tmp: TempDir;
  let dir: string;
  let source: string;
  let records: ReturnType<typeof makeRecords>;
  const statusFile = () => path.join(dir, STATUS_CACHE_FILE);

  /** The counts in status.json replaced by a count that is wrong but sums to the items (to tell where a session's came from). */
  function tamper(counts: Record<string, number> = { 'approved none': 10 }): void {
    const stored = JSON.parse(readFileSync(statusFile(), 'utf8')) as { counts: Record<string, number> };
    stored.counts = counts;
    writeFileSync(statusFile(), JSON.stringify(stored));
  }

  beforeEach(async () => {
    tmp = new TempDir();
    dir = tmp.join('p');
    records = makeRecords(10);
    source = tmp.jsonl('ac.jsonl', records);
    assert.equal((await run(['init', dir, '--source', source, '--to', 'ko'])).code, 0);
    assert.equal((await run(['translate', '-p', dir])).code, 0);
    const answers = [
      { id: 'test-0000', decision: 'transfer' },
      { id: 'test-0001', decision: 'drop', rationale: 'no counterpart' },
      { id: 'test-0002', decision: 'transfer' },
      { id: 'test-0003', decision: 'transfer' },
    ];
    assert.equal((await run(['adapt', '-p', dir, '--as', 'kim', '--answers', tmp.jsonl('a.jsonl', answers)])).code, 0);
    // Decided but unfinished: item 1 rejected, item 2 stale (its source changed after the decision).
    const items = await loadItems(openProject(dir));
    await new JournalWriter(dir, 'rev').append([{ type: 'review', item: 'test-0001', sourceHash: items[1]!.sourceHash, verdict: 'reject', comment: 'no' }]);
    tmp.jsonl(
      'ac.jsonl',
      records.map((r, i) => (i === 2 ? { ...r, output: `${r.output} 新しい` } : r)),
    );
    assert.equal((await run(['status', '-p', dir])).code, 0);
  });
  afterEach(() => tmp.remove());

  it('starts from status counts that fit, equal to a count of every item, and stays equal through accept, skip and decide', async () => {
    const full = await fullCount(dir);
    assert.deepEqual(full.byState, { adapted: 2, rejected: 1, stale: 1, translated: 6 });
    assert.equal(full.decided, 2);
    const { session, writer } = await openSession({ project: dir, author: 'loc' });
    assert.deepEqual(counted(session.progress()), counted(full));
    assert.equal(session.currentId, 'test-0001');

    session.commit(await writer.append(session.eventsFor({ type: 'accept' })));
    session.next();
    session.skip();
    session.commit(await writer.append(session.eventsFor({ type: 'decide', decision: 'drop', rationale: 'none here' }, 'test-0009')));
    const after = session.progress();
    assert.equal(after.skipped, 1);
    assert.equal(after.decidedThisSession, 2);
    assert.deepEqual(counted(after), counted(await fullCount(dir)));
    assert.deepEqual(after.byState, { adapted: 4, stale: 1, translated: 5 });
  });

  it('takes the counts from status.json when its key fits (a wrong count kept under the right key shows through)', async () => {
    tamper();
    const { session } = await openSession({ project: dir, author: 'loc' });
    assert.deepEqual(session.progress().byState, { approved: 10 });
  });

  it('does not trust counts of unknown states or decisions, or below zero, though they sum to the items', async () => {
    const full = counted(await fullCount(dir));
    const wrong: Record<string, number>[] = [
      { 'approved none': 12, 'translated none': -2 },
      { 'finished none': 10 },
      { 'adapted maybe': 10 },
      { 'approved transfer extra': 10 },
    ];
    for (const counts of wrong) {
      tamper(counts);
      assert.deepEqual(counted((await openSession({ project: dir, author: 'loc' })).session.progress()), full, JSON.stringify(counts));
    }
  });

  it('does not trust counts that no longer fit: the journal appended to, or the source changed', async () => {
    tamper();
    const items = await loadItems(openProject(dir));
    await new JournalWriter(dir, 'rev').append([{ type: 'review', item: 'test-0000', sourceHash: items[0]!.sourceHash, verdict: 'approve' }]);
    const appended = (await openSession({ project: dir, author: 'loc' })).session.progress();
    assert.deepEqual(appended.byState, { adapted: 1, approved: 1, rejected: 1, stale: 1, translated: 6 });
    assert.deepEqual(counted(appended), counted(await fullCount(dir)));

    assert.equal((await run(['status', '-p', dir])).code, 0);
    tamper();
    tmp.jsonl(
      'ac.jsonl',
      records.map((r, i) => (i === 5 ? { ...r, output: `${r.output} 別の` } : r)),
    );
    // Item 2's source is back to the text it was decided on; item 5's MT is now stale.
    const changed = (await openSession({ project: dir, author: 'loc' })).session.progress();
    assert.deepEqual(changed.byState, { adapted: 2, approved: 1, rejected: 1, stale: 1, translated: 5 });
    assert.deepEqual(counted(changed), counted(await fullCount(dir)));
  });

  it('counts each item when the session writes before it starts (adapt --double) or its queue is not every item', async () => {
    tamper();
    const filtered = (await openSession({ project: dir, author: 'loc', filters: { state: ['translated'] } })).session.progress();
    assert.deepEqual(filtered.byState, { translated: 6 });
    const double = await openSession({ project: dir, author: 'loc', double: { percent: 100, assignee: 'lee' } });
    assert.notDeepEqual(double.session.progress().byState, { approved: 10 });
  });
});
