/** Through the real CLI: malformed journal lines are skipped (status counts them), conflicting decisions are reported and refused by export. */
import assert from 'node:assert/strict';
import { appendFileSync, copyFileSync, cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { cli } from '../helpers/cli.js';
import { TempDir, makeRecords } from '../helpers/fixtures.js';

describe('CLI: journal integrity', function () {
  this.timeout(120_000);
  let tmp: TempDir;
  let base: string;
  before(() => {
    tmp = new TempDir();
    const src = tmp.json('ac.json', makeRecords(4));
    base = tmp.join('base');
    assert.equal(cli(['init', base, '--source', src, '--to', 'ko']).code, 0);
    const t = cli(['translate', '-p', base]);
    assert.equal(t.code, 0, t.stderr);
  });
  after(() => tmp.remove());

  const copy = (name: string) => {
    cpSync(base, tmp.join(name), { recursive: true });
    return tmp.join(name);
  };
  const answers = (project: string, author: string, rows: object[]) => {
    const r = cli(['adapt', '-p', project, '--as', author, '--answers', tmp.jsonl(`${author}-${Math.random()}.jsonl`, rows)]);
    assert.equal(r.code, 0, r.stderr);
    return r;
  };
  const status = (project: string) => {
    const r = cli(['status', '-p', project, '--json']);
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout) as { byState: Record<string, number>; skippedEvents: number };
  };

  it('says an answers file was written as one unit', () => {
    const p = copy('unit');
    const r = answers(p, 'alice', [
      { id: 'test-0000', decision: 'transfer' },
      { id: 'test-0001', decision: 'transfer' },
    ]);
    assert.match(r.stdout, /Applied 2 line\(s\) of .* as alice \(2 journal event\(s\), written as one unit: all or nothing\)/);
  });

  it('skips a malformed journal event in status, check and export, naming file, line and field', () => {
    const p = copy('nuke');
    answers(p, 'alice', [
      { id: 'test-0000', decision: 'transfer' },
      { id: 'test-0001', decision: 'transfer' },
    ]);
    const journal = path.join(p, 'journal', 'alice.jsonl');
    const good = JSON.parse(readFileSync(journal, 'utf8').split('\n')[0]!) as Record<string, unknown>;
    appendFileSync(journal, `${JSON.stringify({ ...good, item: 'test-0002', decision: 'nuke', c: 99 })}\n`);
    const warning =
      /journal\/alice\.jsonl line 3: field "decision": "nuke" is not one of transfer, adapt, replace-target, replace-scenario, drop, new, replace; this event is ignored/;

    const check = cli(['check', '-p', p]);
    assert.ok(check.code === 0 || check.code === 1, check.stderr);
    assert.match(check.stderr, warning);
    assert.doesNotMatch(check.stderr, /\n\s+at .+:\d+:\d+/, 'no stack trace');

    const exp = cli(['export', '-p', p, '--out', tmp.join('nuke-out'), '--include-unreviewed']);
    assert.equal(exp.code, 0, exp.stderr);
    assert.match(exp.stderr, warning);
    assert.match(exp.stdout, /Exported 4 record\(s\)/, 'every item still exports (--include-unreviewed takes translated ones)');

    assert.equal(status(p).skippedEvents, 1);
    const text = cli(['status', '-p', p]);
    assert.match(text.stdout, /1 journal line\(s\) were skipped as unreadable or malformed/);
    assert.match(text.stderr, warning);
  });

  it('reports decisions made without seeing each other as a conflict; export refuses them unless told which side to take', () => {
    // Two localizers work in clones of the project, then merge their journals (as git would).
    const mine = copy('alice');
    const theirs = copy('bob');
    answers(mine, 'alice', [
      { id: 'test-0000', decision: 'adapt', rationale: '110 → 112' },
      { id: 'test-0001', decision: 'transfer' },
    ]);
    answers(theirs, 'bob', [{ id: 'test-0000', decision: 'drop', rationale: 'no counterpart' }]);
    copyFileSync(path.join(theirs, 'journal', 'bob.jsonl'), path.join(mine, 'journal', 'bob.jsonl'));

    assert.equal(status(mine).byState.conflict, 1);
    assert.match(cli(['status', '-p', mine]).stdout, /1 item\(s\) have conflicting decisions .* `carefully adapt --state conflict`/);

    const refused = cli(['export', '-p', mine, '--out', tmp.join('out1'), '--include-unreviewed']);
    assert.equal(refused.code, 1, refused.stderr);
    assert.match(refused.stderr, /Export refused: 1 item\(s\) have conflicting decisions/);
    assert.match(refused.stderr, /test-0000: alice: adapt \(.+\); bob: drop \(.+\)/);
    assert.match(refused.stderr, /--on-conflict latest/);

    const bobs = cli(['export', '-p', mine, '--out', tmp.join('out2'), '--include-unreviewed', '--on-conflict', 'bob', '--json']);
    assert.equal(bobs.code, 0, bobs.stderr);
    const r2 = JSON.parse(bobs.stdout) as { exported: number; excluded: Record<string, number> };
    assert.equal(r2.exported, 3);
    assert.equal(r2.excluded.dropped, 1, "bob's side drops the item");

    const alices = cli(['export', '-p', mine, '--out', tmp.join('out3'), '--include-unreviewed', '--on-conflict', 'alice', '--json']);
    assert.equal(alices.code, 0, alices.stderr);
    assert.equal((JSON.parse(alices.stdout) as { exported: number }).exported, 4);

    const nobody = cli(['export', '-p', mine, '--out', tmp.join('out4'), '--include-unreviewed', '--on-conflict', 'carol']);
    assert.equal(nobody.code, 1);
    assert.match(nobody.stderr, /--on-conflict carol picks no side/);

    // A new decision by someone who has seen both sides settles it.
    const settle = cli([
      'adapt',
      '-p',
      mine,
      '--as',
      'alice',
      '--state',
      'conflict',
      '--answers',
      tmp.jsonl('settle.jsonl', [{ id: 'test-0000', decision: 'drop', rationale: 'agreed with bob' }]),
    ]);
    assert.equal(settle.code, 0, settle.stderr);
    assert.match(settle.stdout, /Applied 1 line/);
    const after = status(mine);
    assert.equal(after.byState.conflict, 0);
    assert.equal(cli(['export', '-p', mine, '--out', tmp.join('out5'), '--include-unreviewed']).code, 0);
  });
});
