/** What every interop command shares: reading a file as UTF-8 text, writing one atomically, the tool name and the header notice. */
import { existsSync, readFileSync } from 'node:fs';
import writeFileAtomic from 'write-file-atomic';
import { UnreadableFileError } from '../errors.js';
import { assertRegularFile } from '../fs-errors.js';
import { assetPath } from '../paths.js';

export const NOTICE =
  'Working file of a carefully project: it holds AnswerCarefully source text, which may not be redistributed. Keep it within the team; never publish it.';

export function toolName(): string {
  const pkg = JSON.parse(readFileSync(assetPath('package.json'), 'utf8')) as { version: string };
  return `carefully ${pkg.version}`;
}

export function readBytes(file: string, what: string): Buffer {
  if (existsSync(file)) assertRegularFile(file, what);
  try {
    return readFileSync(file);
  } catch (e) {
    throw new UnreadableFileError({ file, message: `cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})` }, `Check the path of the ${what}.`);
  }
}

export function readText(file: string, what: string): string {
  const bytes = readBytes(file, what);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/u, '');
  } catch {
    throw new UnreadableFileError({ file, message: 'contains bytes that are not valid UTF-8' }, `Save the ${what} as UTF-8 and try again.`);
  }
}

export async function writeOut(file: string, content: string | Buffer): Promise<void> {
  await writeFileAtomic(file, content, { fsync: true });
}
