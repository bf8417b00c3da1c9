import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../../errors.js';
import { PACK_FILE } from '../../locale/locale-pack.js';
import { packSkeleton } from '../../locale/pack-skeleton.js';
import type { CommandContext } from '../io.js';
import { packMessages } from '../messages/pack.js';

export interface PackInitOptions {
  tag: string;
  /** Folder to write pack.json into; default: ./<tag>. */
  out?: string;
}

export function run(opts: PackInitOptions, { out, io }: CommandContext): Promise<number> {
  if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/u.test(opts.tag)) throw new UsageError(packMessages.badTag(opts.tag));
  const dir = opts.out ?? path.resolve(io.cwd, opts.tag);
  const file = path.join(dir, PACK_FILE);
  if (existsSync(file)) throw new UsageError(packMessages.exists(file));
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, packSkeleton(opts.tag, dir));
  out.print(packMessages.initialised(file, dir));
  return Promise.resolve(0);
}
