import assert from 'node:assert/strict';
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readJournal } from '../../src/project/journal.js';
import { foldJournal, CHECKPOINT_FILE, MAX_CHECKPOINT_SHARE } from '../../src/project/journal-fold.js';
import { foldState, type ItemState } from '../../src/project/state.js';
import { TempDir } from '../helpers/fixtures.js';
import { prng } from '../helpers/prng.js';

const ITEMS = ['i0', 'i1', 'i2', 'i3', 'i4', 'i5'].map((id) => ({ id, sourceHash: id === 'i5' ? 'h-new' : 'h' }));
const AUTHORS = ['ana', 'bo', 'cy'];

/**
 * Random journals of several authors, each file in its writer's clock order:
 * every event type, v1 and v2 events, decisions that did or did not see the
 * others' (conflicts), stale hashes, orphan items, units (some cut short),
 * broken and invalid lines, shared milliseconds across files.
 */
class JournalGen {
  private readonly rand: () => number;
  private ms = Date.UTC(2026, 0, 1);
  private readonly clocks = new Map<string, { ms: number; c: number }>();
  /** Decision IDs written so far, per item, for `after`. */
  private readonly decisions = new Map<string, string[]>();
  private unitNo = 0;

  constructor(
    readonly dir: string,
    seed: number,
  ) {
    this.rand = prng(seed);
    mkdirSync(path.join(dir, 'journal'), { recursive: true });
  }

  private pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.rand() * xs.length)]!;
  }

  private stamp(author: string, v: 1 | 2): { ts: string; c?: number } {
    if (this.rand() < 0.7) this.ms += Math.floor(this.rand() * 3); // often the same millisecond as another author
    const clock = this.clocks.get(author) ?? { ms: 0, c: 0 };
    if (this.ms > clock.ms) {
      clock.ms = this.ms;
      clock.c = 0;
    } else clock.c++;
    this.clocks.set(author, clock);
    // A version 1 writer has no counter: only use v1 where the counter is 0 (its order within the file holds).
    return v === 1 && clock.c === 0 ? { ts: new Date(clock.ms).toISOString() } : { ts: new Date(clock.ms).toISOString(), c: clock.c };
  }

  event(author: string): Record<string, unknown> {
    const item = this.rand() < 0.08 ? 'gone' : this.pick(ITEMS).id;
    const v = this.rand() < 0.25 ? 1 : 2;
    const stamp = this.stamp(author, v);
    const base = { v: stamp.c === undefined ? 1 : 2, ...stamp, author, item, sourceHash: this.rand() < 0.1 ? 'h-old' : 'h' };
    const r = this.rand();
    const text = `t${Math.floor(this.rand() * 5)}`;
    if (r < 0.15) return { ...base, type: 'mt', provider: 'pseudo', label: 'p', isTranslation: false, question: text, answer: `${text}a` };
    if (r < 0.3) return { ...base, type: 'edit', field: this.pick(['question', 'answer']), text };
    if (r < 0.4) return { ...base, type: 'checklist', question: this.pick(['q1', 'q2']), answer: this.pick(['yes', 'no', 'n/a']) };
    if (r < 0.6) {
      const seen = this.decisions.get(item) ?? [];
      const id = `${author}@${stamp.ts}#${stamp.c ?? 0}`;
      this.decisions.set(item, [...seen, id]);
      const after = seen.filter(() => this.rand() < 0.6);
      const secondary = this.rand() < 0.1;
      return {
        ...base,
        type: 'decision',
        decision: this.pick(['transfer', 'adapt', 'replace', 'drop']),
        ...(this.rand() < 0.5 ? { rationale: text } : {}),
        ...(secondary ? { secondary: true } : {}),
        ...(base.v === 2 && !secondary && after.length > 0 ? { after } : {}),
      };
    }
    if (r < 0.72) return { ...base, type: 'review', verdict: this.pick(['approve', 'reject']), ...(this.rand() < 0.5 ? { comment: text } : {}) };
    if (r < 0.8) return { ...base, type: 'flag', note: text, ...(this.rand() < 0.3 ? { resolved: true } : this.rand() < 0.3 ? { reply: true } : {}) };
    if (r < 0.85) return { ...base, type: 'assign', assignee: this.pick(AUTHORS), role: 'secondary' };
    if (r < 0.92)
      return { ...base, type: 'intended', source: this.pick(['110', '円']), target: text, reason: 'r', ...(this.rand() < 0.3 ? { withdrawn: true } : {}) };
    return { ...base, type: 'waiver', check: this.pick(['c1', 'c2']), reason: 'r', targetHash: text, ...(this.rand() < 0.3 ? { revoked: true } : {}) };
  }

  /** Later events start a second after all so far (a new session, not a merge of older work). */
  later(): void {
    this.ms += 1000;
  }

  /** Append n events (and some noise) to random authors' files. */
  write(n: number): void {
    for (let i = 0; i < n; i++) {
      const author = this.pick(AUTHORS);
      const file = path.join(this.dir, 'journal', `${author}.jsonl`);
      const r = this.rand();
      if (r < 0.03) appendFileSync(file, 'not json {\n');
      else if (r < 0.06) appendFileSync(file, `${JSON.stringify({ ...this.event(author), decision: 'nuke', type: 'decision' })}\n`);
      else if (r < 0.12) {
        // A unit (an answers file); now and then cut short (crash mid-write, then later appends).
        const count = 2 + Math.floor(this.rand() * 3);
        const events = Array.from({ length: count }, () => this.event(author));
        const unit = `${author}@u${this.unitNo++}/${count}`;
        const kept = this.rand() < 0.2 ? count - 1 : count;
        appendFileSync(
          file,
          events
            .slice(0, kept)
            .map((e) => `${JSON.stringify({ ...e, unit })}\n`)
            .join(''),
        );
      } else appendFileSync(file, `${JSON.stringify(this.event(author))}\n`);
    }
  }
}

