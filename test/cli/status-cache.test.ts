/**
 * `status` reads derived caches (cache/source-keys.jsonl, the journal
 * checkpoint, the snapshot's hash index): what it prints must not depend on
 * them, whether they are fresh, behind the journal, or deleted.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { run } from '../helpers/cli.js';
import { TempDir, makeRecord, makeRecords } from '../helpers/fixtures.js';
import { loadItems, openProject } from '../../src/project/project.js';
import { JournalWriter } from '../../src/project/journal.js';
import { CHECKPOINT_FILE } from '../../src/project/journal-fold.js';
import { SOURCE_KEYS_FILE } from '../../src/project/source-keys.js';
import { SOURCE_TEXTS_FILE } from '../../src/project/source-snapshot.js';
import { STATUS_CACHE_FILE } from '../../src/project/status-cache.js';

let clock = 0;
const tick = () => new Date((clock = Math.max(clock + 1, Date.now())));

describe('CLI: status over its caches', () => {
  let tmp: TempDir;
  beforeEach(() => (tmp = new TempDir()));
  afterEach(() => tmp.remove());

  it('prints the same with fresh, appended-to and deleted caches, and sees a changed source', async () => {
    const records = makeRecords(6);
    const source = tmp.json('ac.json', records);
    const dir = tmp.join('p');
    assert.equal((await run(['init', dir, '--source', source, '--to', 'ko'])).code, 0);
    assert.equal((await run(['translate', '-p', dir])).code, 0);
    const items = await loadItems(openProject(dir));
    const kim = new JournalWriter(dir, 'kim', tick);
    await kim.append(items.map((i) => ({ type: 'decision' as const, item: i.id, sourceHash: i.sourceHash, decision: 'transfer' as const })));
    await kim.append(items.map((i) => ({ type: 'checklist' as const, item: i.id, sourceHash: i.sourceHash, question: 'q', answer: 'yes' })));

    const first = await run(['status', '-p', dir]);
    assert.equal(first.code, 0, first.stderr);
    for (const f of [CHECKPOINT_FILE, SOURCE_KEYS_FILE, `${SOURCE_TEXTS_FILE}.hashes`, STATUS_CACHE_FILE]) assert.ok(existsSync(path.join(dir, f)), f);
    assert.match(readFileSync(path.join(dir, '.gitignore'), 'utf8'), /^cache\/journal-state\.jsonl$/m);
    assert.match(readFileSync(path.join(dir, '.gitignore'), 'utf8'), /^cache\/status\.json$/m);

    // Appended after the checkpoint: a review of two items.
    await new JournalWriter(dir, 'park', tick).append(
      items.slice(0, 2).map((i) => ({ type: 'review' as const, item: i.id, sourceHash: i.sourceHash, verdict: 'approve' as const })),
    );
    const after = await run(['status', '--json', '-p', dir]);
    assert.equal(JSON.parse(after.stdout).byState.approved, 2);
    const text = await run(['status', '-p', dir]);

    rmSync(path.join(dir, 'cache'), { recursive: true });
    assert.deepEqual(await run(['status', '--json', '-p', dir]), after);
    assert.deepEqual(await run(['status', '-p', dir]), text);

    // A new source release: the cached source keys no longer apply.
    tmp.json('ac.json', [{ ...records[0]!, text: `${records[0]!.text}（改訂）` }, ...records.slice(1), makeRecord(6)]);
    const changed = JSON.parse((await run(['status', '--json', '-p', dir])).stdout);
    assert.equal(changed.items, 7);
    assert.equal(changed.byState.stale, 1);
    assert.equal(changed.byState.untranslated, 1);
  });

  it('reuses cache/status.json while journal and source are unchanged, and folds again after an append or a new source', async () => {
    const records = makeRecords(3);
    const source = tmp.json('ac.json', records);
    const dir = tmp.join('p');
    assert.equal((await run(['init', dir, '--source', source, '--to', 'ko'])).code, 0);
    assert.equal((await run(['translate', '-p', dir, '--limit', '2'])).code, 0);
    const first = await run(['status', '--json', '-p', dir]);
    assert.equal(JSON.parse(first.stdout).byState.translated, 2);
    // The summary is read back, not folded again: a doctored count under the same key shows through.
    const file = path.join(dir, STATUS_CACHE_FILE);
    const stored = JSON.parse(readFileSync(file, 'utf8'));
    stored.summary.byState.translated = 99;
    writeFileSync(file, JSON.stringify(stored));
    assert.equal(JSON.parse((await run(['status', '--json', '-p', dir])).stdout).byState.translated, 99);

    // Any append to the journal gives another key.
    const items = await loadItems(openProject(dir));
    await new JournalWriter(dir, 'kim', tick).append([{ type: 'decision', item: items[0]!.id, sourceHash: items[0]!.sourceHash, decision: 'transfer' }]);
    const appended = JSON.parse((await run(['status', '--json', '-p', dir])).stdout);
    assert.deepEqual([appended.byState.translated, appended.byState.adapted], [1, 1]);

    // So does a new source release, and a corrupt cache is folded again.
    tmp.json('ac.json', [...records, makeRecord(3)]);
    writeFileSync(file, '{"key": ');
    const changed = JSON.parse((await run(['status', '--json', '-p', dir])).stdout);
    assert.deepEqual([changed.items, changed.byState.untranslated], [4, 2]);
    assert.deepEqual(JSON.parse((await run(['status', '--json', '-p', dir])).stdout), changed);
  });
});
