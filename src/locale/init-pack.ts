/**
 * `init --locale-pack VALUE`: a shipped pack's tag is stored as given; a
 * folder (relative to the working folder, else to the new project) must hold
 * a pack that passes `pack check`, and is stored relative to the project, as
 * `localePack` in carefully.json is read.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DataError, UsageError } from '../errors.js';
import { PACK_FILE, isPackPath, loadPackFolder, type LoadedLocalePack } from './locale-pack.js';
import { checkPackFolder } from './pack-check.js';
import { localeMessages } from './messages.js';

export interface InitPack {
  /** The value for carefully.json. */
  localePack: string;
  /** The pack folder, when the value names one. */
  folder?: string;
}

export function resolveInitPack(value: string, cwd: string, projectDir: string): InitPack {
  if (!isPackPath(value)) return { localePack: value };
  const tried = [...new Set([path.resolve(cwd, value), path.resolve(projectDir, value)])];
  const folder = tried.find((f) => existsSync(path.join(f, PACK_FILE)));
  if (folder === undefined) throw new UsageError(localeMessages.initNoPack(value, tried, PACK_FILE));
  const report = checkPackFolder(folder);
  if (report.errors.length > 0)
    throw DataError.listing(
      localeMessages.initBadPack(value, report.errors.length),
      report.errors.map((e) => ({ file: e.file, ...(e.pointer ? { field: e.pointer } : {}), message: e.message })),
      { advice: localeMessages.initBadPackAdvice(folder) },
    );
  const relative = path.relative(projectDir, folder).split(path.sep).join('/');
  return { localePack: relative === '' ? '.' : isPackPath(relative) ? relative : `./${relative}`, folder };
}

/** The pack an `init --locale-pack` value names (a folder from resolveInitPack, else a tag) or the target language's. */
export function initPackLoaded(pack: InitPack | undefined, to: string, load: (tag: string) => LoadedLocalePack): LoadedLocalePack {
  if (pack?.folder !== undefined) return loadPackFolder(pack.folder, pack.localePack);
  return load(pack?.localePack ?? to);
}
