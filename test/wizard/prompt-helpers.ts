/** Driving the wizards' prompts and loops through @inquirer/testing (no terminal needed). */
import { render } from '@inquirer/testing';
import type { JournalEvent, NewEvent } from '../../src/project/events.js';
import type { PromptContext } from '../../src/wizard/prompt-context.js';
import { written } from '../helpers/session-fixtures.js';

/** render() accepts inquirer prompts; our composed prompts have the same call shape. */
type AnyPrompt<C, V> = (config: C, context?: PromptContext) => Promise<V>;
export const asPrompt = <C, V>(p: AnyPrompt<C, V>) => p as unknown as Parameters<typeof render<C, V>>[0];

/** Run a wizard loop as a prompt: `run` gets the test terminal's prompt context and output. */
export function renderLoop<R>(run: (io: { context: PromptContext; output: NodeJS.WritableStream }) => Promise<R>) {
  return render<object, R>(
    asPrompt((_: object, context?: PromptContext) => run({ context: context!, output: context!.output! })),
    {},
  );
}

/** Wait until the screen shows what we expect (the next prompt starts asynchronously). */
export async function until(getScreen: () => string, pattern: RegExp, ms = 3000): Promise<string> {
  const end = Date.now() + ms;
  for (;;) {
    const screen = getScreen();
    if (pattern.test(screen)) return screen;
    if (Date.now() > end) throw new Error(`timed out waiting for ${pattern}; screen:\n${screen}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** A journal stand-in that takes a while to write (like fsync), so a loop that does not wait for it is caught. */
export function slowJournal(author = 'tester') {
  const log: JournalEvent[] = [];
  return {
    log,
    append: async (events: readonly NewEvent[]) => {
      await new Promise((r) => setTimeout(r, 30));
      const w = written(events, author);
      log.push(...w);
      return w;
    },
  };
}
