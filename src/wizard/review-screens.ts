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
import { t } from '../i18n.js';
import { describeUndone } from '../session/undo-action.js';
import type { ReviewProgress, ReviewSession } from '../review/review-session.js';
import { REVIEW_MENU, renderReviewItem, renderReviewSummary, type ReviewMenuAction } from './render-review.js';
import { editTextPrompt, menuMessage } from './screens.js';
import { fieldList } from './render-item.js';
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
export const reviewHint = () => t('review.hint');

/** The single-key review menu: a key acts at once; any other key (Enter included) only shows the hint. */
export function reviewActionPrompt(config: ReviewActionPromptConfig, context?: PromptContext): Promise<ReviewMenuAction> {
  return keyPrompt<ReviewMenuAction>(
    { message: menuMessage(config), keys: REVIEW_MENU.map((m) => ({ key: m.key, value: m.action })), hint: reviewHint() },
    own(context),
  );
}

/** The rejection comment: required, since the localizer reworks the item from it. Undefined when cancelled with Esc. */
export async function rejectCommentPrompt(config: { itemId?: string } = {}, context?: PromptContext): Promise<string | undefined> {
  const comment = await cancellable(
    (ctx) =>
      input(
        {
          message: config.itemId === undefined ? t('review.reject.messageIt') : t('review.reject.message', { id: visibleInline(config.itemId) }),
          validate: (v) => /[\p{L}\p{N}]/u.test(v) || t('review.reject.write'),
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
      hint: reviewHint(),
      skipped: (view) => t('review.notice.skipped', { id: view.item.id }),
      summary: (progress, finished) => renderReviewSummary(progress, { style: st, finished }),
      isRefusal: (e) => e instanceof ActionError,
      act: async (action, view) => {
        const id = view.item.id;
        switch (action) {
          case 'approve':
            await save(session.eventsFor({ type: 'approve' }));
            session.next();
            return st.green(t('review.notice.approved', { id }));
          case 'reject': {
            // Refuse before asking for a comment that could not be saved (stale, no decision, own work).
            if (view.blocked) throw view.blocked;
            const comment = await rejectCommentPrompt({ itemId: id }, ctx);
            if (comment === undefined) return t('wizard.cancelled');
            await save(session.eventsFor({ type: 'reject', comment }));
            session.next();
            return st.red(t('review.notice.rejected', { id }));
          }
          case 'intend':
          case 'waive':
            return intendOrWaive(action, view.findings, async (a) => save(session.eventsFor(a)), st, ctx);
          case 'reply': {
            if (view.state.flags.length === 0) return t('review.notice.noFlag');
            await save(session.eventsFor({ type: 'reply', note: await replyPrompt(ctx) }));
            return st.green(t('review.notice.replied', { id }));
          }
          case 'unflag': {
            const n = await save(session.eventsFor({ type: 'unflag' }));
            return n ? t('wizard.notice.resolved', { id }) : t('review.notice.noFlag');
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
            if (n === 0) return t('wizard.edit.unchanged', { field: fieldList([edit.field]) });
            if (session.isTodo(id)) return st.green(t('review.notice.edited', { field: fieldList([edit.field]) }));
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
