/** The dataset card (README.md of an export), rendered from templates/dataset-card.hbs. */
import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import { templatePath } from '../paths.js';

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
  providers: string;
  decisions: { name: string; count: number; meaning: string }[];
  states: { name: string; count: number }[];
  riskAreas: { label: string; exported: number; transfer: number; adapt: number; replace: number; drop: number }[];
  qa?: Record<string, number>;
  agreement?: string;
}

export function renderDatasetCard(data: CardData): string {
  // Markdown, not HTML: no escaping.
  const template = Handlebars.compile(readFileSync(templatePath('dataset-card.hbs'), 'utf8'), { noEscape: true });
  return template(data);
}
