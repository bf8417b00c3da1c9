/** The context passed to each inquirer prompt (streams, abort signal) and the stream wrapper every prompt draws through. */
import { Writable } from 'node:stream';

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
  const target: (NodeJS.WritableStream & { columns?: number; rows?: number; isTTY?: boolean }) | undefined = context?.output;
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

/**
 * Run an inquirer prompt that Esc cancels: resolves undefined when Esc is
 * pressed (inquirer has no cancel key of its own; its abort signal does it).
 */
export async function cancellable<T>(run: (context: PromptContext) => Promise<T>, context?: PromptContext): Promise<T | undefined> {
  const input = context?.input ?? process.stdin;
  const esc = new AbortController();
  const onKey = (_: unknown, key?: { name?: string }) => {
    if (key?.name === 'escape') esc.abort();
  };
  input.on('keypress', onKey);
  const signal = context?.signal ? AbortSignal.any([context.signal, esc.signal]) : esc.signal;
  try {
    return await run({ ...context, signal });
  } catch (e) {
    if (esc.signal.aborted && e instanceof Error && e.name === 'AbortPromptError') return undefined;
    throw e;
  } finally {
    input.removeListener('keypress', onKey);
  }
}
