/**
 * Rows printed as objects: each serialised as `list --json` lays a row out
 * (jsonRowLine) and printed by printJsonRowLines, the way `list --json`
 * printed listItems' rows before it kept them as bytes. The tests' reference
 * for rows printed from stored lines (test/cli/output-json-rows.test.ts
 * checks it against printJson).
 */
import type { Printer } from '../../src/cli/output.js';
import { jsonRowLine } from '../../src/json-rows.js';

export function printJsonRows(printer: Printer, head: object, key: string, rows: readonly unknown[]): void {
  printer.printJsonRowLines(head, key, [Buffer.from(rows.map(jsonRowLine).join(''))]);
}
