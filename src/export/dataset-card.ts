/** The dataset card (README.md of an export), rendered from templates/dataset-card.hbs. */
import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import { templatePath } from '../paths.js';
import { visibleInline } from '../text-safety.js';

export interface CardData {
  title: string;
  languageName: string;
  to: string;
  from: string;
  generated: string;
  format: string;
  sourceItems: number;
  exported: number;
  dropped: number;
  excluded: number;
  unreviewed: number;
  pseudo: boolean;
  pseudoCount: number;
  /** Exported items whose final text started from a model suggestion a person accepted. */
  suggestedCount?: number;
  providers: string;
  /** The locale pack the checklist and facts came from: "ko 2026-11-29 (sha256:…)". */
  localePack?: string;
  decisions: { name: string; count: number; kobbq: string; meaning: string }[];
  states: { name: string; count: number }[];
  /** The decisions' names, in the order of each risk area's `counts`. */
  decisionNames: string[];
  riskAreas: { label: string; exported: number; counts: number[] }[];
  /** Cultural labels of the exported records: one row per label value, with how many were inferred. */
  culture?: { label: string; value: string; records: number; inferred: number }[];
  /** Items added in the target language (`carefully add`), and their namespaced new specific harms. */
  newItems?: { count: number; harms: { label: string; count: number }[] };
  qa?: Record<string, number>;
  /** QA findings on exported records covered by a waiver (not in `qa`). */
  qaWaived?: number;
  agreement?: string;
  split: string;
  dataFile: string;
  provenanceFile: string;
  /** The AnswerCarefully release the source came from ("v2.2"), or "not recorded". */
  acRelease: string;
  acPage: string;
  acHfPage: string;
  acPaper: string;
  toolUrl: string;
  toolVersion: string;
  droppedFields: { field: string; holds: string }[];
  annotators: { name: string; roles: string }[];
  annotatorNames: boolean;
  annotated?: boolean;
  pack?: string;
  /** YAML front matter (between `---` lines, serialized by the yaml package): put first, not Markdown-escaped. */
  frontMatter?: string;
}

/**
 * One data value as inert Markdown text on one line: no link, image, HTML,
 * emphasis, code span or table cell break can come out of it. Line breaks
 * become spaces (a value never starts a heading, list or table row), control
 * characters are shown as escapes, and Markdown's punctuation is backslash-escaped.
 */
export function escapeMarkdown(value: string): string {
  return visibleInline(value.replace(/\r\n|[\r\n]/g, ' ')).replace(/[\\`*_{}[\]<>#|~!&]/g, '\\$&');
}

/** Every string (and object key) of the card's data, escaped for Markdown. */
function escapeAll<T>(value: T): T {
  if (typeof value === 'string') return escapeMarkdown(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => escapeAll(v)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [escapeMarkdown(k), escapeAll(v)])) as T;
  }
  return value;
}

export function renderDatasetCard({ frontMatter = '', ...data }: CardData): string {
  // Handlebars' own escaping is for HTML; the card is Markdown, so values are escaped for it before rendering.
  const template = Handlebars.compile(readFileSync(templatePath('dataset-card.hbs'), 'utf8'), { noEscape: true });
  return `${frontMatter}${frontMatter ? '\n' : ''}${template(escapeAll(data))}`;
}
