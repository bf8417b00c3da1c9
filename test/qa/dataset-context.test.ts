/**
 * Export and report read the source once when an earlier run kept the whole
 * dataset's QA context (cache/qa/dataset-context.json): their output is then
 * byte for byte what the two-pass run gives, and a journal change is never
 * judged with the context of before it.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { run } from '../helpers/cli.js';
import { ADDED_ITEM, TempDir, approvedEvents, makeRecords } from '../helpers/fixtures.js';
import { loadItems, openProject } from '../../src/project/project.js';
import { JournalWriter } from '../../src/project/journal.js';
import { exportDataset } from '../../src/export/export.js';
import { writeReport } from '../../src/report/report.js';
import { DATASET_CONTEXT_FILE, datasetContextCounters } from '../../src/qa/dataset-context-cache.js';
import type { SourceItem } from '../../src/dataset/item.js';
import { NEAR_COPY_CACHE_FILE } from '../../src/qa/near-copy-cache.js';
import { nearCopyCounters } from '../../src/qa/near-copies.js';

const NOW = new Date('2026-11-29T12:00:00.000Z');

/** Every file under `dir`, by relative path, with its bytes. */
function files(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    out.set(path.relative(dir, file), readFileSync(file, 'latin1'));
  }
  return out;
}

describe('one source pass for export and report (dataset context cache)', function () {
  this.timeout(60_000);
  let tmp: TempDir;
  let dir: string;
  let items: SourceItem[];
  let outs = 0;

  const counts = () => ({ ...datasetContextCounters });
  const since = (before: { hits: number; misses: number }) => ({
    hits: datasetContextCounters.hits - before.hits,
    misses: datasetContextCounters.misses - before.misses,
  });
  const exportOnce = async () => {
    const out = tmp.join(`out-${outs++}`);
    // --allow-verbatim: the near copy below is exported, so the card counts its QA finding.
    const r = await exportDataset({ project: openProject(dir), out, allowVerbatim: true, includeUnreviewed: true, annotate: true, now: NOW });
    return { files: files(out), result: r };
  };
  const reportOnce = async () => {
    const out = tmp.join(`report-${outs++}.html`);
    await writeReport(openProject(dir), out, { now: () => NOW });
    return readFileSync(out, 'utf8');
  };

  /** `once` run after the kept context was removed (it measures the dataset), then again (one pass from the kept context). */
  async function measuredThenOnePass<T>(once: () => Promise<T>): Promise<{ measured: T; onePass: T }> {
    rmSync(path.join(dir, DATASET_CONTEXT_FILE), { force: true });
    let before = counts();
    const measured = await once();
    assert.deepEqual(since(before), { hits: 0, misses: 1 });
    before = counts();
    const onePass = await once();
    assert.deepEqual(since(before), { hits: 1, misses: 0 }, 'the second run took the kept context');
    return { measured, onePass };
  }

  before(async () => {
    tmp = new TempDir();
    dir = tmp.join('p');
    const source = tmp.json('ac.json', makeRecords(24));
    assert.equal((await run(['init', dir, '--source', source, '--to', 'ko', '--provider', 'pseudo'])).code, 0);
    items = await loadItems(openProject(dir));
    const answer = (i: number) => `안전한 방법을 안내합니다. ${'상담 창구에 문의하십시오. '.repeat(1 + (i % 3))}(${i})`;
    await new JournalWriter(dir, 'kim').append([
      ...items.slice(0, 20).flatMap((item, i) => approvedEvents(item, `질문입니다 (${i})`, answer(i))),
      // A length outlier (the dataset's statistics judge it) and a copy of another item's source answer (the cross-item index finds it).
      ...approvedEvents(items[20]!, '질문 (20)', `${'상담 창구에 문의하십시오. '.repeat(60)}(20)`),
      ...approvedEvents(items[21]!, '질문 (21)', `${items[0]!.answer} 번역`),
      { type: 'decision', item: items[22]!.id, sourceHash: items[22]!.sourceHash, decision: 'drop', rationale: 'no counterpart' },
    ]);
    const added = tmp.jsonl('add.jsonl', [ADDED_ITEM]);
    assert.equal((await run(['add', '-p', dir, '--answers', added, '--json'], { env: { CAREFULLY_AUTHOR: 'kim' } })).code, 0);
    assert.equal((await run(['check', '-p', dir, '--json'])).code, 1, 'check warms the QA caches (and finds the copy)');
  });
  after(() => tmp.remove());

  it('export: the run that measures the dataset and the one-pass run after it write the same files', async () => {
    const { measured, onePass } = await measuredThenOnePass(exportOnce);
    assert.deepEqual([...onePass.files.keys()].sort(), [...measured.files.keys()].sort());
    for (const [name, bytes] of measured.files) assert.equal(onePass.files.get(name), bytes, name);
    assert.deepEqual(onePass.result.qa, measured.result.qa);
    assert.ok(measured.result.qa.findings.some((f) => f.check === 'length-ratio' && f.item === items[20]!.id));
    assert.ok(measured.result.qa.findings.some((f) => f.check === 'source-near-copy' && f.item === items[21]!.id));
    assert.equal(measured.result.exported, 23, '22 approved source items and the added one');
  });

  it('export: in one pass, a near-copy verdict no longer cached builds the cross-item index from a second read, as two passes would', async () => {
    const measured = await exportOnce();
    rmSync(path.join(dir, NEAR_COPY_CACHE_FILE));
    const before = counts();
    const indexBuilds = nearCopyCounters.indexBuilds;
    const onePass = await exportOnce();
    assert.deepEqual(since(before), { hits: 1, misses: 0 });
    assert.equal(nearCopyCounters.indexBuilds, indexBuilds + 1);
    assert.ok(onePass.result.qa.findings.some((f) => f.check === 'source-near-copy' && f.item === items[21]!.id));
    for (const [name, bytes] of measured.files) assert.equal(onePass.files.get(name), bytes, name);
  });

  it('check: the run that measures the dataset, the one-pass run after it and a run without any QA cache print the same', async () => {
    const check = (...args: string[]) => run(['check', '-p', dir, '--json', ...args]);
    const { measured, onePass } = await measuredThenOnePass(check);
    assert.equal(onePass.stdout, measured.stdout);
    assert.equal(onePass.code, 1);
    const found = (JSON.parse(onePass.stdout) as { findings: { item: string; check: string }[] }).findings;
    assert.ok(found.some((f) => f.check === 'length-ratio' && f.item === items[20]!.id));
    assert.ok(found.some((f) => f.check === 'source-near-copy' && f.item === items[21]!.id));
    // --ids in one pass: the item judged with the whole dataset's statistics, as in the full run.
    const one = await check('--ids', items[20]!.id);
    assert.deepEqual(
      (JSON.parse(one.stdout) as { findings: unknown[] }).findings,
      found.filter((f) => f.item === items[20]!.id),
    );
    rmSync(path.join(dir, 'cache', 'qa'), { recursive: true });
    assert.equal((await check()).stdout, measured.stdout, 'no cache at all');
    const text = await run(['check', '-p', dir, '--ids', 'nope', '--only', 'no-such-check']);
    assert.equal(text.code, 2);
    assert.match(text.stderr, /nope/, 'an unknown item ID is named before an unknown check');
  });

  it('check: in one pass, a near-copy verdict no longer cached builds the cross-item index from a second read', async () => {
    const measured = await run(['check', '-p', dir, '--json']);
    rmSync(path.join(dir, NEAR_COPY_CACHE_FILE));
    const before = counts();
    const indexBuilds = nearCopyCounters.indexBuilds;
    const onePass = await run(['check', '-p', dir, '--json']);
    assert.deepEqual(since(before), { hits: 1, misses: 0 });
    assert.equal(nearCopyCounters.indexBuilds, indexBuilds + 1);
    assert.equal(onePass.stdout, measured.stdout);
    assert.match(onePass.stdout, /source-near-copy/);
  });

  it('report: the one-pass page is the two-pass page', async () => {
    const { measured, onePass } = await measuredThenOnePass(reportOnce);
    assert.equal(onePass, measured);
  });

  it('a journal change measures the dataset again: the new length statistics judge the items', async () => {
    await exportOnce(); // the context is kept for the journal as it is
    // Item 20's answer shrinks to the dataset's usual length: no longer an outlier.
    await new JournalWriter(dir, 'kim').append([
      {
        type: 'edit',
        item: items[20]!.id,
        sourceHash: items[20]!.sourceHash,
        field: 'answer',
        text: '안전한 방법을 안내합니다. 상담 창구에 문의하십시오. (20)',
      },
      { type: 'review', item: items[20]!.id, sourceHash: items[20]!.sourceHash, verdict: 'approve' },
    ]);
    let before = counts();
    const changed = await exportOnce();
    assert.deepEqual(since(before), { hits: 0, misses: 1 }, 'the kept context is for the journal before the edit');
    assert.ok(!changed.result.qa.findings.some((f) => f.check === 'length-ratio' && f.item === items[20]!.id));
    before = counts();
    const onePass = await exportOnce();
    assert.deepEqual(since(before), { hits: 1, misses: 0 });
    for (const [name, bytes] of changed.files) assert.equal(onePass.files.get(name), bytes, name);
  });
});
