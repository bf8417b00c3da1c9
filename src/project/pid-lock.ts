/**
 * Locks that name their holder: a lock file holding the PID, host and start
 * time of the process that took it, created whole and atomically (a complete
 * temporary file hard-linked into place). A lock whose holder is dead on this
 * host is taken over at once; mtime staleness (proper-lockfile) made a killed
 * process's lock stall the next run and then fail as "locked by another process".
 */
import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { BusyError, InterruptedError, type LockHolder } from '../errors.js';

export type { LockHolder } from '../errors.js';

/** A lock file nobody could have finished writing for this long is abandoned. */
const UNREADABLE_STALE_MS = 2_000;
/** The holder of a lock file still being written (or not ours to read). */
const UNKNOWN: LockHolder = { pid: 0, host: '?', since: '?', processStarted: '?', command: 'unknown' };
const PROCESS_STARTED = new Date(Date.now() - process.uptime() * 1000).toISOString();

export interface HeldLock {
  readonly file: string;
  readonly holder: LockHolder;
  /** Remove the lock if it is still ours. Synchronous, so it also runs on the way out of a forced exit. */
  release(): void;
}

/** Whether the process named in a lock still runs. Another host's process cannot be checked: assumed alive. */
export function holderAlive(h: LockHolder): boolean {
  if (h.host !== hostname()) return true;
  // A PID reused by a later process (containers restart at the same PIDs) is not the holder.
  if (h.pid === process.pid) return h.processStarted === PROCESS_STARTED;
  try {
    process.kill(h.pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by another user
  }
}

type Seen = { holder: LockHolder; raw: string } | 'gone' | 'unreadable';

function readHolder(file: string): Seen {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? 'gone' : 'unreadable'; // EISDIR: a proper-lockfile lock of an older version
  }
  try {
    const h = JSON.parse(raw) as LockHolder;
    if (typeof h.pid === 'number' && typeof h.host === 'string') return { holder: h, raw };
  } catch {
    // fall through
  }
  return 'unreadable';
}

function ageMs(file: string): number {
  try {
    return Date.now() - statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/**
 * Move an abandoned lock aside, checking that what was moved is the one judged
 * dead (another process may have replaced it meanwhile); a live one is put back.
 */
function takeOver(file: string, seen: Seen): void {
  const aside = `${file}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    renameSync(file, aside);
  } catch {
    return; // gone already: someone else took it over
  }
  const moved = readHolder(aside);
  const same = typeof seen === 'object' ? typeof moved === 'object' && moved.raw === seen.raw : moved === 'unreadable';
  if (!same) {
    try {
      linkSync(aside, file);
    } catch {
      // A third process holds it now; the one we moved lost a race it could not see. Rare enough.
    }
  }
  rmSync(aside, { recursive: true, force: true });
}

/** Take the lock now, or return who holds it. */
export function tryLock(file: string, command: string): HeldLock | LockHolder {
  const holder: LockHolder = { pid: process.pid, host: hostname(), since: new Date().toISOString(), processStarted: PROCESS_STARTED, command };
  const raw = JSON.stringify(holder);
  const tmp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, raw);
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        linkSync(tmp, file);
        return held(file, holder, raw);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const seen = readHolder(file);
      if (seen === 'gone') continue;
      if (seen === 'unreadable' ? ageMs(file) < UNREADABLE_STALE_MS : holderAlive(seen.holder)) return seen === 'unreadable' ? UNKNOWN : seen.holder;
      takeOver(file, seen);
    }
    const last = readHolder(file);
    return typeof last === 'object' ? last.holder : UNKNOWN;
  } finally {
    rmSync(tmp, { force: true });
  }
}

function held(file: string, holder: LockHolder, raw: string): HeldLock {
  let released = false;
  return {
    file,
    holder,
    release() {
      if (released) return;
      released = true;
      const now = readHolder(file);
      if (typeof now === 'object' && now.raw === raw) {
        try {
          unlinkSync(file);
        } catch {
          // already gone
        }
      }
    },
  };
}

/** "PID 123 (carefully translate) since 2026-...", for messages. */
export function describeHolder(h: LockHolder): string {
  if (h.pid === 0) return 'a process that is still writing the lock file';
  const where = h.host === hostname() ? '' : ` on ${h.host}`;
  return `PID ${h.pid}${where} (${h.command}) since ${h.since}`;
}

export interface AcquireOptions {
  command: string;
  /** How long to wait for a live holder (ms); 0: fail at once. */
  waitMs: number;
  pollMs?: number;
  /** Called once when the lock is busy and we start waiting. */
  onWait?: (holder: LockHolder) => void;
  signal?: AbortSignal;
  /** The message of the BusyError when waiting ends (default: names the file and the holder). */
  busyMessage?: (holder: LockHolder) => string;
}

export async function acquireLock(file: string, opts: AcquireOptions): Promise<HeldLock> {
  const until = Date.now() + opts.waitMs;
  let told = false;
  for (;;) {
    const got = tryLock(file, opts.command);
    if ('release' in got) return got;
    if (opts.signal?.aborted) throw new InterruptedError(`Stopped waiting for ${file}; nothing was done.`);
    if (Date.now() >= until) {
      const message =
        opts.busyMessage?.(got) ??
        `${file} is locked by ${describeHolder(got)}. Wait for that process to finish and try again; if it is not running (another machine?), remove ${file}.`;
      throw new BusyError(message, file, got);
    }
    if (!told) opts.onWait?.(got);
    told = true;
    await new Promise((r) => setTimeout(r, Math.min(opts.pollMs ?? 20, Math.max(1, until - Date.now()))));
  }
}
