import { describeProviders } from '../../translate/registry.js';
import type { CommandContext } from '../io.js';

export function run(opts: { json?: boolean }, { io, out: { print, printJson } }: CommandContext): Promise<void> {
  const list = describeProviders(io.env);
  if (opts.json) {
    printJson(list);
    return Promise.resolve();
  }
  for (const p of list) {
    print(`${p.name.padEnd(15)} ${p.configured ? 'configured    ' : 'not configured'}  ${p.summary}`);
    for (const e of p.env) print(`${''.padEnd(17)}${e.set ? '✓' : e.required ? '✗' : '·'} ${e.name}${e.required ? '' : ' (optional)'}: ${e.purpose}`);
  }
  print('\nKeys are read from the environment only; carefully never stores or prints them.');
  return Promise.resolve();
}
