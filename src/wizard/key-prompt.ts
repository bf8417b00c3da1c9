/**
 * A prompt that takes one key, at once (no Enter): the wizards' menus, the
 * checklist and the pane keys. A key that means nothing here (Enter
 * included) only shows the hint, so a stray or doubled key never acts. Esc
 * is a key like any other: menus map it to "cancel" or "back to all panes".
 * The prompt also ends when the terminal is resized, so the screen above it
 * can be drawn again at the new size.
 */
import { createPrompt, useEffect, useKeypress, usePrefix, useState, type KeypressEvent } from '@inquirer/core';
import type { PromptContext } from './prompt-context.js';

export interface KeyChoice<V> {
  /** One character ("a", "/", "?", "1") or a key name ("escape", "pagedown", "pageup", "space"). */
  key: string;
  value: V;
}

export interface KeyPromptConfig<V> {
  message: string;
  keys: readonly KeyChoice<V>[];
  /** Shown under the prompt when a key that means nothing here is pressed. */
  hint: string;
  /** Resolve with `value` when the subscribed event fires (a terminal resize). */
  interrupt?: { subscribe(cb: () => void): () => void; value: V };
}

/** The character a keypress typed, if it typed one (readline gives `sequence`; @inquirer/testing gives only `name`). */
function typed(key: KeypressEvent & { sequence?: string }): string | undefined {
  if (key.ctrl) return undefined;
  if (key.sequence !== undefined && [...key.sequence].length === 1 && key.sequence >= ' ') return key.sequence;
  return key.name !== undefined && [...key.name].length === 1 ? key.name : undefined;
}

const prompt = createPrompt<unknown, KeyPromptConfig<unknown>>((config, done) => {
  const [status, setStatus] = useState<'idle' | 'done'>('idle');
  const [hint, setHint] = useState<string | undefined>(undefined);
  const prefix = usePrefix({ status });

  useEffect(() => {
    const interrupt = config.interrupt;
    if (!interrupt) return undefined;
    return interrupt.subscribe(() => {
      setStatus('done');
      done(interrupt.value);
    });
  }, []);

  useKeypress((key, rl) => {
    if (status === 'done') return;
    // Nothing typed here is meant as a line: keep readline's buffer empty.
    rl.clearLine(0);
    const ch = typed(key);
    const choice =
      (ch !== undefined && ch !== ' ' ? config.keys.find((k) => k.key === ch) : undefined) ??
      config.keys.find((k) => k.key.length > 1 && k.key === (key.name === 'space' || ch === ' ' ? 'space' : key.name));
    if (!choice) {
      setHint(config.hint);
      return;
    }
    setStatus('done');
    done(choice.value);
  });

  if (status === 'done') return `${prefix} ${config.message}`;
  return [`${prefix} ${config.message}`, hint ?? ''];
});

/** Read one key; resolves with the value of the first choice for it. */
export function keyPrompt<V>(config: KeyPromptConfig<V>, context?: PromptContext): Promise<V> {
  return prompt(config, context) as Promise<V>;
}
