/**
 * File system failures as typed errors that name the path and say what to do:
 * permission denied, read-only file system, full disk, and special files (a
 * FIFO would block a read for ever; a device never ends). Without this they
 * surfaced as "internal error (a bug)", exit 70.
 */
import { statSync } from 'node:fs';
import { CarefullyError, ExitCode, UsageError } from './errors.js';
import { noSpaceLeft, notRegularFile, permissionDenied, readOnlyFileSystem } from './messages.js';

/** A file or folder the command needs cannot be read or written (exit 2, like a missing file). */
export class FileAccessError extends CarefullyError {
  /** The path, or a description when the system error named none. */
  readonly path: string;
  readonly code: string;
  constructor(path: string, code: string, message: string, options?: { cause?: unknown }) {
    super(message, ExitCode.usage, options);
    this.path = path;
    this.code = code;
  }
}

const WRITE_SYSCALLS = new Set([
  'open',
  'write',
  'mkdir',
  'rename',
  'unlink',
  'rmdir',
  'copyfile',
  'fsync',
  'ftruncate',
  'symlink',
  'link',
  'chmod',
  'utime',
  'futime',
  'close',
]);

/**
 * The typed error for a Node file system error (EACCES, EPERM, EROFS, ENOSPC,
 * EDQUOT, EISDIR, ENOTDIR, EEXIST, ENOENT, ELOOP, EMFILE), or undefined when `e` is
 * not one. `path` is used when the error carries none.
 */
export function fileSystemError(e: unknown, path?: string): FileAccessError | undefined {
  if (!(e instanceof Error)) return undefined;
  const err = e as NodeJS.ErrnoException;
  const code = err.code;
  if (typeof code !== 'string') return undefined;
  // A failed write on an open stream carries no path: still say what happened.
  const where = err.path ?? path ?? 'a file this command was writing';
  const writing = err.syscall !== undefined && WRITE_SYSCALLS.has(err.syscall) && err.syscall !== 'open';
  const say = (what: string) => new FileAccessError(where, code, what, { cause: e });
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return say(permissionDenied(where, err.syscall));
    case 'EROFS':
      return say(readOnlyFileSystem(where));
    case 'ENOSPC':
    case 'EDQUOT':
      return say(noSpaceLeft(where, code === 'EDQUOT'));
    case 'EISDIR':
      return say(`${where} is a folder, but a file was expected. Give the path of a file.`);
    case 'ENOTDIR':
      return say(`A part of ${where} is a file, not a folder. Check the path.`);
    case 'EEXIST':
      // mkdir of a folder whose path runs through an existing file.
      return say(`${where} already exists and is in the way (a file where a folder was expected?). Check the path.`);
    case 'ENOENT':
      return say(`${where} does not exist${writing ? ' (it was removed while the command ran)' : ''}. Check the path.`);
    case 'ELOOP':
      return say(`${where} is a symbolic link loop. Fix the link or give the real path.`);
    case 'EMFILE':
    case 'ENFILE':
      return say(`Too many open files while working on ${where}. Raise the limit (ulimit -n) or close other programs, then run the same command again.`);
    default:
      return undefined;
  }
}

/**
 * Refuse a path that is not a regular file (a FIFO, socket or device) before
 * reading it: reading a FIFO blocks until another process writes to it.
 * `what` names the file's role ("source file", "answers file").
 */
export function assertRegularFile(file: string, what: string): void {
  let s;
  try {
    s = statSync(file);
  } catch (e) {
    throw fileSystemError(e, file) ?? e;
  }
  if (s.isDirectory()) throw new UsageError(`The ${what} ${file} is a folder, not a file. Give the path of a file.`);
  if (!s.isFile()) {
    const kind = s.isFIFO()
      ? 'a named pipe (FIFO)'
      : s.isSocket()
        ? 'a socket'
        : s.isCharacterDevice() || s.isBlockDevice()
          ? 'a device'
          : 'not a regular file';
    throw new UsageError(notRegularFile(what, file, kind));
  }
}
