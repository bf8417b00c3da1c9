/**
 * The wizard's terminal layer: the only module that imports inquirer. It
 * draws the session's current item (render-item.ts), reads one action, turns
 * it into journal events with the session, appends them (fsync) and commits
 * them before it shows anything else. Ctrl-C makes inquirer throw
 * ExitPromptError, which is left to the CLI's top-level catch: by then every
 * completed answer is on disk, and the one being typed is all that is lost.
 *
 * Each prompt is a small function taking inquirer's context (input/output
 * streams), so tests drive them with @inquirer/testing.
 */
import { visibleStyled } from '../text-safety.js';
import { editor, input, select } from '@inquirer/prompts';
import type { TextRole } from '../dataset/item.js';
import type { ChecklistAnswer, Decision, GroupPair, NewEvent } from '../project/events.js';
import { SOURCE_DECISIONS, requiresRationale, validateDecision } from '../project/decisions.js';
import type { AdaptSession, ChecklistEntry, Progress } from '../adapt/adapt-session.js';
import { ActionError } from '../errors.js';
import { t } from '../i18n.js';
import { describeUndone } from '../session/undo-action.js';
import { nothingToRevert } from '../session/messages.js';
import { menuFor, renderItem, renderSummary, fieldList, type MenuAction } from './render-item.js';
import { keyPrompt } from './key-prompt.js';
import { msg } from './messages.js';
import { cancellable, own, type PromptContext } from './prompt-context.js';
import { confirmTransferPrompt, intendOrWaive } from './qa-prompts.js';
import { suggestionAction } from './suggestion-screen.js';
import { WizardScreen, runLoop, saver, type Journal, type LoopResult, type WizardOptions } from './wizard-loop.js';

export type { Journal, WizardOptions } from './wizard-loop.js';

// ---- prompts ----------------------------------------------------------------

export interface ActionPromptConfig {
  itemId: string;
  /** "4/36": repeated next to the prompt, since a long item scrolls the header away. */
  position?: string;
  /** Offer [r]esolve flags only when the item has flags. */
  flagged: boolean;
  /** A second-annotation item: no [e]dit or [c]hecklist (only the decision is recorded). */
  secondary?: boolean;
}

/** The hint under the adapt menu when a key means nothing there. */
export const adaptHint = () => t('adapt.hint');

/** The single-key action menu: a key acts at once; any other key (Enter included) only shows the hint. */
export function actionPrompt(config: ActionPromptConfig, context?: PromptContext): Promise<MenuAction> {
  const keys = menuFor({ flagged: config.flagged, secondary: config.secondary ?? false }).map((m) => ({ key: m.key, value: m.action }));
  return keyPrompt<MenuAction>({ message: menuMessage(config), keys, hint: adaptHint() }, own(context));
}

/** The action menu's question: "[4/36] test-0003 ›". */
export function menuMessage(config: { itemId: string; position?: string }): string {
  return `${config.position ? `[${config.position}] ` : ''}${config.itemId} ›`;
}

export type ChecklistReply = ChecklistAnswer | 'skip' | 'stop';

export interface ChecklistPromptConfig {
  entry: ChecklistEntry;
  /** 1-based number of the question among the item's questions. */
  number: number;
  count: number;
}

const CHECKLIST_KEYS: { key: 'y' | 'n' | 'x' | 's' | 'q'; name: string; value: ChecklistReply }[] = (
  [
    { key: 'y', value: 'yes' },
    { key: 'n', value: 'no' },
    { key: 'x', value: 'n/a' },
    { key: 's', value: 'skip' },
    { key: 'q', value: 'stop' },
  ] as const
).map((k) => ({
  ...k,
  get name() {
    return t(`adapt.checklist.key.${k.key}`);
  },
}));

/**
 * One checklist question: its help, then one key: y / n / x (n/a) / s (skip) /
 * q or Esc (stop); a question with named options takes 1, 2, ... for them
 * instead of y / n. Enter keeps the recorded answer.
 */
