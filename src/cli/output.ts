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
   * own (greppable, and a third of the bytes at 100,000 rows), written a chunk of rows at a time: no one string of the whole.
   */
  printJsonRows: (head: object, key: string, rows: readonly unknown[]) => void;
  warn: (message: string) => void;
  info: (message: string) => void;
}

const JSON_ROWS_CHUNK = 2000;

export function createPrinter(io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream }): Printer {
  return {
    print: (text = '') => void io.stdout.write(`${visible(text)}\n`),
    printJson: (value) => void io.stdout.write(`${safeJson(value, 2)}\n`),
    printJsonRows: (head, key, rows) => {
      const text = safeJson({ ...head, [key]: [] }, 2);
      if (rows.length === 0) return void io.stdout.write(`${text}\n`);
      // `[]` closes the text ("...\n  \"items\": []\n}"): the rows go in between, one per line.
      const open = text.lastIndexOf('[]');
      io.stdout.write(`${text.slice(0, open)}[\n`);
      for (let i = 0; i < rows.length; i += JSON_ROWS_CHUNK) {
        const chunk = rows.slice(i, i + JSON_ROWS_CHUNK).map((row) => `    ${safeJson(row)}`);
        io.stdout.write(`${chunk.join(',\n')}${i + JSON_ROWS_CHUNK < rows.length ? ',' : ''}\n`);
      }
      io.stdout.write(`  ]${text.slice(open + 2)}\n`);
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
