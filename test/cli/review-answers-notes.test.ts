/** `review --answers`: reply to a flag, resolve flags, waive a QA finding and undo, checked line by line before anything is written. */
import assert from 'node:assert/strict';
import { run } from '../helpers/cli.js';
import { TempDir, journalOf, makeRecords } from '../helpers/fixtures.js';

describe('review --answers: replies, waivers, resolutions and undo', function () {
  this.timeout(60_000);
  let tmp: TempDir;
  let dir: string;
  const review = (name: string, lines: object[], extra: string[] = []) =>
    run(['review', '-p', dir, '--as', 'park', '--answers', tmp.jsonl(name, lines), ...extra]);
  const listed = async () => {
    const r = await run(['list', '-p', dir, '--json']);
    return new Map((JSON.parse(r.stdout) as { items: Record<string, unknown>[] }).items.map((i) => [i.id as string, i]));
  };

  before(async () => {
    tmp = new TempDir();
    dir = tmp.join('p');
    assert.equal((await run(['init', dir, '--source', tmp.json('ac.json', makeRecords(4)), '--to', 'ko'])).code, 0);
    assert.equal((await run(['translate', '-p', dir])).code, 0);
    const a = await run([
      'adapt',
      '-p',
      dir,
      '--as',
      'loc',
      '--answers',
      tmp.jsonl('loc.jsonl', [
        { id: 'test-0000', decision: 'transfer', flag: 'is this wording right?' },
        // 110番 left in the answer: a source-culture-leftover finding to waive.
        { id: 'test-0001', decision: 'adapt', rationale: 'kept on purpose', answer: '사건이 났을 때는 110番에 전화하세요.' },
        { id: 'test-0002', decision: 'transfer' },
      ]),
    ]);
    assert.equal(a.code, 0, a.stderr);
  });
  after(() => tmp.remove());

  it('refuses bad reply, resolve and waive lines, naming line and field, and writes nothing', async () => {
    const before = journalOf(dir, 'park');
    const r = await review('bad.jsonl', [
      { id: 'test-0002', reply: 'no flag here' },
      { id: 'test-0001', waive: [{ check: 'no-such-check', reason: 'x' }] },
      { id: 'test-0000', resolve: 'yes' },
      { id: 'test-0003', waive: [{ check: 'numbers', reason: '' }] },
    ]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /bad\.jsonl, line 1, ID "test-0002", field "reply": test-0002 has no open flag to reply to/);
    assert.match(r.stderr, /bad\.jsonl, line 2, ID "test-0001", field "waive\[0\]\.check": "no-such-check" is not a QA check/);
    assert.match(r.stderr, /bad\.jsonl, line 3, ID "test-0000", field "resolve": must be true/);
    assert.match(r.stderr, /bad\.jsonl, line 4, ID "test-0003", field "id": "test-0003" is not awaiting this review/);
    assert.match(r.stderr, /4 problem\(s\); nothing was written/);
    assert.deepEqual(journalOf(dir, 'park'), before);

    const edit = await review('edit.jsonl', [{ id: 'test-0001', answer: '112', waive: [{ check: 'source-culture-leftover', reason: 'x' }] }]);
    assert.equal(edit.code, 1);
    assert.match(edit.stderr, /field "waive": cannot be given with an edit/);
  });

  it('replies to a flag, waives a finding and approves in one run; QA then lists the finding as waived', async () => {
    const qaBefore = (await listed()).get('test-0001')!.qa as Record<string, number>;
    const r = await review(
      'notes.jsonl',
      [
        { id: 'test-0000', reply: 'yes, it reads naturally', verdict: 'approve' },
        { ID: 'test-0001', waive: [{ check: 'source-culture-leftover', field: 'answer', reason: 'the item is about Japan on purpose' }] },
      ],
      ['--json'],
    );
    assert.equal(r.code, 0, r.stderr);
    const summary = JSON.parse(r.stdout) as Record<string, number>;
    assert.deepEqual([summary.lines, summary.approved, summary.replied, summary.waived, summary.skipped, summary.events], [2, 1, 1, 1, 0, 3]);
    const park = journalOf(dir, 'park');
    assert.deepEqual(
      park.map((e) => [e.item, e.type, e.reply ?? e.verdict ?? e.check]),
      [
        ['test-0000', 'flag', true],
        ['test-0000', 'review', 'approve'],
        ['test-0001', 'waiver', 'source-culture-leftover'],
      ],
    );
    const items = await listed();
    assert.equal(items.get('test-0000')!.state, 'approved');
    assert.equal(items.get('test-0000')!.flags, 1, 'a reply keeps the flag open');
    const qaAfter = items.get('test-0001')!.qa as Record<string, number>;
    assert.ok(qaAfter.error! + qaAfter.warning! < qaBefore.error! + qaBefore.warning!, `${JSON.stringify(qaBefore)} -> ${JSON.stringify(qaAfter)}`);

    // The same file again: everything is recorded already.
    const again = await review('notes2.jsonl', [
      { ID: 'test-0001', waive: [{ check: 'source-culture-leftover', field: 'answer', reason: 'the item is about Japan on purpose' }] },
    ]);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /1 already recorded; 0 event\(s\) written as park/);
  });

  it('resolves flags, and undoes the last verdict even once the item left the review queue', async () => {
    const res = await review('resolve.jsonl', [{ id: 'test-0000', resolve: true }], ['--state', 'approved']);
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stdout, /1 flags resolved/);
    assert.equal((await listed()).get('test-0000')!.flags, 0);

    const undoResolve = await review('undo1.jsonl', [{ id: 'test-0000', undo: true }]);
    assert.equal(undoResolve.code, 0, undoResolve.stderr);
    assert.equal((await listed()).get('test-0000')!.flags, 1, 'the resolution is taken back');
    const undoVerdict = await review('undo2.jsonl', [{ id: 'test-0000', undo: true }]);
    assert.equal(undoVerdict.code, 0, undoVerdict.stderr);
    assert.match(undoVerdict.stdout, /1 undone/);
    assert.equal((await listed()).get('test-0000')!.state, 'adapted', 'the approval is taken back: the item awaits review');
  });
});
