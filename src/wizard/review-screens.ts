/**
 * The review wizard's terminal layer, the sibling of screens.ts (the two are
 * the only modules that import inquirer). It draws the review session's
 * current item (render-review.ts), reads one key, turns it into journal
 * events with the session, appends them (fsync) and commits them before it
 * shows anything else. Ctrl-C is left to the CLI's top-level catch, as in
 * adapt: every verdict given is on disk by then.
 */
import { visibleInline } from '../text-safety.js';
import { input } from '@inquirer/prompts';
import { ActionError } from '../errors.js';
import { describeUndone } from '../session/undo-action.js';
import type { ReviewProgress, ReviewSession } from '../review/review-session.js';
import { REVIEW_MENU, renderReviewItem, renderReviewSummary, type ReviewMenuAction } from './render-review.js';
import { editTextPrompt, menuMessage } from './screens.js';
import { keyPrompt } from './key-prompt.js';
import { msg } from './messages.js';
import { cancellable, own, type PromptContext } from './prompt-context.js';
import { intendOrWaive, replyPrompt } from './qa-prompts.js';
import { WizardScreen, runLoop, saver, type Journal, type LoopResult, type WizardOptions } from './wizard-loop.js';

export interface ReviewActionPromptConfig {
  itemId: string;
  /** "4/36", repeated next to the prompt since a long item scrolls the header away. */
  position?: string;
}

/** The hint under the review menu: Enter approves nothing, so a double Enter cannot approve two items. */
export const REVIEW_HINT = 'Enter does not approve: press a to approve, r to reject, ? for every key.';

/** The single-key review menu: a key acts at once; any other key (Enter included) only shows the hint. */
export function reviewActionPrompt(config: ReviewActionPromptConfig, context?: PromptContext): Promise<ReviewMenuAction> {
  return keyPrompt<ReviewMenuAction>(
    { message: menuMessage(config), keys: REVIEW_MENU.map((m) => ({ key: m.key, value: m.action })), hint: REVIEW_HINT },
    own(context),
  );
}

/** The rejection comment: required, since the localizer reworks the item from it. Undefined when cancelled with Esc. */
export async function rejectCommentPrompt(config: { itemId?: string } = {}, context?: PromptContext): Promise<string | undefined> {
  const comment = await cancellable(
    (ctx) =>
      input(
        {
          message: `Why is ${config.itemId === undefined ? 'it' : visibleInline(config.itemId)} rejected? (the localizer sees this comment; Esc cancels)`,
          validate: (v) => /[\p{L}\p{N}]/u.test(v) || 'Write what the localizer should fix.',
        },
        own(ctx),
      ),
    context,
  );
  return comment?.trim();
}

/** The same options as the adapt wizard's (`notice`: warnings and the items left out). */
export type ReviewWizardOptions = WizardOptions;

export type ReviewWizardResult = LoopResult<ReviewProgress>;

export async function runReview(session: ReviewSession, journal: Journal, opts: ReviewWizardOptions = {}): Promise<ReviewWizardResult> {
  const screen = new WizardScreen(opts);
  const st = screen.style;
  const ctx = opts.context;
  const save = saver(session, journal);

  return runLoop(
    session,
    {
      render: renderReviewItem,
      menu: () => REVIEW_MENU,
      message: (view) => menuMessage({ itemId: view.item.id, position: `${view.position}/${view.total}` }),
      hint: REVIEW_HINT,
      skipped: (view) => `Skipped ${view.item.id}; it still awaits review (not shown again in this session).`,
      summary: (progress, finished) => renderReviewSummary(progress, { style: st, finished }),
      isRefusal: (e) => e instanceof ActionError,
      act: async (action, view) => {
        const id = view.item.id;
        switch (action) {
          case 'approve':
            await save(session.eventsFor({ type: 'approve' }));
            session.next();
            return st.green(`Approved ${id}.`);
          case 'reject': {
            // Refuse before asking for a comment that could not be saved (stale, no decision, own work).
            if (view.blocked) throw view.blocked;
            const comment = await rejectCommentPrompt({ itemId: id }, ctx);
            if (comment === undefined) return 'Cancelled: nothing was saved.';
            await save(session.eventsFor({ type: 'reject', comment }));
            session.next();
            return st.red(`Rejected ${id}: it goes back to the localizer with your comment.`);
          }
          case 'intend':
          case 'waive':
            return intendOrWaive(action, view.findings, async (a) => save(session.eventsFor(a)), st, ctx);
          case 'reply': {
            if (view.state.flags.length === 0) return 'This item has no open flag.';
            await save(session.eventsFor({ type: 'reply', note: await replyPrompt(ctx) }));
            return st.green(`Replied to the flag of ${id}.`);
          }
          case 'unflag': {
            const n = await save(session.eventsFor({ type: 'unflag' }));
            return n ? `Flags of ${id} resolved.` : 'This item has no open flag.';
          }
          case 'undo': {
            const { events, undone } = session.undoPlan(id);
            await save(events);
            return st.yellow(msg.undone(id, describeUndone(undone)));
          }
          case 'edit': {
            if (view.blocked && view.blocked.reason !== 'self-review') throw view.blocked;
            const edit = await editTextPrompt(view.state, opts, ctx);
            if (!edit) return undefined;
            const n = await save(session.eventsFor({ type: 'edit', ...edit }));
            if (n === 0) return `The ${edit.field} is unchanged.`;
            if (session.isTodo(id)) return st.green(`Saved the edited ${edit.field}; approve or reject the new text.`);
            // Stay on the item, so the other text can be edited too; s moves on.
            return st.yellow(msg.reviewEditHandedOn(edit.field, id));
          }
        }
      },
    },
    screen,
    opts.notice,
  );
}
