/**
 * The loop the adapt and the review wizards share: draw the current item
 * fitted to the terminal (drawn again when it is resized), read one key
 * (key-prompt.ts: no Enter), take it (skip / back / quit and the pane keys
 * here, the rest by the wizard), and show a refused action as a notice on
 * the same item. Every action that writes saves with
 * saver(): appended to the journal (fsync) and committed to the session
 * before anything else is shown.
 */
import { t } from '../i18n.js';
import { visibleStyled } from '../text-safety.js';
import type { JournalEvent, NewEvent } from '../project/events.js';
import { PLAIN, screenRows, type RenderOptions, type Style } from './render-item.js';
import { keyPrompt, type KeyChoice } from './key-prompt.js';
import { msg } from './messages.js';
import type { Suggester } from './suggestion-screen.js';
import { PANES, type PaneId, type PaneView } from './layout.js';
import { own, type PromptContext } from './prompt-context.js';

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
  /** Called with each item's ID when it is first shown (to record where the person is). */
  onShow?: (id: string) => void;
  /** [m] in the adapt wizard: fetch a model suggestion for an item (wizard/suggestion-screen.ts). */
  suggest?: Suggester;
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
      // The prompt's line and its hint line go below the screen.
      ...(out.rows ? { height: Math.max(8, out.rows - PROMPT_ROWS) } : {}),
      ...(this.opts.header ? { header: this.opts.header } : {}),
      ...(notice ? { notice } : {}),
    };
  }

  /** Show one screen (after clearing the terminal when asked to). */
  draw(text: string): void {
    if (this.clear) this.out.write('\x1b[2J\x1b[3J\x1b[H');
    this.out.write(`${text}\n`);
  }

  /** Read one key; a resize of a terminal ends the prompt with `onResize`, so the screen is drawn again at the new size. */
  readKey<V>(message: string, keys: readonly KeyChoice<V>[], hint: string, onResize: V): Promise<V> {
    const out = this.out as NodeJS.WritableStream & { on?: unknown };
    const resizes = this.out.isTTY && typeof out.on === 'function';
    return keyPrompt(
      {
        message,
        keys,
        hint,
        ...(resizes
          ? {
              interrupt: {
                subscribe: (cb: () => void) => {
                  this.out.on('resize', cb);
                  return () => void this.out.removeListener('resize', cb);
                },
                value: onResize,
              },
            }
          : {}),
      },
      own(this.opts.context),
    );
  }
}

/** Rows below the item screen: the prompt's line and its hint. */
const PROMPT_ROWS = 2;

/** One entry of a wizard's menu: its key, what it does, and how the keys line and the help name it. */
export interface MenuEntry<A extends string> {
  key: string;
  action: A;
  label: string;
  short: string;
}

/** The keys every item screen has, besides its menu: the panes, paging, help. */
type ViewKey = { pane: PaneId } | { page: 1 | -1 } | 'unfocus' | 'help' | 'redraw';

const VIEW_KEYS: KeyChoice<ViewKey>[] = [
  ...PANES.map((p) => ({ key: p.key, value: { pane: p.id } })),
  { key: 'space', value: { page: 1 } },
  { key: 'pagedown', value: { page: 1 } },
  { key: 'pageup', value: { page: -1 } },
  { key: 'escape', value: 'unfocus' },
  { key: '?', value: 'help' },
];

/**
 * The help notice: every key of the menu and of the screen, one a line; on a
 * terminal too short for that beside the head, the same keys in a few lines.
 */
export function helpText(menu: readonly MenuEntry<string>[], size: { columns?: number; rows?: number } = {}): string {
  const long = [...menu.map((m) => `${m.key}  ${m.label}`), msg.paneHelp(PANES), t('wizard.help.paging'), t('wizard.help.esc'), t('wizard.help.keysAct')].join(
    '\n',
  );
  // Room for the head, a few pane rows, the keys line and the prompt.
  if (size.rows === undefined || screenRows(long, size.columns ?? 100) <= size.rows - HELP_RESERVED_ROWS) return long;
  return [
    menu.map((m) => `${m.key} ${m.short}`).join(' · '),
    t('wizard.help.compactPanes', { panes: PANES.map((p) => `${p.key} ${p.name}`).join(' · ') }),
    t('wizard.help.compactKeys'),
  ].join('\n');
}

/** Rows the help notice leaves to the rest of the screen. */
const HELP_RESERVED_ROWS = 14;

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
  /** The actions offered on the item shown, one key each. */
  menu(view: V): readonly MenuEntry<A>[];
  /** The prompt's question for the item ("[4/36] test-0003 ›"). */
  message(view: V): string;
  /** Shown when a key that means nothing is pressed (Enter, say). */
  hint: string;
  /** Take an action other than navigation; returns the notice for the next screen. */
  act(action: Exclude<A, Navigation>, view: V): Promise<string | undefined>;
  /** The notice after skipping an item still to do. */
  skipped(view: V): string;
  /** What is printed when the queue is done or the person quits. */
  summary(progress: P, finished: boolean): string;
  /** The session's refusals, shown on the same item; any other error ends the loop. */
  isRefusal(e: unknown): e is Error;
  /** Called when an item is first shown. */
  shown?(id: string): void;
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
  const panes: PaneView = { page: 0 };
  let shownId: string | undefined;
  while (!session.finished) {
    const view = session.current()!;
    if (view.item.id !== shownId) {
      // A new item starts with every pane shown.
      delete panes.focus;
      panes.page = 0;
      shownId = view.item.id;
      screens.shown?.(shownId);
    }
    screen.draw(screens.render(view, session.progress(), { ...screen.renderOptions(notice), panes }));
    notice = undefined;
    const menu = screens.menu(view);
    const keys: KeyChoice<A | ViewKey>[] = [...menu.map((m) => ({ key: m.key, value: m.action })), ...VIEW_KEYS];
    const key = await screen.readKey<A | ViewKey>(screens.message(view), keys, screens.hint, 'redraw');
    if (typeof key === 'object' || key === 'unfocus' || key === 'help' || key === 'redraw') {
      if (typeof key === 'object' && 'pane' in key) {
        if (panes.focus === key.pane) delete panes.focus;
        else panes.focus = key.pane;
        panes.page = 0;
      } else if (typeof key === 'object') panes.page = Math.max(0, panes.page + key.page);
      else if (key === 'unfocus') delete panes.focus;
      else if (key === 'help') notice = helpText(menu, screen.out);
      continue;
    }
    const action: A = key;
    try {
      if (action === 'quit') {
        screen.out.write(`${screens.summary(session.progress(), false)}\n`);
        return { quit: true, progress: session.progress() };
      } else if (action === 'skip') {
        session.skip();
        if (view.todo) notice = screens.skipped(view);
      } else if (action === 'back') {
        if (!session.back()) notice = t('wizard.notice.first');
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
