/**
 * `carefully pack init`: a new pack's pack.json from the base pack. Every base
 * equivalent is overridden with an empty `target`, `asOf` and `sourceUrl` to
 * fill in (empty fields inherit base's until then; `pack check` warns about
 * them), and every base question has a `checklistOverrides` entry with its
 * base help to rewrite for the target (and an empty `patterns` list where the
 * base question takes its patterns from the pack). New questions go in `checklist`.
 */
import path from 'node:path';
import { BASE_PACK, LOCALE_PACK_SCHEMA, PACK_FILE, localesDir, readPackFile } from './locale-pack.js';
import { assetPath } from '../paths.js';

/** The skeleton's JSON text for `tag`, with `$schema` relative to the pack's folder `dir`. */
export function packSkeleton(tag: string, dir: string): string {
  const base = readPackFile(path.join(localesDir(), BASE_PACK, PACK_FILE), BASE_PACK).raw;
  const schema = path.relative(dir, assetPath('schemas', LOCALE_PACK_SCHEMA)).split(path.sep).join('/');
  const skeleton = {
    $schema: schema,
    tag,
    languageName: tag,
    checklist: [],
    checklistOverrides: Object.fromEntries(
      base.checklist.map((q) => [q.id, { ...(q.help === undefined ? {} : { help: q.help }), ...(q.when?.patterns?.length === 0 ? { patterns: [] } : {}) }]),
    ),
    equivalents: base.equivalents.map((e) => ({ id: e.id, target: '', asOf: '', sourceUrl: '' })),
    glossary: [],
  };
  return `${JSON.stringify(skeleton, null, 2)}\n`;
}
