/**
 * Types shared by the QA checks (pofilter-style: one small named function per
 * check, each with an ID, a title and a severity) and their runner.
 */
import type { LocalePack } from '../locale/locale-pack-types.js';
import type { SourceItem } from '../dataset/item.js';
import type { Decision } from '../project/events.js';
import type { NearCopy, SourceShingleIndex } from './near-copy.js';

/** Most severe first; `severityAtLeast` relies on this order. */
export const SEVERITIES = ['error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** The text fields a check looks at. */
export const QA_FIELDS = ['question', 'answer'] as const;
export type QaField = (typeof QA_FIELDS)[number];

/** The journal's decision vocabulary (KoBBQ-style), under the name the checks use. */
export type QaDecision = Decision;

export interface QaTexts {
  question: string;
  answer: string;
}

/** Everything the checks know about one item. */
export interface QaInput {
  item: SourceItem;
  /** BCP 47 tag of the text the translation was made from: "ja" (question/answer) or "en" (questionEn/answerEn). */
  sourceLanguage: string;
  /** BCP 47 tag of the target, e.g. "ko", "zh-Hans". */
  targetLanguage: string;
  /** The final target text (after any human edit). */
  target: QaTexts;
  /** The machine translation, if there was one. */
  mt?: QaTexts;
  decision?: QaDecision;
  rationale?: string;
  /**
   * What the localizer deliberately changed, so that source/target differences
   * in it are not reported: a source term ("110番", "110"), a replacement
   * ("112"), a pair ("110 -> 112", "→" also accepted), or an equivalent's ID
   * from the locale pack. A pack equivalent named here (by ID or by one of its
   * source terms) also excuses its target text.
   */
  intendedChanges?: string[];
}

/** Robust statistics of ln(target length / source length) over a dataset (see length-stats.ts). */
export interface LengthStats {
  /** Number of (source, target) pairs measured. */
  count: number;
  /** Median of ln(target/source length). */
  median: number;
  /** Median absolute deviation of ln(target/source length) from `median`. */
  mad: number;
}

/** Dataset-wide knowledge the checks may use. */
export interface QaContext {
  /** The target locale pack (already merged with the base pack by the caller). */
  pack?: LocalePack;
  /** The register ID reference answers use (the project's `register`), instead of the pack's preferredRegister.answer. */
  answerRegister?: string;
  lengthStats?: LengthStats;
  /** Every item's source, for copies of another item's text (near-copy check). */
  sourceIndex?: SourceShingleIndex;
  /** The near-copy check's verdicts (near-copies.ts: cached, the index built only when needed); when set, `sourceIndex` is not used. */
  nearCopies?: NearCopyFinder;
}

/** Near copies of a source in an item's target texts (and rationale). */
export interface NearCopyFinder {
  of(item: SourceItem, texts: QaTexts & { rationale?: string }): Partial<Record<QaField | 'rationale', NearCopy>>;
}

export interface Finding {
  /** The check's ID, e.g. "source-script". */
  check: string;
  severity: Severity;
  /** Absent when the finding is about the whole item (e.g. its decision). */
  field?: QaField;
  /** One actionable sentence that names the offending text. */
  message: string;
}

/** A finding located in a dataset. */
export type ItemFinding = Finding & { item: string };

/** One QA check. Build it with `defineCheck` or `defineFieldCheck` (check.ts). */
export interface Check {
  /** Stable kebab-case ID, used by `--only` and in reports. */
  readonly id: string;
  /** One line; also the first line of the check's doc comment. */
  readonly title: string;
  /** The severity of its findings (decision-consistency may report lower ones, see there). */
  readonly severity: Severity;
  /** Decisions for which the check does not apply (e.g. a dropped item has no target to check). */
  readonly skipDecisions: readonly QaDecision[];
  run(input: QaInput, ctx: QaContext): readonly Finding[];
}
