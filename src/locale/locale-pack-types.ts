/**
 * The shape of a locale pack (locales/<tag>/pack.json, validated by
 * schemas/locale-pack.schema.json). The base pack applies to every target;
 * a target pack (e.g. ko) adds to it. Used by the wizard (checklist,
 * suggestions), the DeepL/Google glossaries, and QA (leftovers, registers).
 */

/** What answering a checklist question implies for the item. */
export type ChecklistEffect =
  | 'ok' // nothing to do
  | 'needs-edit' // the translation needs a fix (wording, register)
  | 'needs-adaptation' // target-specific entities or facts must change -> decision "adapt"
  | 'needs-replacement' // a new target-culture scenario is needed -> decision "replace-scenario"
  | 'needs-target-replacement' // the same harm against a different target-culture group or entity -> decision "replace-target"
  | 'consider-drop'; // there may be no sensible counterpart -> decision "drop"

export type AnnotationValue = string | number | boolean;

export interface ChecklistCondition {
  /** Japanese risk-area labels (meta.risk-area) this applies to; absent = any. */
  riskAreas?: string[];
  harmTypes?: string[];
  specificHarms?: string[];
  /** Dotted path in the item's annotations → the value required, or a list of accepted values (any element of a list annotation may match). */
  annotations?: Record<string, AnnotationValue | AnnotationValue[]>;
  /** Only when the item's Japan-specific annotation has this value. */
  japanSpecific?: boolean;
  /** Regular expressions (JS syntax, flags "iu") tested on the source question/answer and their English versions. */
  patterns?: string[];
  /** Applies only when an equivalent of one of these categories is found in the item. */
  equivalentCategories?: string[];
}

export interface ChecklistQuestion {
  id: string;
  /** Handlebars template rendered with { item, suggestions, pack }. */
  prompt: string;
  help?: string;
  /** The prompt, help and option labels in other interface languages (`--lang`), by language code; the fields here are the English text. */
  i18n?: Record<string, ChecklistQuestionText>;
  /** All given conditions must hold (AND); within a list any label matches (OR). Absent = always. */
  when?: ChecklistCondition;
  /** Effect of each answer. Answers are "yes" / "no" / "n/a". */
  effects: { yes: ChecklistEffect; no: ChecklistEffect };
  /**
   * Named answers instead of yes/no: the answer is then an option ID (or
   * "n/a"). `effects` stays for yes/no answers recorded before the options.
   */
  options?: ChecklistOption[];
}

/**
 * A target pack's changes to a base question (`checklistOverrides`, by base
 * ID): its text for the target and the target's patterns. The question keeps
 * its base conditions, effects, options and place in the checklist.
 */
export interface ChecklistOverride {
  prompt?: string;
  help?: string;
  i18n?: Record<string, ChecklistQuestionText>;
  /** Added to the base question's `when.patterns` (the base question must have a pattern condition). */
  patterns?: string[];
}

/** A checklist question's text in one interface language (each field falls back to the English one). */
export interface ChecklistQuestionText {
  prompt?: string;
  help?: string;
  /** Option labels by option ID. */
  options?: Record<string, string>;
}

/** One named answer of a checklist question. */
export interface ChecklistOption {
  /** Lower-case letters, digits and hyphens; not yes, no, skip or stop. */
  id: string;
  label: string;
  effect: ChecklistEffect;
  /** This answer needs a note with its evidence: the prompt asking for it. */
  evidence?: string;
  /** A regular expression (flag "u") the evidence note must match, e.g. a YYYY-MM-DD date. */
  evidencePattern?: string;
}

export interface Equivalent {
  id: string;
  /** e.g. emergency, helpline, institution, law, currency, unit, admin-division, scam, person-name, place, company, practice */
  category: string;
  /** Source-culture terms (literal strings) as they appear in Japanese or English source text. */
  source: string[];
  /** Source-side regular expressions (flag "u") for what a literal cannot express, e.g. amounts in yen. */
  patterns?: string[];
  /** The target-culture counterpart, written in the target language. */
  target: string;
  note?: string;
  /** Terms that betray the source culture if left in the target text (QA leftovers); default: `source`. */
  leftovers?: string[];
  /** Target-side regular expressions (flag "u") for leftovers a literal cannot express, e.g. "5,000엔". */
  leftoverPatterns?: string[];
  /** Target-side values that were once right and are now outdated ("1393" before 109): QA leftovers, suggesting `target`. */
  outdated?: string[];
  /** When the target fact was last checked (YYYY-MM-DD), and where. */
  asOf?: string;
  sourceUrl?: string;
}

export interface GlossaryEntry {
  /** Term in the source language (or English). */
  source: string;
  /** Required rendering in the target language (must-translate); absent when doNotTranslate. */
  target?: string;
  /** Keep `source` unchanged in the target text (product names, acronyms). */
  doNotTranslate?: boolean;
  note?: string;
}

export interface Register {
  id: string; // e.g. "haeyo", "hapsho", "banmal"
  name: string;
  /** Regular expressions (flag "u") matching sentence endings typical of this register. */
  endings: string[];
  note?: string;
}

export interface LocalePack {
  /** BCP 47 tag, "base" for the base pack. */
  tag: string;
  /** English name and native name of the target language. */
  languageName: string;
  nativeName?: string;
  /** The pack's own version (the target pack's, or base's for the base pack alone). */
  version?: string;
  checklist: ChecklistQuestion[];
  equivalents: Equivalent[];
  glossary: GlossaryEntry[];
  registers?: Register[];
  /** Which register a question and a reference answer should use, if the pack has a convention. */
  preferredRegister?: { question?: string; answer?: string; note?: string };
}
