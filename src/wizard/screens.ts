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
import { Writable } from 'node:stream';
import { editor, expand, input, select } from '@inquirer/prompts';
import type { TextRole } from '../dataset/item.js';
import type { ChecklistAnswer, Decision, JournalEvent, NewEvent } from '../project/events.js';
import { DECISIONS, DECISION_DESCRIPTIONS, requiresRationale, validateDecision } from '../adapt/decisions.js';
import { ActionError, type AdaptSession, type ChecklistEntry, type Progress } from './session.js';
import { PLAIN, menuFor, renderItem, renderSummary, type MenuAction, type Style } from './render-item.js';

/** inquirer's prompt context (the subset we pass on). */
export interface PromptContext {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  signal?: AbortSignal;
  clearPromptOnDone?: boolean;
}

/**
 * Each inquirer prompt pipes into the context's output and ends that pipe when
 * it is done. process.stdout ignores the end, but any other stream (a test's
 * buffer, a log) would be closed after the first prompt: give each prompt its
 * own forwarding stream that never ends the real one.
 */
export function own(context: PromptContext | undefined): PromptContext | undefined {
  const target = context?.output as (NodeJS.WritableStream & { columns?: number; rows?: number; isTTY?: boolean }) | undefined;
  if (!context || !target || target === process.stdout) return context;
  // Forward at once (no waiting for the target's callback), so what a prompt draws is on the target before the next key.
  const output = new Writable({
    write: (chunk: Buffer, _encoding, callback) => {
      target.write(chunk);
      callback();
    },
  });
  Object.defineProperties(output, { columns: { get: () => target.columns }, rows: { get: () => target.rows }, isTTY: { get: () => target.isTTY } });
  return { ...context, output };
}

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

/** The single-key action menu: type the key, then Enter (h + Enter lists every action). */
export function actionPrompt(config: ActionPromptConfig, context?: PromptContext): Promise<MenuAction> {
  const choices = menuFor({ flagged: config.flagged, secondary: config.secondary ?? false }).map((m) => ({ key: m.key, name: m.label, value: m.action }));
  return expand<MenuAction>({ message: `${config.position ? `[${config.position}] ` : ''}${config.itemId} ›`, choices }, own(context));
}

export type ChecklistReply = ChecklistAnswer | 'skip' | 'stop';

export interface ChecklistPromptConfig {
  entry: ChecklistEntry;
  /** 1-based number of the question among the item's questions. */
  number: number;
  count: number;
}

const CHECKLIST_KEYS: { key: 'y' | 'n' | 'x' | 's' | 'q'; name: string; value: ChecklistReply }[] = [
  { key: 'y', name: 'yes', value: 'yes' },
  { key: 'n', name: 'no', value: 'no' },
  { key: 'x', name: 'n/a (does not fit this item)', value: 'n/a' },
  { key: 's', name: 'skip this question', value: 'skip' },
  { key: 'q', name: 'done with the checklist', value: 'stop' },
];

/** One checklist question: its help, then y / n / x (n/a) / s (skip) / q (stop). Enter keeps the recorded answer. */
export async function checklistPrompt(config: ChecklistPromptConfig, context?: PromptContext): Promise<ChecklistReply> {
  const { entry } = config;
  const out = context?.output ?? process.stdout;
  const effects = `yes → ${entry.effects.yes}, no → ${entry.effects.no}`;
  out.write(`\n${'─'.repeat(20)}\n${entry.help ? `${entry.help}\n` : ''}(${effects})\n`);
  const current = CHECKLIST_KEYS.find((k) => k.value === entry.answer);
  return expand<ChecklistReply>(
    {
      message: `[${config.number}/${config.count}] ${entry.prompt}`,
      choices: CHECKLIST_KEYS,
      ...(current ? { default: current.key } : {}),
    },
    own(context),
  );
}

export interface DecisionPromptConfig {
  proposed: Decision;
  current?: { decision: Decision; rationale?: string };
  /** Without a target text only "drop" can be chosen. */
  hasText: boolean;
}

/**
 * Choose a decision (the checklist's proposal preselected; type its first
 * letter to jump), then its rationale: required for adapt, replace and drop.
 */
