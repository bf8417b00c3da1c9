/**
 * The project's run lock (translate.lock in the project folder): one
 * `carefully translate` at a time, since two runs would send and bill the same
 * texts twice. Held for the whole run; a lock left by a killed run (dead PID)
 * is taken over at once.
 */
import path from 'node:path';
import { acquireLock, describeHolder, type HeldLock } from './pid-lock.js';
import { lockMessages } from './messages/locks.js';

export const RUN_LOCK_FILE = 'translate.lock';
/** How often a waiting run (--wait) looks at the lock again. */
const WAIT_POLL_MS = 250;

export async function lockProjectRun(
  projectDir: string,
  command: string,
  opts: { wait: boolean; onWait?: (message: string) => void; signal?: AbortSignal },
): Promise<HeldLock> {
  const file = path.join(projectDir, RUN_LOCK_FILE);
  return acquireLock(file, {
    command,
    waitMs: opts.wait ? Infinity : 0,
    pollMs: WAIT_POLL_MS,
    ...(opts.signal ? { signal: opts.signal } : {}),
    onWait: (h) => opts.onWait?.(lockMessages.runWaiting(describeHolder(h))),
    busyMessage: (h) => lockMessages.runBusy(projectDir, describeHolder(h), file),
  });
}
