/** `carefully adapt --answers FILE.jsonl` through the real CLI: all lines checked first, one journal write, idempotent. */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { run } from '../helpers/cli.js';
import { TempDir, makeRecords } from '../helpers/fixtures.js';

function snapshot(dir: string): Record<string, string> {
  const j = path.join(dir, 'journal');
  return Object.fromEntries(readdirSync(j).map((f) => [f, readFileSync(path.join(j, f), 'utf8')]));
}

describe('adapt --answers', function () {
  this.timeout(60_000);
  let tmp: TempDir;
  let project: string;
  before(async () => {
    tmp = new TempDir();
    const src = tmp.json('ac.json', makeRecords(6));
    project = tmp.join('p');
    assert.equal((await run(['init', project, '--source', src, '--to', 'ko'])).code, 0);
    const t = await run(['translate', '-p', project]);
    assert.equal(t.code, 0, t.stderr);
  });
  after(() => tmp.remove());

  it('refuses a file with bad lines, naming file, line and field, and writes nothing', async () => {
    const project = tmp.join('bad');
    assert.equal((await run(['init', project, '--source', tmp.json('ac10.json', makeRecords(10)), '--to', 'ko'])).code, 0);
    assert.equal((await run(['translate', '-p', project])).code, 0);
    const before = snapshot(project);
    const file = tmp.file(
      'bad.jsonl',
      [
        JSON.stringify({ id: 'test-0000', decision: 'transfer' }), // fine
        JSON.stringify({ id: 'test-9999', decision: 'transfer' }),
        JSON.stringify({ id: 'test-0001', decision: 'keep' }),
        JSON.stringify({ id: 'test-0002', decision: 'adapt' }),
        JSON.stringify({ id: 'test-0003', decision: 'transfer', checklist: { 'no-such-question': 'yes' } }),
        JSON.stringify({ id: 'test-0004', decision: 'transfer', checklist: { 'named-entities': 'maybe' } }),
        '{"id": "test-0005", "decision": ',
        JSON.stringify({ id: 'test-0006', decision: 'drop', rationale: 'gone', rationle: 'typo' }),
        JSON.stringify({ id: 'test-0007', decision: 'transfer', checklist: { 'ko-privacy': 'yes' } }),
      ].join('\n'),
    );
    const r = await run(['adapt', '-p', project, '--answers', file]);
    assert.equal(r.code, 1, r.stderr);
    const expected = [
      /bad\.jsonl, line 2, field "id": "test-9999" is not an item of the source/,
      /bad\.jsonl, line 3, ID "test-0001", field "decision": "keep" is not a decision/,
      /bad\.jsonl, line 4, ID "test-0002", field "rationale": A "adapt" decision needs a rationale/,
      /bad\.jsonl, line 5, ID "test-0003", field "checklist\.no-such-question": "no-such-question" is not a question of the ko checklist/,
      /bad\.jsonl, line 6, ID "test-0004", field "checklist\.named-entities": "maybe" is not a checklist answer/,
      /bad\.jsonl, line 7: not valid JSON/,
      /bad\.jsonl, line 8, field "rationle": is not a known field/,
      /bad\.jsonl, line 9, ID "test-0007", field "checklist\.ko-privacy": Checklist question "privacy" does not apply to this item/,
      /8 problem\(s\); nothing was written/,
    ];
    for (const e of expected) assert.match(r.stderr, e);
    assert.doesNotMatch(r.stderr, /line 1[,:]/, 'the good line is not reported');
    assert.doesNotMatch(r.stderr, /\n\s+at .+:\d+:\d+/, 'no stack trace');
    assert.deepEqual(snapshot(project), before, 'the journal is unchanged');
  });

  it('applies decisions, edits, checklist answers and flags in one write; status and export reflect them; a rerun writes nothing', async () => {
    const file = tmp.jsonl('answers.jsonl', [
      { id: 'test-0000', decision: 'transfer' },
      {
        id: 'test-0001',
        decision: 'adapt',
        rationale: '110番 → 112',
        question: '112에 전화해야 하는 때는 언제인가요? (1)',
        checklist: { 'named-entities': 'no', 'helplines-in-answer': 'yes' },
      },
      { id: 'test-0002', decision: 'drop', rationale: 'no counterpart in Korea' },
      { id: 'test-0003', decision: 'transfer', flag: 'check the privacy law wording' },
    ]);
    const r = await run(['adapt', '-p', project, '--answers', file, '--as', 'alice', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const summary = JSON.parse(r.stdout);
    assert.equal(summary.author, 'alice');
    assert.equal(summary.lines, 4);
    assert.equal(summary.applied, 4);
    assert.equal(summary.skipped, 0);
    assert.deepEqual(summary.byDecision, { transfer: 2, adapt: 1, 'replace-target': 0, 'replace-scenario': 0, drop: 1, new: 0 });
    assert.equal(summary.events, 8);

    const journal = readFileSync(path.join(project, 'journal', 'alice.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.equal(journal.length, 8);
    assert.ok(journal.every((e) => e.author === 'alice'));
    const adapt = journal.filter((e) => e.item === 'test-0001').map((e) => e.type);
    assert.deepEqual(adapt, ['edit', 'checklist', 'checklist', 'decision'], 'edits and checklist answers come before the decision');

    const status = JSON.parse((await run(['status', '--json', '-p', project])).stdout);
    assert.deepEqual(status.byDecision, { transfer: 2, adapt: 1, 'replace-target': 0, 'replace-scenario': 0, drop: 1, new: 0, none: 2 });
    assert.equal(status.byState.adapted, 4);
    assert.equal(status.byState.translated, 2);
    assert.equal(status.flagged, 1);

    const flagged = await run(['export', '-p', project, '--out', tmp.join('out'), '--include-unreviewed', '--format', 'jsonl']);
    assert.equal(flagged.code, 1, 'an item to export has an open flag');
    const ex = await run(['export', '-p', project, '--out', tmp.join('out'), '--include-unreviewed', '--include-flagged', '--format', 'jsonl']);
    assert.equal(ex.code, 0, ex.stderr);
    const records = readFileSync(tmp.join('out', 'data', 'test.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.deepEqual(records.map((x) => x.ID).sort(), ['test-0000', 'test-0001', 'test-0003', 'test-0004', 'test-0005'], 'the dropped item is not exported');
    assert.equal(records.find((x) => x.ID === 'test-0001').text, '112에 전화해야 하는 때는 언제인가요? (1)');
    const prov = readFileSync(tmp.join('out', 'provenance', 'test.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const p1 = prov.find((x) => x.id === 'test-0001');
    assert.equal(p1.decision, 'adapt');
    assert.equal(p1.rationale, '110番 → 112');
    assert.deepEqual(p1.checklist, { 'named-entities': 'no', 'helplines-in-answer': 'yes' });
    assert.deepEqual(p1.edited, { question: true, answer: false });
    const p2 = prov.find((x) => x.id === 'test-0002');
    assert.equal(p2.exported, false);
    assert.equal(p2.decision, 'drop');
    assert.equal(p2.rationale, 'no counterpart in Korea');

    // Applying the same file again changes nothing.
    const before = snapshot(project);
    const again = await run(['adapt', '-p', project, '--answers', file, '--as', 'alice', '--json']);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(JSON.parse(again.stdout).applied, 0);
    assert.equal(JSON.parse(again.stdout).skipped, 4);
    assert.deepEqual(snapshot(project), before);
  });

  it('applies only the lines inside the filters', async () => {
    const file = tmp.jsonl('shard.jsonl', [
      { id: 'test-0004', decision: 'transfer' },
      { id: 'test-0005', decision: 'transfer' },
    ]);
    const r = await run(['adapt', '-p', project, '--answers', file, '--ids', 'test-0005', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const s = JSON.parse(r.stdout);
    assert.equal(s.applied, 1);
    assert.equal(s.outsideFilters, 1);
    const status = JSON.parse((await run(['status', '--json', '-p', project])).stdout);
    assert.equal(status.byDecision.none, 1, 'test-0004 is still undecided');
  });

  it('without --answers and without a terminal, says how to run a scripted session', async () => {
    const r = await run(['adapt', '-p', project]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /adapt is interactive.*use --answers FILE/);
  });

  it('reports a missing answers file and bad filters as usage errors', async () => {
    const missing = await run(['adapt', '-p', project, '--answers', tmp.join('nope.jsonl')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nope\.jsonl: cannot be read \(ENOENT\)/);
    const shard = await run(['adapt', '-p', project, '--answers', tmp.join('nope.jsonl'), '--shard', '3/2']);
    assert.equal(shard.code, 2);
    assert.match(shard.stderr, /--shard "3\/2" is not a shard/);
    assert.equal(existsSync(path.join(project, 'journal', 'tester.jsonl')), true);
  });
});
