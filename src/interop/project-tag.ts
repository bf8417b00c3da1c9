/**
 * What an interop file carries in its header so that it comes back to the
 * project it was made for: a project identifier derived from the project's
 * config (source file, profile, mapping, languages, locale pack: the same in
 * every clone of the project) and the language pair.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Project } from '../project/project.js';

export interface ProjectTag {
  /** "carefully:ac.json:ja-ko:1a2b3c4d5e6f" */
  id: string;
  from: string;
  to: string;
}

export function projectTag(project: Project): ProjectTag {
  const { source, languages, localePack } = project.config;
  const essentials = JSON.stringify([source.path, source.profile, source.map ?? {}, languages.from, languages.to, localePack ?? '']);
  const hash = createHash('sha256').update(essentials).digest('hex').slice(0, 12);
  return { id: `carefully:${path.basename(source.path)}:${languages.from}-${languages.to}:${hash}`, from: languages.from, to: languages.to };
}

/** Hash of a target text as exported: an import compares against it to tell what was edited in the other tool. */
export function textHash(text: string | undefined): string {
  return createHash('sha256')
    .update(text ?? '')
    .digest('hex')
    .slice(0, 16);
}
