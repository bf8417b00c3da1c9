/**
 * What `adapt --answers` and `review --answers` share: reading the file
 * (UTF-8 only) and the item a line is about: `id`, or `ID` (the key
 * AnswerCarefully records use), so a line can be written from a record as it is.
 */
import { existsSync, readFileSync } from 'node:fs';
import { UnreadableFileError } from '../errors.js';
import { assertRegularFile } from '../fs-errors.js';

export const ID_KEYS = ['id', 'ID'] as const;

/** The line's item ID, or the problem with it (for the `id` field). */
export function answerId(obj: Record<string, unknown>): { id: string } | { problem: string } {
  const given = ID_KEYS.filter((k) => obj[k] !== undefined);
  if (given.length === 2 && obj.id !== obj.ID)
    return { problem: `"id" and "ID" name different items (${JSON.stringify(obj.id)}, ${JSON.stringify(obj.ID)}); give one.` };
  const id = given.length ? obj[given[0]!] : undefined;
  if (typeof id !== 'string' || id === '') return { problem: 'is missing or not a string (give "id" or "ID").' };
  return { id };
}

export function readAnswersFile(file: string): string {
  // A FIFO would block the read for ever; a missing file gets the message below.
  if (existsSync(file)) assertRegularFile(file, 'answers file');
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new UnreadableFileError(
      { file, message: `cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})` },
      'Check the path given to --answers.',
    );
  }
  try {
    // Fatal: Latin-1 or Shift_JIS bytes must not become U+FFFD in the journal unseen.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const before = new TextDecoder('utf-8').decode(bytes).split('\uFFFD')[0]!;
    const line = before.split('\n').length;
    throw new UnreadableFileError(
      { file, line, message: 'contains bytes that are not valid UTF-8' },
      'Save the answers file as UTF-8 (for example with `iconv -f LATIN1 -t UTF-8`) and try again.',
    );
  }
}
