/** `adapt --answers` lines that undo and revert to the machine translation, through the CLI; the journal only grows. */
import assert from 'node:assert/strict';
import { decisionCounts } from '../../src/project/decisions.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { run } from '../helpers/cli.js';
import { TempDir, journalOf, makeRecords } from '../helpers/fixtures.js';
import { loadState, openProject } from '../../src/project/project.js';

describe('adapt --answers: undo and revert', function () {
  this.timeout(60_000);
  let tmp: TempDir;
  let project: string;
  const listed = async (id: string) => {
    const r = await run(['list', '-p', project, '--ids', id, '--json']);
    assert.equal(r.code, 0, r.stderr);
    return (JSON.parse(r.stdout) as { items: Record<string, unknown>[] }).items[0]!;
  };
  const stateOf = async (id: string) => (await loadState(openProject(project))).states.get(id)!;
  const apply = async (name: string, lines: object[], author = 'alice') =>
    run(['adapt', '-p', project, '--as', author, '--json', '--answers', tmp.jsonl(name, lines)]);

  before(async () => {
    tmp = new TempDir();
    project = tmp.join('p');
    assert.equal((await run(['init', project, '--source', tmp.json('ac.json', makeRecords(4)), '--to', 'ko'])).code, 0);
    const t = await run(['translate', '-p', project]);
    assert.equal(t.code, 0, t.stderr);
  });
  after(() => tmp.remove());

  it('undoes the last action on an item, then the one before; the journal keeps every event', async () => {
    assert.equal((await apply('a1.jsonl', [{ id: 'test-0000', decision: 'transfer' }])).code, 0);
    assert.equal((await apply('a2.jsonl', [{ id: 'test-0000', decision: 'drop', rationale: 'no counterpart' }])).code, 0);
    assert.equal((await listed('test-0000')).decision, 'drop');

    const undo = await apply('u1.jsonl', [{ ID: 'test-0000', undo: true }]);
    assert.equal(undo.code, 0, undo.stderr);
    const summary = JSON.parse(undo.stdout);
    assert.equal(summary.undone, 1);
    assert.equal(summary.events, 1);
    assert.equal((await listed('test-0000')).decision, 'transfer', 'the previous decision is back');

    assert.equal((await apply('u2.jsonl', [{ id: 'test-0000', undo: true }])).code, 0);
    const item = await listed('test-0000');
    assert.equal(item.state, 'translated');
    assert.equal(item.decision ?? null, null);
    const journal = journalOf(project, 'alice');
    assert.deepEqual(
      journal.map((e) => e.type),
      ['decision', 'decision', 'undo', 'undo'],
      'nothing was rewritten',
    );
    assert.equal(journal[2]!.undoes, `alice@${journal[1]!.ts as string}#${journal[1]!.c as number}`);

    // Nothing of alice's left: refused, with nothing written.
    const again = await apply('u3.jsonl', [{ id: 'test-0000', undo: true }]);
    assert.equal(again.code, 1);
    const problem = (JSON.parse(again.stderr) as { error: { problems: Record<string, unknown>[] } }).error.problems[0]!;
    assert.deepEqual({ ...problem, message: undefined }, { file: tmp.join('u3.jsonl'), line: 1, id: 'test-0000', field: 'undo', message: undefined });
    assert.match(problem.message as string, /^Nothing of alice's to undo on test-0000: you have no action on it still in effect/);
    assert.equal(journalOf(project, 'alice').length, 4);
  });

  it("refuses to undo another author's decision, naming them (exit 1, nothing written)", async () => {
    assert.equal((await apply('b1.jsonl', [{ id: 'test-0001', decision: 'transfer' }], 'bob')).code, 0);
    const r = await apply('b2.jsonl', [{ id: 'test-0001', undo: true }], 'carol');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /Nothing of carol's to undo on test-0001: its changes are by bob\. Undo takes back only your own actions/);
    assert.equal((await listed('test-0001')).decision, 'transfer');
  });

  it('checks undo and revert lines before writing anything', async () => {
    const before = readFileSync(path.join(project, 'journal', 'alice.jsonl'), 'utf8');
    const file = tmp.jsonl('bad.jsonl', [
      { id: 'test-0002', undo: 'yes' },
      { id: 'test-0003', undo: true, decision: 'transfer' },
      { id: 'test-0001', revert: 'human' },
      { id: 'test-0000', revert: 'mt', answer: 'x' },
    ]);
    const r = await run(['adapt', '-p', project, '--as', 'alice', '--answers', file]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /line 1, ID "test-0002", field "undo": "yes" is not an undo: use "undo": true/);
    assert.match(r.stderr, /line 2, ID "test-0003", field "undo": is given alone: an undo line has only "id" and "undo" \(found decision\)/);
    assert.match(r.stderr, /line 3, ID "test-0001", field "revert": "human" is not a revert: use "revert": "mt"/);
    assert.match(r.stderr, /line 4, ID "test-0000", field "revert": cannot be given with "question" or "answer"/);
    assert.match(r.stderr, /4 problem\(s\); nothing was written/);
    assert.equal(readFileSync(path.join(project, 'journal', 'alice.jsonl'), 'utf8'), before);
  });

  it('reverts edited text to the machine translation, with or without a decision; a rerun writes nothing', async () => {
    const mtText = (await stateOf('test-0002')).question;
    assert.ok(mtText);
    const edited = await apply('e.jsonl', [{ id: 'test-0002', decision: 'adapt', rationale: 'r', question: '새 질문', answer: '새 답' }]);
    assert.equal(edited.code, 0, edited.stderr);
    const r = await apply('r.jsonl', [{ id: 'test-0002', revert: 'mt', decision: 'transfer' }]);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const s = JSON.parse(r.stdout);
    assert.equal(s.reverted, 1);
    assert.deepEqual(s.byDecision, { ...decisionCounts(), transfer: 1 });
    const item = await stateOf('test-0002');
    assert.equal(item.question, mtText);
    assert.equal(item.answer, item.mt?.answer);
    assert.equal(item.decision?.decision, 'transfer');
    const again = await apply('r.jsonl', [{ id: 'test-0002', revert: 'mt', decision: 'transfer' }]);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(JSON.parse(again.stdout).skipped, 1);

    const plain = await run(['adapt', '-p', project, '--as', 'alice', '--answers', tmp.jsonl('r2.jsonl', [{ id: 'test-0002', undo: true }])]);
    assert.equal(plain.code, 0, plain.stderr);
    assert.match(plain.stdout, /undone\s+1/);
  });
});
