/**
 * The culture-adaptation checklist engine: which questions apply to an item,
 * how they render, and what the answers imply for the item's decision. No UI:
 * the wizard draws what these functions return.
 *
 * Condition semantics (`when`, see locale-pack-types.ts):
 * - every key given must hold (AND); within one list, any entry may match (OR);
 *   an absent or empty `when` always holds;
 * - riskAreas / harmTypes / specificHarms: the item's label (NFKC-normalised,
 *   trimmed) is one of the listed labels; an item without that label fails;
 * - japanSpecific: the item's annotation equals the value; an item without the
 *   annotation fails both `true` and `false`;
 * - annotations: for each dotted path, the item's annotation there equals the
 *   value or one of the listed values (a list annotation: any element does);
 *   an item without it fails;
 * - patterns: any pattern (flags "iu") matches the NFKC-normalised question,
 *   answer, English question or English answer;
 * - equivalentCategories: an equivalent of one of these categories was found in
 *   the item (the `found` matches, or findEquivalents on the item's texts).
 */
import { uiLanguage } from '../i18n.js';
import Handlebars from 'handlebars';
import type { ChecklistAnswer } from '../project/events.js';
import type { SourceItem } from '../dataset/item.js';
import { loadTaxonomy } from '../dataset/taxonomy.js';
import type { Decision } from '../project/decisions.js';
import { isNamespacedLabel } from '../project/new-items.js';
import { findEquivalents, itemTexts, type EquivalentMatch } from './equivalents.js';
import type { AnnotationValue, ChecklistCondition, ChecklistEffect, ChecklistQuestion, LocalePack } from './locale-pack-types.js';

export type { ChecklistAnswer };
export const CHECKLIST_ANSWERS = ['yes', 'no', 'n/a'] as const satisfies readonly ChecklistAnswer[];

/** The questions of the pack whose conditions hold for the item, in pack order. */
export function applicableQuestions(pack: LocalePack, item: SourceItem, found?: readonly EquivalentMatch[]): ChecklistQuestion[] {
  let matches = found;
  const lazyFound = (): readonly EquivalentMatch[] => (matches ??= findEquivalents(pack, itemTexts(item)));
  return pack.checklist.filter((q) => conditionHolds(q.when, item, lazyFound));
}

/** Whether one condition holds for an item (semantics in the module comment). */
export function conditionHolds(when: ChecklistCondition | undefined, item: SourceItem, found: () => readonly EquivalentMatch[]): boolean {
  if (!when) return true;
  if (when.riskAreas && !labelIn(item.riskArea, when.riskAreas)) return false;
  if (when.harmTypes && !labelIn(item.harmType, when.harmTypes)) return false;
  if (when.specificHarms && !labelIn(item.specificHarm, when.specificHarms)) return false;
  if (when.japanSpecific !== undefined && item.japanSpecific !== when.japanSpecific) return false;
  if (when.annotations && !Object.entries(when.annotations).every(([p, v]) => annotationMatches(item.annotations, p, v))) return false;
  if (when.patterns) {
    const texts = itemTexts(item).map((t) => t.text.normalize('NFKC'));
    if (!when.patterns.some((p) => texts.some((t) => patternRegex(p).test(t)))) return false;
  }
  if (when.equivalentCategories) {
    const categories = new Set(when.equivalentCategories);
    if (!found().some((m) => categories.has(m.equivalent.category))) return false;
  }
  return true;
}

function annotationMatches(annotations: Record<string, unknown> | undefined, dotted: string, wanted: AnnotationValue | AnnotationValue[]): boolean {
  let value: unknown = annotations;
  for (const key of dotted.split('.')) value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  const accepted = Array.isArray(wanted) ? wanted : [wanted];
  return (Array.isArray(value) ? value : [value]).some((v) => accepted.includes(v as AnnotationValue));
}

/** Taxonomy labels are compared after NFKC normalisation and trimming, known aliases resolved ("プロパガンダ" = "プロバガンダ"); memoised there. */
export function normalizeLabel(label: string): string {
  return loadTaxonomy().canonical(label);
}

function labelIn(label: string | undefined, labels: readonly string[]): boolean {
  if (label === undefined) return false;
  const l = normalizeLabel(label);
  return labels.some((x) => normalizeLabel(x) === l);
}

const patterns = new Map<string, RegExp>();
function patternRegex(p: string): RegExp {
  let re = patterns.get(p);
  if (!re) {
    re = new RegExp(p, 'iu');
    patterns.set(p, re);
  }
  return re;
}

/**
 * A test of whether an item's taxonomy labels satisfy no label condition
 * (riskAreas, harmTypes, specificHarms) of any checklist question although the
 * pack has such questions: its category-specific questions are all skipped,
 * usually because a label is spelled in a way the taxonomy does not know. The
 * pack's label conditions are gathered once, when the test is made.
 */
