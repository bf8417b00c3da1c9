import { exportTmx } from '../../interop/tmx.js';
import type { CommandContext } from '../io.js';
import { messages } from '../messages/interop.js';

export interface TmxCommandOptions {
  project: string;
  out: string;
  json?: boolean;
}

export async function run(opts: TmxCommandOptions, { out: { print, printJson, warn } }: CommandContext): Promise<void> {
  const r = await exportTmx({ project: opts.project, out: opts.out });
  if (opts.json) return printJson(r);
  for (const w of r.warnings) warn(w);
  print(messages.tmxExported(r));
}
