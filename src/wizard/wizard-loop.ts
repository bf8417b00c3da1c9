/**
 * The loop the adapt and the review wizards share, without any prompt of its
 * own (screens.ts and review-screens.ts, the only modules that import
 * inquirer, pass theirs in): draw the current item, read one action, take it
 * (skip / back / quit here, the rest by the wizard), and show a refused
 * action as a notice on the same item. Every action that writes saves with
 * saver(): appended to the journal (fsync) and committed to the session
 * before anything else is shown.
 */
import { visibleStyled } from '../text-safety.js';
import type { JournalEvent, NewEvent } from '../project/events.js';
import { PLAIN, type RenderOptions, type Style } from './render-item.js';
import type { PromptContext } from './prompt-context.js';

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
  /** Shown on the first screen (warnings from loading the project; in review, the items left out). */
  notice?: string;
}

/**
 * The rule of the wizards: events are written and fsynced, then committed,
 * before anything else is shown. Returns how many events were saved.
 */
export function saver(session: { commit(written: readonly JournalEvent[]): unknown }, journal: Journal): (events: NewEvent[]) => Promise<number> {
  return async (events) => {
    if (events.length === 0) return 0;
    session.commit(await journal.append(events));
    return events.length;
  };
}

/** Where a wizard draws: the output, its style, and one item screen at a time. */
export class WizardScreen {
  readonly out: NonNullable<WizardOptions['output']>;
  readonly style: Style;
  private readonly clear: boolean;

  constructor(private readonly opts: WizardOptions) {
    this.out = opts.output ?? process.stdout;
    this.style = opts.style ?? PLAIN;
    this.clear = opts.clear ?? Boolean(this.out.isTTY);
  }

  /** How the item screen is rendered for this output, with a notice above the menu. */
  renderOptions(notice: string | undefined): RenderOptions {
    const out = this.out;
    return {
      style: this.style,
      width: out.columns ?? 100,
      ...(out.rows ? { height: out.rows } : {}),
      ...(this.opts.header ? { header: this.opts.header } : {}),
      ...(notice ? { notice } : {}),
    };
  }

  /** Show one screen (after clearing the terminal when asked to). */
  draw(text: string): void {
    if (this.clear) this.out.write('\x1b[2J\x1b[3J\x1b[H');
    this.out.write(`${text}\n`);
  }
}

/** The actions the loop takes itself. */
export type Navigation = 'skip' | 'back' | 'quit';

export interface LoopSession<V, P> {
  readonly finished: boolean;
  current(): V | undefined;
  progress(): P;
  skip(): boolean;
  back(): boolean;
}

export interface LoopView {
  item: { id: string };
  /** Whether the item is still to do (a skip then says so). */
  todo: boolean;
}

/** What a wizard adds to the loop: its screens, its menu and its actions. */
export interface LoopScreens<V, A extends string, P> {
  render(view: V, progress: P, opts: RenderOptions): string;
  /** Read one action on the item shown. */
  prompt(view: V): Promise<A>;
  /** Take an action other than navigation; returns the notice for the next screen. */
  act(action: Exclude<A, Navigation>, view: V): Promise<string | undefined>;
  /** The notice after skipping an item still to do. */
  skipped(id: string): string;
  /** What is printed when the queue is done or the person quits. */
  summary(progress: P, finished: boolean): string;
  /** The session's refusals, shown on the same item; any other error ends the loop. */
  isRefusal(e: unknown): e is Error;
}

/** How a wizard ended: quit by the person, or with the queue done; and the session's progress then. */
export interface LoopResult<P> {
  quit: boolean;
  progress: P;
}

export async function runLoop<V extends LoopView, A extends string, P>(
  session: LoopSession<V, P>,
  screens: LoopScreens<V, A, P>,
  screen: WizardScreen,
  notice?: string,
): Promise<LoopResult<P>> {
  while (!session.finished) {
    const view = session.current()!;
    screen.draw(screens.render(view, session.progress(), screen.renderOptions(notice)));
    notice = undefined;
    const action = await screens.prompt(view);
    try {
      if (action === 'quit') {
        screen.out.write(`${screens.summary(session.progress(), false)}\n`);
        return { quit: true, progress: session.progress() };
      } else if (action === 'skip') {
        session.skip();
        if (view.todo) notice = screens.skipped(view.item.id);
      } else if (action === 'back') {
        if (!session.back()) notice = 'This is the first item.';
      } else {
        notice = await screens.act(action as Exclude<A, Navigation>, view);
      }
    } catch (e) {
      if (!screens.isRefusal(e)) throw e;
      notice = screen.style.red(e.message);
    }
  }
  screen.out.write(`${notice ? `${visibleStyled(notice)}\n` : ''}${screens.summary(session.progress(), true)}\n`);
  return { quit: false, progress: session.progress() };
}
