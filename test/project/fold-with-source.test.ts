/**
 * foldWithSource with `release`: each item's fold is dropped once the item is
 * handed over (export and report in one pass keep no state per item), and
 * every item still gets the state, orphans and added items it gets without.
 */
import assert from 'node:assert/strict';
import { run } from '../helpers/cli.js';
import { TempDir, approvedEvents, makeRecords } from '../helpers/fixtures.js';
import { foldWithSource, loadItems, openProject } from '../../src/project/project.js';
import { JournalWriter } from '../../src/project/journal.js';
import type { ItemState } from '../../src/project/state.js';

describe('foldWithSource, releasing each item fold once handed over', function () {
  this.timeout(60_000);
  let tmp: TempDir;
  let dir: string;

  before(async () => {
    tmp = new TempDir();
    dir = tmp.join('p');
    const source = tmp.json('ac.json', makeRecords(6));
    assert.equal((await run(['init', dir, '--source', source, '--to', 'ko', '--provider', 'pseudo'])).code, 0);
    const items = await loadItems(openProject(dir));
    await new JournalWriter(dir, 'kim').append([
      ...items.slice(0, 4).flatMap((item, i) => approvedEvents(item, `질문 (${i})`, `답변입니다 (${i})`)),
      { type: 'flag', item: 'gone-1', sourceHash: 'x', note: 'an item no longer in the source' },
    ]);
    const added = tmp.jsonl('add.jsonl', [
      {
        question: '새 질문입니다.',
        answer: '새 답변입니다.',
        riskArea: '悪用',
        harmType: '違法行為への加担',
        specificHarm: 'ko:new',
        rationale: 'Korea-only harm',
      },
    ]);
    assert.equal((await run(['add', '-p', dir, '--answers', added, '--json'], { env: { CAREFULLY_AUTHOR: 'kim' } })).code, 0);
  });
  after(() => tmp.remove());

  const fold = async (release: boolean) => {
    const seen: [string, ItemState][] = [];
    const r = await foldWithSource(openProject(dir), (item, state) => void seen.push([item.id, state]), {
      onFolded: () => (release ? { release: true } : undefined),
    });
    return { seen, r };
  };

  it('hands over the same states, orphans and added items, and keeps no fold of an item met', async () => {
    const kept = await fold(false);
    const released = await fold(true);
    assert.equal(kept.seen.length, 7, 'six source items and the added one');
    assert.ok(kept.seen.at(-1)![1].decision, 'the added item has its implied decision');
    assert.deepEqual(released.seen, kept.seen);
    assert.deepEqual(released.r.orphans, ['gone-1']);
    assert.deepEqual(released.r.orphans, kept.r.orphans);
    assert.equal(released.r.items, kept.r.items);
    assert.ok(kept.r.folder.folds.size >= 6);
    assert.deepEqual([...released.r.folder.folds.keys()], ['gone-1'], 'only the orphan fold is left');
  });
});
