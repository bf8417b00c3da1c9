/** Who is working: --as NAME, else CAREFULLY_AUTHOR, else git's user.name, else the OS user. */
import { spawnSync } from 'node:child_process';
import { userInfo } from 'node:os';

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
