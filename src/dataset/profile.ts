/**
 * Profiles map roles (id, question, answer, ...) to field paths, so no stage
 * hard-codes AnswerCarefully's field names. Users override any role with
 * `--map ROLE=FIELD` (CLI) or `source.map` (carefully.json).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { hash as hashOf } from 'node:crypto';
import { assetPath } from '../paths.js';
import { UsageError } from '../errors.js';
import { ROLES, type Role, type RoleMapping, type SourceItem } from './item.js';
import { getPath } from './field-path.js';

export interface Profile {
  name: string;
  description: string;
  /** Schema file in schemas/, applied to the role view of each record. */
  schema: string;
  roles: RoleMapping;
}

export const DEFAULT_PROFILE = 'answercarefully';

export function profileNames(): string[] {
  return readdirSync(assetPath('data', 'profiles'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -5));
}

export function loadProfile(name: string = DEFAULT_PROFILE): Profile {
  if (!/^[a-z0-9-]+$/.test(name) || !profileNames().includes(name)) {
    throw new UsageError(`Unknown profile "${name}". Known profiles: ${profileNames().join(', ')}. Use --map ROLE=FIELD to adjust a profile to your file.`);
  }
  return JSON.parse(readFileSync(assetPath('data', 'profiles', `${name}.json`), 'utf8')) as Profile;
}

function isRole(s: string): s is Role {
  return (ROLES as readonly string[]).includes(s);
}

/**
 * Apply `ROLE=FIELD` overrides to a profile's mapping. `taxonomy=PATH` is a
 * shorthand for PATH.risk-area / PATH.harm-type / PATH.specific-harm, and
 * `ROLE=` (empty) removes a role.
 */
export function resolveMapping(profile: Profile, overrides: readonly string[] | Record<string, string> = []): RoleMapping {
  const mapping: RoleMapping = { ...profile.roles };
  const pairs = Array.isArray(overrides)
    ? overrides.map((o: string) => {
        const eq = o.indexOf('=');
        if (eq <= 0) throw new UsageError(`--map "${o}" is not ROLE=FIELD. Example: --map questionEn=text_en. Roles: ${ROLES.join(', ')}, taxonomy.`);
        return [o.slice(0, eq).trim(), o.slice(eq + 1).trim()] as const;
      })
    : Object.entries(overrides);
  for (const [role, field] of pairs) {
    if (role === 'taxonomy') {
      mapping.riskArea = `${field}.risk-area`;
      mapping.harmType = `${field}.harm-type`;
      mapping.specificHarm = `${field}.specific-harm`;
      continue;
    }
    if (!isRole(role)) {
      throw new UsageError(`Unknown role "${role}" in --map. Roles: ${ROLES.join(', ')}, taxonomy (shorthand for the three meta labels).`);
    }
    if (field === '') delete mapping[role];
    else mapping[role] = field;
  }
  for (const role of ['id', 'question', 'answer'] as const) {
    if (!mapping[role]) throw new UsageError(`The role "${role}" must be mapped to a field (--map ${role}=FIELD).`);
  }
  return mapping;
}

/** The overrides that turn the profile's mapping into `mapping` (what carefully.json stores). */
export function mappingOverrides(profile: Profile, mapping: RoleMapping): Record<string, string> {
  const out: Record<string, string> = {};
  for (const role of ROLES) {
    if (profile.roles[role] !== mapping[role]) out[role] = mapping[role] ?? '';
  }
  return out;
}

/** The record as roles: what the item schema validates. Absent fields are left out. */
export function roleView(record: unknown, mapping: RoleMapping): Record<string, unknown> {
  const view: Record<string, unknown> = {};
  for (const role of ROLES) {
    const path = mapping[role];
    if (!path) continue;
    const v = getPath(record, path);
    if (v !== undefined && v !== null) view[role] = v;
  }
  return view;
}

export function sourceHash(question: string, answer: string): string {
  // One-shot: a hash object per record cost more than the digest at 100k records (issue #11).
  return hashOf('sha256', `${question}\u0000${answer}`, 'hex').slice(0, 16);
}

/**
 * A record read back by itself (a record of a source validated before) as the item at `index`, or undefined when it is
 * no longer a record with a question and an answer.
 */
export function itemOfRecord(record: unknown, mapping: RoleMapping, index: number): SourceItem | undefined {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) return undefined;
  const view = roleView(record, mapping);
  return typeof view.question === 'string' && typeof view.answer === 'string' ? toSourceItem(view, index) : undefined;
}

/** A validated role view as a SourceItem; `hash`, when given, is its sourceHash already known (a trusted read). */
export function toSourceItem(view: Record<string, unknown>, index: number, hash?: string): SourceItem {
  const item: SourceItem = {
    index,
    id: view.id as string,
    question: view.question as string,
    answer: view.answer as string,
    sourceHash: hash ?? sourceHash(view.question as string, view.answer as string),
  };
  for (const role of ['questionEn', 'answerEn', 'riskArea', 'harmType', 'specificHarm'] as const) {
    if (typeof view[role] === 'string') item[role] = view[role];
  }
  if (typeof view.japanSpecific === 'boolean') item.japanSpecific = view.japanSpecific;
  if (view.annotations && typeof view.annotations === 'object') item.annotations = view.annotations as Record<string, unknown>;
  return item;
}
