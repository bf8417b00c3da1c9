/** The sessions' length statistics, cached under the source and the journal as folded (cache/qa/length-stats.json). */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { TempDir, makeRecords, mtEvent } from '../helpers/fixtures.js';
import { initProject } from '../../src/project/project.js';
import type { NewEvent } from '../../src/project/events.js';
import type { SourceItem } from '../../src/dataset/item.js';
import { qaContextFor } from '../../src/qa/project-qa.js';
import { LENGTH_STATS_FILE } from '../../src/qa/length-stats-cache.js';
import { openProjectSession } from '../../src/session/open-project-session.js';

const mt = (item: SourceItem, i: number): NewEvent => mtEvent(item, `질문 번역 ${'가'.repeat(10 + (i % 5) * 3)}`, `답변 번역 ${'나'.repeat(20 + (i % 7) * 4)}`);

describe('length statistics cache (sessions)', () => {
  let tmp: TempDir;
  beforeEach(() => (tmp = new TempDir()));
  afterEach(() => tmp.remove());

  async function project(): Promise<string> {
    const dir = tmp.join('p');
    await initProject({ dir, source: tmp.json('ac.json', makeRecords(12)), to: 'ko' });
    const opened = await openProjectSession({ project: dir, author: 'kim' });
    await opened.writer.append(opened.items.map((item, i) => mt(item, i)));
    return dir;
  }

  /** The statistics a session uses (cached or not) and the ones measured over every item. */
  async function stats(dir: string) {
    const { project, items, journal } = await openProjectSession({ project: dir, author: 'kim' });
    const states = journal.states(items);
    return {
      used: qaContextFor(project, items, states, undefined, journal.unchangedEnds).ctx.lengthStats,
      measured: qaContextFor(project, items, states).ctx.lengthStats,
    };
  }

  it('are read back by the next session on an unchanged project, and measured again after any journal write', async () => {
    const dir = await project();
    const first = await stats(dir);
    assert.ok(first.measured && first.measured.count === 24, 'every question and answer measured');
    assert.deepEqual(first.used, first.measured);
    const file = path.join(dir, LENGTH_STATS_FILE);
    assert.ok(existsSync(file), 'cached');
    assert.ok(existsSync(path.join(path.dirname(file), '.gitignore')), 'in the cache folder that keeps itself out of git');

    // Under the same key, what the file says is what the next session uses: it is read, not measured again.
    const cached = JSON.parse(readFileSync(file, 'utf8')) as { key: string };
    const planted = { count: 24, median: 1.5, mad: 0.25 };
    writeFileSync(file, JSON.stringify({ key: cached.key, value: planted }));
    assert.deepEqual((await stats(dir)).used, planted);

    // An edit makes one target much longer: the journal changed, so the statistics are measured again.
    const opened = await openProjectSession({ project: dir, author: 'lee' });
    const item = opened.items[0]!;
    await opened.writer.append([{ type: 'edit', item: item.id, sourceHash: item.sourceHash, field: 'answer', text: '길어진 답변 '.repeat(40) }]);
    const after = await stats(dir);
    assert.deepEqual(after.used, after.measured);
    assert.notDeepEqual(after.used, planted);
    assert.notDeepEqual(after.measured, first.measured, 'the edit changed the statistics');
  });

  it('are not cached for a journal the session has written to since it was folded', async () => {
    const dir = await project();
    const opened = await openProjectSession({ project: dir, author: 'kim' });
    assert.ok(opened.journal.unchangedEnds, 'nothing written yet');
    const item = opened.items[1]!;
    opened.journal.record(await opened.writer.append([{ type: 'flag', item: item.id, sourceHash: item.sourceHash, note: 'check' }]));
    assert.equal(opened.journal.unchangedEnds, undefined);
  });
});
