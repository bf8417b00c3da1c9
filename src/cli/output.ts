/** Everything the CLI prints goes through a Printer made from the run's io: results to stdout, warnings and progress to stderr. */

export interface Printer {
  print(text?: string): void;
  printJson(value: unknown): void;
  warn(message: string): void;
  info(message: string): void;
}

export function createPrinter(io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream }): Printer {
  return {
    print: (text = '') => void io.stdout.write(`${text}\n`),
    printJson: (value) => void io.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
    warn: (message) => void io.stderr.write(`warning: ${message}\n`),
    info: (message) => void io.stderr.write(`${message}\n`),
  };
}

/** Right-aligned count table: [['translated', 3], ...] */
export function table(rows: [string, string | number][], indent = '  '): string {
  const width = Math.max(0, ...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${indent}${k.padEnd(width)}  ${v}`).join('\n');
}
