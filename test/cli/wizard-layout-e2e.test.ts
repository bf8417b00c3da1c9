/**
 * The wizards fit the terminal (tmux): at 80x24 and at 160x50 the first
 * screen shows the head (position, ID, taxonomy), the Japanese source and
 * the keys, even for an item with a 2,000-character answer; a cut pane says
 * how many lines it hides, and its digit shows it on its own, a page at a
 * time; the screen follows a resize. One key decides an item as a transfer,
 * and in review a double Enter approves nothing.
 */
import assert from 'node:assert/strict';
import { BIN, run } from '../helpers/cli.js';
import { TempDir, journalOf, makeRecords } from '../helpers/fixtures.js';
import { TmuxServer, hasTmux, type Terminal } from '../helpers/tmux.js';

const journal = journalOf;

describe('wizard layout in real terminals (tmux)', function () {
  this.timeout(90_000);
  let tmp: TempDir;
  let tmux: TmuxServer;
  let dir: string;
  const env = { NO_COLOR: '1', EDITOR: 'true', VISUAL: '', CAREFULLY_INLINE_EDIT: '' };

  before(async function () {
    if (!hasTmux()) this.skip();
    tmp = new TempDir();
    tmux = new TmuxServer(tmp.join('tmux.sock'));
    dir = tmp.join('p');
    const records = makeRecords(5);
    // 2,000-character answers, with wide characters, an emoji and a combining mark.
    for (const r of records.slice(0, 3)) r.output = `${'長い回答の文です。👍が̈'.repeat(160)}`.slice(0, 2000);
    assert.equal((await run(['init', dir, '--source', tmp.json('ac.json', records), '--to', 'ko'])).code, 0);
    assert.equal((await run(['translate', '-p', dir])).code, 0);
  });
  after(() => {
    tmux?.close();
    tmp?.remove();
  });

  const open = (args: string[], width: number, height: number): Terminal =>
    tmux.terminal(
      dir,
      [process.execPath, BIN, ...args],
      { ...env, CAREFULLY_AUTHOR: args.includes('--as') ? args[args.indexOf('--as') + 1]! : 'loc' },
      { width, height },
    );

  /** The head, the source and the keys are on the screen, and the screen starts with the head. */
  function assertFirstScreen(screen: string, label: RegExp, id: string): void {
    assert.match(screen.split('\n')[0]!, label, `the head is the first line:\n${screen}`);
    assert.match(screen, new RegExp(`${id} {2}\\S`));
    assert.match(screen, /Risk area \S/);
    assert.match(screen, /1 Japanese source\n {2}Q .*（\d）\n {2}A 長い回答の文です。/);
    assert.match(screen, /… \d+ more lines · 1 expands/, 'the long pane says what it hides');
  }

  for (const [width, height, id] of [
    [80, 24, 'test-0000'],
    [160, 50, 'test-0001'],
  ] as const) {
    it(`adapt at ${width}x${height}: head, source and keys on the first screen; panes page; one key decides a transfer`, async () => {
      const t = open(['adapt', '--as', `loc${width}`, '--ids', id], width, height);
      const screen = await t.waitFor(new RegExp(`\\[1/1\\] ${id} ›`));
      assertFirstScreen(screen, /^Item 1\/1 · 0 decided · 1 to go/, id);
      assert.match(screen, /\[a\] accept \(transfer\)/);
      assert.ok(screen.split('\n').every((l) => l.length <= width));

      // The source pane on its own, a page at a time; Esc shows every pane again.
      t.send('1');
      let paged = await t.waitFor(/1 Japanese source · page 1\/(\d+)/);
      const pages = Number(/page 1\/(\d+)/.exec(paged)![1]);
      assert.match(paged.split('\n')[0]!, /^Item 1\/1/, 'the head stays');
      if (width === 80) {
        assert.ok(pages > 1, paged);
        t.key('Space');
        paged = await t.waitFor(/1 Japanese source · page 2\//);
      }
      t.key('Escape');
      await t.waitFor(/… \d+ more lines · 1 expands/);

      // One key press: accepted as a transfer and saved.
      t.send('a');
      const end = await t.waitFor(/\[exit 0\]/);
      assert.match(end, /All 1 item\(s\) of this selection are decided\./);
      assert.deepEqual(
        journal(dir, `loc${width}`).map((e) => [e.type, e.item, e.decision]),
        [['decision', id, 'transfer']],
      );
    });
  }

  it('follows a resize of the terminal', async () => {
    const t = open(['adapt', '--as', 'resizer', '--ids', 'test-0002'], 80, 24);
    let screen = await t.waitFor(/\[1\/1\] test-0002 ›/);
    assert.doesNotMatch(screen, /Specific harm/, 'cut at 80 columns');
    tmux.run('resize-window', '-t', t.name, '-x', '200', '-y', '40');
    screen = await t.waitFor(/Specific harm/);
    assertFirstScreen(screen, /^Item 1\/1 · 0 decided · 1 to go/, 'test-0002');
    t.send('q');
    await t.waitFor(/\[exit 0\]/);
  });

  it('review at 80x24: a double Enter approves nothing; a approves', async () => {
    assert.equal(
      (
        await run([
          'adapt',
          '-p',
          dir,
          '--as',
          'kim',
          '--answers',
          tmp.jsonl('kim.jsonl', [
            { id: 'test-0003', decision: 'transfer' },
            { id: 'test-0004', decision: 'transfer' },
          ]),
        ])
      ).code,
      0,
    );
    const t = open(['review', '--as', 'rev', '--ids', 'test-0003,test-0004'], 80, 24);
    let screen = await t.waitFor(/\[1\/2\] test-0003 ›/);
    assert.match(screen.split('\n')[0]!, /^Review 1\/2 · 0 approved · 0 rejected · 2 to go/);
    assert.match(screen, /\[a\] approve/);
    t.key('Enter');
    t.key('Enter');
    screen = await t.waitFor(/Enter does not approve/);
    await new Promise((r) => setTimeout(r, 300));
    assert.match(t.screen(), /\[1\/2\] test-0003 ›/);
    assert.deepEqual(journal(dir, 'rev'), [], 'nothing was approved');
    t.send('a');
    await t.waitFor(/\[2\/2\] test-0004 ›/);
    t.send('q');
    await t.waitFor(/\[exit 0\]/);
    assert.deepEqual(
      journal(dir, 'rev').map((e) => [e.item, e.verdict]),
      [['test-0003', 'approve']],
    );
  });
});
