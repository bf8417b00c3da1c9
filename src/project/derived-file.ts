/**
 * Writes a derived file under the project's cache/ folder, best effort and
 * atomically (a temporary file renamed over it): a project that cannot be
 * written to just has no cache, and a reader never sees half a file.
 * Synchronous and free of dependencies, because `status` writes one and its
 * start-up is measured.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function writeDerivedFile(file: string, text: string | Uint8Array): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  } catch {
    rmSync(tmp, { force: true });
  }
}
