/** The programmatic API (src/index.ts): the pipeline as functions, with the CLI's typed errors. */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { TempDir, makeRecords } from '../helpers/fixtures.js';
import * as api from '../../src/index.js';
import { CarefullyError, DataError, ExitCode, ProjectError, UsageError } from '../../src/index.js';

describe('programmatic API', () => {
  let tmp: TempDir;
  beforeEach(() => (tmp = new TempDir()));
  afterEach(() => tmp.remove());

  async function project(n = 4) {
    const source = tmp.json('ac.json', makeRecords(n));
    await api.initProject({ dir: tmp.join('p'), source, to: 'ko' });
    return api.openProject(tmp.join('p'));
  }

  it('opens a project by folder, or from a subfolder with discover', async () => {
    const p = await project();
    assert.equal(p.dir, tmp.join('p'));
    assert.equal(p.config.languages.to, 'ko');
    assert.equal((await api.openProject(tmp.join('p', 'journal'), { discover: true })).dir, tmp.join('p'));
    await assert.rejects(api.openProject(tmp.join('p', 'journal')), (e) => e instanceof ProjectError && /is not a carefully project/.test(e.message));
  });

  it('a folder outside any project is a ProjectError with the exit code the CLI uses', async () => {
    await assert.rejects(api.openProject(tmp.path, { discover: true }), (e: unknown) => {
      assert.ok(e instanceof ProjectError && e instanceof CarefullyError);
      assert.equal(e.exitCode, ExitCode.usage);
      assert.match(e.message, /No carefully project in .* or any folder above it/);
      return true;
    });
  });

  it('inspects and validates files; invalid records are reported, a missing file throws', async () => {
    const good = tmp.json('good.json', makeRecords(3));
    const bad = tmp.json('bad.json', [{ ...makeRecords(1)[0], output: 42 }]);
    assert.equal((await api.inspectFile(good)).records, 3);
    assert.equal((await api.validateFile(good)).valid, true);
    const report = await api.validateFile(bad);
    assert.equal(report.valid, false);
    assert.equal(report.problems[0]?.field, 'output');
    await assert.rejects(api.validateFile(tmp.join('missing.json')), (e) => e instanceof CarefullyError && e.exitCode === ExitCode.usage);
  });

  it('translate -> applyAnswers -> status -> check -> exportDataset', async () => {
    const p = await project(4);
    const dry = await api.translate(p, { dryRun: true, author: 'api' });
    assert.equal(dry.requestsSent, 0);
    const t = await api.translate(p, { author: 'api' });
    assert.equal(t.translatedItems, 4);
    assert.equal((await api.translate(tmp.join('p'), { author: 'api' })).requestsSent, 0, 'a rerun sends nothing');

    const [first] = makeRecords(1);
    const answers = tmp.jsonl('answers.jsonl', [{ id: first!.ID, decision: 'drop', rationale: 'no counterpart' }]);
    const a = await api.applyAnswers(p, answers, { author: 'api' });
    assert.equal(a.applied, 1);
    assert.equal(a.byDecision.drop, 1);
    const st = await api.status(p);
    assert.equal(st.items, 4);
    assert.equal(st.byDecision.drop, 1);

    const qa = await api.check(p);
    assert.equal(qa.items, 4);
    assert.ok(qa.checked >= 3);
    const ex = await api.exportDataset(p, { out: tmp.join('out'), includeUnreviewed: true });
    assert.equal(ex.exported, 3);
    assert.equal(JSON.parse(readFileSync(ex.datasetFile, 'utf8')).length, 3);
    assert.ok(existsSync(ex.cardFile));
  });

  it('a bad answers file is a DataError naming the line and field, and nothing is written', async () => {
    const p = await project(2);
    const journal = tmp.join('p', 'journal', 'api.jsonl');
    const answers = tmp.jsonl('answers.jsonl', [{ id: makeRecords(1)[0]!.ID, decision: 'drop' }]);
    await assert.rejects(api.applyAnswers(p, answers, { author: 'api' }), (e) => {
      assert.ok(e instanceof DataError);
      assert.equal(e.exitCode, ExitCode.invalidData);
      assert.equal(e.problems[0]?.line, 1);
      assert.equal(e.problems[0]?.field, 'rationale');
      return true;
    });
    assert.equal(existsSync(journal), false);
  });

  it('an unknown provider or author name is a UsageError', async () => {
    const p = await project(1);
    await assert.rejects(api.translate(p, { provider: 'nope', author: 'api' }), (e) => e instanceof CarefullyError && e.exitCode === ExitCode.usage);
    await assert.rejects(api.translate(p, { author: '../x' }), (e) => e instanceof UsageError);
  });

  it('a file system failure is a CarefullyError (FileAccessError), not a raw Node error', async () => {
    const p = await project(1);
    const notAFolder = tmp.file('not-a-folder', 'x');
    await assert.rejects(api.exportDataset(p, { out: `${notAFolder}/release`, includeUnreviewed: true }), (e) => {
      assert.ok(e instanceof CarefullyError, String(e));
      assert.equal(e.exitCode, ExitCode.usage);
      assert.ok(e.message.includes(notAFolder), e.message);
      return true;
    });
  });
});
