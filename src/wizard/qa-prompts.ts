/** Prompts for the QA actions both wizards offer: intended change, waiver, flag reply, and the confirmation of a doubtful transfer. */
import { confirm, input, select } from '@inquirer/prompts';
import type { TextRole } from '../dataset/item.js';
import type { Finding } from '../qa/types.js';
import type { QaAction } from '../session/qa-actions.js';
import { t } from '../i18n.js';
import { visibleInline } from '../text-safety.js';
import { own, type PromptContext } from './prompt-context.js';

const required = (key: string) => (v: string) => v.trim() !== '' || t(key);

/** Source side, target side and reason of an intended change. */
export async function intendedPrompt(context?: PromptContext): Promise<{ source: string; target: string; reason: string }> {
  const source = await input({ message: t('wizard.intend.source'), validate: required('wizard.intend.writeSource') }, own(context));
  const target = await input({ message: t('wizard.intend.target') }, own(context));
  const reason = await input({ message: t('wizard.intend.reason'), validate: required('wizard.writeReason') }, own(context));
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
      message: t('wizard.waive.which'),
      choices: findings.map((f) => ({ value: f, name: visibleInline(`${f.severity} ${f.check}${f.field ? ` (${f.field})` : ''}: ${f.message}`) })),
    },
    own(context),
  );
  const reason = await input({ message: t('wizard.waive.why', { check: chosen.check }), validate: required('wizard.writeReason') }, own(context));
  return { check: chosen.check, ...(chosen.field ? { field: chosen.field } : {}), reason: reason.trim() };
}

export function replyPrompt(context?: PromptContext): Promise<string> {
  return input({ message: t('wizard.reply.message'), validate: required('wizard.reply.write') }, own(context));
}

/** Accepting a transfer the checklist or QA speaks against: ask first (default no). */
export function confirmTransferPrompt(concerns: readonly string[], context?: PromptContext): Promise<boolean> {
  return confirm({ message: visibleInline(t('wizard.confirmTransfer', { concerns: concerns.join(t('wizard.concernsJoin')) })), default: false }, own(context));
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
    return n ? st.green(t('wizard.intend.saved')) : t('wizard.intend.already');
  }
  const waiver = await waivePrompt(findings, context);
  if (!waiver) return t('wizard.waive.nothing');
  const n = await save({ type: 'waive', ...waiver });
  return n ? st.green(t('wizard.waive.saved', { check: waiver.check })) : t('wizard.waive.already');
}
