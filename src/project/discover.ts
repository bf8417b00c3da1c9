/** Find the project a command runs in, as git finds its repository: the nearest folder, from here up, that holds carefully.json. */
import { statSync } from 'node:fs';
import path from 'node:path';
import { ProjectError } from '../errors.js';
import { CONFIG_FILE } from './config.js';
import { noProjectFound } from './messages.js';

function isFile(p: string): boolean {
  try {
    return statSync(p, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false; // a folder we may not read (EACCES) holds no project we could open
  }
}

/** The nearest folder from `start` up (start included) with a carefully.json, or undefined. */
export function findProjectDir(start: string): string | undefined {
  let dir = path.resolve(start);
  for (;;) {
    if (isFile(path.join(dir, CONFIG_FILE))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Like findProjectDir, but a folder outside every project is a ProjectError saying how to create one. */
export function discoverProject(start: string): string {
  const dir = findProjectDir(start);
  if (dir === undefined) throw new ProjectError(noProjectFound(path.resolve(start), CONFIG_FILE));
  return dir;
}
