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
