/**
 * The real interactive `carefully adapt` in a pseudo-terminal (tmux): answer
 * items with keys, edit in $EDITOR, drop with a rationale, interrupt with
 * Ctrl-C and by closing the terminal, restart, and check that the session
 * resumes at the right item and that status and export reflect every answer.
 *
 * tmux runs on a private socket (-S, in the test's folder) so the test never touches a user's
 * sessions; the screen is polled with capture-pane until the expected text
 * shows, with a timeout, instead of sleeping blindly.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BIN, run } from '../helpers/cli.js';
import { terminalProject } from '../helpers/terminal-project.js';
import type { Terminal } from '../helpers/tmux.js';

describe('adapt in a real terminal (tmux)', function () {
  this.timeout(60_000);
  const t = terminalProject({
    // An "editor" that replaces the file's text, as a person would in vi.
    editor: `#!/bin/sh\nprintf '%s\\n' '112에 전화해야 하는 때는 언제인가요?' > "$1"\n`,
    env: { CAREFULLY_AUTHOR: 'tester' },
  });
  const adapt = (): Terminal => t.tmux.terminal(t.dir, [process.execPath, BIN, 'adapt'], t.env);

  it('answers items, survives Ctrl-C and a closed terminal, resumes, and status and export show every answer', async () => {
    // --- First session: transfer, edit + adapt, drop, then Ctrl-C in the middle of a checklist.
    const t1 = adapt();
    let screen = await t1.waitFor(/\[1\/6\] test-0000 ›/);
    assert.match(screen, /Item 1\/6 · 0 decided · 6 to go/);
    assert.match(screen, /Machine translation · pseudo \(NOT a translation\)/);
    assert.match(screen, /Risk area 情報漏洩 \(Information Hazards\)/);
    t1.send('a'); // one key: accept as transfer, saved, next item

    screen = await t1.waitFor(/\[2\/6\] test-0001 ›/);
    assert.match(screen, /Saved test-0000: transfer\./);
    assert.match(screen, /110番.* → 112/, 'the equivalents of the ko pack are suggested');
    t1.send('e');
    await t1.waitFor(/Edit which text\?/);
    t1.send('q'); // the editor script rewrites the question
    screen = await t1.waitFor(/Saved the edited question\.[\s\S]*\[2\/6\] test-0001 ›/);
    assert.match(screen, /Target text · edited question\n {2}Q 112에 전화해야 하는 때는 언제인가요\?/);
    t1.send('d');
    await t1.waitFor(/Decision \(Esc cancels\)\n[\s\S]*❯/);
    t1.type('a'); // jump to "adapt" and select it
    await t1.waitFor(/Rationale for adapt \(required\)/);
    t1.type(''); // an empty rationale is refused...
    await t1.waitFor(/needs a rationale/);
    t1.type('110 changed to 112'); // ...a real one is taken
    screen = await t1.waitFor(/\[3\/6\] test-0002 ›/);
    assert.match(screen, /Saved test-0001: adapt\./);

    t1.send('d');
    await t1.waitFor(/Decision \(Esc cancels\)\n[\s\S]*❯/);
    t1.type('d');
    await t1.waitFor(/Rationale for drop \(required\)/);
    t1.type('no counterpart in Korea');
    await t1.waitFor(/\[4\/6\] test-0003 ›/);

    t1.send('c');
    await t1.waitFor(/\[1\/\d+\] Does the item name Japanese people/);
    t1.send('y');
    await t1.waitFor(/\[2\/\d+\] /);
    t1.key('C-c');
    screen = await t1.waitFor(/\[exit 130\]/);
    assert.match(screen, /stopped\. Everything answered so far is saved; run the same command again to resume\./);

    // --- Second session: resumes at the interrupted item with its checklist answer kept.
    const t2 = adapt();
    screen = await t2.waitFor(/\[4\/6\] test-0003 ›/);
    assert.match(screen, /Item 4\/6 · 3 decided \(1 transfer, 1 adapt, 1 drop\) · 3 to go/);
    assert.match(screen, /Checklist · 1\/\d+ answered · proposes adapt/);
    t2.send('f');
    await t2.waitFor(/What should be discussed\?/);
    t2.type('is the privacy law right?');
    screen = await t2.waitFor(/Flagged test-0003 for discussion\.[\s\S]*\[4\/6\] test-0003 ›/);
    assert.match(screen, /⚑ Flagged by tester: is the privacy law right\?/);
    t2.send('a'); // the checklist proposes adapt: a transfer asks first
    await t2.waitFor(/Accept as transfer although the checklist answers propose "adapt"\? \(y\/N\)/);
    t2.type('y');
    await t2.waitFor(/\[5\/6\] test-0004 ›/);
    // Close the terminal while a rationale is half typed: only that answer is lost.
    t2.send('d');
    await t2.waitFor(/Decision \(Esc cancels\)\n[\s\S]*❯/);
    t2.type('r');
    await t2.waitFor(/Rationale for replace/);
    t2.send('half a reas');
    await t2.waitFor(/half a reas/);
    t2.kill();

    // --- Third session: resumes at the item whose decision was not finished.
    const t3 = adapt();
    screen = await t3.waitFor(/\[5\/6\] test-0004 ›/);
    assert.match(screen, /4 decided \(2 transfer, 1 adapt, 1 drop\) · 2 to go/);
    t3.send('q');
    screen = await t3.waitFor(/\[exit 0\]/);
    assert.match(screen, /Stopped\. Everything answered is saved\./);

    // --- What the rest of the pipeline sees.
    const status = JSON.parse((await run(['status', '--json', '-p', t.dir])).stdout);
    assert.deepEqual(status.byDecision, { transfer: 2, adapt: 1, 'replace-target': 0, 'replace-scenario': 0, drop: 1, new: 0, none: 2 });
    assert.equal(status.byState.adapted, 4);
    assert.equal(status.flagged, 1);

    const ex = await run(['export', '-p', t.dir, '--out', t.tmp.join('out'), '--include-unreviewed', '--include-flagged', '--format', 'jsonl']);
    assert.equal(ex.code, 0, ex.stderr);
    const records = readFileSync(t.tmp.join('out', 'data', 'test.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const ids = records.map((r) => r.ID);
    assert.ok(!ids.includes('test-0002'), 'the dropped item is not exported');
    assert.equal(records.find((r) => r.ID === 'test-0001').text, '112에 전화해야 하는 때는 언제인가요?');
    const prov = Object.fromEntries(
      readFileSync(t.tmp.join('out', 'provenance', 'test.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l))
        .map((p) => [p.id, p]),
    );
    assert.equal(prov['test-0000'].decision, 'transfer');
    assert.deepEqual([prov['test-0001'].decision, prov['test-0001'].rationale, prov['test-0001'].edited.question], ['adapt', '110 changed to 112', true]);
    assert.deepEqual([prov['test-0002'].decision, prov['test-0002'].rationale, prov['test-0002'].exported], ['drop', 'no counterpart in Korea', false]);
    assert.deepEqual(prov['test-0003'].checklist, { 'named-entities': 'yes' });
    assert.equal(prov['test-0004'].decision, null, 'the half-typed decision was not saved');
    const journal = readFileSync(path.join(t.dir, 'journal', 'tester.jsonl'), 'utf8');
    assert.doesNotMatch(journal, /half a reas/);
  });
});
