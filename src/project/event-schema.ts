/**
 * The schema every journal event is checked against on read. Journals are
 * plain files that people merge with git and sometimes edit, so a bad line
 * (a decision "nuke", a missing item) must be skipped with its field named,
 * not crash `check` or `export` later. Hand-written rather than ajv: it runs
 * on every event of every command, `status` included, and its messages name
 * the field directly.
 */
import { TEXT_ROLES } from '../dataset/item.js';
import { DECISIONS } from './decisions.js';
import { EVENT_TYPES, type EventType, type JournalEvent } from './events.js';

export interface EventProblem {
  /** The field at fault, when one is. */
  field?: string;
  message: string;
}

type Check = (value: unknown) => string | undefined;

const string: Check = (v) => (typeof v === 'string' ? undefined : 'must be a string');
const nonEmpty: Check = (v) => (typeof v === 'string' && v !== '' ? undefined : 'must be a non-empty string');
const boolean: Check = (v) => (typeof v === 'boolean' ? undefined : 'must be true or false');
const oneOf =
  (values: readonly (string | number)[]): Check =>
  (v) =>
    values.includes(v as string) ? undefined : `${JSON.stringify(v)} is not one of ${values.join(', ')}`;
const ISO_UTC = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,9})?Z$/u;
const isoTime: Check = (v) => (typeof v === 'string' && ISO_UTC.test(v) ? undefined : `${JSON.stringify(v)} is not an ISO 8601 UTC time`);
const counter: Check = (v) => (Number.isSafeInteger(v) && (v as number) >= 0 ? undefined : 'must be a whole number >= 0');
const stringList: Check = (v) => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? undefined : 'must be a list of strings');
const unit: Check = (v) => (typeof v === 'string' && /^.+\/[1-9]\d*$/u.test(v) ? undefined : 'must be "<unit ID>/<event count>"');

const groups: Check = (v) =>
  v !== null && typeof v === 'object' && typeof (v as Record<string, unknown>).source === 'string' && typeof (v as Record<string, unknown>).target === 'string'
    ? undefined
    : 'must be {"source": "...", "target": "..."}';

/** yes/no/n/a or an option ID (the pack, not the journal, knows which a question takes). */
const checklistAnswer: Check = (v) =>
  v === 'n/a' || (typeof v === 'string' && /^[a-z0-9][a-z0-9-]*$/u.test(v))
    ? undefined
    : `${JSON.stringify(v)} is not yes, no, n/a or an option ID (lower-case letters, digits and hyphens)`;

type Fields = readonly (readonly [string, Check])[];

/** Required and optional fields by event type, after the common ones (entries precomputed: this runs on every event read). */
const FIELDS: Record<EventType, { required: Fields; optional: Fields }> = Object.fromEntries(
  Object.entries({
    mt: { required: { provider: string, label: string, isTranslation: boolean, question: string, answer: string } },
    edit: { required: { field: oneOf(TEXT_ROLES), text: string }, optional: { fromSuggestion: string } },
    checklist: { required: { question: nonEmpty, answer: checklistAnswer }, optional: { note: string } },
    decision: { required: { decision: oneOf([...DECISIONS, 'replace']) }, optional: { rationale: string, secondary: boolean, after: stringList, groups } },
    flag: { required: { note: string }, optional: { resolved: boolean, reply: boolean } },
    review: { required: { verdict: oneOf(['approve', 'reject']) }, optional: { comment: string } },
    assign: { required: { assignee: nonEmpty, role: oneOf(['secondary']) } },
    intended: { required: { source: nonEmpty, target: string, reason: nonEmpty }, optional: { withdrawn: boolean } },
    new: {
      required: { question: nonEmpty, answer: nonEmpty, rationale: nonEmpty },
      optional: { riskArea: string, harmType: string, specificHarm: string },
    },
    waiver: { required: { check: nonEmpty, reason: nonEmpty, targetHash: nonEmpty }, optional: { field: oneOf(TEXT_ROLES), revoked: boolean } },
    undo: { required: { undoes: nonEmpty } },
    suggestion: {
      required: {
        model: nonEmpty,
        endpoint: string,
        promptHash: nonEmpty,
        sentSource: boolean,
        question: string,
        answer: string,
        rationale: string,
        changes: stringList,
      },
    },
  } satisfies Record<EventType, { required: Record<string, Check>; optional?: Record<string, Check> }>).map(([type, spec]) => [
    type,
    { required: Object.entries(spec.required), optional: Object.entries({ ...('optional' in spec ? spec.optional : {}), unit }) },
  ]),
) as unknown as Record<EventType, { required: Fields; optional: Fields }>;

const COMMON: Fields = Object.entries({ v: oneOf([1, 2]), ts: isoTime, author: nonEmpty, item: nonEmpty, sourceHash: nonEmpty, type: oneOf(EVENT_TYPES) });
const COUNTER: Fields = [['c', counter]];

/** The first problem of a parsed journal line, or undefined when it is a valid event. Unknown extra fields are allowed (newer versions may add some). */
export function eventProblem(value: unknown): EventProblem | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { message: 'is not a JSON object' };
  const e = value as Record<string, unknown>;
  const common = check(e, COMMON, true);
  if (common) return common;
  const spec = FIELDS[e.type as EventType];
  return check(e, spec.required, true) ?? check(e, spec.optional, false) ?? check(e, COUNTER, e.v === 2);
}

function check(e: Record<string, unknown>, fields: Fields, required: boolean): EventProblem | undefined {
  for (const [field, fn] of fields) {
    const v = e[field];
    if (v === undefined) {
      if (required) return { field, message: 'is missing' };
      continue;
    }
    const message = fn(v);
    if (message) return { field, message };
  }
  return undefined;
}

export function isValidEvent(value: unknown): value is JournalEvent {
  return eventProblem(value) === undefined;
}
