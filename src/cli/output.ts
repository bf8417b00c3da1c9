/**
 * Everything the CLI prints goes through a Printer made from the run's io: results to stdout,
 * warnings and progress to stderr. Printed text often quotes data (IDs, labels, texts, author
 * names), so control characters are always shown as escapes (src/text-safety.ts): data can never
 * drive the terminal.
 */
import { t } from '../i18n.js';
import { safeJson, visible } from '../text-safety.js';

export interface Printer {
  print: (text?: string) => void;
  printJson: (value: unknown) => void;
  warn: (message: string) => void;
  info: (message: string) => void;
}

export function createPrinter(io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream }): Printer {
  return {
    print: (text = '') => void io.stdout.write(`${visible(text)}\n`),
    printJson: (value) => void io.stdout.write(`${safeJson(value, 2)}\n`),
    warn: (message) => void io.stderr.write(`${t('cli.warning')}: ${visible(message)}\n`),
    info: (message) => void io.stderr.write(`${visible(message)}\n`),
  };
}

/** Right-aligned count table: [['translated', 3], ...] */
export function table(rows: [string, string | number][], indent = '  '): string {
  const width = Math.max(0, ...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${indent}${k.padEnd(width)}  ${v}`).join('\n');
}
