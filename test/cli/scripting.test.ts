/**
 * Scripting every step through the CLI (in process): `list --json`, `pack
 * show`, `review --answers` (checked line by line before anything is
 * written), the `ID` alias in answers files, and JSON errors for commands
 * run with --json.
 */
import assert from 'node:assert/strict';
import { run } from '../helpers/cli.js';
import { TempDir, journalOf, makeRecords } from '../helpers/fixtures.js';

const journal = journalOf;

describe('scripting: list, pack show, review --answers, JSON errors', function () {
  this.timeout(30_000);
  let tmp: TempDir;
  let dir: string;
  before(async () => {
    tmp = new TempDir();
    dir = tmp.join('p');
    assert.equal((await run(['init', dir, '--source', tmp.json('ac.json', makeRecords(4)), '--to', 'ko'])).code, 0);
    assert.equal((await run(['translate', '-p', dir, '--limit', '3'])).code, 0);
    // "ID", the dataset's own key, is accepted as well as "id".
    const answers = tmp.jsonl('loc.jsonl', [
      { ID: 'test-0000', decision: 'transfer' },
      { id: 'test-0001', decision: 'adapt', rationale: '110 → 112', answer: '사건이나 사고가 났을 때는 110番에 전화하세요.' },
      { ID: 'test-0002', decision: 'transfer', flag: 'check the law' },
    ]);
    const a = await run(['adapt', '-p', dir, '--as', 'loc', '--answers', answers]);
    assert.equal(a.code, 0, a.stderr);
  });
  after(() => tmp.remove());

  it('list --json: IDs with state, decision, authors, flags, QA counts and stale', async () => {
    const r = await run(['list', '-p', dir, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const { items, selection } = JSON.parse(r.stdout) as { selection: string; items: Record<string, unknown>[] };
    assert.equal(selection, 'all items');
    assert.deepEqual(
      items.map((i) => [i.id, i.state, i.decision, i.flags, i.stale]),
      [
        ['test-0000', 'adapted', 'transfer', 0, false],
        ['test-0001', 'adapted', 'adapt', 0, false],
        ['test-0002', 'adapted', 'transfer', 1, false],
        ['test-0003', 'untranslated', null, 0, false],
      ],
    );
    assert.ok((items[0]!.authors as string[]).includes('loc'));
    assert.deepEqual(Object.keys(items[0]!.qa as object).sort(), ['error', 'info', 'warning']);
    // test-0001's answer still says 110番 (a source-culture leftover); the untranslated item has no text to check.
    const qa = (i: Record<string, unknown>) => Object.values(i.qa as Record<string, number>).reduce((a, b) => a + b, 0);
    assert.ok(qa(items[1]!) > qa(items[0]!), JSON.stringify(items.slice(0, 2)));
    assert.equal(qa(items[3]!), 0);

    const filtered = JSON.parse((await run(['list', '-p', dir, '--json', '--only', 'flagged'])).stdout) as { items: { id: string }[] };
    assert.deepEqual(
      filtered.items.map((i) => i.id),
      ['test-0002'],
    );
    const table = await run(['list', '-p', dir]);
    assert.match(table.stdout, /^ID {8}\s+state\s+decision\s+authors\s+flags\s+QA \(e\/w\/i\)$/m);
    assert.match(table.stdout, /4 item\(s\): all items\./);
  });

  it('pack show: checklist questions with conditions and effects, and equivalents', async () => {
    const r = await run(['pack', 'show', '-p', dir, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const pack = JSON.parse(r.stdout) as {
      resolved: string;
      checklist: { id: string; prompt: string; when: object; effects: object }[];
      equivalents: { source: string[]; target: string }[];
    };
    assert.equal(pack.resolved, 'ko');
    assert.ok(pack.checklist.length > 0);
    assert.ok(pack.checklist.every((q) => q.id && q.prompt && q.when && q.effects));
    assert.ok(pack.equivalents.some((e) => e.source.includes('110番') && /112/.test(e.target)));
    const text = await run(['pack', 'show', '-p', dir]);
    assert.match(text.stdout, /Checklist \(\d+ questions\):\n {2}\S+: /);
    assert.match(text.stdout, /when: .*; yes → \S+, no → \S+/);
    assert.match(
      text.stdout,
      /japan-specific-annotation: [^\n]*\n {4}when: japan-specific = true; names-facts → needs-adaptation, sibling → needs-replacement, none → consider-drop, shared → ok\n/u,
    );
    assert.match(text.stdout, /110番.* → 112/);
  });

  it('review --answers: checks every line before writing; approve, reject with a comment, edit', async () => {
    const bad = tmp.jsonl('bad.jsonl', [
      { id: 'test-0000', verdict: 'approve' },
      { ID: 'test-0001', verdict: 'reject' },
      { id: 'test-0002', verdict: 'maybe' },
      { id: 'test-0003', verdict: 'approve' },
      { id: 'test-0000', ID: 'test-0002', verdict: 'approve' },
    ]);
    const refused = await run(['review', '-p', dir, '--as', 'rev', '--answers', bad]);
    assert.equal(refused.code, 1, refused.stderr);
    assert.match(refused.stderr, /4 problem\(s\); nothing was written/);
    assert.match(refused.stderr, /line 2.*comment/);
    assert.match(refused.stderr, /line 3.*"maybe" is not a verdict/);
    assert.match(refused.stderr, /line 4.*not awaiting this review/);
    assert.match(refused.stderr, /line 5.*"id" and "ID" name different items/);
    assert.deepEqual(journal(dir, 'rev'), [], 'nothing was written');

    const good = tmp.jsonl('good.jsonl', [
      { ID: 'test-0000', verdict: 'approve' },
      { id: 'test-0001', verdict: 'reject', comment: 'Use 112 in the question too.' },
      { id: 'test-0002', answer: '고친 답' },
    ]);
    const ok = await run(['review', '-p', dir, '--as', 'rev', '--answers', good, '--json']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.deepEqual(
      (({ lines, approved, rejected, edited, skipped }) => ({ lines, approved, rejected, edited, skipped }))(JSON.parse(ok.stdout) as Record<string, number>),
      { lines: 3, approved: 1, rejected: 1, edited: 1, skipped: 0 },
    );
    assert.deepEqual(
      journal(dir, 'rev').map((e) => [e.item, e.type, e.verdict ?? e.field, e.comment ?? e.text]),
      [
        ['test-0000', 'review', 'approve', undefined],
        ['test-0001', 'review', 'reject', 'Use 112 in the question too.'],
        ['test-0002', 'edit', 'answer', '고친 답'],
      ],
    );
    const states = JSON.parse((await run(['list', '-p', dir, '--json'])).stdout) as { items: { id: string; state: string }[] };
    assert.deepEqual(
      states.items.map((i) => i.state),
      ['approved', 'rejected', 'adapted', 'untranslated'],
    );
  });

  it('commands run with --json write their errors as JSON on stderr, with the documented exit codes', async () => {
    const missing = await run(['list', '-p', tmp.join('nowhere'), '--json']);
    assert.equal(missing.code, 2);
    assert.equal(missing.stdout, '');
    const err = JSON.parse(missing.stderr) as { error: { code: string; exitCode: number; message: string; problems: unknown[] } };
    assert.equal(err.error.code, 'usage');
    assert.equal(err.error.exitCode, 2);
    assert.match(err.error.message, /nowhere/);
    assert.deepEqual(err.error.problems, []);

    const bad = tmp.jsonl('bad-json.jsonl', [{ id: 'test-0003', verdict: 'maybe' }]);
    const data = await run(['review', '-p', dir, '--as', 'rev2', '--answers', bad, '--json']);
    assert.equal(data.code, 1);
    const e = JSON.parse(data.stderr) as { error: { code: string; problems: { line: number; field: string; message: string }[] } };
    assert.equal(e.error.code, 'invalidData');
    assert.deepEqual(
      e.error.problems.map((p) => [p.line, p.field]),
      [[1, 'verdict']],
    );

    const usage = await run(['list', '--json', '--shard', 'x']);
    assert.equal(usage.code, 2);
    assert.ok(JSON.parse(usage.stderr).error.message);

    const unknown = await run(['status', '--json', '--bogus']);
    assert.equal(unknown.code, 2);
    assert.match(JSON.parse(unknown.stderr).error.message, /unknown option '--bogus'/);

    // Without --json the same error is text.
    const text = await run(['list', '-p', tmp.join('nowhere')]);
    assert.equal(text.code, 2);
    assert.match(text.stderr, /^carefully: /);
  });
});
