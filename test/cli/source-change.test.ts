/**
 * A new source release through the real CLI: the source file is edited between
 * runs (one item changed, one removed, one added). Changed items become stale,
 * with a diff against the text the work was made on; new items are
 * untranslated; removed ones are reported and excluded; export leaves stale
 * items out unless --include-stale; translate redoes only what changed.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { run } from '../helpers/cli.js';
import { TempDir, makeRecord, makeRecords } from '../helpers/fixtures.js';
import { loadItems, loadState, openProject } from '../../src/project/project.js';
import { JournalWriter, readJournal } from '../../src/project/journal.js';
import { SOURCE_TEXTS_FILE, SourceSnapshot, sourceDiff } from '../../src/project/source-snapshot.js';

/**
 * One clock for every JournalWriter of a test, never behind real time: each writer spaces its own
 * events 1 ms apart and can run ahead of the clock, so two writers on the real clock could
 * interleave out of the order the test writes them in.
 */
let clock = 0;
const tick = () => new Date((clock = Math.max(clock + 1, Date.now())));

describe('CLI: source changes', () => {
  let tmp: TempDir;
  beforeEach(() => (tmp = new TempDir()));
  afterEach(() => tmp.remove());

  it('marks changed items stale, shows what changed, and redoes only the affected items', async () => {
    const records = makeRecords(4);
    const source = tmp.json('ac.json', records);
    const dir = tmp.join('p');
    assert.equal((await run(['init', dir, '--source', source, '--to', 'ko'])).code, 0);
    assert.equal((await run(['translate', '-p', dir])).code, 0);
    // Every item decided and approved.
    const project = openProject(dir);
    const before = await loadItems(project);
    await new JournalWriter(dir, 'kim', tick).append(
      before.map((i) => ({ type: 'decision' as const, item: i.id, sourceHash: i.sourceHash, decision: 'transfer' as const })),
    );
    await new JournalWriter(dir, 'park', tick).append(
      before.map((i) => ({ type: 'review' as const, item: i.id, sourceHash: i.sourceHash, verdict: 'approve' as const })),
    );
    assert.equal(JSON.parse((await run(['status', '--json', '-p', dir])).stdout).byState.approved, 4);

    // The new release: test-0001's answer changes, test-0003 is removed, test-0004 is new.
    const changed = { ...records[1]!, output: records[1]!.output.replace('110番に電話してください', '110番に通報してください') };
    assert.notEqual(changed.output, records[1]!.output);
    tmp.json('ac.json', [records[0], changed, records[2], makeRecord(4)]);

    const st = await run(['status', '--json', '-p', dir]);
    assert.equal(st.code, 0, st.stderr);
    const status = JSON.parse(st.stdout);
    assert.equal(status.items, 4);
    assert.equal(status.byState.stale, 1);
    assert.equal(status.byState.untranslated, 1);
    assert.equal(status.byState.approved, 2);
    assert.equal(status.removed, 1);
    const text = await run(['status', '-p', dir]);
    assert.match(text.stderr, /1 item\(s\) in the journal are no longer in the source file and are excluded: test-0003/);
    assert.match(text.stdout, /1 item\(s\) are stale/);

    // The diff between the text the work was made on and the new one: by character, for Japanese.
    const { items, states } = await loadState(project);
    const item = items.find((i) => i.id === 'test-0001')!;
    const state = states.get('test-0001')!;
    assert.equal(state.state, 'stale');
    const diff = sourceDiff(project, item, state.staleFrom!)!;
    assert.ok(diff, 'the old text was recorded');
    assert.equal(diff.from, state.staleFrom);
    assert.equal(diff.to, item.sourceHash);
    assert.deepEqual(
      diff.fields.map((f) => f.changed),
      [false, true],
    );
    assert.equal(diff.text, `question: unchanged\nanswer:\n  事件や事故の時は110番に[-電話-]{+通報+}してください。（1）`);

    // Export: approved items only; the stale one is left out (and says why), the removed one is gone.
    const ex = await run(['export', '-p', dir, '--out', tmp.join('out'), '--format', 'jsonl']);
    assert.equal(ex.code, 0, ex.stderr);
    assert.match(ex.stdout, /Not exported: 1 stale, 1 untranslated/);
    const exported = readFileSync(tmp.join('out', 'data', 'test.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).ID);
    assert.deepEqual(exported, ['test-0000', 'test-0002']);
    const prov = readFileSync(tmp.join('out', 'provenance', 'test.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.deepEqual(
      prov.find((p) => p.id === 'test-0001'),
      { ...prov.find((p) => p.id === 'test-0001'), exported: false, excludedBecause: 'stale', state: 'stale' },
    );
    assert.equal(
      prov.some((p) => p.id === 'test-0003'),
      false,
    );
    // The snapshot of source texts stays in the project: nothing of it is in the export.
    const files = readdirSync(tmp.join('out'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    assert.ok(files.length >= 4, 'the export wrote its files');
    for (const f of files) assert.doesNotMatch(readFileSync(path.join(f.parentPath, f.name), 'utf8'), /事件や事故/);

    // --include-stale exports the approved text made on the old source, marked stale in provenance.
    const withStale = await run(['export', '-p', dir, '--out', tmp.join('out2'), '--format', 'jsonl', '--include-stale']);
    assert.equal(withStale.code, 0, withStale.stderr);
    assert.deepEqual(
      readFileSync(tmp.join('out2', 'data', 'test.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).ID),
      ['test-0000', 'test-0001', 'test-0002'],
    );
    const staleProv = readFileSync(tmp.join('out2', 'provenance', 'test.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
      .find((p) => p.id === 'test-0001');
    assert.deepEqual([staleProv.exported, staleProv.state, staleProv.reviewed], [true, 'stale', true]);

    // translate redoes the changed item and the new one, nothing else.
    const mtBefore = readJournal(dir).events.filter((e) => e.type === 'mt').length;
    const tr = await run(['translate', '-p', dir, '--json']);
    assert.equal(tr.code, 0, tr.stderr);
    assert.equal(JSON.parse(tr.stdout).translatedItems, 2);
    const newMt = readJournal(dir)
      .events.filter((e) => e.type === 'mt')
      .slice(mtBefore);
    assert.deepEqual(newMt.map((e) => e.item).sort(), ['test-0001', 'test-0004']);
    assert.equal(JSON.parse((await run(['translate', '-p', dir, '--json'])).stdout).translatedItems, 0);

    // Still stale until it is decided again (the decision was made on the old text); the diff is still there.
    const after = await loadState(project);
    assert.equal(after.states.get('test-0001')!.state, 'stale');
    assert.equal(sourceDiff(project, item, after.states.get('test-0001')!.staleFrom!)!.text, diff.text);
    assert.equal(after.states.get('test-0004')!.state, 'translated');
  });

  it('records each source text once, when init or a load first sees it, and has no diff for unknown texts', async () => {
    const records = makeRecords(2);
    const source = tmp.json('ac.json', records);
    const dir = tmp.join('p');
    assert.equal((await run(['init', dir, '--source', source, '--to', 'ko'])).code, 0);
    assert.match(readFileSync(path.join(dir, '.gitignore'), 'utf8'), /^cache\/source-texts\.jsonl$/m);
    assert.match(readFileSync(path.join(dir, '.gitignore'), 'utf8'), /^cache\/cursor-\*\.json$/m);
    const file = path.join(dir, SOURCE_TEXTS_FILE);
    assert.equal(readFileSync(file, 'utf8').trim().split('\n').length, 2);
    await run(['status', '-p', dir]);
    assert.equal(readFileSync(file, 'utf8').trim().split('\n').length, 2, 'nothing new: nothing written');
    tmp.json('ac.json', [records[0], { ...records[1]!, text: 'パスワードについて質問があります。' }]);
    await run(['status', '-p', dir]);
    assert.equal(readFileSync(file, 'utf8').trim().split('\n').length, 3);
    assert.equal(SourceSnapshot.read(dir).size, 3);

    const [item] = await loadItems(openProject(dir));
    assert.equal(sourceDiff({ dir }, item!, 'never-seen'), undefined);
    assert.ok(existsSync(file));
  });
});
