/**
 * A model's suggestion answer: one JSON object {question, answer, rationale, changes},
 * bare, in a Markdown code fence, or surrounded by chatter; checked with ajv so a
 * half-formed answer is never used.
 */
import { Ajv } from 'ajv';
import { jsonInReply } from '../model-json.js';

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
  let reason = 'no JSON object found';
  for (const value of jsonInReply(content, '{', '}')) {
    if (validate(value))
      return { ok: true, value: { question: value.question, answer: value.answer, rationale: value.rationale, changes: [...value.changes] } };
    reason = (validate.errors ?? []).map((e) => `${e.instancePath || 'the object'} ${e.message ?? ''}`).join('; ');
  }
  return { ok: false, reason };
}
