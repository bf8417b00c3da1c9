/** Journal order (hybrid logical clock) and decision conflicts, through JournalWriter, readJournal and foldState. */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { JournalWriter, readJournal } from '../../src/project/journal.js';
import { foldState } from '../../src/project/state.js';
import type { NewEvent } from '../../src/project/events.js';
import { TempDir } from '../helpers/fixtures.js';

const T0 = Date.UTC(2026, 10, 29, 9, 0, 0);
const at = (ms: number) => () => new Date(T0 + ms);
const items = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `item-${i}`, sourceHash: 'h' }));
const decide = (item: string, decision: 'transfer' | 'adapt' | 'drop', rationale = 'because'): NewEvent => ({
  type: 'decision',
  item,
  sourceHash: 'h',
  decision,
  rationale,
});

/** A writer that has seen the project's journal, like a session opened on it. */
function opened(dir: string, author: string, now: () => Date): JournalWriter {
  const w = new JournalWriter(dir, author, now);
  w.observe(readJournal(dir).events);
  return w;
}

function fold(dir: string, n: number) {
  return foldState(items(n), readJournal(dir).events).states;
}

describe('journal order', () => {
  let tmp: TempDir;
  beforeEach(() => (tmp = new TempDir()));
  afterEach(() => tmp.remove());

  it('stamps a bulk write within the current millisecond, never ahead of the wall clock', async () => {
    const w = opened(tmp.path, 'alice', at(0));
    const written = await w.append(items(3000).map((i) => decide(i.id, 'transfer')));
    assert.ok(
      written.every((e) => Date.parse(e.ts) <= T0),
      'no event is stamped in the future',
    );
    assert.deepEqual(
      readJournal(tmp.path).events.map((e) => e.item),
      items(3000).map((i) => i.id),
      'the counter keeps the write order',
    );
  });

  it('a decision made just after a bulk write wins, by another author or the same one', async () => {
    await opened(tmp.path, 'alice', at(0)).append(items(3000).map((i) => decide(i.id, 'transfer')));
    // 5 ms later (well inside the 3 s the old +1 ms stamps ran ahead): bob, then alice again in a new session.
    await opened(tmp.path, 'bob', at(5)).append([decide('item-2999', 'drop')]);
    await opened(tmp.path, 'alice', at(6)).append([decide('item-2998', 'adapt')]);
    const states = fold(tmp.path, 3000);
    assert.equal(states.get('item-2999')!.decision!.decision, 'drop');
    assert.equal(states.get('item-2999')!.state, 'adapted');
    assert.equal(states.get('item-2998')!.decision!.decision, 'adapt');
  });

  it('a writer whose wall clock is behind what it saw still sorts after it', async () => {
    await opened(tmp.path, 'alice', at(60_000)).append([decide('item-0', 'transfer')]); // alice's clock is a minute fast
    await opened(tmp.path, 'bob', at(0)).append([decide('item-0', 'drop')]);
    const states = fold(tmp.path, 1);
    assert.equal(states.get('item-0')!.decision!.author, 'bob');
    assert.equal(states.get('item-0')!.state, 'adapted');
  });

  it('reads version 1 journals as before: by time, the latest decision wins', () => {
    mkdirSync(tmp.join('journal'));
    const v1 = (author: string, ts: string, decision: string) =>
      JSON.stringify({ v: 1, ts, author, type: 'decision', item: 'item-0', sourceHash: 'h', decision, rationale: 'r' });
    writeFileSync(tmp.join('journal', 'alice.jsonl'), `${v1('alice', '2026-01-01T00:00:02.000Z', 'adapt')}\n`);
    writeFileSync(tmp.join('journal', 'bob.jsonl'), `${v1('bob', '2026-01-01T00:00:01.000Z', 'drop')}\n`);
    const s = fold(tmp.path, 1).get('item-0')!;
    assert.equal(s.state, 'adapted');
    assert.equal(s.decision!.decision, 'adapt');
    assert.equal(s.conflict, undefined);
  });
});

describe('decision conflicts', () => {
  let tmp: TempDir;
  beforeEach(() => (tmp = new TempDir()));
  afterEach(() => tmp.remove());

  /** Two clones of the project: each localizer works in their own, then the journals are merged (as git would). */
  async function concurrent(): Promise<string> {
    const base = tmp.join('base');
    await opened(base, 'carol', at(0)).append([decide('item-0', 'transfer')]);
    const clone = (name: string) => {
      mkdirSync(tmp.join(name, 'journal'), { recursive: true });
      for (const f of readdirSync(path.join(base, 'journal'))) copyFileSync(path.join(base, 'journal', f), tmp.join(name, 'journal', f));
      return tmp.join(name);
    };
    const a = clone('a');
    const b = clone('b');
    await opened(a, 'alice', at(1000)).append([decide('item-0', 'adapt', '110 → 112')]);
    await opened(b, 'bob', at(2000)).append([decide('item-0', 'drop', 'no counterpart')]);
    copyFileSync(path.join(b, 'journal', 'bob.jsonl'), path.join(a, 'journal', 'bob.jsonl'));
    return a;
  }

  it('two decisions where neither author saw the other put the item in conflict, listing both sides', async () => {
    const merged = await concurrent();
    const s = fold(merged, 1).get('item-0')!;
    assert.equal(s.state, 'conflict');
    assert.deepEqual(
      s.conflict!.map((d) => [d.author, d.decision, d.rationale]),
      [
        ['alice', 'adapt', '110 → 112'],
        ['bob', 'drop', 'no counterpart'],
      ],
    );
  });

  it('a decision that saw both sides settles the conflict', async () => {
    const merged = await concurrent();
    await opened(merged, 'alice', at(3000)).append([decide('item-0', 'drop', 'agreed with bob')]);
    const s = fold(merged, 1).get('item-0')!;
    assert.equal(s.state, 'adapted');
    assert.equal(s.conflict, undefined);
    assert.equal(s.decision!.rationale, 'agreed with bob');
  });

  it('a decision made after seeing the other one is no conflict: it wins', async () => {
    await opened(tmp.path, 'alice', at(0)).append([decide('item-0', 'adapt')]);
    await opened(tmp.path, 'bob', at(1000)).append([decide('item-0', 'drop')]);
    const s = fold(tmp.path, 1).get('item-0')!;
    assert.equal(s.state, 'adapted');
    assert.equal(s.decision!.author, 'bob');
  });

  it('a writer that has not seen a decision written meanwhile in the same folder conflicts with it', async () => {
    const bob = opened(tmp.path, 'bob', at(0)); // bob's session opens first
    await opened(tmp.path, 'alice', at(1000)).append([decide('item-0', 'adapt')]);
    await bob.append([decide('item-0', 'drop')]);
    assert.equal(fold(tmp.path, 1).get('item-0')!.state, 'conflict');
  });
});
