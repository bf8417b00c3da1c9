/** The bench runner's pieces (bench/run.ts, report.ts, scale-data.ts): selection, verdicts, the one summary table, shared data. */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { selectBenches, summaryTable, verdict } from '../../bench/run.js';
import { benchRuns, relativeSpread } from '../../bench/report.js';
import { generateSource, makeProject } from '../../bench/scale-data.js';
import { openProject, loadStatesOnly } from '../../src/project/project.js';
import { benchDataDir } from '../helpers/bench-data.js';
import type { TempDir } from '../helpers/fixtures.js';

const FILES = [
  'run.js',
  'report.js',
  'scale-data.js',
  'child-op.js',
  'export-floor.js',
  'crash.js',
  'project-scale.js',
  'qa-cache.js',
  'startup.js',
  'run.js.map',
  'startup.d.ts',
];
const row = (what: string, ratio: number, target: number, noise?: number) => ({
  what,
  now: '1 s',
  baseline: 'parse 1 s',
  ratio,
  target,
  bench: 'b',
  ...(noise === undefined ? {} : { noise }),
});

function withEnv<T>(name: string, value: string | undefined, fn: () => T): T {
  const before = process.env[name];
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
  try {
    return fn();
  } finally {
    if (before === undefined) delete process.env[name];
    else process.env[name] = before;
  }
}

describe('bench runner', () => {
  it('runs every bench file but the helpers, or those BENCH_ONLY names', () => {
    assert.deepEqual(selectBenches(FILES, undefined), ['crash.js', 'project-scale.js', 'qa-cache.js', 'startup.js']);
    assert.deepEqual(selectBenches(FILES, 'startup'), ['startup.js']);
    assert.deepEqual(selectBenches(FILES, 'scale, qa'), ['project-scale.js', 'qa-cache.js']);
    assert.deepEqual(selectBenches(FILES, 'nothing-like-it'), []);
  });

  it('judges a row met, within its noise margin (10% unless stated) or missed', () => {
    assert.equal(verdict(row('a', 2, 2)), 'met');
    assert.equal(verdict(row('a', 2.15, 2)), '~');
    assert.equal(verdict(row('a', 2.25, 2)), 'MISSED');
    assert.equal(verdict(row('a', 2.25, 2, 0.2)), '~');
  });

  it('prints one table: every row of issue #11 in order, the rows measuring it, then the others', () => {
    const lines = summaryTable([row('export 100k', 9, 5), row('status, 24-item project', 1.2, 1.5), row('report 100k', 1, 1.5)], (r) => `missing ${r}`);
    const text = lines.join('\n');
    assert.match(lines[0]!, /^what\s+now\s+baseline\s+ratio\s+target\s+noise\s+verdict\s+bench\s+how$/);
    const order = [
      '#11.1 translate, DeepL with context',
      '#11.3 check 100k',
      '#11.4 export 100k',
      '#11.9 status on a 24-item project',
      '#11.11 growth',
      'other rows',
    ];
    const at = order.map((s) => lines.findIndex((l) => l.startsWith(s)));
    assert.ok(
      at.every((i, k) => i > 0 && (k === 0 || i > at[k - 1]!)),
      `issue rows in order: ${at.join(',')}\n${text}`,
    );
    assert.match(lines[at[1]!]!, /missing check 100k$/);
    assert.match(lines[at[2]! + 1]!, /^ {2}export 100k .* 9\.00x\s+<= 5x\s+10%\s+MISSED\s+b/);
    assert.match(lines[at[3]! + 1]!, /^ {2}status, 24-item project .* 1\.20x\s+<= 1\.5x\s+10%\s+met/);
    assert.match(lines[at[5]! + 1]!, /^ {2}report 100k /);
  });

  it('takes at least 5 runs per figure; BENCH_RUNS raises it', () => {
    assert.equal(
      withEnv('BENCH_RUNS', undefined, () => benchRuns()),
      5,
    );
    assert.equal(
      withEnv('BENCH_RUNS', '9', () => benchRuns()),
      9,
    );
    assert.equal(
      withEnv('BENCH_RUNS', '2', () => benchRuns()),
      5,
    );
    assert.equal(
      withEnv('BENCH_RUNS', '3', () => benchRuns(7)),
      7,
    );
    assert.equal(relativeSpread([10, 10, 10]), 0);
    assert.equal(relativeSpread([9, 10, 12]), 0.1);
  });

  describe('scale data', function () {
    this.timeout(60_000);
    const dir = benchDataDir();
    let tmp: TempDir;
    beforeEach(() => (tmp = dir()));

    it('is generated once per size into BENCH_DATA_DIR; each project is a copy a bench may change', async () => {
      const source = await generateSource(tmp.join('unused'), 7);
      assert.ok(source.startsWith(tmp.join('data')) && source.endsWith('.jsonl'), source);
      const written = statSync(source).mtimeMs;
      assert.equal(await generateSource(tmp.path, 7), source);
      assert.equal(statSync(source).mtimeMs, written, 'not written again');

      const first = await makeProject(tmp.path, source, 7);
      const second = await makeProject(tmp.path, source, 7);
      assert.notEqual(first, second);
      const journal = (dir: string) => path.join(dir, 'journal', 'bench.jsonl');
      const events = readFileSync(journal(first), 'utf8');
      writeFileSync(journal(first), '');
      assert.equal(readFileSync(journal(second), 'utf8'), events, 'a change to one copy leaves the others alone');
      assert.equal(readFileSync(journal(await makeProject(tmp.path, source, 7)), 'utf8'), events);

      const { states } = await loadStatesOnly(openProject(second));
      assert.equal(states.size, 7);
      assert.ok([...states.values()].every((s) => s.state === 'translated'));
      assert.ok(existsSync(path.join(tmp.join('data'), path.basename(source))));
    });
  });
});
