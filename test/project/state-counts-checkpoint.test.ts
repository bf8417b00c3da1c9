/**
 * The counts by state and decision `status` keeps (cache/status.json `counts`, and `base.counts` at the journal
 * checkpoint) on a journal past CHECKPOINT_EVERY events, where the checkpoint is written by the fold itself: after
 * appends they are brought up to date from the items the later events name ('on'), and a status folding from the
 * checkpoint counts those items back to it ('back'). Each must equal a count of a whole fold, and a session started
 * from them must count what a session counting every item counts.
 */
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openSession } from '../../src/adapt/open-session.js';
import type { SourceItem } from '../../src/dataset/item.js';
import { eventId } from '../../src/project/event-order.js';
import type { JournalEvent } from '../../src/project/events.js';
import { CHECKPOINT_EVERY, CHECKPOINT_FILE } from '../../src/project/journal-fold.js';
import { JournalWriter, readJournal } from '../../src/project/journal.js';
import { loadItems, openProject } from '../../src/project/project.js';
import { foldState } from '../../src/project/state.js';
import { STATUS_CACHE_FILE, stateDecisionCounts, type StateDecisionCounts } from '../../src/project/status-cache.js';
import { run } from '../helpers/cli.js';
import { counted, fullCount } from '../helpers/session-counts.js';
import { TempDir, makeRecords } from '../helpers/fixtures.js';

const ITEMS = 300;
let clock = 0;
const tick = () => new Date((clock = Math.max(clock + 1, Date.now())));
/** Zero counts left out: a count taken out and put back leaves a 0 where a fresh count has no key. */
const nonZero = (c: StateDecisionCounts) => Object.fromEntries(Object.entries(c).filter(([, n]) => n !== 0));