export async function decisionPrompt(config: DecisionPromptConfig, context?: PromptContext): Promise<{ decision: Decision; rationale?: string }> {
  const decision = await select<Decision>(
    {
      message: 'Decision',
      choices: DECISIONS.map((d) => ({
        value: d,
        name: d,
        description: `${DECISION_DESCRIPTIONS[d]}${d === config.proposed ? ' (proposed by the checklist)' : ''}`,
        ...(!config.hasText && d !== 'drop' ? { disabled: '(no target text yet)' } : {}),
      })),
      default: config.hasText ? (config.current?.decision ?? config.proposed) : 'drop',
    },
    own(context),
  );
  const previous = config.current?.decision === decision ? config.current.rationale : undefined;
  const rationale = await input(
    {
      message: requiresRationale(decision) ? `Rationale for ${decision} (required)` : 'Rationale (optional, Enter to skip)',
      ...(previous ? { default: previous } : {}),
      validate: (v) => validateDecision({ decision, rationale: v }) ?? true,
    },
    own(context),
  );
  const trimmed = rationale.trim();
  return trimmed ? { decision, rationale: trimmed } : { decision };
}

/** Which text to edit: q(uestion), a(nswer) or c(ancel). */
export function fieldPrompt(context?: PromptContext): Promise<TextRole | 'cancel'> {
  return expand<TextRole | 'cancel'>(
    {
      message: 'Edit which text?',
      choices: [
        { key: 'q', name: 'question', value: 'question' },
        { key: 'a', name: 'answer', value: 'answer' },
        { key: 'c', name: 'cancel', value: 'cancel' },
      ],
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

const nonEmpty = (v: string) => v.trim() !== '' || 'The text cannot be empty. To remove the item, decide "drop" with a reason.';

/**
 * Edit a target text: in $VISUAL/$EDITOR (inquirer's editor prompt, opened at
 * once), or inline on one line, where a line break is written as \n.
 */
export async function editPrompt(config: EditPromptConfig, context?: PromptContext): Promise<string> {
  if (config.inline) {
    const line = await input(
      { message: `${config.field} (inline; a line break is \\n)`, default: config.current.replace(/\n/g, '\\n'), prefill: 'editable', validate: nonEmpty },
      own(context),
    );
    return line.replace(/\\n/g, '\n');
  }
  return editor({ message: `Editing the ${config.field} in your editor; save and close it to continue.`, default: config.current, waitForUserInput: false, postfix: '.txt', validate: nonEmpty }, own(context));
}

export function flagPrompt(context?: PromptContext): Promise<string> {
  return input({ message: 'What should be discussed? (note for the flag)', required: true, validate: (v) => v.trim() !== '' || 'Write a note.' }, own(context));
}

// ---- the session loop -------------------------------------------------------

export interface Journal {
  append(events: readonly NewEvent[]): Promise<JournalEvent[]>;
}

export interface WizardOptions {
  /** Where the item screens go (default: stdout); prompts use `context`. */
  output?: NodeJS.WritableStream & { isTTY?: boolean; columns?: number; rows?: number };
  context?: PromptContext;
  style?: Style;
  /** Edit inline instead of in $EDITOR. */
  inlineEdit?: boolean;
  /** Clear the terminal before each item (default: when output is a terminal). */
  clear?: boolean;
  header?: string;
  /** Shown on the first screen (warnings from loading the project). */
  notice?: string;
}

export interface WizardResult {
  quit: boolean;
  progress: Progress;
}

/** Use the inline editor when asked to, or when no editor is configured (rather than falling back to vi). */
export function wantsInlineEdit(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.CAREFULLY_INLINE_EDIT === '1' || !(env.VISUAL || env.EDITOR);
}

export async function runWizard(session: AdaptSession, journal: Journal, opts: WizardOptions = {}): Promise<WizardResult> {
  const out = opts.output ?? process.stdout;
  const st = opts.style ?? PLAIN;
  const ctx = opts.context;
  const clear = opts.clear ?? Boolean(out.isTTY);
  let notice = opts.notice;

  /** The rule of the wizard: written and fsynced, then committed, before anything else is shown. */
  const save = async (events: NewEvent[]): Promise<number> => {
    if (events.length === 0) return 0;
    session.commit(await journal.append(events));
    return events.length;
  };

  if (session.queue.length === 0) {
    out.write(`${notice ? `${notice}\n` : ''}No item matches these filters: nothing to do.\n`);
    return { quit: false, progress: session.progress() };
  }
  while (!session.finished) {
    const view = session.current()!;
    const id = view.item.id;
    if (clear) out.write('\x1b[2J\x1b[3J\x1b[H');
    out.write(`${renderItem(view, session.progress(), { style: st, width: out.columns ?? 100, ...(out.rows ? { height: out.rows } : {}), ...(opts.header ? { header: opts.header } : {}), ...(notice ? { notice } : {}) })}\n`);
    notice = undefined;
    const action = await actionPrompt({ itemId: id, position: `${view.position}/${view.total}`, flagged: view.state.flags.length > 0, secondary: view.secondary }, ctx);
    try {
      switch (action) {
        case 'accept':
          await save(session.eventsFor({ type: 'accept' }));
          notice = st.green(view.secondary ? `Saved your second-annotation decision on ${id}: transfer (compared, not applied).` : `Saved ${id}: transfer.`);
          session.next();
          break;
        case 'edit': {
          const field = await fieldPrompt(ctx);
          if (field === 'cancel') break;
          const text = await editPrompt({ field, current: view.state[field] ?? '', inline: opts.inlineEdit ?? wantsInlineEdit() }, ctx);
          const n = await save(session.eventsFor({ type: 'edit', field, text }));
          notice = n ? st.green(`Saved the edited ${field}.`) : `The ${field} is unchanged.`;
          break;
        }
        case 'checklist':
          notice = await runChecklist(session, save, ctx);
          break;
        case 'decide': {
          // A second annotator's current decision is their own, never the primary one (which they do not see).
          const current = view.secondary ? view.ownSecondary : view.state.decision;
          const hasText = view.state.question !== undefined && view.state.answer !== undefined;
          const { decision, rationale } = await decisionPrompt({ proposed: view.proposed, hasText, ...(current ? { current: { decision: current.decision, ...(current.rationale ? { rationale: current.rationale } : {}) } } : {}) }, ctx);
          await save(session.eventsFor({ type: 'decide', decision, ...(rationale ? { rationale } : {}) }));
          notice = st.green(view.secondary ? `Saved your second-annotation decision on ${id}: ${decision} (compared, not applied).` : `Saved ${id}: ${decision}.`);
          // Not refused (the localizer may edit later, e.g. after a discussion), but QA will report it.
          const s = session.state(id);
          if (!view.secondary && (decision === 'adapt' || decision === 'replace') && !s.edited.question && !s.edited.answer) {
            notice += st.yellow(` Note: the text is still the machine translation; [b]ack and [e]dit it, or QA will report it.`);
          }
          session.next();
          break;
        }
        case 'flag': {
          const note = await flagPrompt(ctx);
          await save(session.eventsFor({ type: 'flag', note }));
          notice = st.yellow(`Flagged ${id} for discussion.`);
          break;
        }
        case 'unflag':
          await save(session.eventsFor({ type: 'unflag' }));
          notice = `Flags of ${id} resolved.`;
          break;
        case 'skip':
          session.skip();
          if (view.todo) notice = `Skipped ${id}; it stays undecided.`;
          break;
        case 'back':
          if (!session.back()) notice = 'This is the first item.';
          break;
        case 'quit':
          out.write(`${renderSummary(session.progress(), { style: st, finished: false })}\n`);
          return { quit: true, progress: session.progress() };
      }
    } catch (e) {
      if (!(e instanceof ActionError)) throw e;
      notice = st.red(e.message);
    }
  }
  out.write(`${notice ? `${notice}\n` : ''}${renderSummary(session.progress(), { style: st, finished: true })}\n`);
  return { quit: false, progress: session.progress() };
}

/**
 * Ask the applicable questions one after another, from the first unanswered
 * one round to the one before it (so answered ones can be revised: Enter
 * keeps an answer). Each answer is saved at once; an unchanged one is not rewritten.
 */
async function runChecklist(session: AdaptSession, save: (events: NewEvent[]) => Promise<number>, ctx: PromptContext | undefined): Promise<string> {
  const first = session.current()!;
  const count = first.checklist.length;
  if (count === 0) return 'No checklist question applies to this item.';
  const start = Math.max(0, first.checklist.findIndex((q) => q.answer === undefined));
  let answered = 0;
  for (let k = 0; k < count; k++) {
    const i = (start + k) % count;
    // Re-read the view: each saved answer changes it.
    const entry = session.current()!.checklist[i]!;
    const reply = await checklistPrompt({ entry, number: i + 1, count }, ctx);
    if (reply === 'stop') break;
    if (reply === 'skip') continue;
    answered += await save(session.eventsFor({ type: 'checklist', question: entry.id, answer: reply }).filter((e) => !session.isRedundant(e)));
  }
  const view = session.current()!;
  return `${answered} checklist answer(s) saved; ${view.answered}/${count} answered. The checklist proposes: ${view.proposed}.`;
}
