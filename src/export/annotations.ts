/**
 * `export --annotate`: a block of adaptation metadata beside each record's
 * `meta`. People appear as stable pseudonyms (annotator-1, ...: numbered in
 * the order they are first met in the source), mapped to roles in the card,
 * unless the user asks for names.
 */
import { culturalLabels, type CulturalLabels } from '../locale/cultural-labels.js';
import type { ItemState } from '../project/state.js';
import type { SourceItem } from '../dataset/item.js';
import { loadTaxonomy } from '../dataset/taxonomy.js';

/** The key of the block, beside the source's `meta`. */
export const ANNOTATION_KEY = 'adaptation';

export type AnnotatorMode = 'pseudonyms' | 'names';
export const ANNOTATOR_MODES: readonly AnnotatorMode[] = ['pseudonyms', 'names'];

export type AnnotatorRole = 'localizer' | 'reviewer';

export class Annotators {
  private readonly ids = new Map<string, string>();
  private readonly roles = new Map<string, Set<AnnotatorRole>>();
  constructor(readonly mode: AnnotatorMode) {}

  /** The name shown for a user, recording the role they had. */
  label(user: string, role: AnnotatorRole): string {
    let id = this.ids.get(user);
    if (id === undefined) {
      id = this.mode === 'names' ? user : `annotator-${this.ids.size + 1}`;
      this.ids.set(user, id);
      this.roles.set(id, new Set());
    }
    this.roles.get(id)!.add(role);
    return id;
  }

  /** The card's annotators table: label -> roles (never the user name in pseudonym mode). */
  table(): { name: string; roles: string }[] {
    return [...this.roles].map(([name, roles]) => ({ name, roles: [...roles].sort().join(', ') }));
  }
}

/** The labels of a taxonomy level: as in the source (Japanese) and in English, when known. */
function labels(level: 'riskArea' | 'harmType', label: string | undefined): { ja: string; en: string | null } | null {
  if (label === undefined) return null;
  return { ja: label, en: loadTaxonomy().english(level, label) ?? null };
}

export interface AnnotationContext {
  annotators: Annotators;
  pack: string;
  packVersion: string;
}

/** Who worked on an item, as the export shows them: localizers, and the reviewer of its current text. */
export function itemPeople(s: ItemState, annotators: Annotators): { localizers: string[]; reviewer: string | null } {
  const reviewer = s.review?.author;
  // Everyone who worked on the item except a reviewer whose only part was the review.
  const worked = s.authors.filter((a) => a !== reviewer || s.decision?.author === a || s.editors.includes(a) || s.mt?.author === a);
  return {
    localizers: worked.map((a) => annotators.label(a, 'localizer')),
    reviewer: reviewer === undefined ? null : annotators.label(reviewer, 'reviewer'),
  };
}

/** The `adaptation` block of one exported record. */
export function annotationBlock(item: SourceItem, s: ItemState, ctx: AnnotationContext): Record<string, unknown> {
  return {
    decision: s.decision?.decision ?? null,
    'risk-area': labels('riskArea', item.riskArea),
    'harm-type': labels('harmType', item.harmType),
    pack: ctx.pack,
    'pack-version': ctx.packVersion,
    ...itemPeople(s, ctx.annotators),
    culture: cultureBlock(culturalLabels(item, s)),
  };
}

/** The cultural labels as exported: null where nothing says; `inferred` names labels the item implied rather than a person answered. */
export function cultureBlock(c: CulturalLabels): Record<string, unknown> {
  return { sensitivity: c.sensitivity, scope: c.scope, 'time-sensitive': c.timeSensitive, 'as-of': c.asOf, inferred: c.inferred };
}
