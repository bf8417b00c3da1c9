/** Who is working: --as NAME, else CAREFULLY_AUTHOR, else git's user.name, else the OS user. */
import { spawnSync } from 'node:child_process';
import { userInfo } from 'node:os';
import { UsageError } from '../errors.js';
import { hasControlCharacters, visibleInline } from '../text-safety.js';
import { badAuthorName } from './messages.js';

/**
 * An author name names the journal file (journal/<name>.jsonl) and is shown to
 * others: no path separators or dot-names (it would write outside journal/),
 * no control characters, not blank.
 */
export function checkAuthor(name: string, source = '--as'): string {
  const problem =
    name.trim() === ''
      ? 'is empty'
      : /[/\\]/.test(name)
        ? 'contains a path separator (/ or \\)'
        : name === '.' || name === '..' || name.startsWith('.')
          ? 'starts with a dot'
          : hasControlCharacters(name)
            ? 'contains control characters'
            : name.length > 100
              ? 'is longer than 100 characters'
              : undefined;
  if (problem) {
    throw new UsageError(badAuthorName(visibleInline(name), source, problem));
  }
  return name;
}

/** The author for this run: --as NAME if given, else `defaultAuthor`; checked with `checkAuthor`. */
export function resolveAuthor(as: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (as !== undefined) return checkAuthor(as, '--as');
  const name = defaultAuthor(env);
  return checkAuthor(name, env.CAREFULLY_AUTHOR ? 'CAREFULLY_AUTHOR' : 'git user.name or the OS user');
}

export function defaultAuthor(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CAREFULLY_AUTHOR) return env.CAREFULLY_AUTHOR;
  const git = spawnSync('git', ['config', 'user.name'], { encoding: 'utf8', timeout: 2000 });
  const name = git.status === 0 ? git.stdout.trim() : '';
  if (name) return name;
  try {
    return userInfo().username;
  } catch {
    return 'anonymous';
  }
}
