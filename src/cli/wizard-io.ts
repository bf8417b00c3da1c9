/** The wizards' terminal, taken from the run's io (imported only by interactive commands: it loads the wizard). */
import { styleFor } from '../wizard/render-item.js';
import { wantsInlineEdit, type WizardOptions } from '../wizard/screens.js';
import type { CliIo } from './io.js';

export function wizardStreams(io: CliIo): Pick<WizardOptions, 'output' | 'context' | 'style' | 'inlineEdit'> {
  return {
    output: io.stdout,
    context: { output: io.stdout, ...(io.stdin ? { input: io.stdin } : {}) },
    style: styleFor(io.stdout, io.env),
    inlineEdit: wantsInlineEdit(io.env),
  };
}
