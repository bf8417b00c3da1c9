/**
 * `status` after journal appends brings the summary it kept at the journal
 * checkpoint up to date from the items the later events name (status-cache.ts
 * StatusBase), instead of folding every item: what it prints must be what a
 * whole fold prints, and anything the shortcut cannot follow folds the whole.
 */
import assert from 'node:assert/strict';
import { appendFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { run } from '../helpers/cli.js';
import { TempDir, makeRecords } from '../helpers/fixtures.js';
import type { SourceItem } from '../../src/dataset/item.js';
import { loadItems, openProject } from '../../src/project/project.js';
import { JournalWriter, readJournal } from '../../src/project/journal.js';
import { eventId } from '../../src/project/event-order.js';
import { CHECKPOINT_FILE, foldJournal } from '../../src/project/journal-fold.js';
import { STATUS_CACHE_FILE } from '../../src/project/status-cache.js';

let clock = 0;
const tick = () => new Date((clock = Math.max(clock + 1, Date.now())));

describe('CLI: status after journal appends', () => {
  let tmp: TempDir;
  let dir: string;
  let items: SourceItem[];
  beforeEach(async () => {
    tmp = new TempDir();
    const source = tmp.json('ac.json', makeRecords(10));
    dir = tmp.join('p');
    assert.equal((await run(['init', dir, '--source', source, '--to', 'ko'])).code, 0);
    assert.equal((await run(['translate', '-p', dir, '--limit', '8'])).code, 0);
    items = await loadItems(openProject(dir));
    // The first status folds the whole journal, writes the checkpoint and keeps its summary at it.
    assert.equal((await run(['status', '-p', dir])).code, 0);
    assert.ok(existsSync(path.join(dir, CHECKPOINT_FILE)));
    assert.ok(stored().base, 'the summary at the checkpoint is kept');
  });
  afterEach(() => tmp.remove());

  const statusFile = () => path.join(dir, STATUS_CACHE_FILE);
  const stored = () => JSON.parse(readFileSync(statusFile(), 'utf8'));
  const ref = (i: number) => ({ item: items[i]!.id, sourceHash: items[i]!.sourceHash });
  /** `status --json` and plain `status`, exit codes and all. */
  const both = async () => [await run(['status', '--json', '-p', dir]), await run(['status', '-p', dir])];
  /** What a whole fold prints: without the status cache (the checkpoint stays). */
  const whole = async () => {
    rmSync(statusFile());
    const printed = await both();
    rmSync(statusFile());
    return printed;
  };
  /** Makes the kept summary at the checkpoint count 100 more flagged items: a status that shows them used it. */
  const doctorBase = () => {
    const s = stored();
    s.base.summary.flagged += 100;
    writeFileSync(statusFile(), JSON.stringify(s));
  };
  const flagged = async () => JSON.parse((await run(['status', '--json', '-p', dir])).stdout).flagged as number;

  /** Decisions, reviews, flags, an edit, a checklist answer, a second annotator, items first named after the checkpoint. */
  const appendWork = async () => {
    const kim = new JournalWriter(dir, 'kim', tick);
    const park = new JournalWriter(dir, 'park', tick);
    await kim.append([0, 1, 2, 8].map((i) => ({ type: 'decision' as const, ...ref(i), decision: 'transfer' as const })));
    await park.append([
      { type: 'review', ...ref(0), verdict: 'approve' },
      { type: 'review', ...ref(1), verdict: 'reject', comment: 'again' },
      { type: 'flag', ...ref(3), note: 'look' },
      { type: 'flag', ...ref(9), note: 'untranslated, look' },
    ]);
    await kim.append([
      { type: 'edit', ...ref(2), field: 'answer', text: '고친 답변' },
      { type: 'checklist', ...ref(4), question: 'named-entities', answer: 'no' },
      { type: 'assign', ...ref(5), assignee: 'lee', role: 'secondary' },
      { type: 'decision', ...ref(5), decision: 'drop', rationale: 'no counterpart' },
    ]);
    await new JournalWriter(dir, 'lee', tick).append([{ type: 'decision', ...ref(5), decision: 'drop', rationale: 'same', secondary: true }]);
  };

  it('prints what a whole fold prints, after one append and after several, with a line being written', async () => {
    await appendWork();
    const first = await both();
    assert.equal(first[0]!.code, 0, first[0]!.stderr);
    const summary = JSON.parse(first[0]!.stdout);
    assert.deepEqual([summary.byState.approved, summary.byState.rejected, summary.flagged, summary.secondAnnotation.done], [1, 1, 2, 1]);
    assert.deepEqual(first, await whole());

    // An undo of an event after the checkpoint is followed.
    const [flag] = await new JournalWriter(dir, 'kim', tick).append([{ type: 'flag', ...ref(7), note: 'oops' }]);
    await new JournalWriter(dir, 'kim', tick).append([{ type: 'undo', ...ref(7), undoes: eventId(flag!) }]);
    assert.deepEqual(await both(), await whole());

    // A flag resolved and a line still being written (no newline yet: a torn line, with its warning).
    await new JournalWriter(dir, 'park', tick).append([{ type: 'flag', ...ref(3), note: 'ok', resolved: true }]);
    appendFileSync(path.join(dir, 'journal', 'park.jsonl'), '{"v":1,"ts":"2099-01-01T00:00:00.000Z","type":"fl');
    const second = await both();
    assert.match(second[1]!.stderr + second[1]!.stdout, /park\.jsonl/);
    assert.equal(JSON.parse(second[0]!.stdout).skippedEvents, 1);
    assert.deepEqual(second, await whole());
  });

  it('uses the summary kept at the checkpoint (a doctored one shows through) until the checkpoint changes', async () => {
    const real = await flagged();
    doctorBase();
    await appendWork();
    assert.equal(await flagged(), real + 2 + 100);
    // The next appends are counted on from the same kept summary, an undo of an event after the checkpoint too.
    const kim = new JournalWriter(dir, 'kim', tick);
    const [, oops] = await kim.append([
      { type: 'flag', ...ref(6), note: 'also' },
      { type: 'flag', ...ref(8), note: 'oops' },
    ]);
    assert.equal(await flagged(), real + 4 + 100);
    await kim.append([{ type: 'undo', ...ref(8), undoes: eventId(oops!) }]);
    assert.equal(await flagged(), real + 3 + 100);
    // A new checkpoint (another command read 1000 events past it) is another base: the whole journal is folded again.
    writeFileSync(path.join(dir, CHECKPOINT_FILE), readFileSync(path.join(dir, CHECKPOINT_FILE), 'utf8').replace('"order":', '"order": '));
    await new JournalWriter(dir, 'kim', tick).append([{ type: 'flag', ...ref(7), note: 'and this' }]);
    assert.equal(await flagged(), real + 4);
  });

  it('folds the whole journal after a new source release, even once another command has read the new source', async () => {
    doctorBase();
    const records = makeRecords(10);
    tmp.json('ac.json', [{ ...records[0]!, text: `${records[0]!.text}（改訂）` }, ...records.slice(1)]);
    // Another command read the new source in full: its keys are cached, so only the kept summary's source check stops the shortcut.
    await loadItems(openProject(dir));
    await new JournalWriter(dir, 'kim', tick).append([{ type: 'flag', ...ref(1), note: 'x' }]);
    const printed = await both();
    assert.equal(JSON.parse(printed[0]!.stdout).byState.stale, 1);
    assert.ok(JSON.parse(printed[0]!.stdout).flagged < 100);
    assert.deepEqual(printed, await whole());
  });

  /** What the shortcut cannot follow: [what, made before the checkpoint, appended after it]. */
  const unfollowed: [string, () => Promise<unknown>, () => Promise<unknown>][] = [
    [
      'an undo of an event before the checkpoint',
      () => new JournalWriter(dir, 'kim', tick).append([{ type: 'flag', ...ref(0), note: 'oops' }]),
      async () => {
        const [flag] = readJournal(dir).events.filter((e) => e.type === 'flag');
        await new JournalWriter(dir, 'kim', tick).append([{ type: 'undo', ...ref(0), undoes: eventId(flag!) }]);
      },
    ],
    ['an added item', async () => {}, () => run(['add', '-p', dir, '--as', 'kim', '--question', '새 질문', '--answer', '새 답변', '--rationale', 'local'])],
    [
      'an event of an item not in the source',
      async () => {},
      () => new JournalWriter(dir, 'kim', tick).append([{ type: 'flag', item: 'not-in-source', sourceHash: '0000000000000000', note: 'x' }]),
    ],
  ];
  for (const [what, before, append] of unfollowed)
    it(`folds the whole journal after ${what}`, async () => {
      await before();
      foldJournal(dir, { checkpointEvery: 1 });
      assert.equal((await run(['status', '-p', dir])).code, 0); // a whole fold: another checkpoint, another kept summary
      assert.ok(stored().base);
      // The kept summary counts 100 more flags: a status that folds the whole journal does not show them.
      doctorBase();
      await append();
      const printed = await both();
      assert.equal(printed[0]!.code, 0, printed[0]!.stderr);
      assert.ok(JSON.parse(printed[0]!.stdout).flagged < 100);
      assert.deepEqual(printed, await whole());
    });
});
