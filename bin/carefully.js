#!/usr/bin/env node
/* global AbortController -- a Node.js global */
// The only module with side effects: it runs main() on the real process and sets the exit code.
// The CLI is compiled to dist/ by `npm install` (prepare) or `npm run build`.
import { existsSync } from 'node:fs';
import process from 'node:process';
import { setTimeout } from 'node:timers';
import { URL, fileURLToPath } from 'node:url';

const entry = new URL('../dist/src/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('carefully is not built yet: run `npm install` (or `npm run build`) in ' + fileURLToPath(new URL('..', import.meta.url)) + ' first.\n');
  process.exit(2);
}

// `carefully ... | head` closes stdout early: stop quietly instead of crashing on EPIPE.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

// Ctrl-C: a command that saves work on the way out (translate) takes it over: the first press
// stops sending, the second stops waiting for requests in flight; both still write what was
// received. A third press, or any press while no command took it, ends the process at once.
let taken;
process.on('SIGINT', () => {
  if (taken && !taken.stop.signal.aborted) return taken.stop.abort(new Error('interrupted'));
  if (taken && !taken.force.signal.aborted) return taken.force.abort(new Error('interrupted'));
  process.exit(130);
});
const interrupts = {
  take() {
    const mine = { stop: new AbortController(), force: new AbortController() };
    taken = mine;
    return {
      stop: mine.stop.signal,
      force: mine.force.signal,
      release: () => {
        if (taken === mine) taken = undefined;
      },
    };
  },
};

const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
  interrupts,
});
// Provider requests we stopped waiting for (a timeout, Ctrl-C) keep their sockets open until
// the server answers or the SDK gives up; they must not keep the finished command alive.
setTimeout(() => process.exit(), 300).unref();