export async function checklistPrompt(config: ChecklistPromptConfig, context?: PromptContext): Promise<ChecklistReply> {
  const { entry } = config;
  const out = context?.output ?? process.stdout;
  const answerKeys = entry.options
    ? entry.options.map((o, i) => ({ key: String(i + 1), name: o.label, value: o.id, effect: o.effect }))
    : (['yes', 'no'] as const).map((a) => ({ key: a[0]!, name: t(`adapt.checklist.key.${a[0]!}`), value: a, effect: entry.effects[a] }));
  const effects = answerKeys.map((k) => `${k.name} → ${k.effect}`).join(', ');
  out.write(`\n${'─'.repeat(20)}\n${entry.help ? `${entry.help}\n` : ''}(${effects})\n`);
  const all = [...answerKeys, ...CHECKLIST_KEYS.filter((k) => k.key !== 'y' && k.key !== 'n')];
  const keys = [
    ...all.map((k) => ({ key: k.key, value: k.value })),
    { key: 'escape', value: 'stop' as const },
    // Enter keeps a recorded answer (moves on); on an unanswered question it means nothing.
    ...(entry.answer
      ? [
          { key: 'return', value: 'skip' as const },
          { key: 'enter', value: 'skip' as const },
        ]
      : []),
  ];
  const legend = all.map((k) => `${k.key} ${k.name}`).join(' · ');
  const keeps = entry.answer ? ` · ${t('adapt.checklist.enterKeeps', { answer: entry.answer })}` : '';
  return keyPrompt<ChecklistReply>(
    {
      message: `[${config.number}/${config.count}] ${entry.prompt} (${legend}${keeps})`,
      keys,
      hint: t('adapt.checklist.hint', { legend }),
    },
    own(context),
  );
}

export interface DecisionPromptConfig {
  proposed: Decision;
  /** An item added in the target language: only "new" and "drop" apply. */
  added?: boolean;
  /** replace-target's pair recorded before, offered again. */
  groups?: GroupPair;
  current?: { decision: Decision; rationale?: string };
  /** Without a target text only "drop" can be chosen. */
  hasText: boolean;
}

/**
 * Choose a decision (the checklist's proposal preselected; type its first
 * letter to jump; the list stops at its ends), then its rationale: required
 * for adapt, replace and drop. Esc at either step cancels: undefined.
 */
export async function decisionPrompt(
  config: DecisionPromptConfig,
  context?: PromptContext,
): Promise<{ decision: Decision; rationale?: string; groups?: GroupPair } | undefined> {
  const decision = await cancellable(
    (ctx) =>
      select<Decision>(
        {
          message: t('adapt.decision.message'),
          loop: false,
          choices: (config.added ? (['new', 'drop'] as const) : SOURCE_DECISIONS).map((d) => ({
            value: d,
            name: d,
            description: `${t(`adapt.decision.describe.${d}`)}${d === config.proposed ? ` ${t('adapt.decision.proposed')}` : ''}`,
            ...(!config.hasText && d !== 'drop' ? { disabled: t('adapt.decision.noText') } : {}),
          })),
          default: config.hasText ? (config.current?.decision ?? (config.added ? 'new' : config.proposed)) : 'drop',
        },
        own(ctx),
      ),
    context,
  );
  if (decision === undefined) return undefined;
  const previous = config.current?.decision === decision ? config.current.rationale : undefined;
  const rationale = await cancellable(
    (ctx) =>
      input(
        {
          message: requiresRationale(decision) ? t('adapt.decision.rationaleRequired', { decision }) : t('adapt.decision.rationaleOptional'),
          ...(previous ? { default: previous } : {}),
          validate: (v) => validateDecision({ decision, rationale: v }) ?? true,
        },
        own(ctx),
      ),
    context,
  );
  if (rationale === undefined) return undefined;
  const trimmed = rationale.trim();
  const out = trimmed ? { decision, rationale: trimmed } : { decision };
  if (decision !== 'replace-target') return out;
  const groups = await groupsPrompt(config.groups, context);
  return groups ? { ...out, groups } : undefined;
}

