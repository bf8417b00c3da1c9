/**
 * Undo events in a streamed fold (journal-fold.ts): the undos after the read
 * position are found first (a byte search), so the events they take back are
 * left out as they stream by, and a checkpoint is still written and folded on
 * from. Every fold must give what the whole-journal fold gives (undo.ts).
 */
import assert from 'node:assert/strict';
import { appendFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { run } from '../helpers/cli.js';
import { TempDir, makeRecords } from '../helpers/fixtures.js';
import { CHECKPOINT_FILE, foldJournal } from '../../src/project/journal-fold.js';
import { JournalWriter, readJournal } from '../../src/project/journal.js';
import { eventId } from '../../src/project/event-order.js';
import { foldState } from '../../src/project/state.js';
import { loadItems, openProject } from '../../src/project/project.js';
import type { SourceItem } from '../../src/dataset/item.js';
import type { JournalEvent } from '../../src/project/events.js';

let clock = Date.parse('2030-01-01T00:00:00.000Z');
const tick = () => new Date((clock += 1000));

describe('undo in a streamed fold', function () {
  this.timeout(60_000);
  let tmp: TempDir;
  let dir: string;
  let items: SourceItem[];
  const checkpoint = () => path.join(dir, CHECKPOINT_FILE);
  const whole = () => foldState(items, readJournal(dir).events).states;
  const ref = (i: number) => ({ item: items[i]!.id, sourceHash: items[i]!.sourceHash });
  /** A fold now (from the checkpoint when one fits) against the whole-journal fold. */
  const sameAsWhole = (expectFrom: string) => {
    const fold = foldJournal(dir);
    assert.equal(fold.from, expectFrom);
    assert.deepEqual(fold.folder.statesFor(items).states, whole());
    return fold;
  };

  beforeEach(async () => {
    tmp = new TempDir();
    dir = tmp.join('p');
    assert.equal((await run(['init', dir, '--source', tmp.json('ac.json', makeRecords(8)), '--to', 'ko'])).code, 0);
    assert.equal((await run(['translate', '-p', dir])).code, 0);
    items = await loadItems(openProject(dir));
    rmSync(checkpoint(), { force: true });
  });
  afterEach(() => tmp.remove());

  it('folds a journal with undos from the start and writes a checkpoint, then folds on from it', async () => {
    const kim = new JournalWriter(dir, 'kim', tick);
    const written = await kim.append([
      { type: 'decision', ...ref(0), decision: 'drop', rationale: 'first' },
      { type: 'edit', ...ref(1), field: 'answer', text: '고친 답변' },
      { type: 'flag', ...ref(2), note: 'look' },
    ]);
    await kim.append(written.map((e) => ({ type: 'undo' as const, item: e.item, sourceHash: e.sourceHash, undoes: eventId(e) })));
    const states = sameAsWhole('start').folder.statesFor(items).states;
    assert.equal(states.get(items[0]!.id)!.decision, undefined, 'the decision is undone');
    assert.equal(states.get(items[2]!.id)!.flags.length, 0, 'the flag is undone');
    assert.ok(existsSync(checkpoint()), 'a journal with undos gets a checkpoint');
    assert.equal(sameAsWhole('checkpoint').eventsRead, 0);
  });

  it('goes on from the checkpoint when the undos after it take back events after it too', async () => {
    foldJournal(dir, { checkpointEvery: 1 });
    const kim = new JournalWriter(dir, 'kim', tick);
    const [decision] = await kim.append([{ type: 'decision', ...ref(3), decision: 'drop', rationale: 'x' }]);
    await kim.append([{ type: 'undo', ...ref(3), undoes: eventId(decision!) }]);
    // Another author's undo of it is ignored, as in the whole fold.
    await new JournalWriter(dir, 'park', tick).append([{ type: 'undo', ...ref(3), undoes: eventId(decision!) }]);
    const fold = sameAsWhole('checkpoint');
    assert.equal(fold.eventsRead, 3);
  });

  it('folds from the start when an undo after the checkpoint takes back an event before it', async () => {
    const kim = new JournalWriter(dir, 'kim', tick);
    const [decision] = await kim.append([{ type: 'decision', ...ref(4), decision: 'drop', rationale: 'x' }]);
    foldJournal(dir, { checkpointEvery: 1 });
    const before = readFileSync(checkpoint(), 'utf8');
    await kim.append([{ type: 'undo', ...ref(4), undoes: eventId(decision!) }]);
    sameAsWhole('start');
    assert.notEqual(readFileSync(checkpoint(), 'utf8'), before, 'the checkpoint is written again, with the undo');
    sameAsWhole('checkpoint');
  });

  it('keeps what an undone decision had seen across the checkpoint (a later decision that saw it)', async () => {
    // lee decides; kim decides having seen lee's; kim undoes hers; then park decides having seen kim's (written before her undo).
    const [lee] = await new JournalWriter(dir, 'lee', tick).append([{ type: 'decision', ...ref(5), decision: 'transfer' }]);
    const kim = new JournalWriter(dir, 'kim', tick);
    const [hers] = await kim.append([{ type: 'decision', ...ref(5), decision: 'drop', rationale: 'x' }]);
    assert.deepEqual((hers as JournalEvent & { after?: string[] }).after, [eventId(lee!)]);
    await kim.append([{ type: 'undo', ...ref(5), undoes: eventId(hers!) }]);
    foldJournal(dir, { checkpointEvery: 1 });
    const park = {
      v: 2,
      ts: new Date(clock + 60_000).toISOString(),
      c: 0,
      author: 'park',
      type: 'decision',
      ...ref(5),
      decision: 'drop',
      rationale: 'y',
      after: [eventId(hers!)],
    };
    appendFileSync(path.join(dir, 'journal', 'park.jsonl'), `${JSON.stringify(park)}\n`);
    const fold = sameAsWhole('checkpoint');
    // park saw lee's decision through kim's undone one: park's replaces it, no conflict.
    const state = fold.folder.state(items[5]!);
    assert.deepEqual([state.state, state.decision?.decision], ['adapted', 'drop']);
  });

  it('leaves an undo in a unit cut short out, as the whole fold does, and takes it once the unit is whole', async () => {
    const kim = new JournalWriter(dir, 'kim', tick);
    const [decision] = await kim.append([{ type: 'decision', ...ref(6), decision: 'drop', rationale: 'x' }]);
    foldJournal(dir, { checkpointEvery: 1 });
    const ts = new Date(clock + 60_000).toISOString();
    const unit = { v: 1, ts, author: 'kim', ...ref(6), unit: 'u1/2' };
    appendFileSync(path.join(dir, 'journal', 'kim.jsonl'), `${JSON.stringify({ ...unit, c: 0, type: 'undo', undoes: eventId(decision!) })}\n`);
    const cut = sameAsWhole('checkpoint');
    assert.equal(cut.folder.state(items[6]!).decision?.decision, 'drop', 'the cut undo takes nothing back');
    assert.equal(cut.skipped, 1);
    appendFileSync(path.join(dir, 'journal', 'kim.jsonl'), `${JSON.stringify({ ...unit, c: 1, type: 'flag', note: 'with it' })}\n`);
    // Whole now: it takes back a decision before the checkpoint, so the fold starts over.
    assert.equal(sameAsWhole('start').folder.state(items[6]!).decision, undefined);
  });
});
