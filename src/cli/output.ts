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
  /**
   * `{...head, [key]: rows}` (key last) as JSON, the head indented like printJson and each row compact on a line of its
   * own (greppable, and a third of the bytes at 100,000 rows), from rows already laid out as bytes, one jsonRowLine
   * (src/json-rows.ts) each, in parts of whole lines, each part written as it is: no one string of the whole.
   */
  printJsonRowLines: (head: object, key: string, parts: readonly Uint8Array[]) => void;
  warn: (message: string) => void;
  info: (message: string) => void;
}

/**
 * What goes before and after the rows of `{...head, [key]: rows}`, and the whole text when there are none. The rows go
 * between `[` and `]`, one jsonRowLine each, the last one's comma dropped.
 */
function frame(head: object, key: string): { before: string; after: string; empty: string } {
  const empty = safeJson({ ...head, [key]: [] }, 2);
  // `[]` closes the text ("...\n  \"items\": []\n}").
  const open = empty.lastIndexOf('[]');
  return { before: `${empty.slice(0, open)}[\n`, after: `\n  ]${empty.slice(open + 2)}\n`, empty: `${empty}\n` };
}

export function createPrinter(io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream }): Printer {
  return {
    print: (text = '') => void io.stdout.write(`${visible(text)}\n`),
    printJson: (value) => void io.stdout.write(`${safeJson(value, 2)}\n`),
    printJsonRowLines: (head, key, parts) => {
      const { before, after, empty } = frame(head, key);
      let last = parts.length - 1;
      while (last >= 0 && parts[last]!.length === 0) last--;
      if (last === -1) return void io.stdout.write(empty);
      io.stdout.write(before);
      parts.forEach((part, n) => {
        const body = n === last ? part.subarray(0, part.length - 2) : part; // the last row's ",\n"
        if (body.length > 0) io.stdout.write(body);
      });
      io.stdout.write(after);
    },
    warn: (message) => void io.stderr.write(`${t('cli.warning')}: ${visible(message)}\n`),
    info: (message) => void io.stderr.write(`${visible(message)}\n`),
  };
}

/** Right-aligned count table: [['translated', 3], ...] */
export function table(rows: [string, string | number][], indent = '  '): string {
  const width = Math.max(0, ...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${indent}${k.padEnd(width)}  ${v}`).join('\n');
}
