/** Everything the CLI prints goes through here: results to stdout, warnings and progress to stderr. */

export function print(text = ''): void {
  process.stdout.write(`${text}\n`);
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function warn(message: string): void {
  process.stderr.write(`warning: ${message}\n`);
}

export function info(message: string): void {
  process.stderr.write(`${message}\n`);
}

/** Right-aligned count table: [['translated', 3], ...] */
export function table(rows: [string, string | number][], indent = '  '): string {
  const width = Math.max(0, ...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${indent}${k.padEnd(width)}  ${v}`).join('\n');
}
