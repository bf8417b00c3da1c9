/** Long user-facing messages of the project stage. */

import { t } from '../i18n.js';
import { visibleInline } from '../text-safety.js';
import type { NewItemEvent } from './events.js';

export const noProjectFound = (dir: string, configFile: string) => t('errors.noProject', { dir, configFile });
export const appendFailed = (file: string, code: string, lines: number) =>
  `Could not write to ${file} (${code}): nothing of these ${lines} line(s) was kept. Free disk space (or fix the file system) and run the same command again.`;

export const badAuthorName = (name: string, source: string, problem: string) =>
  `The author name "${name}" (from ${source}) ${problem}; it names your journal file. Give a plain name, e.g. --as kim or CAREFULLY_AUTHOR=kim.`;

export const unknownTargetLanguage = (file: string, tag: string) =>
  `${file}, field "languages.to": ${JSON.stringify(tag)} is not a language code this tool knows. Use a BCP 47 tag such as ko, zh-Hans, th, vi or id.`;

export const journalEventIgnored = (rel: string, line: number, field: string | undefined, message: string) =>
  `${rel} line ${line}: ${field ? `field "${field}": ` : ''}${message}; this event is ignored. Fix or remove the line (was it edited by hand?).`;

export const journalUnitCut = (rel: string, first: number, last: number, found: number, expected: number, ts: string) =>
  `${rel} lines ${first}-${last}: ${found} of the ${expected} events written together at ${ts} (one answers file) are on disk: the write was cut short, so none of them is applied. Run the same \`carefully adapt --answers FILE\` again to apply the file.`;

export const orphansExcluded = (orphans: readonly string[]) =>
  `${orphans.length} item(s) in the journal are no longer in the source file and are excluded: ${orphans.slice(0, 5).join(', ')}${orphans.length > 5 ? ', ...' : ''}`;

export const englishMissing = (sourcePath: string, index: number, id: string) =>
  `${sourcePath}, record ${index}, ID ${JSON.stringify(id)}: --from en needs the English question and answer (roles questionEn, answerEn), and this record lacks them. Map them with --map questionEn=FIELD --map answerEn=FIELD, or translate from ja.`;

export const journalLineTorn = (rel: string, line: number) =>
  `${rel}, line ${line}: an unfinished last event (the program was stopped while writing it) is ignored; it will be removed on the next write.`;

export const journalLineNotJson = (rel: string, line: number, reason: string) =>
  `${rel}, line ${line}: not valid JSON (${reason}); this event is ignored. Was the file edited by hand or merged with conflict markers?`;

export const newItemIdCollision = (id: string, a: NewItemEvent, fileA: string, b: NewItemEvent, fileB: string) =>
  `Item ID ${JSON.stringify(id)} is given to two different added items: one by ${visibleInline(a.author)} at ${a.ts} (journal/${visibleInline(fileA)}, question ${JSON.stringify(visibleInline(a.question.slice(0, 60)))}) and one by ${visibleInline(b.author)} at ${b.ts} (journal/${visibleInline(fileB)}, question ${JSON.stringify(visibleInline(b.question.slice(0, 60)))}). Two clones added items under the same ID before their journals were merged. In one author's journal file, rename that item's ID in every event of it (to an ID no item has, e.g. the same ID with the author's name before the number), then run the command again.`;

export const journalChangedWhileRead = (rel: string, line: number, item: string) =>
  `${rel} line ${line} no longer holds the event of item ${JSON.stringify(visibleInline(item))} read there moments ago: the journal file was rewritten while this command ran (a git checkout or merge?). The command stopped before writing its output; run it again.`;

export const sourceChangedWhileRead = (file: string, index: number, id: string) =>
  `${file}, record ${index}: no longer holds the record with ID ${JSON.stringify(visibleInline(id))} carefully read there before: the source file changed since it was last read in full although its size and date did not (or it changed during this command). The command stopped; run it again (the source is then read and checked in full).`;

export const checkpointRowBroken = (rel: string, line: number) =>
  `${rel} line ${line} no longer holds the item fold carefully read there moments ago: the file changed on disk while this command ran. It is derived data and was removed; run the command again (the journal is then read from its start).`;
