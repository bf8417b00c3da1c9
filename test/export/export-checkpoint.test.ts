/**
 * Export from the journal checkpoint in one pass: its rows decoded as each item comes (lazy rows) and each fold
 * dropped once written. The files must be those of an export folding the journal from its start.
 */
import assert from 'node:assert/strict';
import { appendFileSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { run } from '../helpers/cli.js';
import { ADDED_ITEM, TempDir, makeRecords } from '../helpers/fixtures.js';
import { CHECKPOINT_FILE, foldJournal } from '../../src/project/journal-fold.js';
import { JournalLines } from '../../src/project/journal-lines.js';
import { LazyFolds } from '../../src/project/state.js';
import { DATASET_CONTEXT_FILE } from '../../src/qa/dataset-context-cache.js';

const ITEMS = 30;

describe('export from the checkpoint, rows decoded as items come', function () {
  this.timeout(60_000);
  let tmp: TempDir;
  before(() => (tmp = new TempDir()));
  after(() => tmp.remove());

  it('writes the files an export folding the journal from its start writes', async () => {
    const dir = tmp.join('p');
    assert.equal((await run(['init', dir, '--source', tmp.json('ac.json', makeRecords(ITEMS)), '--to', 'ko'])).code, 0);
    assert.equal((await run(['translate', '-p', dir])).code, 0);
    // Folds of every kind before the checkpoint: decisions, an edit, a flag, checklist answers, reviews, an added item.
    const answers = [
      { id: 'test-0000', decision: 'transfer' },
      { id: 'test-0001', decision: 'adapt', rationale: '110 -> 112', question: '112에 전화해야 하는 때는? (1)', checklist: { 'named-entities': 'no' } },
      { id: 'test-0002', decision: 'drop', rationale: 'no counterpart' },
      { id: 'test-0003', decision: 'transfer', flag: 'look again' },
      { id: 'test-0004', decision: 'transfer' },
    ];
    assert.equal((await run(['adapt', '-p', dir, '--as', 'loc', '--answers', tmp.jsonl('a.jsonl', answers)])).code, 0);
    const verdicts = [
      { id: 'test-0000', verdict: 'approve' },
      { id: 'test-0004', verdict: 'reject', comment: 'too literal' },
    ];
    assert.equal((await run(['review', '-p', dir, '--as', 'rev', '--answers', tmp.jsonl('v.jsonl', verdicts)])).code, 0);
    assert.equal((await run(['add', '-p', dir, '--as', 'loc', '--answers', tmp.jsonl('add.jsonl', [ADDED_ITEM]), '--json'])).code, 0);
    rmSync(path.join(dir, CHECKPOINT_FILE), { force: true });
    assert.equal((await run(['status', '-p', dir])).code, 0);
    assert.ok(existsSync(path.join(dir, CHECKPOINT_FILE)), 'a checkpoint');
    // After it: a later MT of one item and a decision on another.
    const mtFile = readdirSync(path.join(dir, 'journal'))
      .map((f) => path.join(dir, 'journal', f))
      .find((f) => readFileSync(f, 'utf8').includes('"type":"mt"'))!;
    const mtLine = readFileSync(mtFile, 'utf8')
      .split('\n')
      .find((l) => l.includes('"item":"test-0006"'))!;
    const mt = JSON.parse(mtLine) as Record<string, unknown>;
    appendFileSync(mtFile, `${JSON.stringify({ ...mt, ts: '2099-01-01T00:00:00.000Z', c: 0, answer: '나중 답변 "따옴표"' })}\n`);
    assert.equal((await run(['adapt', '-p', dir, '--as', 'kim', '--answers', tmp.jsonl('b.jsonl', [{ id: 'test-0007', decision: 'transfer' }])])).code, 0);

    const exportTo = async (name: string) => {
      const out = tmp.join(name);
      const r = await run(['export', '-p', dir, '--out', out, '--include-unreviewed', '--include-flagged', '--annotate', '--json']);
      assert.equal(r.code, 0, r.stderr);
      const files = readdirSync(out, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(path.join(out, f)).isFile());
      return { files: Object.fromEntries(files.map((f) => [f, readFileSync(path.join(out, f), 'utf8')])), json: r.stdout.replaceAll(out, '<out>') };
    };
    const checkpoint = readFileSync(path.join(dir, CHECKPOINT_FILE));
    // The first export measures the dataset (two passes) and keeps what it measured: the next one is a single pass.
    await exportTo('first');
    assert.ok(existsSync(path.join(dir, DATASET_CONTEXT_FILE)), 'the dataset context is kept');
    assert.deepEqual(readFileSync(path.join(dir, CHECKPOINT_FILE)), checkpoint, 'the checkpoint stays for the next export');
    // Else the two exports below would both fold from the start, and agree whatever the checkpoint path does.
    const probe = foldJournal(dir, { places: new JournalLines(dir), lazyRows: true, checkpointEvery: Infinity });
    assert.equal(probe.from, 'checkpoint', 'the next export starts from the checkpoint');
    assert.ok(probe.folder.folds instanceof LazyFolds, 'with its rows decoded as items come');
    writeFileSync(path.join(dir, CHECKPOINT_FILE), checkpoint);
    const fromCheckpoint = await exportTo('from-checkpoint');
    rmSync(path.join(dir, CHECKPOINT_FILE));
    const fromStart = await exportTo('from-start');
    assert.ok(Object.keys(fromStart.files).length >= 4);
    assert.deepEqual(fromCheckpoint, fromStart);
    const provenance = fromStart.files[path.join('provenance', 'test.jsonl')]!;
    assert.match(fromStart.files[path.join('data', 'test.jsonl')] ?? fromStart.files[path.join('data', 'test.json')]!, /나중 답변 \\"따옴표\\"/);
    assert.match(provenance, /"excludedBecause":"rejected"/);
    assert.match(provenance, /"excludedBecause":"dropped"/);
    assert.match(provenance, /-new-loc-0001","exported":true/, 'the added item');
  });
});
