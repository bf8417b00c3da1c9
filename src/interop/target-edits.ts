/**
 * Targets edited in another tool (XLIFF, a sheet) back into the journal as
 * edit events, through the adapt session's own edit rules (the ones the
 * wizard and `adapt --answers` use). Every unit is checked before anything is
 * written: an unknown item, a duplicate unit or an edit the session refuses
 * fails the whole file. A unit whose source changed since export (stale), or
 * whose target was changed in the project since export, is refused on its
 * own and listed: the others are applied. A target equal to the exported one
 * is no edit; one equal to the project's current text is already recorded.
 */
import { ActionError, DataError, type DataProblem } from '../errors.js';
import type { TextRole } from '../dataset/item.js';
import type { NewEvent } from '../project/events.js';
import type { AdaptSession } from '../adapt/adapt-session.js';
import { textHash } from './project-tag.js';
import { messages } from './messages.js';

export interface IncomingTarget {
  item: string;
  field: TextRole;
  /** The target in the file (undefined or empty: not translated there). */
  target: string | undefined;
  /** The item's source hash when exported. */
  sourceHash: string | undefined;
  /** textHash of the target when exported. */
  targetHash: string | undefined;
  /** Where the unit is, for messages: a line or row number when the format has one. */
  line?: number;
}

export interface RefusedUnit {
  id: string;
  field: TextRole;
  reason: 'stale' | 'changed-in-project';
  message: string;
}

export interface EditPlan {
  units: number;
  /** Units whose target differs from the exported one and is applied now. */
  edited: number;
  /** Units edited in the file whose text the project already holds. */
  alreadyRecorded: number;
  /** Units with the target as exported (or none). */
  unchanged: number;
  refused: RefusedUnit[];
  events: NewEvent[];
}

export function planTargetEdits(file: string, incoming: readonly IncomingTarget[], session: AdaptSession): EditPlan {
  const problems: DataProblem[] = [];
  const plan: EditPlan = { units: incoming.length, edited: 0, alreadyRecorded: 0, unchanged: 0, refused: [], events: [] };
  const seen = new Set<string>();
  const edits = new Map<string, { field: TextRole; text: string }[]>();
  for (const u of incoming) {
    const at = { file, id: u.item, field: u.field, ...(u.line !== undefined ? { line: u.line } : {}) };
    const item = session.item(u.item);
    if (!item) {
      problems.push({ ...at, message: messages.unknownItem(u.item) });
      continue;
    }
    const key = `${u.item}#${u.field}`;
    if (seen.has(key)) {
      problems.push({ ...at, message: messages.duplicateUnit });
      continue;
    }
    seen.add(key);
    if (u.sourceHash === undefined || u.targetHash === undefined) {
      problems.push({ ...at, message: messages.missingHashes });
      continue;
    }
    const text = u.target?.trim() ?? '';
    if (text === '' || textHash(u.target) === u.targetHash || textHash(text) === u.targetHash) {
      plan.unchanged++;
      continue;
    }
    const current = session.state(u.item)[u.field];
    if (current === text) {
      plan.alreadyRecorded++;
      continue;
    }
    if (u.sourceHash !== item.sourceHash) {
      plan.refused.push({ id: u.item, field: u.field, reason: 'stale', message: messages.staleUnit(u.item, u.field) });
      continue;
    }
    if (textHash(current) !== u.targetHash) {
      plan.refused.push({ id: u.item, field: u.field, reason: 'changed-in-project', message: messages.changedInProject(u.item, u.field) });
      continue;
    }
    const list = edits.get(u.item) ?? [];
    list.push({ field: u.field, text });
    edits.set(u.item, list);
  }
  for (const [id, list] of edits) {
    try {
      const events = session.eventsForAll(
        list.map((e) => ({ type: 'edit', field: e.field, text: e.text })),
        id,
      );
      plan.edited += list.length;
      plan.events.push(...events);
    } catch (e) {
      if (!(e instanceof ActionError)) throw e;
      problems.push({ file, id, field: e.field, message: e.message });
    }
  }
  if (problems.length > 0) throw DataError.listing(messages.problems(file, problems.length), problems, { max: 50 });
  return plan;
}
