/**
 * `a + b` is kept by V8 as a rope (a cons string) until something flattens
 * it, and `indexOf` on a rope takes a slow path on every call (about 30x per
 * call): a reader that appends a chunk and then looks for each of its line
 * breaks flattens the text once first. Converting a string to a number
 * flattens it in place; the number itself is not wanted.
 */
export function flatString(text: string): string {
  void Number(text);
  return text;
}
