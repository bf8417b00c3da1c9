import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { JournalWriter, readJournal } from '../../src/project/journal.js';
import { ProjectError } from '../../src/errors.js';
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
    assert.deepEqual(
      events.map((e) => e.item),
      ['a', 'b', 'c'],
    );
    assert.deepEqual(warnings, []);
    assert.ok(events.every((e) => e.author === 'kim' && e.v === 2));
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
    assert.deepEqual(
      readJournal(tmp.path).events.map((e) => e.item),
      ['a', 'b'],
    );
  });

  it('keeps a whole last event that only lacks its newline', async () => {
    const w = new JournalWriter(tmp.path, 'kim');
    await w.append([decision('a')]);
    const whole = JSON.stringify({ v: 1, ts: '2099-01-01T00:00:00.000Z', author: 'kim', type: 'decision', item: 'z', sourceHash: 'h', decision: 'drop' });
    appendFileSync(w.file, whole);
    await w.append([decision('b')]);
    assert.deepEqual(
      readJournal(tmp.path)
        .events.map((e) => e.item)
        .sort(),
      ['a', 'b', 'z'],
    );
  });

  it('merges several authors by time', async () => {
    let t = 0;
    const clock = () => new Date(Date.UTC(2026, 0, 1) + t++ * 1000);
    const kim = new JournalWriter(tmp.path, 'kim', clock);
    const lee = new JournalWriter(tmp.path, 'lee', clock);
    await kim.append([decision('1')]);
    await lee.append([decision('2')]);
    await kim.append([decision('3')]);
    assert.deepEqual(
      readJournal(tmp.path).events.map((e) => `${e.author}:${e.item}`),
      ['kim:1', 'lee:2', 'kim:3'],
    );
  });

  it('uses portable file names for authors', () => {
    const w = new JournalWriter(tmp.path, '김 민수/../x');
    assert.match(w.file, /journal[\\/]김-민수-\.\.-x\.jsonl$/);
  });

  describe('malformed events', () => {
    const line = (e: Record<string, unknown>) =>
      JSON.stringify({ v: 1, ts: '2026-01-01T00:00:00.000Z', author: 'kim', type: 'decision', item: 'a', sourceHash: 'h', decision: 'transfer', ...e });

    it('skips an event failing the schema with a warning naming file, line and field, and counts it', async () => {
      const w = new JournalWriter(tmp.path, 'kim');
      await w.append([decision('a')]);
      appendFileSync(w.file, `${line({ item: 'b', decision: 'nuke' })}\n`);
      await w.append([decision('c')]);
      const r = readJournal(tmp.path);
      assert.deepEqual(
        r.events.map((e) => e.item),
        ['a', 'c'],
      );
      assert.equal(r.skipped, 1);
      assert.equal(r.warnings.length, 1);
      assert.match(
        r.warnings[0]!,
        /^journal\/kim\.jsonl line 2: field "decision": "nuke" is not one of transfer, adapt, replace-target, replace-scenario, drop, new, replace; this event is ignored/,
      );
    });

    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['a missing item', { item: undefined }, /field "item": is missing/],
      ['a time that is not ISO', { ts: 'yesterday' }, /field "ts": "yesterday" is not an ISO 8601 UTC time/],
      ['an unknown type', { type: 'nuke' }, /field "type": "nuke" is not one of mt, edit/],
      ['an unknown version', { v: 7 }, /field "v": 7 is not one of 1, 2/],
      ['a rationale that is not text', { rationale: 42 }, /field "rationale": must be a string/],
      ['a version 2 event without its counter', { v: 2 }, /field "c": is missing/],
      ['a negative counter', { v: 2, c: -1 }, /field "c": must be a whole number >= 0/],
      ['an "after" that is not a list', { v: 2, c: 0, after: 'x' }, /field "after": must be a list of strings/],
      [
        'an edit of an unknown field',
        { type: 'edit', field: 'title', text: 'x', decision: undefined },
        /field "field": "title" is not one of question, answer/,
      ],
      ['a review without verdict', { type: 'review', decision: undefined }, /field "verdict": is missing/],
      [
        'a checklist answer that is neither yes/no/n/a nor an option ID',
        { type: 'checklist', question: 'q', answer: 'Yes!', decision: undefined },
        /field "answer": "Yes!" is not yes, no, n\/a or an option ID/,
      ],
      ['an array', { __array: true }, /is not a JSON object/],
    ];
    it('reads checklist answers that are yes/no/n/a (old journals) or option IDs', () => {
      mkdirSync(tmp.join('journal'));
      const answers = ['yes', 'no', 'n/a', 'names-facts'];
      writeFileSync(
        tmp.join('journal', 'kim.jsonl'),
        answers.map((answer) => line({ type: 'checklist', question: 'q', answer, decision: undefined })).join('\n') + '\n',
      );
      const r = readJournal(tmp.path);
      assert.equal(r.skipped, 0, r.warnings.join('\n'));
      assert.deepEqual(
        r.events.map((e) => (e.type === 'checklist' ? e.answer : undefined)),
        answers,
      );
    });

    for (const [what, patch, expected] of cases) {
      it(`skips ${what}`, () => {
        mkdirSync(tmp.join('journal'));
        writeFileSync(tmp.join('journal', 'kim.jsonl'), `${line({})}\n${patch.__array ? '[1,2]' : line(patch)}\n`);
        const r = readJournal(tmp.path);
        assert.equal(r.events.length, 1);
        assert.equal(r.skipped, 1);
        assert.match(r.warnings[0]!, /^journal\/kim\.jsonl line 2: /);
        assert.match(r.warnings[0]!, expected);
      });
    }
  });

  describe('all-or-nothing writes', () => {
    it('cuts back a write that fails half-way (a full disk): nothing of it stays, and the error says so', async () => {
      const w = new JournalWriter(tmp.path, 'kim');
      await w.append([decision('a')]);
      const before = readFileSync(w.file, 'utf8');
      let calls = 0;
      // Writes part of the data, then fails like a full disk.
      const write = (fd: number, data: Buffer, offset: number, length: number, position: number) => {
        if (calls++ > 0) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
        return writeSync(fd, data, offset, Math.ceil(length / 2), position);
      };
      const full = new JournalWriter(tmp.path, 'kim', undefined, { write });
      await assert.rejects(
        full.append(['b', 'c', 'd', 'e'].map(decision)),
        (e: unknown) => e instanceof ProjectError && /ENOSPC/.test(e.message) && /nothing of these 4 line\(s\) was kept/.test(e.message),
      );
      assert.equal(calls, 2, 'the fake wrote part of the data before failing');
      assert.equal(readFileSync(w.file, 'utf8'), before);
      const r = readJournal(tmp.path);
      assert.deepEqual(
        r.events.map((e) => e.item),
        ['a'],
      );
      assert.deepEqual(r.warnings, []);
    });

    it('ignores a unit whose events are not all on disk, and reads a whole one', async () => {
      const w = new JournalWriter(tmp.path, 'kim');
      await w.append(['a', 'b', 'c'].map(decision), { unit: true });
      const lines = readFileSync(w.file, 'utf8').trim().split('\n');
      assert.ok(lines.every((l) => (JSON.parse(l) as { unit: string }).unit.endsWith('/3')));
      assert.deepEqual(
        readJournal(tmp.path).events.map((e) => e.item),
        ['a', 'b', 'c'],
      );
      writeFileSync(w.file, `${lines.slice(0, 2).join('\n')}\n`); // a crash after two of three lines reached the disk
      const r = readJournal(tmp.path);
      assert.deepEqual(r.events, []);
      assert.equal(r.skipped, 2);
      assert.match(
        r.warnings[0]!,
        /journal\/kim\.jsonl lines 1-2: 2 of the 3 events written together .* none of them is applied\. Run the same `carefully adapt --answers FILE` again/,
      );
    });
  });
});