export function noLabelConditionMatcher(pack: LocalePack): (item: SourceItem) => boolean {
  const conditioned = pack.checklist.filter((q) => q.when?.riskAreas ?? q.when?.harmTypes ?? q.when?.specificHarms);
  if (conditioned.length === 0) return () => false;
  return (item) => {
    if (item.riskArea === undefined && item.harmType === undefined && item.specificHarm === undefined) return false;
    // A new harm of an added item is not an AnswerCarefully label: no question can name it.
    if (item.added && item.specificHarm !== undefined && isNamespacedLabel(item.specificHarm)) return false;
    return !conditioned.some(
      (q) =>
        (q.when?.riskAreas !== undefined && labelIn(item.riskArea, q.when.riskAreas)) ||
        (q.when?.harmTypes !== undefined && labelIn(item.harmType, q.when.harmTypes)) ||
        (q.when?.specificHarms !== undefined && labelIn(item.specificHarm, q.when.specificHarms)),
    );
  };
}

// ---------------------------------------------------------------------------
// Rendering

export interface RenderedQuestion {
  id: string;
  prompt: string;
  help?: string;
}

/** Templates are terminal text: no HTML escaping. */
const hb = Handlebars.create();
hb.registerHelper('list', (items: unknown) => (Array.isArray(items) ? items.map((s) => `  • ${String(s)}`).join('\n') : ''));
const templates = new Map<string, Handlebars.TemplateDelegate>();

function render(template: string, context: object): string {
  let t = templates.get(template);
  if (!t) {
    t = hb.compile(template, { noEscape: true });
    templates.set(template, t);
  }
  return t(context);
}

/**
 * A question's prompt and help rendered with { item, suggestions, pack }
 * (`suggestions`: display lines from suggestionsFor).
 */
export function renderQuestion(q: ChecklistQuestion, item: SourceItem, suggestions: readonly string[], pack: LocalePack): RenderedQuestion {
  const context = { item, suggestions, pack };
  const text = q.i18n?.[uiLanguage()];
  const out: RenderedQuestion = { id: q.id, prompt: render(text?.prompt ?? q.prompt, context).trim() };
  const help = text?.help ?? q.help;
  if (help !== undefined) out.help = render(help, context).trim();
  return out;
}

// ---------------------------------------------------------------------------
// Effects and the proposed decision

/** The question's named answers with their labels in the interface language (`--lang`). */
export function localizedOptions(q: ChecklistQuestion): ChecklistQuestion['options'] {
  const labels = q.i18n?.[uiLanguage()]?.options;
  return labels ? q.options?.map((o) => ({ ...o, label: labels[o.id] ?? o.label })) : q.options;
}

/** The answers a question accepts now: its option IDs and "n/a" when it has options, else yes, no and n/a. */
export function answersOf(q: ChecklistQuestion): string[] {
  return q.options ? [...q.options.map((o) => o.id), 'n/a'] : [...CHECKLIST_ANSWERS];
}

/**
 * What an answer implies; "n/a" (the question does not fit this item) implies
 * nothing. A yes/no answer recorded before the question had options keeps its
 * `effects`; an answer the question no longer knows implies nothing.
 */
export function effectOf(q: ChecklistQuestion, answer: ChecklistAnswer): ChecklistEffect {
  if (answer === 'n/a') return 'ok';
  const option = q.options?.find((o) => o.id === answer);
  if (option) return option.effect;
  return answer === 'yes' ? q.effects.yes : answer === 'no' ? q.effects.no : 'ok';
}

/** The decision each effect points to. */
export const DECISION_FOR_EFFECT: Readonly<Record<ChecklistEffect, Decision>> = {
  ok: 'transfer',
  'needs-edit': 'transfer',
  'needs-adaptation': 'adapt',
  'needs-replacement': 'replace-scenario',
  'needs-target-replacement': 'replace-target',
  'consider-drop': 'drop',
};

/**
 * Strength order of proposed decisions, strongest first: replace-scenario >
 * replace-target > drop > adapt > transfer (a new scenario rewrites more than a new target group). Replacement beats drop because another answer has just
 * said the harm can be tested with a target-culture item, and dropping loses
 * that harm's coverage for good; "consider-drop" only says there *may* be no
 * counterpart. Drop beats adapt because when the premise has no counterpart,
 * renaming its entities does not rescue it. Transfer is the default.
 */
export const DECISION_STRENGTH: readonly Decision[] = ['replace-scenario', 'replace-target', 'drop', 'adapt', 'transfer'];

/**
 * The decision the wizard should propose for these effects (the localizer
 * confirms or changes it). No effects → transfer.
 */
export function summariseEffects(effects: Iterable<ChecklistEffect>): Decision {
  let best = DECISION_STRENGTH.length - 1;
  for (const e of effects) best = Math.min(best, DECISION_STRENGTH.indexOf(DECISION_FOR_EFFECT[e]));
  return DECISION_STRENGTH[best] ?? 'transfer';
}
