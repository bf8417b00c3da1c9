/**
 * The whole review loop through the real CLI, in real terminals (tmux):
 * a localizer's decisions (scripted, --answers) → `review`: approve, reject
 * with a comment, edit (handed on), approve → the localizer's `adapt` shows
 * the comment; they fix the item and decide again → `review
 * --allow-self-review` approves the fix and the reviewer's own item → `export`
 * holds exactly the approved items, with the reviewer in provenance and
 * matching counts in the dataset card. Self-review without the flag is
 * refused with exit code 2.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { BIN, run } from '../helpers/cli.js';
import { makeRecords } from '../helpers/fixtures.js';
import { terminalProject } from '../helpers/terminal-project.js';
import type { Terminal } from '../helpers/tmux.js';

const lines = (file: string) =>
  existsSync(file)
    ? readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l))
    : [];

describe('review in a real terminal (tmux)', function () {
  this.timeout(60_000);
  const t = terminalProject({
    // An "editor" that replaces the file's text with $FIX_TEXT, as a person would in vi.
    editor: `#!/bin/sh\nprintf '%s\\n' "$FIX_TEXT" > "$1"\n`,
    setup: async ({ tmp, dir: project }) => {
      // loc decides items 0-4; rev, who also localizes, decides item 5.
      const loc = tmp.jsonl('loc.jsonl', [
        { id: 'test-0000', decision: 'transfer' },
        { id: 'test-0001', decision: 'adapt', rationale: '110 → 112', question: '112에 전화해야 하는 때는 언제인가요? (1)' },
        { id: 'test-0002', decision: 'transfer' },
        { id: 'test-0003', decision: 'transfer' },
        { id: 'test-0004', decision: 'transfer' },
      ]);
      assert.equal((await run(['adapt', '-p', project, '--as', 'loc', '--answers', loc])).code, 0);
      assert.equal(
        (await run(['adapt', '-p', project, '--as', 'rev', '--answers', tmp.jsonl('rev.jsonl', [{ id: 'test-0005', decision: 'transfer' }])])).code,
        0,
      );
    },
  });
  /** `carefully ARGS` in a new terminal; FIX_TEXT is what the stand-in editor writes. */
  const open = (args: string[], fixText = ''): Terminal => t.tmux.terminal(t.dir, [process.execPath, BIN, ...args], { ...t.env, FIX_TEXT: fixText });

  it('reject with a comment → the localizer sees it and fixes the item → approve → export has exactly the approved items', async () => {
    const revJournal = path.join(t.dir, 'journal', 'rev.jsonl');
    const reviews = () =>
      lines(revJournal)
        .filter((e) => e.type === 'review')
        .map((e) => [e.item, e.verdict, e.comment]);

    // --- rev reviews loc's five items; rev's own item is left out.
    const r1 = open(['review', '--as', 'rev']);
    let screen = await r1.waitFor(/\[1\/5\] test-0000 ›/);
    assert.match(screen, /Review 1\/5 · 0 approved · 0 rejected · 5 to go/);
    assert.match(screen, /1 item\(s\) are your own work and are left out/);
    assert.match(screen, /Decision: transfer by loc/);
    assert.match(screen, /Final text · the machine translation, unchanged/);
    assert.match(screen, /QA · /);
    assert.match(screen, /\[a\] approve {2}\[r\] reject \(comment\)/);
    r1.send('a'); // one key approves
    screen = await r1.waitFor(/\[2\/5\] test-0001 ›/);
    assert.deepEqual(reviews(), [['test-0000', 'approve', undefined]], 'the verdict is in the journal when the next item shows');
    assert.match(screen, /Approved test-0000\./);
    assert.match(screen, /Changes · machine translation → final\n {2}Q .*\{\+112에 전화해야 하는 때는 언제인가요\? \+\}/);
    r1.send('r');
    await r1.waitFor(/Why is test-0001 rejected\?/);
    r1.type('Use 112 in the answer too.');
    screen = await r1.waitFor(/\[3\/5\] test-0002 ›/);
    assert.match(screen, /Rejected test-0001: it goes back to the localizer with your comment\./);
    // The reviewer edits test-0002: it awaits review again, by someone else.
    r1.send('e');
    await r1.waitFor(/Edit which text\?/);
    r1.send('q');
    screen = await r1.waitFor(
      /Saved the edited question of test-0002\. You changed its text, so it now awaits another reviewer's verdict[\s\S]*\[3\/5\] test-0002 ›/,
    );
    r1.send('s');
    await r1.waitFor(/\[4\/5\] test-0003 ›/);
    r1.send('a');
    await r1.waitFor(/\[5\/5\] test-0004 ›/);
    r1.send('a');
    screen = await r1.waitFor(/\[exit 0\]/);
    assert.match(
      screen,
      /Nothing left to review in this selection\.\nThis session: 3 approved, 1 rejected, 1 edited \(1 now await another reviewer\); 0 to go\./,
    );
    assert.deepEqual(reviews(), [
      ['test-0000', 'approve', undefined],
      ['test-0001', 'reject', 'Use 112 in the answer too.'],
      ['test-0003', 'approve', undefined],
      ['test-0004', 'approve', undefined],
    ]);

    // --- What is left for rev is their own work: refused without --allow-self-review (exit 2), before any terminal is needed.
    const own = await run(['review', '-p', t.dir, '--as', 'rev']);
    assert.equal(own.code, 2, own.stderr);
    assert.match(own.stderr, /All 2 item\(s\) to review here are rev's own work .* pass --allow-self-review/);

    // --- loc's adapt queue has the rejected item, with the comment; loc fixes the answer and decides again.
    const a = open(['adapt', '--as', 'loc'], '사건이나 사고가 났을 때는 112에 전화하세요. (1)');
    screen = await a.waitFor(/\[2\/6\] test-0001 ›/);
    assert.match(screen, /Rejected by rev: Use 112 in the answer too\. — rework it and decide again\./);
    a.send('e');
    await a.waitFor(/Edit which text\?/);
    a.send('a');
    await a.waitFor(/Saved the edited answer\./);
    a.send('d');
    await a.waitFor(/Decision \(Esc cancels\)\n[\s\S]*❯ adapt/);
    a.key('Enter');
    await a.waitFor(/Rationale for adapt \(required\)/);
    a.type('110 → 112 in the question and the answer');
    screen = await a.waitFor(/\[exit 0\]/);
    assert.match(screen, /All 6 item\(s\) of this selection are decided\./);

    // --- rev reviews again, allowed to review their own work: approves the fix and their own item, skips their edit.
    const r2 = open(['review', '--as', 'rev', '--allow-self-review']);
    screen = await r2.waitFor(/\[1\/3\] test-0001 ›/);
    assert.match(screen, /Earlier rejected by rev: Use 112 in the answer too\. — the localizer has reworked it since\./);
    assert.match(screen, /Decision: adapt by loc — 110 → 112 in the question and the answer/);
    assert.match(screen, /\n {2}A .*\{\+사건이나 사고가 났을 때는 112에 전화하세요\+\}/);
    r2.send('a');
    screen = await r2.waitFor(/\[2\/3\] test-0002 ›/);
    assert.match(screen, /Your own work \(you edited its text\): reviewed under --allow-self-review/);
    r2.send('s');
    screen = await r2.waitFor(/\[3\/3\] test-0005 ›/);
    assert.match(screen, /Your own work \(you made its decision\)/);
    r2.send('a');
    screen = await r2.waitFor(/\[exit 0\]/);
    assert.match(screen, /No item left in this session \(1 skipped\)\./);

    // --- Export (approved items only, by default).
    const ex = await run(['export', '-p', t.dir, '--out', t.tmp.join('out'), '--format', 'jsonl', '--annotators', 'names']);
    assert.equal(ex.code, 0, ex.stderr);
    assert.match(ex.stdout, /Exported 5 record\(s\)/);
    assert.match(ex.stdout, /Not exported: 1 not approved\./);
    const records = lines(t.tmp.join('out', 'data', 'test.jsonl'));
    assert.deepEqual(
      records.map((r) => r.ID),
      ['test-0000', 'test-0001', 'test-0003', 'test-0004', 'test-0005'],
    );
    const fixed = records.find((r) => r.ID === 'test-0001');
    assert.deepEqual([fixed.text, fixed.output], ['112에 전화해야 하는 때는 언제인가요? (1)', '사건이나 사고가 났을 때는 112에 전화하세요. (1)']);
    const prov = Object.fromEntries(lines(t.tmp.join('out', 'provenance', 'test.jsonl')).map((p) => [p.id, p]));
    for (const id of ['test-0000', 'test-0001', 'test-0003', 'test-0004', 'test-0005']) {
      assert.deepEqual([prov[id].exported, prov[id].reviewed, prov[id].reviewer, prov[id].state], [true, true, 'rev', 'approved'], id);
    }
    assert.deepEqual([prov['test-0002'].exported, prov['test-0002'].excludedBecause, prov['test-0002'].state], [false, 'not approved', 'adapted']);
    assert.deepEqual([prov['test-0001'].decision, prov['test-0001'].rationale], ['adapt', '110 → 112 in the question and the answer']);
    const card = readFileSync(t.tmp.join('out', 'README.md'), 'utf8');
    assert.match(card, /\| records \| 5 \|/);
    assert.match(card, /\| approved \| 5 \|/);
    assert.match(card, /\| adapted \| 1 \|/);
    assert.match(card, /\| rejected \| 0 \|/);
  });

  it('after a source change, adapt and review show what changed in the source of a stale item', async () => {
    const dir = t.tmp.join('stale');
    const records = makeRecords(2);
    const source = t.tmp.json('stale.json', records);
    assert.equal((await run(['init', dir, '--source', source, '--to', 'ko'])).code, 0);
    assert.equal((await run(['translate', '-p', dir])).code, 0);
    const answers = t.tmp.jsonl('stale-answers.jsonl', [
      { id: 'test-0000', decision: 'transfer' },
      { id: 'test-0001', decision: 'transfer' },
    ]);
    assert.equal((await run(['adapt', '-p', dir, '--as', 'loc', '--answers', answers])).code, 0);
    // A new release rewords test-0001's answer.
    t.tmp.json('stale.json', [records[0], { ...records[1]!, output: records[1]!.output.replace('電話して', '通報して') }]);
    const diff = /Source then → now:\n {4}A 事件や事故の時は110番に\[-電話-\]\{\+通報\+\}してください。（1）/;

    const a = t.tmux.terminal(dir, [process.execPath, BIN, 'adapt', '--as', 'loc'], t.env);
    let screen = await a.waitFor(/\[2\/2\] test-0001 ›/);
    assert.match(screen, /test-0001 {2}stale/);
    assert.match(screen, /The source text changed since this item was worked on/);
    assert.match(screen, diff);
    a.send('q');
    await a.waitFor(/\[exit 0\]/);

    const r = t.tmux.terminal(dir, [process.execPath, BIN, 'review', '--as', 'rev', '--state', 'stale'], t.env);
    screen = await r.waitFor(/\[1\/1\] test-0001 ›/);
    assert.match(screen, /it cannot be reviewed until the localizer redoes it/);
    assert.match(screen, diff);
    r.send('a');
    screen = await r.waitFor(/test-0001 is stale: its source text changed[\s\S]*\[1\/1\] test-0001 ›/);
    r.send('q');
    await r.waitFor(/\[exit 0\]/);
    assert.equal(lines(path.join(dir, 'journal', 'rev.jsonl')).length, 0, 'nothing was recorded for the stale item');
  });
});
