/**
 * The units an interop file holds: one per item field (question, answer) with
 * the source text, the current target, a state, the hashes an import checks
 * (source as exported, target as exported) and notes for the translator.
 * Built from the adapt session, so a unit shows what the wizard would show.
 */
import { TEXT_ROLES, type SourceItem, type TextRole } from '../dataset/item.js';
import { describeLabel } from '../dataset/taxonomy.js';
import type { AdaptSession } from '../adapt/adapt-session.js';
import type { ItemState } from '../project/state.js';
import { textHash } from './project-tag.js';

/** new: no target yet; needs-review: a target nobody decided on (or rework); translated: decided, awaiting review; final: approved. */
export type UnitState = 'new' | 'needs-review' | 'translated' | 'final';

export interface UnitNote {
  /** english, taxonomy, checklist, equivalents, decision */
  category: string;
  text: string;
}

export interface ExportedUnit {
  item: string;
  field: TextRole;
  source: string;
  target?: string;
  state: UnitState;
  sourceHash: string;
  /** textHash of the target as exported ('' target when none). */
  targetHash: string;
  notes: UnitNote[];
}

/** How a unit names its item and field: "<item ID>#question". */
export function unitName(item: string, field: TextRole): string {
  return `${item}#${field}`;
}

/** The item and field of a unit name, or undefined when it is not one. */
export function parseUnitName(name: string): { item: string; field: TextRole } | undefined {
  const at = name.lastIndexOf('#');
  const field = name.slice(at + 1);
  if (at <= 0 || !(TEXT_ROLES as readonly string[]).includes(field)) return undefined;
  return { item: name.slice(0, at), field: field as TextRole };
}

export function unitState(state: ItemState): UnitState {
  if (state.question === undefined && state.answer === undefined) return 'new';
  if (state.state === 'approved') return 'final';
  if (state.state === 'adapted') return 'translated';
  return 'needs-review';
}

/** The units of the session's queue, in source order. */
export function collectUnits(session: AdaptSession): ExportedUnit[] {
  return session.queue.flatMap((item) => itemUnits(session, item));
}

function itemUnits(session: AdaptSession, item: SourceItem): ExportedUnit[] {
  const view = session.view(item.id);
  const state = session.state(item.id);
  const taxonomy = [
    describeLabel('riskArea', item.riskArea),
    describeLabel('harmType', item.harmType),
    ...(item.specificHarm ? [describeLabel('specificHarm', item.specificHarm)] : []),
  ].join(' > ');
  const checklist = view.checklist.map((q) => `${q.id}: ${q.prompt}${q.answer ? ` [${q.answer}]` : ''}`);
  const decision = state.decision ? `${state.decision.decision}${state.decision.rationale ? `: ${state.decision.rationale}` : ''}` : undefined;
  return TEXT_ROLES.map((field) => {
    const english = field === 'question' ? item.questionEn : item.answerEn;
    const notes: UnitNote[] = [
      ...(english !== undefined ? [{ category: 'english', text: english }] : []),
      { category: 'taxonomy', text: taxonomy },
      ...(checklist.length ? [{ category: 'checklist', text: checklist.join('\n') }] : []),
      ...(view.suggestions.length ? [{ category: 'equivalents', text: view.suggestions.join('\n') }] : []),
      { category: 'decision', text: decision ? `${decision} (${state.state})` : `none yet (${state.state})` },
    ];
    const target = state[field];
    return {
      item: item.id,
      field,
      source: item[field],
      ...(target !== undefined ? { target } : {}),
      state: unitState(state),
      sourceHash: item.sourceHash,
      targetHash: textHash(target),
      notes,
    };
  });
}