/** replace-target: the group or entity of the source item, then the target-culture one replacing it. */
async function groupsPrompt(previous: GroupPair | undefined, context?: PromptContext): Promise<GroupPair | undefined> {
  const ask = (message: string, previousValue: string | undefined) =>
    cancellable(
      (ctx) =>
        input(
          { message, ...(previousValue ? { default: previousValue } : {}), validate: (v) => /[\p{L}\p{N}]/u.test(v) || 'Required: name the group.' },
          own(ctx),
        ),
      context,
    );
  const source = await ask('Group or entity replaced (as in the source item)', previous?.source);
  if (source === undefined) return undefined;
  const target = await ask('Target-culture group or entity that replaces it', previous?.target);
  if (target === undefined) return undefined;
  return { source: source.trim(), target: target.trim() };
}

/** Which text to edit: q(uestion), a(nswer), or c / Esc to cancel. */
export function fieldPrompt(context?: PromptContext): Promise<TextRole | 'cancel'> {
  return keyPrompt<TextRole | 'cancel'>(
    {
      message: t('wizard.edit.which'),
      keys: [
        { key: 'q', value: 'question' },
        { key: 'a', value: 'answer' },
        { key: 'c', value: 'cancel' },
        { key: 'escape', value: 'cancel' },
      ],
      hint: t('wizard.edit.whichHint'),
    },
    own(context),
  );
}

export interface EditPromptConfig {
  field: TextRole;
  current: string;
  /** Edit on one line in the terminal instead of $EDITOR. */
  inline: boolean;
}

const nonEmpty = (v: string) => v.trim() !== '' || t('wizard.edit.empty');

/**
 * Edit a target text: in $VISUAL/$EDITOR (inquirer's editor prompt, opened at
 * once), or inline on one line, where a line break is written as \n.
 */
export async function editPrompt(config: EditPromptConfig, context?: PromptContext): Promise<string> {
  if (config.inline) {
    const line = await input(
      {
        message: t('wizard.edit.inline', { field: t(`wizard.field.${config.field}`) }),
        default: config.current.replace(/\n/g, '\\n'),
        prefill: 'editable',
        validate: nonEmpty,
      },
      own(context),
    );
    return line.replace(/\\n/g, '\n');
  }
  return editor(
    {
      message: t('wizard.edit.editor', { field: t(`wizard.field.${config.field}`) }),
      default: config.current,
      waitForUserInput: false,
      postfix: '.txt',
      validate: nonEmpty,
    },
    own(context),
  );
}

/** The note of a flag; undefined when cancelled with Esc. */
export function flagPrompt(context?: PromptContext): Promise<string | undefined> {
  return cancellable(
    (ctx) => input({ message: t('adapt.flag.message'), required: true, validate: (v) => v.trim() !== '' || t('adapt.flag.write') }, own(ctx)),
    context,
  );
}

/** One line of text (an ID, a search); undefined on Esc. */
export function textPrompt(message: string, context?: PromptContext): Promise<string | undefined> {
  return cancellable((ctx) => input({ message, required: true }, own(ctx)), context);
}

/** Use the inline editor when asked to, or when no editor is configured (rather than falling back to vi). */
export function wantsInlineEdit(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.CAREFULLY_INLINE_EDIT === '1' || !(env.VISUAL || env.EDITOR);
}

/** [e]dit in both wizards: which text (fieldPrompt), then its new text (editPrompt); undefined when cancelled. */
export async function editTextPrompt(
  current: { question?: string; answer?: string },
  opts: Pick<WizardOptions, 'inlineEdit'>,
  context?: PromptContext,
): Promise<{ field: TextRole; text: string } | undefined> {
  const field = await fieldPrompt(context);
  if (field === 'cancel') return undefined;
  const text = await editPrompt({ field, current: current[field] ?? '', inline: opts.inlineEdit ?? wantsInlineEdit() }, context);
  return { field, text };
}

