/**
 * The adaptation prompt: templates/adapt-prompt.hbs (or the locale pack's own
 * adapt-prompt.hbs) filled with what the localizer sees for the item. The
 * Japanese source goes in only when `sendSource` allows it.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import type { SourceItem } from '../dataset/item.js';
import type { ItemState } from '../project/state.js';
import type { LocalePack } from '../locale/locale-pack-types.js';
import { localesDir } from '../locale/locale-pack.js';
import { itemDetails } from '../session/item-details.js';
import { templatePath } from '../paths.js';
import { UsageError } from '../errors.js';
import { templateUnreadable } from './messages.js';

export const ADAPT_PROMPT = 'adapt-prompt.hbs';

export interface PromptTemplate {
  file: string;
  hash: string;
  render: Handlebars.TemplateDelegate;
}

/** The pack's adapt-prompt.hbs when it has one, else the bundled template. */
export function loadPromptTemplate(packFolder: string): PromptTemplate {
  const own = path.join(localesDir(), packFolder, ADAPT_PROMPT);
  const file = existsSync(own) ? own : templatePath(ADAPT_PROMPT);
  try {
    const text = readFileSync(file, 'utf8');
    // noEscape: plain text for a model, not HTML.
    return { file, hash: createHash('sha256').update(text).digest('hex').slice(0, 12), render: Handlebars.compile(text, { noEscape: true, strict: false }) };
  } catch (e) {
    throw new UsageError(templateUnreadable(file, (e as Error).message));
  }
}

const displayNames = new Intl.DisplayNames(['en'], { type: 'language' });

export function buildPrompt(
  template: PromptTemplate,
  input: { item: SourceItem; state: ItemState; pack: LocalePack; to: string; sendSource: boolean },
): string {
  const { item, state, pack, to } = input;
  const details = itemDetails(pack, item, state);
  let toName = to;
  try {
    toName = displayNames.of(to) ?? to;
  } catch {
    // keep the tag
  }
  return template.render({
    to,
    toName,
    source: input.sendSource ? { question: item.question, answer: item.answer } : undefined,
    english: item.questionEn || item.answerEn ? { question: item.questionEn ?? '', answer: item.answerEn ?? '' } : undefined,
    checklist: details.checklist.filter((c) => c.answer !== undefined).map((c) => ({ prompt: c.prompt, answer: c.answer, help: c.help })),
    equivalents: details.suggestions,
    glossary: details.glossary,
    current: JSON.stringify({ question: state.question ?? '', answer: state.answer ?? '' }, null, 1),
  });
}
