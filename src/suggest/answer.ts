/**
 * A model's suggestion answer: one JSON object {question, answer, rationale, changes},
 * bare, in a Markdown code fence, or surrounded by chatter; checked with ajv so a
 * half-formed answer is never used.
 */
import { Ajv } from 'ajv';

export interface SuggestionAnswer {
  question: string;
  answer: string;
  rationale: string;
  changes: string[];
}

const validate = new Ajv({ allErrors: true }).compile<SuggestionAnswer>({
  type: 'object',
  required: ['question', 'answer', 'rationale', 'changes'],
  properties: {
    question: { type: 'string', minLength: 1 },
    answer: { type: 'string', minLength: 1 },
    rationale: { type: 'string' },
    changes: { type: 'array', items: { type: 'string' } },
  },
});

/** The answer, or a reason why the content is not one. */
export function parseSuggestion(content: string): { ok: true; value: SuggestionAnswer } | { ok: false; reason: string } {
  const candidates = [content.trim()];
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(content)?.[1];
  if (fenced) candidates.push(fenced.trim());
  const first = content.indexOf('{');
  const last = content.lastIndexOf('}');
  if (first >= 0 && last > first) candidates.push(content.slice(first, last + 1));
  let reason = 'no JSON object found';
  for (const c of candidates) {
    let value: unknown;
    try {
      value = JSON.parse(c);
    } catch {
      continue;
    }
    if (validate(value))
      return { ok: true, value: { question: value.question, answer: value.answer, rationale: value.rationale, changes: [...value.changes] } };
    reason = (validate.errors ?? []).map((e) => `${e.instancePath || 'the object'} ${e.message ?? ''}`).join('; ');
  }
  return { ok: false, reason };
}
