/**
 * Terminal columns of text, measured by maintained libraries (string-width,
 * cli-truncate, wrap-ansi) rather than by hand: East Asian wide characters,
 * emoji and their ZWJ sequences, combining marks and our own colour
 * sequences are all counted as a terminal draws them. Used wherever text is
 * laid out (the wizard's screens, the CLI's tables).
 */
import cliTruncate from 'cli-truncate';
import stringWidth from 'string-width';
import wrapAnsi from 'wrap-ansi';

/** Columns the text takes on a terminal (colour sequences take none). Printable ASCII (most text: IDs, states, counts) takes one a character, measured by its length (string-width is slow on long tables). */
export function textWidth(text: string): number {
  return /^[\x20-\x7e]*$/.test(text) ? text.length : stringWidth(text);
}

/** Pad on the right to `width` columns. */
export function padEndCols(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - textWidth(text)));
}

/** Pad on the left to `width` columns. */
export function padStartCols(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - textWidth(text))) + text;
}

/** Cut one line to at most `width` columns, marking the cut with "…" (colours are closed). */
export function truncateCols(text: string, width: number): string {
  if (width <= 0) return '';
  return textWidth(text) <= width ? text : cliTruncate(text, width);
}

/** The text as terminal rows of at most `width` columns (long words are broken; lines are kept). */
export function wrapCols(text: string, width: number): string[] {
  return wrapAnsi(text, Math.max(1, width), { hard: true, trim: false }).split('\n');
}
