/**
 * Real terminals for end-to-end wizard tests: tmux on a private socket (-S,
 * in the test's temporary folder), so a test never touches a user's sessions.
 * The screen is polled with capture-pane until the expected text shows, with
 * a timeout, instead of sleeping blindly.
 */
import { spawnSync } from 'node:child_process';

/** Work the same when the tests themselves run inside tmux, and in English whatever LANG is (a test passes --lang to change it). */
export const TMUX_ENV = { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'TMUX' && k !== 'TMUX_PANE')), CAREFULLY_LANG: 'en' };

export function hasTmux(): boolean {
  return spawnSync('tmux', ['-V'], { encoding: 'utf8' }).status === 0;
}

/** One tmux server, on its own socket. */
export class TmuxServer {
  private count = 0;
  private readonly terminals: Terminal[] = [];
  constructor(readonly socket: string) {}

  run(...args: string[]): string {
    const r = spawnSync('tmux', ['-S', this.socket, ...args], { encoding: 'utf8', timeout: 10_000, env: TMUX_ENV });
    if (r.status !== 0) throw new Error(`tmux ${args.join(' ')} failed: ${r.stderr}`);
    return r.stdout;
  }

  /** A new terminal (160 × 50 unless told) running `command` in `cwd` with these extra environment variables. */
  terminal(cwd: string, command: string[], env: Record<string, string>, size: { width?: number; height?: number } = {}): Terminal {
    const t = new Terminal(this, `term-${this.count++}`, cwd, command, env, size);
    this.terminals.push(t);
    return t;
  }

  /** End every terminal and the server (ignores errors: it may be gone already). */
  close(): void {
    for (const t of this.terminals) t.kill();
    spawnSync('tmux', ['-S', this.socket, 'kill-server'], { env: TMUX_ENV });
  }
}

/** A terminal running one command; `screen()` is what a person would see. */
export class Terminal {
  constructor(
    private readonly server: TmuxServer,
    readonly name: string,
    cwd: string,
    command: string[],
    env: Record<string, string>,
    size: { width?: number; height?: number } = {},
  ) {
    const quoted = command.map((c) => `'${c.replace(/'/g, `'\\''`)}'`).join(' ');
    // Keep the pane open after the program ends, with its exit code, so the last screen can be read.
    const shell = `${quoted}; echo "[exit $?]"; sleep 600`;
    const vars = Object.entries(env).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
    server.run('new-session', '-d', '-x', String(size.width ?? 160), '-y', String(size.height ?? 50), '-s', name, '-c', cwd, ...vars, shell);
  }

  screen(): string {
    return this.server.run('capture-pane', '-p', '-J', '-t', this.name);
  }

  /** Poll the screen until it matches, or fail with what it shows. */
  async waitFor(pattern: RegExp, ms = 15_000): Promise<string> {
    const end = Date.now() + ms;
    let last = '';
    while (Date.now() < end) {
      last = this.screen();
      if (pattern.test(last)) return last;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`timed out after ${ms} ms waiting for ${pattern}; the screen shows:\n${last}`);
  }

  /** Type text literally, then press Enter. */
  type(text: string): void {
    this.send(text);
    this.key('Enter');
  }

  /** Type text literally, without Enter. */
  send(text: string): void {
    if (text) this.server.run('send-keys', '-t', this.name, '-l', text);
  }

  /** Press a key by its tmux name (Enter, C-c, ...). */
  key(name: string): void {
    this.server.run('send-keys', '-t', this.name, name);
  }

  /** Close the terminal, as when its window is closed: the program gets SIGHUP. */
  kill(): void {
    spawnSync('tmux', ['-S', this.server.socket, 'kill-session', '-t', this.name], { env: TMUX_ENV });
  }
}