// ---- the session loop -------------------------------------------------------

export type WizardResult = LoopResult<Progress>;

export async function runWizard(session: AdaptSession, journal: Journal, opts: WizardOptions = {}): Promise<WizardResult> {
  const screen = new WizardScreen(opts);
  const st = screen.style;
  const ctx = opts.context;
  const save = saver(session, journal);

  if (session.queue.length === 0) {
    screen.out.write(`${opts.notice ? `${visibleStyled(opts.notice)}\n` : ''}${t('adapt.nothingToDo')}\n`);
    return { quit: false, progress: session.progress() };
  }
  return runLoop(
    session,
    {
      render: renderItem,
      menu: (view) => menuFor({ flagged: view.state.flags.length > 0, secondary: view.secondary }),
      message: (view) => menuMessage({ itemId: view.item.id, position: `${view.position}/${view.total}` }),
      hint: adaptHint(),
      skipped: (view) => msg.adaptSkipped(view.item.id, view.secondary ? undefined : view.state.decision?.decision),
      summary: (progress, finished) => renderSummary(progress, { style: st, finished }),
      isRefusal: (e) => e instanceof ActionError,
      ...(opts.onShow ? { shown: opts.onShow } : {}),
      act: async (action, view) => {
        const id = view.item.id;
        switch (action) {
          case 'accept': {
            const concerns = view.secondary ? [] : session.transferConcerns(id);
            if (concerns.length > 0 && !(await confirmTransferPrompt(concerns, ctx))) return t('adapt.notice.notAccepted');
            await save(session.eventsFor({ type: 'accept' }));
            session.next();
            return st.green(t(view.secondary ? 'adapt.notice.savedSecondary' : 'adapt.notice.saved', { id, decision: 'transfer' }));
          }
          case 'intend':
          case 'waive':
            return intendOrWaive(action, view.findings, async (a) => save(session.eventsFor(a)), st, ctx);
          case 'edit': {
            const edit = await editTextPrompt(view.state, opts, ctx);
            if (!edit) return undefined;
            const n = await save(session.eventsFor({ type: 'edit', ...edit }));
            return n ? st.green(t('wizard.edit.saved', { field: fieldList([edit.field]) })) : t('wizard.edit.unchanged', { field: fieldList([edit.field]) });
          }
          case 'checklist':
            return runChecklist(session, save, ctx);
          case 'decide': {
            // A second annotator's current decision is their own, never the primary one (which they do not see).
            const current = view.secondary ? view.ownSecondary : view.state.decision;
            const hasText = view.state.question !== undefined && view.state.answer !== undefined;
            const chosen = await decisionPrompt(
              {
                proposed: view.proposed,
                hasText,
                ...(view.item.added ? { added: true } : {}),
                ...(view.state.decision?.groups ? { groups: view.state.decision.groups } : {}),
                ...(current ? { current: { decision: current.decision, ...(current.rationale ? { rationale: current.rationale } : {}) } } : {}),
              },
              ctx,
            );
            if (!chosen) return t('wizard.cancelled');
            const { decision, rationale, groups } = chosen;
            const concerns = decision === 'transfer' && !view.secondary ? session.transferConcerns(id) : [];
            if (concerns.length > 0 && !(await confirmTransferPrompt(concerns, ctx))) return t('adapt.notice.notDecided');
            await save(session.eventsFor({ type: 'decide', decision, ...(rationale ? { rationale } : {}), ...(groups ? { groups } : {}) }));
            let notice = st.green(t(view.secondary ? 'adapt.notice.savedSecondary' : 'adapt.notice.saved', { id, decision }));
            // Not refused (the localizer may edit later, e.g. after a discussion), but QA will report it.
            const s = session.state(id);
            if (
              !view.secondary &&
              (decision === 'adapt' || decision === 'replace-target' || decision === 'replace-scenario') &&
              !s.edited.question &&
              !s.edited.answer
            ) {
              notice += st.yellow(` ${t('adapt.notice.stillMt')}`);
            }
            session.next();
            return notice;
          }
          case 'flag': {
            const note = await flagPrompt(ctx);
            if (note === undefined) return t('wizard.cancelled');
            await save(session.eventsFor({ type: 'flag', note }));
            return st.yellow(t('adapt.notice.flagged', { id }));
          }
          case 'unflag':
            await save(session.eventsFor({ type: 'unflag' }));
            return t('wizard.notice.resolved', { id });
          case 'undo': {
            const { events, undone } = session.undoPlan(id);
            await save(events);
            return st.yellow(msg.undone(id, describeUndone(undone)));
          }
          case 'revert': {
            const n = await save(session.eventsFor({ type: 'revert' }));
            return n ? st.green(msg.reverted(id)) : nothingToRevert(id);
          }
          case 'goto': {
            const target = await textPrompt(t('adapt.goto'), ctx);
            if (target === undefined) return undefined;
            session.goTo(target.trim());
            return undefined;
          }
          case 'suggest':
            if (!opts.suggest) return t('adapt.suggestion.unavailable');
            return suggestionAction(session, journal, opts.suggest, {
              out: screen.out,
              style: st,
              ...(ctx ? { context: ctx } : {}),
              edit: (field, current) => editPrompt({ field, current, inline: opts.inlineEdit ?? wantsInlineEdit() }, ctx),
            });
          case 'nextFinding':
            return session.nextWithFindings() ? undefined : t('adapt.notice.noFindings');
          case 'search': {
            const text = await textPrompt(t('adapt.search'), ctx);
            if (text === undefined) return undefined;
            return session.search(text) ? undefined : t('adapt.notice.notFound', { text: JSON.stringify(text.trim()) });
          }
        }
      },
    },
    screen,
    opts.notice,
  );
}

