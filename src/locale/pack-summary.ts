/**
 * `carefully pack show`: what a project's locale pack holds, as data a
 * script can read: each checklist question (ID, prompt template, condition,
 * effects) and each known equivalent.
 */
import type { ChecklistCondition, ChecklistEffect, ChecklistOption } from './locale-pack-types.js';
import type { LoadedLocalePack } from './locale-pack.js';

export interface PackSummary {
  tag: string;
  resolved: string;
  languageName: string;
  checklist: {
    id: string;
    prompt: string;
    help?: string;
    when: ChecklistCondition;
    effects: { yes: ChecklistEffect; no: ChecklistEffect };
    options?: ChecklistOption[];
  }[];
  equivalents: { id: string; category: string; source: string[]; target: string; note?: string }[];
}

export function packSummary(loaded: LoadedLocalePack): PackSummary {
  const { pack } = loaded;
  return {
    tag: loaded.requested,
    resolved: loaded.resolved,
    languageName: pack.languageName,
    checklist: pack.checklist.map((q) => ({
      id: q.id,
      prompt: q.prompt,
      ...(q.help ? { help: q.help } : {}),
      when: q.when ?? {},
      effects: q.effects,
      ...(q.options ? { options: q.options } : {}),
    })),
    equivalents: pack.equivalents.map((e) => ({ id: e.id, category: e.category, source: e.source, target: e.target, ...(e.note ? { note: e.note } : {}) })),
  };
}

/** A checklist condition in words: "risk area X · harm type Y" or "always". */
export function describeCondition(when: ChecklistCondition): string {
  const parts = [
    when.riskAreas && `risk area ${when.riskAreas.join(' or ')}`,
    when.harmTypes && `harm type ${when.harmTypes.join(' or ')}`,
    when.specificHarms && `specific harm ${when.specificHarms.join(' or ')}`,
    when.annotations &&
      Object.entries(when.annotations)
        .map(([p, v]) => `annotation ${p} = ${(Array.isArray(v) ? v : [v]).map((x) => JSON.stringify(x)).join(' or ')}`)
        .join(' · '),
    when.japanSpecific !== undefined && `japan-specific = ${when.japanSpecific}`,
    when.patterns && (when.patterns.length > 0 ? `text matches ${when.patterns.join(' or ')}` : 'never: no pattern given (a target pack adds them)'),
    when.equivalentCategories && `an equivalent of ${when.equivalentCategories.join(' or ')} is found`,
  ].filter(Boolean);
  return parts.length ? parts.join(' · ') : 'always';
}
