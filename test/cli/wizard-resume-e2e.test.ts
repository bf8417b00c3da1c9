/**
 * Resume in a real terminal (tmux): a localizer decides some items, skips
 * one, quits, and restarts where they stopped (their own cursor), not at the
 * first undecided item; another localizer starts at their own place. Undo
 * (u) in the same terminal appends an undo event.
 */
import assert from 'node:assert/strict';
import { BIN, run } from '../helpers/cli.js';
import { TempDir, journalOf, makeRecords } from '../helpers/fixtures.js';
import { TmuxServer, hasTmux, type Terminal } from '../helpers/tmux.js';

describe('wizard resume per author (tmux)', function () {
  this.timeout(120_000);
  let tmp: TempDir;
  let tmux: TmuxServer;
  let dir: string;

  before(async function () {
    if (!hasTmux()) this.skip();
    tmp = new TempDir();
    tmux = new TmuxServer(tmp.join('tmux.sock'));
    dir = tmp.join('p');
    assert.equal((await run(['init', dir, '--source', tmp.json('ac.json', makeRecords(6)), '--to', 'ko'])).code, 0);
    assert.equal((await run(['translate', '-p', dir])).code, 0);
  });
  after(() => {
    tmux?.close();
    tmp?.remove();
  });

  const open = (author: string): Terminal =>
    tmux.terminal(dir, [process.execPath, BIN, 'adapt', '--as', author], { NO_COLOR: '1', EDITOR: 'true', VISUAL: '' }, { width: 100, height: 30 });

  it('resumes each author where they stopped; u undoes in place', async () => {
    // alice: two transfers, a skip, then quits on test-0003.
    let t = open('alice');
    await t.waitFor(/\[1\/6\] test-0000 ›/);
    t.send('a');
    await t.waitFor(/\[2\/6\] test-0001 ›/);
    t.send('a');
    await t.waitFor(/\[3\/6\] test-0002 ›/);
    t.send('s');
    await t.waitFor(/\[4\/6\] test-0003 ›/);
    t.send('q');
    await t.waitFor(/\[exit 0\]/);
    assert.deepEqual(
      journalOf(dir, 'alice').map((e) => [e.type, e.item]),
      [
        ['decision', 'test-0000'],
        ['decision', 'test-0001'],
      ],
    );

    // alice again: back at test-0003, where she stopped (test-0002, the first undecided, comes after).
    t = open('alice');
    let screen = await t.waitFor(/\[4\/6\] test-0003 ›/);
    assert.match(screen.split('\n')[0]!, /^Item 4\/6 · 2 decided \(2 transfer\) · 4 to go/);
    t.send('q');
    await t.waitFor(/\[exit 0\]/);

    // bob has no place yet: he starts at the first undecided item, decides it, goes to test-0005 and quits.
    t = open('bob');
    await t.waitFor(/\[3\/6\] test-0002 ›/);
    t.send('a');
    await t.waitFor(/\[4\/6\] test-0003 ›/);
    t.send('g');
    await t.waitFor(/Go to item ID/);
    t.type('test-0005');
    await t.waitFor(/\[6\/6\] test-0005 ›/);
    t.send('q');
    await t.waitFor(/\[exit 0\]/);

    // Each resumes at their own place; bob takes his decision back with u, in place.
    t = open('bob');
    await t.waitFor(/\[6\/6\] test-0005 ›/);
    t.send('g');
    await t.waitFor(/Go to item ID/);
    t.type('test-0002');
    await t.waitFor(/\[3\/6\] test-0002 ›/);
    t.send('u');
    await t.waitFor(/Undid your decision "transfer" on test-0002/);
    // The prompt is redrawn after the message: wait for it rather than reading the same capture (a race).
    screen = await t.waitFor(/\[3\/6\] test-0002 ›/);
    assert.match(screen, /Undid your decision "transfer" on test-0002/, 'undo stays on the item, its message shown');
    t.send('q');
    await t.waitFor(/\[exit 0\]/);
    assert.deepEqual(
      journalOf(dir, 'bob').map((e) => e.type),
      ['decision', 'undo'],
    );
    t = open('alice');
    await t.waitFor(/\[4\/6\] test-0003 ›/);
    t.send('q');
    await t.waitFor(/\[exit 0\]/);
  });
});
