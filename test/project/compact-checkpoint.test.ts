/**
 * The compact checkpoint (journal-fold.ts, format 4): places of MT and edit
 * events rather than their texts, so a journal of one MT event per item gets
 * one too. Every consumer must give from it what it gives from the journal's
 * start: export files, check findings, status counts, a session's states.
 */
import assert from 'node:assert/strict';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { run } from '../helpers/cli.js';
import { TempDir, makeRecords } from '../helpers/fixtures.js';
import { CHECKPOINT_FILE, foldJournal, MAX_CHECKPOINT_SHARE } from '../../src/project/journal-fold.js';
import { JournalWriter, readJournal } from '../../src/project/journal.js';
import { foldState, LazyFolds } from '../../src/project/state.js';
import { loadItems, openProject } from '../../src/project/project.js';
import { openSession } from '../../src/adapt/open-session.js';
import { ProjectError } from '../../src/errors.js';
import type { SourceItem } from '../../src/dataset/item.js';

const ITEMS = 40;

describe('compact fold checkpoint (places, not texts)', function () {
  this.timeout(60_000);
  let tmp: TempDir;
  let dir: string;
  let items: SourceItem[];
  /** The translator's journal file name (one MT event per item). */
  let mtName: string;
  const checkpoint = () => path.join(dir, CHECKPOINT_FILE);
  const wholeStates = () => foldState(items, readJournal(dir).events).states;

  beforeEach(async () => {
    tmp = new TempDir();
    dir = tmp.join('p');
    assert.equal((await run(['init', dir, '--source', tmp.json('ac.json', makeRecords(ITEMS)), '--to', 'ko'])).code, 0);
    assert.equal((await run(['translate', '-p', dir])).code, 0);
    items = await loadItems(openProject(dir));
    mtName = readdirSync(path.join(dir, 'journal')).find((f) => f.endsWith('.jsonl'))!;
  });
  afterEach(() => tmp.remove());

  it('is written at one MT event per item, small beside the journal, and folded on from with the texts read back', () => {
    rmSync(checkpoint(), { force: true });
    const first = foldJournal(dir);
    assert.equal(first.from, 'start');
    assert.equal(first.folder.order, ITEMS, 'one event per item');
    assert.ok(existsSync(checkpoint()), 'a checkpoint at one event per item');
    const share = statSync(checkpoint()).size / statSync(path.join(dir, 'journal', mtName)).size;
    assert.ok(share < MAX_CHECKPOINT_SHARE, `checkpoint is ${share.toFixed(2)} of the journal`);
    assert.doesNotMatch(readFileSync(checkpoint(), 'utf8'), /"question":"/, 'no texts in it');
    const again = foldJournal(dir);
    assert.equal(again.from, 'checkpoint');
    assert.equal(again.eventsRead, 0);
    const whole = wholeStates();
    assert.deepEqual(again.folder.statesFor(items).states, whole);
    assert.ok(
      [...whole.values()].every((s) => s.state === 'translated' && s.question && s.mt?.answer),
      'texts came back',
    );
    // Without texts (status): the same states but for the texts.
    const counts = again.folder.statesFor(items, false).states;
    assert.deepEqual(
      [...counts.values()].map((s) => s.state),
      [...whole.values()].map((s) => s.state),
    );
  });

  for (const decided of [false, true])
    it(`gives the same export, check, status, list and session from the checkpoint as from the start${decided ? ', session and list too' : ''}`, async () => {
      if (decided) {
        // Decisions changed back and forth: a journal long beside its folds, so a checkpoint with decisions pays (MAX_CHECKPOINT_SHARE).
        for (const decision of ['transfer', 'drop', 'transfer']) {
          const all = items.map((i) => ({ id: i.id, decision, ...(decision === 'drop' ? { rationale: 'no counterpart' } : {}) }));
          assert.equal((await run(['adapt', '-p', dir, '--as', 'kim', '--answers', tmp.jsonl('all.jsonl', all)])).code, 0);
        }
      }
      rmSync(checkpoint(), { force: true });
      rmSync(path.join(dir, 'cache', 'status.json'), { force: true });
      assert.equal((await run(['status', '-p', dir])).code, 0);
      const saved = readFileSync(checkpoint());
      // After the checkpoint: decisions, an edit, a flag, a checklist answer (loc's file is new), and a later MT of one item.
      const answers = [
        { id: 'test-0000', decision: 'transfer' },
        { id: 'test-0001', decision: 'adapt', rationale: '110 -> 112', question: '112에 전화해야 하는 때는? (1)', checklist: { 'named-entities': 'no' } },
        { id: 'test-0002', decision: 'drop', rationale: 'no counterpart' },
        { id: 'test-0003', decision: 'transfer', flag: 'look again' },
      ];
      assert.equal((await run(['adapt', '-p', dir, '--as', 'loc', '--answers', tmp.jsonl('a.jsonl', answers)])).code, 0);
      const bot = readFileSync(path.join(dir, 'journal', mtName), 'utf8').split('\n')[5]!;
      appendFileSync(
        path.join(dir, 'journal', mtName),
        `${JSON.stringify({ ...JSON.parse(bot), ts: '2099-01-01T00:00:00.000Z', c: 0, answer: '나중 답변' })}\n`,
      );

      /** Runs `once` from the saved checkpoint, then from the journal's start; the two must agree. */
      const both = async <T>(once: (n: string) => Promise<T>): Promise<[T, T]> => {
        writeFileSync(checkpoint(), saved);
        rmSync(path.join(dir, 'cache', 'status.json'), { force: true });
        rmSync(path.join(dir, 'cache', 'list.json'), { force: true });
        const fromCheckpoint = await once('c');
        rmSync(checkpoint());
        rmSync(path.join(dir, 'cache', 'status.json'), { force: true });
        rmSync(path.join(dir, 'cache', 'list.json'), { force: true });
        return [fromCheckpoint, await once('s')];
      };
      writeFileSync(checkpoint(), saved);
      const probe = foldJournal(dir, { checkpointEvery: Infinity });
      assert.equal(probe.from, 'checkpoint', 'the saved checkpoint fits the journal appended to');
      assert.ok(probe.eventsRead > 0 && probe.eventsRead < ITEMS);
      writeFileSync(checkpoint(), saved);
      // A session or list asks every item's texts: it starts from the checkpoint only where reading them back pays.
      assert.equal(foldJournal(dir, { everyText: true, checkpointEvery: Infinity }).from, decided ? 'checkpoint' : 'start');
      assert.deepEqual(readFileSync(checkpoint()), saved, 'a fold that did not start from the checkpoint left it');

      const [exportC, exportS] = await both(async (n) => {
        const out = tmp.join(`out-${n}`);
        const r = await run(['export', '-p', dir, '--out', out, '--include-unreviewed', '--include-flagged']);
        assert.equal(r.code, 0, r.stderr);
        return Object.fromEntries(
          readdirSync(out, { recursive: true, encoding: 'utf8' }).map((f) => [
            f,
            statSync(path.join(out, f)).isFile() ? readFileSync(path.join(out, f), 'utf8') : '',
          ]),
        );
      });
      assert.ok(Object.keys(exportS).length > 1);
      assert.deepEqual(exportC, exportS);
      assert.match(Object.values(exportS).join('\n'), /나중 답변/, 'the MT after the checkpoint is exported');

      const [checkC, checkS] = await both(async () => (await run(['check', '-p', dir, '--json'])).stdout);
      assert.ok(checkS.length > 0);
      assert.equal(checkC, checkS);

      const [statusC, statusS] = await both(async () => (await run(['status', '-p', dir, '--json'])).stdout);
      assert.equal(statusC, statusS);
      assert.equal(JSON.parse(statusS).byState.adapted, decided ? ITEMS : 4);

      const [listC, listS] = await both(async () => (await run(['list', '-p', dir, '--json'])).stdout);
      assert.equal(listC, listS);

      const [sessionC, sessionS] = await both(async () => {
        const { session } = await openSession({ project: dir, author: 'loc' });
        return items.map((i) => session.state(i.id));
      });
      assert.deepEqual(sessionC, sessionS);
      assert.deepEqual(sessionS, [...wholeStates().values()]);
    });

  it('stops, naming file and line, when a place no longer holds its event (journal rewritten, size and tail kept); run again, folds from start', async () => {
    rmSync(checkpoint(), { force: true });
    assert.equal(foldJournal(dir).from, 'start');
    const file = path.join(dir, 'journal', mtName);
    const text = readFileSync(file, 'utf8');
    assert.ok(text.indexOf('\n') < text.length - 4096, 'the first line is before the tail the checkpoint checks');
    // Item test-0000's MT line now names test-0039 (same length): same size, same tail, another event at the place.
    const rewritten = text.replace('"item":"test-0000"', '"item":"test-0039"');
    assert.notEqual(rewritten, text);
    assert.equal(Buffer.byteLength(rewritten), Buffer.byteLength(text));
    writeFileSync(file, rewritten);
    const r = foldJournal(dir);
    assert.equal(r.from, 'checkpoint', 'its key cannot tell');
    const changed = new RegExp(`journal[/\\\\]${mtName.replace(/\./g, '\\.')} line 1 no longer holds the event of item "test-0000"`);
    assert.throws(
      () => r.folder.statesFor(items),
      (e: unknown) => e instanceof ProjectError && changed.test(e.message),
    );
    assert.equal(existsSync(checkpoint()), false, 'the checkpoint is removed with the error');
    // Run again: from the start, as a whole read folds it.
    const next = foldJournal(dir);
    assert.equal(next.from, 'start');
    assert.deepEqual(next.folder.statesFor(items).states, wholeStates());
    assert.equal(next.folder.state(items[0]!).state, 'untranslated');

    // Through the CLI: export stops (exit 2, naming file and line); run again, it gives what a fold from the start gives.
    writeFileSync(file, text);
    rmSync(checkpoint());
    assert.equal(foldJournal(dir).from, 'start');
    writeFileSync(file, rewritten);
    const stopped = await run(['export', '-p', dir, '--out', tmp.join('a'), '--include-unreviewed']);
    assert.equal(stopped.code, 2, stopped.stderr);
    assert.match(stopped.stderr, changed);
    assert.equal(existsSync(checkpoint()), false);
    const a = await run(['export', '-p', dir, '--out', tmp.join('a'), '--include-unreviewed']);
    assert.equal(a.code, 0, a.stderr);
    assert.equal(foldJournal(dir).from, 'checkpoint', 'the run again wrote a checkpoint');
    rmSync(checkpoint());
    const b = await run(['export', '-p', dir, '--out', tmp.join('b'), '--include-unreviewed']);
    assert.equal(b.code, 0, b.stderr);
    for (const f of readdirSync(tmp.join('b'))) {
      if (statSync(tmp.join('b', f)).isFile()) assert.equal(readFileSync(tmp.join('a', f), 'utf8'), readFileSync(tmp.join('b', f), 'utf8'), f);
    }
  });

  it('stops with the read-back error when the journal changes after the fold, from the checkpoint', () => {
    rmSync(checkpoint(), { force: true });
    assert.equal(foldJournal(dir).from, 'start');
    const r = foldJournal(dir);
    assert.equal(r.from, 'checkpoint');
    const file = path.join(dir, 'journal', mtName);
    // Another size: not the journal the fold read (a rewrite of the same size and tail is taken as one before the fold).
    writeFileSync(file, readFileSync(file, 'utf8').replace('"item":"test-0000"', '"item":"test-00000"'));
    assert.throws(() => r.folder.state(items[0]!), /\.jsonl line 1 no longer holds the event of item/);
    assert.equal(existsSync(checkpoint()), false, 'the checkpoint is removed with the error');
  });

  it('reads a checkpoint longer than its read chunk (1 MiB), rows across chunk ends', () => {
    const big = tmp.join('big');
    mkdirSync(path.join(big, 'journal'), { recursive: true });
    const keys = Array.from({ length: 20_000 }, (_, i) => ({ id: `item-${i}`, sourceHash: `h${i % 7}` }));
    const mt = (k: (typeof keys)[number], i: number) => ({
      v: 1,
      ts: new Date(Date.UTC(2026, 0, 1) + i).toISOString(),
      author: 'mt',
      item: k.id,
      sourceHash: k.sourceHash,
      type: 'mt',
      provider: 'pseudo',
      label: 'p',
      isTranslation: false,
      question: `질문 ${i} `.repeat(8),
      answer: `답변 ${i} `.repeat(16),
    });
    writeFileSync(path.join(big, 'journal', 'mt.jsonl'), keys.map((k, i) => `${JSON.stringify(mt(k, i))}\n`).join(''));
    assert.equal(foldJournal(big).from, 'start');
    assert.ok(statSync(path.join(big, CHECKPOINT_FILE)).size > 1.2 * (1 << 20));
    const r = foldJournal(big);
    assert.equal(r.from, 'checkpoint');
    assert.equal(r.folder.folds.size, keys.length);
    assert.deepEqual(r.folder.statesFor(keys).states, foldState(keys, readJournal(big).events).states);
  });

  it('ignores a corrupt checkpoint: a broken row, a row cut short, places of other files', () => {
    rmSync(checkpoint(), { force: true });
    foldJournal(dir);
    const good = readFileSync(checkpoint(), 'utf8');
    const lines = good.split('\n');
    const variants = [
      [lines[0], lines[1], '["test-00', ...lines.slice(3)].join('\n'),
      good.slice(0, good.length - 30),
      [lines[0]!.replace(`"placeFiles":["${mtName}"]`, '"placeFiles":["other.jsonl"]'), ...lines.slice(1)].join('\n'),
      [lines[0]!.replace(`"placeFiles":["${mtName}"]`, '"placeFiles":7'), ...lines.slice(1)].join('\n'),
    ];
    assert.ok(good.includes(`"placeFiles":["${mtName}"]`));
    for (const lazyRows of [false, true])
      for (const [i, v] of variants.entries()) {
        writeFileSync(checkpoint(), v);
        const r = foldJournal(dir, { lazyRows });
        assert.equal(r.from, 'start', `variant ${i}, lazyRows ${lazyRows}`);
        assert.deepEqual(r.folder.statesFor(items).states, wholeStates(), `variant ${i}, lazyRows ${lazyRows}`);
      }
  });

  it('with lazy rows, parses a row only when its item is asked for; one broken after its ID stops with file and line, and the checkpoint goes', () => {
    rmSync(checkpoint(), { force: true });
    foldJournal(dir);
    const lines = readFileSync(checkpoint(), 'utf8').split('\n');
    assert.ok(lines[3]!.startsWith(`[${JSON.stringify(items[2]!.id)},`));
    lines[3] = `[${JSON.stringify(items[2]!.id)},{broken`;
    writeFileSync(checkpoint(), lines.join('\n'));
    const r = foldJournal(dir, { lazyRows: true });
    assert.equal(r.from, 'checkpoint', 'the broken row is not parsed by the read');
    const whole = wholeStates();
    assert.deepEqual(r.folder.state(items[1]!), whole.get(items[1]!.id), 'the rows around it read back');
    assert.deepEqual(r.folder.state(items[3]!), whole.get(items[3]!.id));
    assert.throws(
      () => r.folder.state(items[2]!),
      (e: unknown) =>
        e instanceof ProjectError && e.message.includes(`${path.join('cache', 'journal-state.jsonl')} line 4 `) && /run the command again/.test(e.message),
    );
    assert.ok(!existsSync(checkpoint()), 'removed');
    const again = foldJournal(dir, { lazyRows: true });
    assert.equal(again.from, 'start');
    assert.deepEqual(again.folder.statesFor(items).states, whole);
  });
  it('keeps the rows read from the checkpoint undecoded until an item is asked for (lazyRows), with the states of a fold from the start', () => {
    rmSync(checkpoint(), { force: true });
    assert.equal(foldJournal(dir).from, 'start');
    const r = foldJournal(dir, { lazyRows: true });
    assert.equal(r.from, 'checkpoint');
    const folds = r.folder.folds;
    assert.ok(folds instanceof LazyFolds);
    assert.ok(!(foldJournal(dir).folder.folds instanceof LazyFolds), 'decoded up front without lazyRows (check, report)');
    assert.equal(folds.decodes, 0, 'nothing decoded by the read');
    assert.equal(folds.size, ITEMS);
    assert.deepEqual([...folds.keys()], [...wholeStates().keys()]);
    assert.deepEqual(r.folder.addedEvents(), [], 'one MT per item: no row may hold an added item');
    assert.equal(folds.decodes, 0, 'addedEvents decoded none');
    const whole = wholeStates();
    assert.deepEqual(r.folder.state(items[3]!), whole.get(items[3]!.id));
    assert.equal(folds.decodes, 1, 'one item asked, one row decoded');
    // The fold peeked for a state is decoded for good by a `get` of the same item, not decoded twice.
    assert.equal(folds.get(items[3]!.id)!.s.id, items[3]!.id);
    assert.equal(folds.decodes, 1);
    assert.deepEqual(r.folder.statesFor(items).states, whole);
    assert.equal(folds.decodes, ITEMS);
    assert.deepEqual(r.folder.statesFor(items, false).states.get(items[5]!.id)!.state, 'translated');
  });

  it('reads only the rows that may hold assignees when asked for them (a session start-up: is anything assigned to me?)', async () => {
    await new JournalWriter(dir, 'kim').append([{ type: 'assign', item: items[2]!.id, sourceHash: items[2]!.sourceHash, assignee: 'lee', role: 'secondary' }]);
    rmSync(checkpoint(), { force: true });
    assert.equal(foldJournal(dir).from, 'start');
    const r = foldJournal(dir, { lazyRows: true });
    assert.ok(r.folder.folds instanceof LazyFolds);
    const holding = [...r.folder.foldsHolding('assignees')].map(([id, f]) => [id, f.s.assignees]);
    assert.deepEqual(holding, [[items[2]!.id, ['lee']]]);
    assert.equal(r.folder.folds.decodes, 1, 'the other rows (one MT each) not decoded');
  });

  it('with no row holding a key, gives the folds decoded or added after the checkpoint, in the order of a fold from the start', async () => {
    rmSync(checkpoint(), { force: true });
    assert.equal(foldJournal(dir).from, 'start');
    const added = (id: string) => ({ type: 'new' as const, item: id, sourceHash: 'new-item', question: '질문', answer: '답변', rationale: 'Korean issue' });
    const decide = (i: number) => ({ type: 'decision' as const, item: items[i]!.id, sourceHash: items[i]!.sourceHash, decision: 'transfer' as const });
    await new JournalWriter(dir, 'kim').append([added('ko-new-2'), decide(5), added('ko-new-1'), decide(1)]);
    const lazy = foldJournal(dir, { lazyRows: true });
    assert.equal(lazy.from, 'checkpoint');
    assert.ok(lazy.folder.folds instanceof LazyFolds);
    const whole = foldJournal(dir, { checkpoint: false });
    assert.deepEqual(lazy.folder.addedEvents(), whole.folder.addedEvents());
    assert.deepEqual(
      lazy.folder.addedEvents().map((e) => e.item),
      ['ko-new-2', 'ko-new-1'],
    );
    const withHeads = (f: typeof lazy) => [...f.folder.foldsHolding('heads')].filter(([, fold]) => fold.heads.length > 0).map(([id]) => id);
    assert.deepEqual(withHeads(lazy), withHeads(whole));
    assert.deepEqual(withHeads(lazy), [items[1]!.id, items[5]!.id, 'ko-new-2', 'ko-new-1'], 'rows in file order, then items first folded after them');
    assert.equal(lazy.folder.folds.decodes, 2, 'only the rows of the items named after the checkpoint');
  });

  it('writes a checkpoint from one read lazily, its rows not decoded again, byte for byte as one written from the start', async () => {
    // Decisions on half the items (rows with heads), three times over so that the checkpoint pays (MAX_CHECKPOINT_SHARE); MT only on the others.
    for (const decision of ['transfer', 'drop', 'transfer']) {
      const some = items.slice(0, ITEMS / 2).map((i) => ({ id: i.id, decision, ...(decision === 'drop' ? { rationale: 'no counterpart' } : {}) }));
      assert.equal((await run(['adapt', '-p', dir, '--as', 'kim', '--answers', tmp.jsonl('some.jsonl', some)])).code, 0);
    }
    rmSync(checkpoint(), { force: true });
    assert.equal(foldJournal(dir).from, 'start');
    const before = readFileSync(checkpoint(), 'utf8');
    assert.match(before, /"heads":/, 'rows with decision heads');
    assert.match(before, /\n\["test-0039",\d+,\d+,"/, 'simple rows');
    // One event after the checkpoint: a fold from it writes a new one, all rows but that item's as read.
    const answers = [{ id: 'test-0001', decision: 'drop', rationale: 'not here' }];
    assert.equal((await run(['adapt', '-p', dir, '--as', 'loc', '--answers', tmp.jsonl('one.jsonl', answers)])).code, 0);
    writeFileSync(checkpoint(), before);
    const lazy = foldJournal(dir, { checkpointEvery: 1, lazyRows: true });
    assert.equal(lazy.from, 'checkpoint');
    assert.equal(lazy.eventsRead, 1);
    assert.ok(lazy.folder.folds instanceof LazyFolds);
    assert.equal(lazy.folder.folds.decodes, 1, 'only the item of the event after the checkpoint decoded');
    const written = readFileSync(checkpoint(), 'utf8');
    assert.notEqual(written, before);
    rmSync(checkpoint());
    assert.equal(foldJournal(dir).from, 'start');
    assert.equal(written, readFileSync(checkpoint(), 'utf8'));
    // And from it, the states of the whole journal (the writer's decision heads included: the new decision is no conflict).
    const again = foldJournal(dir);
    assert.equal(again.from, 'checkpoint');
    assert.deepEqual(again.folder.statesFor(items).states, wholeStates());
    assert.equal(again.folder.state(items[1]!).state, 'adapted');
  });
});