/** The fold as it was before streaming: read every file, sort, fold. */
function wholeFold(dir: string) {
  const { events, warnings, skipped } = readJournal(dir);
  return { ...foldState(ITEMS, events), warnings, skipped };
}

/** A state less its texts (the MT's only by whether there is one): what a state without texts must still tell. */
function withoutTexts({ question: _q, answer: _a, mt, ...rest }: ItemState) {
  return { ...rest, mt: mt !== undefined };
}

function streamedFold(dir: string, opts: Parameters<typeof foldJournal>[1] = {}) {
  const r = foldJournal(dir, opts);
  return { result: { ...r.folder.statesFor(ITEMS), warnings: r.warnings, skipped: r.skipped }, from: r.from, eventsRead: r.eventsRead };
}

describe('journal fold while reading', () => {
  let tmp: TempDir;
  beforeEach(() => (tmp = new TempDir()));
  afterEach(() => tmp.remove());

  it('gives the same states, orphans, warnings and skipped count as the whole-journal fold, on random journals', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const dir = path.join(tmp.path, `p${seed}`);
      new JournalGen(dir, seed).write(150);
      const streamed = streamedFold(dir, { checkpoint: false });
      assert.equal(streamed.from, 'start', `seed ${seed}`);
      assert.deepEqual(streamed.result, wholeFold(dir), `seed ${seed}`);
    }
  });

  it('covers conflicts, stale items, orphans, cut units and bad lines in those journals', () => {
    const seen = new Set<string>();
    for (let seed = 1; seed <= 40; seed++) {
      const dir = path.join(tmp.path, `p${seed}`);
      new JournalGen(dir, seed).write(150);
      const r = streamedFold(dir, { checkpoint: false }).result;
      for (const s of r.states.values()) seen.add(s.state);
      if (r.orphans.length > 0) seen.add('orphans');
      for (const w of r.warnings) seen.add(w.includes('written together') ? 'cut unit' : w.includes('not valid JSON') ? 'bad json' : 'invalid event');
    }
    for (const x of ['conflict', 'stale', 'approved', 'rejected', 'adapted', 'orphans', 'cut unit', 'bad json', 'invalid event']) assert.ok(seen.has(x), x);
  });

  it('reads on from its checkpoint after appends, with the same result as a fresh read', () => {
    let resumed = 0;
    for (let seed = 100; seed <= 115; seed++) {
      const dir = path.join(tmp.path, `p${seed}`);
      const gen = new JournalGen(dir, seed);
      gen.write(120);
      const first = streamedFold(dir, { checkpointEvery: 1 });
      assert.equal(first.from, 'start');
      if (!existsSync(path.join(dir, CHECKPOINT_FILE))) continue; // a cut unit at a file's end: no checkpoint over it
      gen.later();
      gen.write(40);
      const again = streamedFold(dir, { checkpointEvery: 1 });
      assert.equal(again.from, 'checkpoint', `seed ${seed}`);
      assert.ok(again.eventsRead <= 40 * 4, `seed ${seed}: read ${again.eventsRead} events, not only the appended ones`);
      assert.deepEqual(again.result, wholeFold(dir), `seed ${seed}`);
      const third = streamedFold(dir);
      assert.equal(third.from, 'checkpoint');
      assert.equal(third.eventsRead, 0);
      assert.deepEqual(third.result, wholeFold(dir), `seed ${seed}`);
      // Without texts (status, the sessions' counts and rules), from the checkpoint: all but the texts as the whole fold's.
      const textFree = foldJournal(dir).folder.statesFor(ITEMS, false).states;
      for (const [id, s] of wholeFold(dir).states) assert.deepEqual(withoutTexts(textFree.get(id)!), withoutTexts(s), `seed ${seed}, ${id}`);
      resumed++;
    }
    assert.ok(resumed >= 8, `only ${resumed} of 16 journals had a checkpoint`);
  });

  it('rebuilds when a journal file was truncated or edited, and ignores a corrupt checkpoint', () => {
    const dir = path.join(tmp.path, 'p');
    const gen = new JournalGen(dir, 7);
    gen.write(200);
    // Start from a journal with no open end so a checkpoint is written.
    for (const a of AUTHORS) appendFileSync(path.join(dir, 'journal', `${a}.jsonl`), `${JSON.stringify(gen.event(a))}\n`);
    assert.equal(streamedFold(dir).from, 'start');
    assert.ok(existsSync(path.join(dir, CHECKPOINT_FILE)));

    const file = path.join(dir, 'journal', 'bo.jsonl');
    const text = readFileSync(file, 'utf8');
    truncateSync(file, text.lastIndexOf('\n', text.length - 2) + 1); // drop bo's last event
    const truncated = streamedFold(dir);
    assert.equal(truncated.from, 'start');
    assert.deepEqual(truncated.result, wholeFold(dir));

    const lines = readFileSync(file, 'utf8').split('\n');
    lines[lines.length - 2] = lines.at(-2)!.replace(/"sourceHash":"h"/, '"sourceHash":"x"');
    writeFileSync(file, lines.join('\n')); // same length or not: the bytes before the read position changed
    const edited = streamedFold(dir);
    assert.equal(edited.from, 'start');
    assert.deepEqual(edited.result, wholeFold(dir));

    writeFileSync(path.join(dir, CHECKPOINT_FILE), readFileSync(path.join(dir, CHECKPOINT_FILE), 'utf8').slice(0, 500));
    const corrupt = streamedFold(dir);
    assert.equal(corrupt.from, 'start');
    assert.deepEqual(corrupt.result, wholeFold(dir));

    rmSync(path.join(dir, 'cache'), { recursive: true });
    assert.deepEqual(streamedFold(dir).result, wholeFold(dir));
  });

  it('reads on from a checkpoint whose header is longer than one read of it (64 KiB): many units', () => {
    const dir = path.join(tmp.path, 'p');
    mkdirSync(path.join(dir, 'journal'), { recursive: true });
    const ev = (i: number) => ({
      v: 1,
      ts: new Date(Date.UTC(2026, 0, 1) + i).toISOString(),
      author: 'ana',
      item: `i${i % 5}`,
      sourceHash: 'h',
      type: 'assign',
      assignee: 'bo',
      role: 'secondary',
      unit: `ana@unit-${String(i).padStart(6, '0')}/1`,
    });
    const file = path.join(dir, 'journal', 'ana.jsonl');
    writeFileSync(file, Array.from({ length: 4000 }, (_, i) => `${JSON.stringify(ev(i))}\n`).join(''));
    assert.equal(streamedFold(dir).from, 'start');
    const checkpoint = readFileSync(path.join(dir, CHECKPOINT_FILE), 'utf8');
    assert.ok(checkpoint.indexOf('\n') > 1 << 16, `header of ${checkpoint.indexOf('\n')} bytes`);
    appendFileSync(file, `${JSON.stringify(ev(4000))}\n`);
    const r = streamedFold(dir);
    assert.equal(r.from, 'checkpoint');
    assert.equal(r.eventsRead, 1);
    assert.deepEqual(r.result, wholeFold(dir));
  });

  it('reads the whole journal the old way when a file is out of order, with the same result', () => {
    const dir = path.join(tmp.path, 'p');
    new JournalGen(dir, 3).write(100);
    const ev = (ts: string, decision: string) => ({ v: 1, ts, author: 'ana', item: 'i1', sourceHash: 'h', type: 'decision', decision });
    appendFileSync(
      path.join(dir, 'journal', 'ana.jsonl'),
      `${JSON.stringify(ev('2027-01-01T00:00:00.000Z', 'drop'))}\n${JSON.stringify(ev('2026-01-01T00:00:00.000Z', 'adapt'))}\n`,
    );
    const r = streamedFold(dir);
    assert.equal(r.from, 'whole');
    assert.deepEqual(r.result, wholeFold(dir));
    assert.equal(r.result.states.get('i1')!.decision?.decision, 'drop');
  });

  it('rebuilds when appended events sort before events already folded (a merge of older work)', () => {
    const dir = path.join(tmp.path, 'p');
    const ev = (author: string, ts: string, decision: string) => ({ v: 1, ts, author, item: 'i1', sourceHash: 'h', type: 'decision', decision });
    mkdirSync(path.join(dir, 'journal'), { recursive: true });
    writeFileSync(path.join(dir, 'journal', 'ana.jsonl'), `${JSON.stringify(ev('ana', '2026-06-01T00:00:00.000Z', 'drop'))}\n`);
    assert.equal(streamedFold(dir).from, 'start');
    writeFileSync(path.join(dir, 'journal', 'bo.jsonl'), `${JSON.stringify(ev('bo', '2026-01-01T00:00:00.000Z', 'adapt'))}\n`);
    const r = streamedFold(dir);
    assert.equal(r.from, 'start');
    assert.equal(r.result.states.get('i1')!.decision?.decision, 'drop');
    assert.deepEqual(r.result, wholeFold(dir));
  });

  it('writes no checkpoint that would be larger than its share of the journal, and reads none such', () => {
    // One short flag per item: the folded state (authors, times, the flag) is as large as the event.
    const dir = path.join(tmp.path, 'p');
    mkdirSync(path.join(dir, 'journal'), { recursive: true });
    const ev = (i: number, type: string, extra: object) => ({
      v: 1,
      ts: new Date(Date.UTC(2026, 0, 1) + i).toISOString(),
      author: 'ana',
      item: `n${i}`,
      sourceHash: 'h',
      type,
      ...extra,
    });
    const lines = [];
    for (let i = 0; i < 100; i++) lines.push(ev(i, 'flag', { note: 'x' }));
    writeFileSync(path.join(dir, 'journal', 'ana.jsonl'), lines.map((e) => `${JSON.stringify(e)}\n`).join(''));
    const r = foldJournal(dir);
    assert.equal(r.folder.order, 100);
    assert.equal(r.from, 'start');
    assert.equal(existsSync(path.join(dir, CHECKPOINT_FILE)), false);

    // Many events on few items: the checkpoint is small beside the journal, written, and read.
    const other = path.join(tmp.path, 'q');
    const gen = new JournalGen(other, 7);
    gen.write(200);
    // No open end (a cut unit) at a file's end, so a checkpoint is written.
    for (const a of AUTHORS) appendFileSync(path.join(other, 'journal', `${a}.jsonl`), `${JSON.stringify(gen.event(a))}\n`);
    assert.equal(streamedFold(other).from, 'start');
    const checkpoint = path.join(other, CHECKPOINT_FILE);
    assert.equal(streamedFold(other).from, 'checkpoint');
    // The same checkpoint grown past its share (blank lines, which a reader skips): ignored, the journal read from the start.
    const journalBytes = AUTHORS.reduce((n, a) => n + readFileSync(path.join(other, 'journal', `${a}.jsonl`)).length, 0);
    appendFileSync(checkpoint, '\n'.repeat(Math.ceil(MAX_CHECKPOINT_SHARE * journalBytes)));
    const grown = streamedFold(other);
    assert.equal(grown.from, 'start');
    assert.deepEqual(grown.result, wholeFold(other));
  });
});
