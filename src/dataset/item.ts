/**
 * A source record seen through its profile: every stage after reading works on
 * roles (question, answer, ...), never on the file's own field names.
 */

/** The roles a profile maps to field paths. */
export const ROLES = ['id', 'question', 'answer', 'questionEn', 'answerEn', 'riskArea', 'harmType', 'specificHarm', 'japanSpecific', 'annotations'] as const;
export type Role = (typeof ROLES)[number];

/** Roles whose text is in the source language and is replaced on export. */
export const TEXT_ROLES = ['question', 'answer'] as const;
export type TextRole = (typeof TEXT_ROLES)[number];

/** Role → dotted field path in the record (e.g. riskArea → "meta.risk-area"). */
export type RoleMapping = Partial<Record<Role, string>>;

export interface SourceItem {
  /** 0-based position in the source file. */
  index: number;
  id: string;
  question: string;
  answer: string;
  questionEn?: string;
  answerEn?: string;
  riskArea?: string;
  harmType?: string;
  specificHarm?: string;
  /** The item's "specific to Japan" annotation, when the source has one. */
  japanSpecific?: boolean;
  /** Any other annotations the source carries (free-form). */
  annotations?: Record<string, unknown>;
  /** sha256 of the source question+answer: journal events record it to detect source changes. */
  sourceHash: string;
  /** An item added in the target language (`carefully add`): no source record; question and answer are empty. */
  added?: true;
}