describe('status counts by state and decision past a journal checkpoint', function () {
  this.timeout(120_000);
  let tmp: TempDir;
  let dir: string;
  let items: SourceItem[];
  const statusFile = () => path.join(dir, STATUS_CACHE_FILE);
  const stored = () =>
    JSON.parse(readFileSync(statusFile(), 'utf8')) as { key: string; counts: StateDecisionCounts; base?: { checkpoint: string; counts: StateDecisionCounts } };
  const ref = (i: number) => ({ item: items[i]!.id, sourceHash: items[i]!.sourceHash });
  /** A count of every item from the whole journal, no checkpoint or cache involved. */
  const wholeCounts = () => stateDecisionCounts(foldState(items, readJournal(dir).events).states.values());
  const status = async () => assert.equal((await run(['status', '-p', dir])).code, 0);
  const checkpoint = () => readFileSync(path.join(dir, CHECKPOINT_FILE), 'utf8').split('\n', 1)[0];

  let kim: JournalWriter;
  let early: JournalEvent[];
  beforeEach(async () => {
    tmp = new TempDir();
    dir = tmp.join('p');
    assert.equal((await run(['init', dir, '--source', tmp.jsonl('ac.jsonl', makeRecords(ITEMS)), '--to', 'ko'])).code, 0);
    assert.equal((await run(['translate', '-p', dir])).code, 0);
    items = await loadItems(openProject(dir));
    kim = new JournalWriter(dir, 'kim', tick);
    // Past CHECKPOINT_EVERY events: a decision on a third of the items, reviews of some, checklist answers; the first
    // status's fold reads them all and writes the checkpoint at the end.
    early = await kim.append(items.slice(0, 100).map((_, i) => ({ type: 'decision' as const, ...ref(i), decision: 'transfer' as const })));
    await new JournalWriter(dir, 'park', tick).append([
      ...[0, 1, 2, 3, 4].map((i) => ({ type: 'review' as const, ...ref(i), verdict: 'approve' as const })),
      ...[5, 6].map((i) => ({ type: 'review' as const, ...ref(i), verdict: 'reject' as const, comment: 'again' })),
    ]);
    // Checklist answers given again and again: the fold keeps the last, so the checkpoint stays small beside the journal.
    const filler = Array.from({ length: CHECKPOINT_EVERY }, (_, n) => ({
      type: 'checklist' as const,
      ...ref(n % ITEMS),
      question: 'named-entities',
      answer: n % 2 === 0 ? ('yes' as const) : ('no' as const),
    }));
    await kim.append(filler);
    assert.ok(readJournal(dir).events.length > CHECKPOINT_EVERY);
    await status();
    assert.ok(stored().base, 'the counts at the checkpoint are kept');
    assert.deepEqual(nonZero(stored().counts), wholeCounts());
    assert.deepEqual(nonZero(stored().base!.counts), wholeCounts());
  });
  afterEach(() => tmp.remove());

  /** Appends of each kind after the checkpoint: accepts, decision changes, an undo of a decision after it, a review. */
  async function appendEach(from: number): Promise<void> {
    await kim.append([150, 151, 152].map((i) => ({ type: 'decision' as const, ...ref(i + from), decision: 'transfer' as const })));
    await kim.append([
      { type: 'decision', ...ref(10 + from), decision: 'drop', rationale: 'no counterpart' },
      { type: 'decision', ...ref(11 + from), decision: 'adapt', rationale: '110 → 112' },
    ]);
    const [later] = await kim.append([{ type: 'decision', ...ref(153 + from), decision: 'transfer' }]);
    await kim.append([{ type: 'undo', ...ref(153 + from), undoes: eventId(later!) }]);
    await new JournalWriter(dir, 'park', tick).append([{ type: 'review', ...ref(12 + from), verdict: 'reject', comment: 'no' }]);
  }

  it("keeps counts equal to a whole fold's, counted on after appends and counted back to the checkpoint", async () => {
    const atCheckpoint = wholeCounts();
    const id = checkpoint();
    await appendEach(0);
    // Brought up to date from the checkpoint ('on'): the kept base stays as it was.
    await status();
    assert.equal(checkpoint(), id, 'fewer than CHECKPOINT_EVERY events since: the same checkpoint');
    assert.deepEqual(nonZero(stored().counts), wholeCounts());
    assert.notDeepEqual(wholeCounts(), atCheckpoint);
    assert.deepEqual(nonZero(stored().base!.counts), atCheckpoint);

    // A status folding from the checkpoint (no status.json) counts the items named since back to it ('back').
    rmSync(statusFile());
    await status();
    assert.deepEqual(nonZero(stored().counts), wholeCounts());
    assert.deepEqual(nonZero(stored().base!.counts), atCheckpoint);

    // And on again from that base after more appends.
    await appendEach(1);
    await status();
    assert.deepEqual(nonZero(stored().counts), wholeCounts());
    assert.deepEqual(nonZero(stored().base!.counts), atCheckpoint);

    // An undo of a decision before the checkpoint: only a whole fold follows it, with the same counts.
    await kim.append([{ type: 'undo', ...ref(20), undoes: eventId(early[20]!) }]);
    await status();
    assert.deepEqual(nonZero(stored().counts), wholeCounts());
  });

  it("starts a session after appends from the checkpoint's counts brought up to date, equal to a count of every item", async () => {
    await appendEach(0);
    const { session } = await openSession({ project: dir, author: 'loc' });
    assert.deepEqual(counted(session.progress()), counted(await fullCount(dir)));
  });

  it('uses the counts kept at the checkpoint (doctored ones show through in the totals)', async () => {
    const s = stored();
    // 50 translated items counted as approved transfers instead: the same sum of items.
    s.base!.counts['translated none']! -= 50;
    s.base!.counts['approved transfer']! += 50;
    writeFileSync(statusFile(), JSON.stringify(s));
    await appendEach(0);
    const real = await fullCount(dir);
    const { session } = await openSession({ project: dir, author: 'loc' });
    const p = session.progress();
    assert.equal(p.byState.approved, real.byState.approved! + 50);
    assert.equal(p.byState.translated, real.byState.translated! - 50);
    assert.equal(p.decided, real.decided + 50);
  });
});
