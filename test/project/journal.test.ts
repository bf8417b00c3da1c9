import assert from 'node:assert/strict';
import { appendFileSync, readFileSync } from 'node:fs';
import { JournalWriter, readJournal } from '../../src/project/journal.js';
import { TempDir } from '../helpers/fixtures.js';

describe('journal', () => {
  let tmp: TempDir;
  beforeEach(() => (tmp = new TempDir()));
  afterEach(() => tmp.remove());

  const decision = (item: string) => ({ type: 'decision' as const, item, sourceHash: 'h', decision: 'transfer' as const });

  it('appends events that a later read returns in order', async () => {
    const w = new JournalWriter(tmp.path, 'kim');
    await w.append([decision('a'), decision('b')]);
    await w.append([decision('c')]);
    const { events, warnings } = readJournal(tmp.path);
    assert.deepEqual(events.map((e) => e.item), ['a', 'b', 'c']);
    assert.deepEqual(warnings, []);
    assert.ok(events.every((e) => e.author === 'kim' && e.v === 1));
  });

  it('skips a torn last line with a warning, and the next append repairs the file', async () => {
    const w = new JournalWriter(tmp.path, 'kim');
    await w.append([decision('a')]);
    appendFileSync(w.file, '{"v":1,"ts":"2026-01-01T00:00:00.000Z","type":"dec'); // crash mid-write
    const torn = readJournal(tmp.path);
    assert.equal(torn.events.length, 1);
    assert.match(torn.warnings[0]!, /unfinished last event/);
    await w.append([decision('b')]);
    const lines = readFileSync(w.file, 'utf8').trim().split('\n');
    assert.equal(lines.length, 2);
    assert.deepEqual(readJournal(tmp.path).events.map((e) => e.item), ['a', 'b']);
  });

  it('keeps a whole last event that only lacks its newline', async () => {
    const w = new JournalWriter(tmp.path, 'kim');
    await w.append([decision('a')]);
    const whole = JSON.stringify({ v: 1, ts: '2099-01-01T00:00:00.000Z', author: 'kim', type: 'decision', item: 'z', sourceHash: 'h', decision: 'drop' });
    appendFileSync(w.file, whole);
    await w.append([decision('b')]);
    assert.deepEqual(readJournal(tmp.path).events.map((e) => e.item).sort(), ['a', 'b', 'z']);
  });

  it('merges several authors by time', async () => {
    let t = 0;
    const clock = () => new Date(Date.UTC(2026, 0, 1) + t++ * 1000);
    const kim = new JournalWriter(tmp.path, 'kim', clock);
    const lee = new JournalWriter(tmp.path, 'lee', clock);
    await kim.append([decision('1')]);
    await lee.append([decision('2')]);
    await kim.append([decision('3')]);
    assert.deepEqual(readJournal(tmp.path).events.map((e) => `${e.author}:${e.item}`), ['kim:1', 'lee:2', 'kim:3']);
  });

  it('uses portable file names for authors', () => {
    const w = new JournalWriter(tmp.path, '김 민수/../x');
    assert.match(w.file, /journal[\\/]김-민수-\.\.-x\.jsonl$/);
  });
});
