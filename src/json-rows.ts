/**
 * The layout of rows printed as JSON (`list --json` and other `--json`
 * outputs with many rows): each row compact on a line of its own, indented
 * under its key, followed by a comma (the printer drops the last row's). A
 * row serialised once this way can be stored and printed later as bytes.
 */
import { safeJson } from './text-safety.js';

export const JSON_ROW_INDENT = '    ';

/** One row as printed: `    {...},\n`. */
export function jsonRowLine(row: unknown): string {
  return `${JSON_ROW_INDENT}${safeJson(row)},\n`;
}
