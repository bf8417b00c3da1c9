/**
 * A fake OpenAI-compatible chat endpoint (OpenAI, Ollama's /v1, vLLM):
 * `POST /v1/chat/completions` with `{model, messages, temperature?, stream?}`,
 * optional `Authorization: Bearer <key>`; reply is a `chat.completion` object.
 * It "translates" prompts shaped like templates/translate-prompt.hbs: the input
 * is the JSON array in the last ```json fence of the user message, the target is
 * the code in parentheses after " to ". Errors use OpenAI's
 * `{error: {message, type, code}}`; a wrong key gets 401 with a masked key,
 * as OpenAI answers.
 */
import { asText, fakeTranslate, pathPattern, startFake } from './http-fake.js';
import type { FakeOptions, FakeServer, Reply } from './http-fake.js';

export interface FakeOpenAIOptions extends FakeOptions {
  /** How the model wraps its JSON answer: bare (default), in a ```json fence, or as {"translations": [...]}. */
  replyStyle?: 'plain' | 'fenced' | 'object';
  /** Models the server has (default: any model name is accepted). */
  models?: string[];
  /** A small model: asked for more than this many texts at once, it chats instead of answering with the array. */
  maxGoodBatch?: number;
  /** Texts containing this string are never answered properly, whatever the batch size. */
  neverTranslates?: string;
  /**
   * How it answers adaptation prompts (templates/adapt-prompt.hbs): a bare JSON object (default),
   * or one in a ```json fence with chatter (the "malformed" fault answers a broken object).
   */
  suggestStyle?: 'plain' | 'fenced';
}

/** The current target {question, answer} of an adapt-prompt.hbs prompt (its ```input fence), or undefined. */
export function parseAdaptPrompt(prompt: string): { question: string; answer: string } | undefined {
  if (!prompt.startsWith('ADAPTATION REQUEST')) return undefined;
  const input = /```input\s*([\s\S]*?)```/.exec(prompt)?.[1];
  try {
    return input === undefined ? undefined : (JSON.parse(input) as { question: string; answer: string });
  } catch {
    return undefined;
  }
}

/** The fake's deterministic adaptation of a current target. */
export function fakeAdaptation(current: { question: string; answer: string }): { question: string; answer: string; rationale: string; changes: string[] } {
  return {
    question: `${current.question} (adapted for Korea)`,
    answer: `${current.answer} 112에 신고하세요.`,
    rationale: 'Japanese institutions replaced by Korean ones.',
    changes: ['110番 -> 112'],
  };
}

const err = (status: number, message: string, type: string, code: string | null = null): Reply => ({
  status,
  body: { error: { message, type, param: null, code } },
});

function completion(model: string, content: string): Reply {
  return {
    status: 200,
    body: {
      id: 'chatcmpl-fake',
      object: 'chat.completion',
      created: 1_700_000_000,
      model,
      choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
    },
  };
}

/** The input strings and target code of a translate-prompt.hbs prompt, or undefined. */
export function parsePrompt(prompt: string): { texts: string[]; target: string } | undefined {
  const fences = [...prompt.matchAll(/```json\s*([\s\S]*?)```/g)];
  const last = fences.at(-1)?.[1];
  if (last === undefined) return undefined;
  try {
    const texts = JSON.parse(last) as unknown;
    if (!Array.isArray(texts)) return undefined;
    const target = / to [^(\n]*\(([A-Za-z0-9-]+)\)/.exec(prompt)?.[1] ?? 'xx';
    return { texts: texts.map(String), target };
  } catch {
    return undefined;
  }
}

export async function startFakeOpenAI(opts: FakeOpenAIOptions = {}): Promise<FakeServer> {
  const wrap = (out: string[]): string =>
    opts.replyStyle === 'fenced'
      ? `Here are the translations:\n\`\`\`json\n${JSON.stringify(out)}\n\`\`\``
      : opts.replyStyle === 'object'
        ? JSON.stringify({ translations: out })
        : JSON.stringify(out);
  const promptOf = (body: unknown): string => {
    const messages = ((body as { messages?: { role?: string; content?: string }[] } | undefined)?.messages ?? []).filter((m) => m.role === 'user');
    return messages.at(-1)?.content ?? '';
  };

  return startFake(
    {
      provider: 'openai',
      routes: [
        {
          name: 'translate',
          method: 'POST',
          match: pathPattern('/v1/chat/completions'),
          auth: opts.key !== undefined,
          handle(req, _p, core) {
            const model = asText((req.body as { model?: unknown } | undefined)?.model ?? '');
            if (!model) return err(400, 'you must provide a model parameter', 'invalid_request_error');
            if (opts.models && !opts.models.includes(model)) return err(404, `model "${model}" not found, try pulling it first`, 'api_error');
            const adapt = parseAdaptPrompt(promptOf(req.body));
            if (adapt) {
              const json = JSON.stringify(fakeAdaptation(adapt));
              return completion(model, opts.suggestStyle === 'fenced' ? `Here is my suggestion:\n\`\`\`json\n${json}\n\`\`\`` : json);
            }
            const parsed = parsePrompt(promptOf(req.body));
            if (!parsed) return completion(model, 'I can help with translations. What would you like me to translate?');
            const tooMany = opts.maxGoodBatch !== undefined && parsed.texts.length > opts.maxGoodBatch;
            if (tooMany || (opts.neverTranslates && parsed.texts.some((t) => t.includes(opts.neverTranslates!)))) {
              return completion(model, `Sure! Here is the first one: ${fakeTranslate(parsed.texts[0] ?? '', parsed.target)}`);
            }
            core.countTranslated(parsed.texts);
            return completion(model, wrap(parsed.texts.map((t) => fakeTranslate(t, parsed.target))));
          },
          malformed(req) {
            if (parseAdaptPrompt(promptOf(req.body))) {
              const model = asText((req.body as { model?: unknown } | undefined)?.model ?? '');
              return completion(model, 'Sure! {"question": "half an answer"');
            }
            const parsed = parsePrompt(promptOf(req.body));
            const model = asText((req.body as { model?: unknown } | undefined)?.model ?? '');
            return completion(model, JSON.stringify((parsed?.texts ?? []).slice(1)));
          },
        },
      ],
      credential: (headers) => /^Bearer (.+)$/.exec(headers['authorization'] ?? '')?.[1],
      errorReply: (status, f) => {
        if (status === 429) {
          return f.reason === 'insufficient_quota'
            ? err(429, 'You exceeded your current quota, please check your plan and billing details.', 'insufficient_quota', 'insufficient_quota')
            : err(429, f.message ?? 'Rate limit reached for requests', 'requests', 'rate_limit_exceeded');
        }
        return err(
          status,
          f.message ?? (status >= 500 ? 'The server had an error while processing your request.' : 'Error'),
          status >= 500 ? 'server_error' : 'invalid_request_error',
        );
      },
      // Like OpenAI, echo the key masked: its first and last characters survive.
      authFailure: (key = '') =>
        err(
          401,
          `Incorrect API key provided: ${key.slice(0, 5)}${'*'.repeat(12)}${key.slice(-4)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
          'invalid_request_error',
          'invalid_api_key',
        ),
    },
    opts,
  );
}
