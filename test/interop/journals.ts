/** Every journal file of a project, by name, to assert that an import wrote nothing. */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

export function journals(dir: string): Record<string, string> {
  const j = path.join(dir, 'journal');
  return Object.fromEntries(readdirSync(j).map((f) => [f, readFileSync(path.join(j, f), 'utf8')]));
}