/**
 * Ask the applicable questions one after another, from the first unanswered
 * one to the last (from the first when all are answered, so they can be
 * revised: Enter keeps an answer); never round again. Each answer is saved
 * at once; an unchanged one is not rewritten.
 */
/** The note an answer needs as its evidence (Esc: undefined, nothing saved). */
function evidencePrompt(message: string, previous: string | undefined, context?: PromptContext): Promise<string | undefined> {
  return cancellable(
    (ctx) =>
      input(
        {
          message: `${message} (required)`,
          ...(previous ? { default: previous } : {}),
          validate: (v) => /[\p{L}\p{N}]/u.test(v) || 'Required: give the evidence.',
        },
        own(ctx),
      ),
    context,
  ).then((v) => v?.trim());
}

async function runChecklist(session: AdaptSession, save: (events: NewEvent[]) => Promise<number>, ctx: PromptContext | undefined): Promise<string> {
  const first = session.current()!;
  const count = first.checklist.length;
  if (count === 0) return t('adapt.checklist.none');
  const start = Math.max(
    0,
    first.checklist.findIndex((q) => q.answer === undefined),
  );
  let answered = 0;
  for (let i = start; i < count; i++) {
    // Re-read the view: each saved answer changes it.
    const entry = session.current()!.checklist[i]!;
    // A cultural label the item already implies (cultural-labels.ts) is not asked; an answer given before is kept.
    if (entry.inferred !== undefined && entry.answer === undefined) continue;
    const reply = await checklistPrompt({ entry, number: i + 1, count }, ctx);
    if (reply === 'stop') break;
    if (reply === 'skip') continue;
    const evidence = entry.options?.find((o) => o.id === reply)?.evidence;
    const note = evidence ? await evidencePrompt(evidence, entry.note, ctx) : undefined;
    if (evidence && note === undefined) break;
    answered += await save(
      session.eventsFor({ type: 'checklist', question: entry.id, answer: reply, ...(note ? { note } : {}) }).filter((e) => !session.isRedundant(e)),
    );
  }
  const view = session.current()!;
  return t('adapt.checklist.done', { count: answered, answered: view.answered, total: count, proposed: view.proposed });
}
