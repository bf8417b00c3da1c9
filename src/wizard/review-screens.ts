/**
 * The review wizard's terminal layer, the sibling of screens.ts (the two are
 * the only modules that import inquirer). It draws the review session's
 * current item (render-review.ts), reads one key, turns it into journal
 * events with the session, appends them (fsync) and commits them before it
 * shows anything else. Ctrl-C is left to the CLI's top-level catch, as in
 * adapt: every verdict given is on disk by then.
 */
import { expand, input } from '@inquirer/prompts';
import type { NewEvent } from '../project/events.js';
import { ReviewError } from '../review/review-state.js';
import type { ReviewProgress, ReviewSession } from '../review/review-session.js';
import { PLAIN, type Style } from './render-item.js';
import { REVIEW_DEFAULT_KEY, REVIEW_MENU, renderReviewItem, renderReviewSummary, type ReviewMenuAction } from './render-review.js';
import { editPrompt, fieldPrompt, own, wantsInlineEdit, type Journal, type PromptContext } from './screens.js';

export interface ReviewActionPromptConfig {
  itemId: string;
  /** "4/36", repeated next to the prompt since a long item scrolls the header away. */
  position?: string;
}

/** The single-key review menu: a key then Enter, or Enter alone to approve (h + Enter lists every action). */
export function reviewActionPrompt(config: ReviewActionPromptConfig, context?: PromptContext): Promise<ReviewMenuAction> {
  return expand<ReviewMenuAction>(
    {
      message: `${config.position ? `[${config.position}] ` : ''}${config.itemId} ›`,
      choices: REVIEW_MENU.map((m) => ({ key: m.key, name: m.label, value: m.action })),
      default: REVIEW_DEFAULT_KEY,
    },
    own(context),
  );
}

/** The rejection comment: required, since the localizer reworks the item from it. */
export async function rejectCommentPrompt(config: { itemId?: string } = {}, context?: PromptContext): Promise<string> {
  const comment = await input(
    {
      message: `Why is ${config.itemId ?? 'it'} rejected? (the localizer sees this comment)`,
      validate: (v) => /[\p{L}\p{N}]/u.test(v) || 'Write what the localizer should fix.',
    },
    own(context),
  );
  return comment.trim();
}

export interface ReviewWizardOptions {
  /** Where the item screens go (default: stdout); prompts use `context`. */
  output?: NodeJS.WritableStream & { isTTY?: boolean; columns?: number; rows?: number };
  context?: PromptContext;
  style?: Style;
  /** Edit inline instead of in $EDITOR. */
  inlineEdit?: boolean;
  /** Clear the terminal before each item (default: when output is a terminal). */
  clear?: boolean;
  header?: string;
  /** Shown on the first screen (warnings, items left out). */
  notice?: string;
}

export interface ReviewWizardResult {
  quit: boolean;
  progress: ReviewProgress;
}

export async function runReview(session: ReviewSession, journal: Journal, opts: ReviewWizardOptions = {}): Promise<ReviewWizardResult> {
  const out = opts.output ?? process.stdout;
  const st = opts.style ?? PLAIN;
  const ctx = opts.context;
  const clear = opts.clear ?? Boolean(out.isTTY);
  let notice = opts.notice;

  /** Written and fsynced, then committed, before anything else is shown. */
  const save = async (events: NewEvent[]): Promise<number> => {
    if (events.length === 0) return 0;
    session.commit(await journal.append(events));
    return events.length;
  };

  while (!session.finished) {
    const view = session.current()!;
    const id = view.item.id;
    if (clear) out.write('\x1b[2J\x1b[3J\x1b[H');
    out.write(`${renderReviewItem(view, session.progress(), { style: st, width: out.columns ?? 100, ...(opts.header ? { header: opts.header } : {}), ...(notice ? { notice } : {}) })}\n`);
    notice = undefined;
    const action = await reviewActionPrompt({ itemId: id, position: `${view.position}/${view.total}` }, ctx);
    try {
      switch (action) {
        case 'approve':
          await save(session.eventsFor({ type: 'approve' }));
          notice = st.green(`Approved ${id}.`);
          session.next();
          break;
        case 'reject': {
          // Refuse before asking for a comment that could not be saved (stale, no decision, own work).
          if (view.blocked) throw view.blocked;
          const comment = await rejectCommentPrompt({ itemId: id }, ctx);
          await save(session.eventsFor({ type: 'reject', comment }));
          notice = st.red(`Rejected ${id}: it goes back to the localizer with your comment.`);
          session.next();
          break;
        }
        case 'edit': {
          if (view.blocked && view.blocked.reason !== 'self-review') throw view.blocked;
          const field = await fieldPrompt(ctx);
          if (field === 'cancel') break;
          const text = await editPrompt({ field, current: view.state[field] ?? '', inline: opts.inlineEdit ?? wantsInlineEdit() }, ctx);
          const n = await save(session.eventsFor({ type: 'edit', field, text }));
          if (n === 0) notice = `The ${field} is unchanged.`;
          else if (session.isTodo(id)) notice = st.green(`Saved the edited ${field}; approve or reject the new text.`);
          else {
            notice = st.yellow(`Saved the edited ${field} of ${id}. You changed its text, so it now awaits another reviewer's verdict (or yours with --allow-self-review).`);
            session.next();
          }
          break;
        }
        case 'skip':
          session.skip();
          if (view.todo) notice = `Skipped ${id}; it still awaits review.`;
          break;
        case 'back':
          if (!session.back()) notice = 'This is the first item.';
          break;
        case 'quit':
          out.write(`${renderReviewSummary(session.progress(), { style: st, finished: false })}\n`);
          return { quit: true, progress: session.progress() };
      }
    } catch (e) {
      if (!(e instanceof ReviewError)) throw e;
      notice = st.red(e.message);
    }
  }
  out.write(`${notice ? `${notice}\n` : ''}${renderReviewSummary(session.progress(), { style: st, finished: true })}\n`);
  return { quit: false, progress: session.progress() };
}
