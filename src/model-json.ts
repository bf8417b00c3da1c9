/**
 * The JSON values a language model's reply may hold: the whole reply, the
 * inside of its first code fence, and the span from the first `open` to the
 * last `close` bracket (a value surrounded by chatter), in that order; those
 * that do not parse are left out. Shared by the OpenAI-compatible translator
 * (an array) and model suggestions (an object).
 */
export function* jsonInReply(content: string, open: '{' | '[', close: '}' | ']'): Generator<unknown> {
  const candidates = [content.trim()];
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(content)?.[1];
  if (fenced) candidates.push(fenced.trim());
  const first = content.indexOf(open);
  const last = content.lastIndexOf(close);
  if (first >= 0 && last > first) candidates.push(content.slice(first, last + 1));
  for (const c of candidates) {
    try {
      yield JSON.parse(c) as unknown;
    } catch {
      // not JSON: the next candidate
    }
  }
}
