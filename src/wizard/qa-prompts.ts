/** Prompts for the QA actions both wizards offer: intended change, waiver, flag reply, and the confirmation of a doubtful transfer. */
import { confirm, input, select } from '@inquirer/prompts';
import type { TextRole } from '../dataset/item.js';
import type { Finding } from '../qa/types.js';
import type { QaAction } from '../session/qa-actions.js';
import { visibleInline } from '../text-safety.js';
import { own, type PromptContext } from './prompt-context.js';

const required = (what: string) => (v: string) => v.trim() !== '' || `Write ${what}.`;

/** Source side, target side and reason of an intended change. */
export async function intendedPrompt(context?: PromptContext): Promise<{ source: string; target: string; reason: string }> {
  const source = await input({ message: 'Source text that changes on purpose (e.g. 110番)', validate: required('the source text') }, own(context));
  const target = await input({ message: 'What it becomes in the target (e.g. 112; Enter if removed)' }, own(context));
  const reason = await input({ message: 'Why (required)', validate: required('a reason') }, own(context));
  return { source: source.trim(), target: target.trim(), reason: reason.trim() };
}

/** Choose one of the item's findings, then the reason; undefined when there is none to waive. */
export async function waivePrompt(
  findings: readonly Finding[],
  context?: PromptContext,
): Promise<{ check: string; field?: TextRole; reason: string } | undefined> {
  if (findings.length === 0) return undefined;
  const chosen = await select<Finding>(
    {
      message: 'Waive which finding?',
      choices: findings.map((f) => ({ value: f, name: visibleInline(`${f.severity} ${f.check}${f.field ? ` (${f.field})` : ''}: ${f.message}`) })),
    },
    own(context),
  );
  const reason = await input({ message: `Why is ${chosen.check} acceptable here? (required)`, validate: required('a reason') }, own(context));
  return { check: chosen.check, ...(chosen.field ? { field: chosen.field } : {}), reason: reason.trim() };
}

export function replyPrompt(context?: PromptContext): Promise<string> {
  return input({ message: 'Reply to the flag', validate: required('a reply') }, own(context));
}

/** Accepting a transfer the checklist or QA speaks against: ask first (default no). */
export function confirmTransferPrompt(concerns: readonly string[], context?: PromptContext): Promise<boolean> {
  return confirm({ message: visibleInline(`Accept as transfer although ${concerns.join(' and ')}?`), default: false }, own(context));
}

/**
 * The [i] and [w] actions, the same in both wizards: ask, record through `save`
 * (which returns how many events were written) and say what happened.
 */
export async function intendOrWaive(
  kind: 'intend' | 'waive',
  findings: readonly Finding[],
  save: (action: QaAction) => Promise<number>,
  st: { green: (s: string) => string },
  context?: PromptContext,
): Promise<string> {
  if (kind === 'intend') {
    const n = await save({ type: 'intend', ...(await intendedPrompt(context)) });
    return n ? st.green('Saved the intended change; QA accepts it.') : 'That intended change is already recorded.';
  }
  const waiver = await waivePrompt(findings, context);
  if (!waiver) return 'No QA finding to waive on this item.';
  const n = await save({ type: 'waive', ...waiver });
  return n ? st.green(`Waived ${waiver.check} for the current text.`) : 'That waiver is already recorded.';
}
