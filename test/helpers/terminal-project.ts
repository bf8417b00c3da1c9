/**
 * A translated project for wizard tests in real terminals (tmux): registers
 * the suite's before/after hooks (skipping the suite where tmux is missing)
 * and fills in the returned object before the first test runs.
 */
import assert from 'node:assert/strict';
import { chmodSync } from 'node:fs';
import { run } from './cli.js';
import { TempDir, makeRecords } from './fixtures.js';
import { TmuxServer, hasTmux } from './tmux.js';

export interface TerminalProject {
  tmp: TempDir;
  /** The project folder: `carefully init` of six records into Korean, then `carefully translate`. */
  dir: string;
  tmux: TmuxServer;
  /** For the terminals: the stand-in editor, no colour, no inline editing (plus what was asked for). */
  env: Record<string, string>;
}

export interface TerminalProjectOptions {
  /** The stand-in $EDITOR: a shell script that gets the file to edit as $1. */
  editor: string;
  /** More environment variables for the terminals. */
  env?: Record<string, string>;
  /** More setup once the project is translated. */
  setup?: (p: TerminalProject) => void | Promise<void>;
}

export function terminalProject(opts: TerminalProjectOptions): TerminalProject {
  const p = {} as TerminalProject;
  before(async function () {
    if (!hasTmux()) this.skip();
    p.tmp = new TempDir();
    p.tmux = new TmuxServer(p.tmp.join('tmux.sock'));
    p.dir = p.tmp.join('p');
    assert.equal((await run(['init', p.dir, '--source', p.tmp.json('ac.json', makeRecords(6)), '--to', 'ko'])).code, 0);
    assert.equal((await run(['translate', '-p', p.dir])).code, 0);
    const editor = p.tmp.file('editor.sh', opts.editor);
    chmodSync(editor, 0o755);
    p.env = { ...opts.env, EDITOR: editor, VISUAL: '', NO_COLOR: '1', CAREFULLY_INLINE_EDIT: '' };
    await opts.setup?.(p);
  });
  after(() => {
    p.tmux?.close();
    p.tmp?.remove();
  });
  return p;
}
