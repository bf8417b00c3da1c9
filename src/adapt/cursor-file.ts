/**
 * Where each person stopped in the adapt wizard: the last item shown to them,
 * in cache/cursor-<author>.json (not the journal: it is no work on an item).
 * A restart resumes there. A missing or unreadable file just means "from the
 * first item still to do".
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { authorFileName } from '../project/journal.js';

export function cursorPath(projectDir: string, author: string): string {
  return path.join(projectDir, 'cache', `cursor-${authorFileName(author).replace(/\.jsonl$/, '')}.json`);
}

/** The ID of the last item shown to the author, if recorded. */
export function readCursor(projectDir: string, author: string): string | undefined {
  try {
    const data: unknown = JSON.parse(readFileSync(cursorPath(projectDir, author), 'utf8'));
    const id = (data as { id?: unknown } | null)?.id;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}

/** Record the item shown to the author (written whole, then renamed: never half a file). */
export function writeCursor(projectDir: string, author: string, id: string): void {
  const file = cursorPath(projectDir, author);
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify({ id, ts: new Date().toISOString() })}\n`);
  renameSync(tmp, file);
}
