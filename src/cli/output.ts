/**
 * Everything the CLI prints goes through here: results to stdout, warnings and progress to stderr.
 * Printed text often quotes data (IDs, labels, texts, author names), so control characters are
 * always shown as escapes (src/text-safety.ts): data can never drive the terminal.
 */
import { safeJson, visible } from '../text-safety.js';

export function print(text = ''): void {
  process.stdout.write(`${visible(text)}\n`);
}

export function printJson(value: unknown): void {
  process.stdout.write(`${safeJson(value, 2)}\n`);
}

export function warn(message: string): void {
  process.stderr.write(`warning: ${visible(message)}\n`);
}

export function info(message: string): void {
  process.stderr.write(`${visible(message)}\n`);
}

/** Right-aligned count table: [['translated', 3], ...] */
export function table(rows: [string, string | number][], indent = '  '): string {
  const width = Math.max(0, ...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${indent}${k.padEnd(width)}  ${v}`).join('\n');
}
