/** User-facing messages of the QA stage. */

export function sourceIndexSkipped(max: number): string {
  return `The sources are too large to index for copies of another item's text (over ${max} distinct 10-character runs): each item is checked against its own source only.`;
}
