/**
 * [p] in the adapt wizard: a model's suggestion shown as a proposal (a word
 * diff against the current target, its rationale and changes, the QA findings
 * of the proposed text), then accept / edit / discard. Only accept or edit
 * write edit events, by the person, marked with the suggestion they started from.
 */
import { diffWordsWithSpace } from 'diff';
import { select } from '@inquirer/prompts';
import type { TextRole } from '../dataset/item.js';
import type { JournalEvent, NewEvent } from '../project/events.js';
import type { AdaptSession } from '../adapt/adapt-session.js';
import type { Finding } from '../qa/types.js';
import { visible } from '../text-safety.js';
import { t } from '../i18n.js';
import { qaFindingLines } from './render-qa.js';
import type { Style } from './render-item.js';
import { cancellable, own, type PromptContext } from './prompt-context.js';

/** What the wizard gets from the CLI for the current item: the suggestion and its (already built) journal event. */
export interface FetchedSuggestion {
  question: string;
  answer: string;
  rationale: string;
  changes: string[];
  event: NewEvent;
}
export type Suggester = (id: string) => Promise<FetchedSuggestion>;

/** Removed words struck in red, added ones in green; plain text marks them [-…-] and {+…+}. */
export function wordDiff(before: string, after: string, st: Style): string {
  return diffWordsWithSpace(before, after)
    .map((p) => (p.added ? st.green(`{+${visible(p.value)}+}`) : p.removed ? st.red(`[-${visible(p.value)}-]`) : visible(p.value)))
    .join('');
}

export function proposalLines(current: { question?: string; answer?: string }, s: FetchedSuggestion, findings: readonly Finding[], st: Style): string[] {
  return [
    st.bold(t('adapt.suggestion.title')),
    `${t('wizard.field.question')}: ${wordDiff(current.question ?? '', s.question, st)}`,
    `${t('wizard.field.answer')}: ${wordDiff(current.answer ?? '', s.answer, st)}`,
    `${t('adapt.suggestion.rationale')}: ${visible(s.rationale)}`,
    ...(s.changes.length ? [`${t('adapt.suggestion.changes')}:`, ...s.changes.map((c) => `  - ${visible(c)}`)] : []),
    ...qaFindingLines(findings, st),
  ];
}

export async function suggestionAction(
  session: AdaptSession,
  journal: { append(events: NewEvent[]): Promise<JournalEvent[]> },
  suggester: Suggester,
  io: { out: NodeJS.WritableStream; style: Style; context?: PromptContext; edit: (field: TextRole, current: string) => Promise<string> },
): Promise<string | undefined> {
  const id = session.current()!.item.id;
  const st = io.style;
  io.out.write(`${t('adapt.suggestion.asking')}\n`);
  let s: FetchedSuggestion;
  try {
    s = await suggester(id);
  } catch (e) {
    return st.yellow((e as Error).message);
  }
  const [written] = await journal.append([s.event]);
  session.commit(written ? [written] : []);
  const state = session.state(id);
  const findings = session.findingsFor(id, { question: s.question, answer: s.answer });
  io.out.write(`\n${proposalLines(state, s, findings, st).join('\n')}\n\n`);
  const choice = await cancellable(
    (ctx) =>
      select<'accept' | 'edit' | 'discard'>(
        {
          message: t('adapt.suggestion.choose'),
          choices: (['accept', 'edit', 'discard'] as const).map((value) => ({ value, name: t(`adapt.suggestion.${value}`) })),
        },
        own(ctx),
      ),
    io.context,
  );
  if (choice === undefined || choice === 'discard') return t('adapt.suggestion.discarded');
  const from = written?.ts ?? '';
  const texts: Record<TextRole, string> = { question: s.question, answer: s.answer };
  if (choice === 'edit') {
    for (const field of ['question', 'answer'] as const) {
      texts[field] = await io.edit(field, texts[field]);
    }
  }
  const events = (['question', 'answer'] as const).flatMap((field) => session.eventsFor({ type: 'edit', field, text: texts[field], fromSuggestion: from }));
  if (events.length) session.commit(await journal.append(events));
  return st.green(t('adapt.suggestion.accepted', { count: events.length }));
}
