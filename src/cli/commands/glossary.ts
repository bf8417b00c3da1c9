import { exportGlossary, glossaryFormatOf, importGlossary, type GlossaryFormat } from '../../interop/glossary-files.js';
import type { CommandContext } from '../io.js';
import { messages } from '../messages/interop.js';

export interface GlossaryCommandOptions {
  action: 'export' | 'import';
  project: string;
  out?: string;
  file?: string;
  format?: GlossaryFormat;
  json?: boolean;
}

export async function run(opts: GlossaryCommandOptions, { out: { print, printJson } }: CommandContext): Promise<void> {
  if (opts.action === 'export') {
    const r = await exportGlossary({ project: opts.project, out: opts.out!, format: opts.format ?? glossaryFormatOf(opts.out!) });
    if (opts.json) return printJson(r);
    print(messages.glossaryExported(r));
    return;
  }
  const r = await importGlossary({ project: opts.project, file: opts.file!, format: opts.format ?? glossaryFormatOf(opts.file!) });
  if (opts.json) return printJson(r);
  print(messages.glossaryImported(r));
}
