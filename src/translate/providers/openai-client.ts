/**
 * The backend for any OpenAI-compatible chat endpoint (its facts are in openai.ts) (OpenAI, a local Ollama, vLLM, llama.cpp
 * server): `POST {base}/v1/chat/completions` with a prompt rendered from
 * templates/translate-prompt.hbs that asks for a JSON array of translations.
 * A model can answer anything, so the reply is validated: exactly one string
 * per input, else a ProviderReplyError: the engine then splits the batch
 * (small models often manage fewer texts at once).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import { ProviderError, ProviderReplyError, UsageError } from '../../errors.js';
import { templatePath } from '../../paths.js';
import type { BackendFacts, Provider, ProviderSettings, Segment, TranslateOptions } from '../provider.js';
import { RESUME_HINT, detail, errorForStatus, errorMessageOf, postJson } from './http-status.js';
import type { FailureContext } from './http-status.js';
import { modelMissing } from '../messages.js';
import { jsonInReply } from '../../model-json.js';

export const PROMPT_TEMPLATE = 'translate-prompt.hbs';
/** Local models can be slow on a laptop; the default per-request timeout is longer than for MT APIs. */
export const OPENAI_DEFAULT_TIMEOUT_MS = 180_000;

const displayNames = new Intl.DisplayNames(['en'], { type: 'language' });
function languageName(tag: string): string {
  try {
    return displayNames.of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/**
 * The translations in a model's reply: a JSON array of strings (or `{"translations": [...]}`),
 * possibly wrapped in a code fence or surrounded by chatter. Undefined when there is none.
 */
export function parseTranslations(content: string): string[] | undefined {
  for (let value of jsonInReply(content, '[', ']')) {
    if (value && typeof value === 'object' && !Array.isArray(value)) value = (value as { translations?: unknown }).translations;
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
  }
  return undefined;
}

/** What openai.ts hands the backend; `defaultBase` is used when neither option nor variable names an endpoint. */
export type OpenAIFacts = BackendFacts<'base' | 'key' | 'model'> & { defaultBase: string };

export class OpenAIProvider implements Provider {
  readonly name: string;
  readonly label: string;
  readonly isTranslation = true;
  readonly limits: OpenAIFacts['limits'];

  constructor(
    private readonly facts: OpenAIFacts,
    private readonly ctx: FailureContext,
    private readonly opts: {
      base: string;
      model: string;
      apiKey: string | undefined;
      timeoutMs: number;
      render: Handlebars.TemplateDelegate;
      promptHash: string;
      glossary: readonly { source: string; target: string }[];
    },
  ) {
    this.name = facts.name;
    this.limits = facts.limits;
    this.label = `${opts.model} (OpenAI-compatible)`;
  }

  cacheKey(): string {
    const g = this.opts.glossary.length ? createHash('sha256').update(JSON.stringify(this.opts.glossary)).digest('hex').slice(0, 16) : 'none';
    return `openai;model=${this.opts.model};prompt=${this.opts.promptHash};glossary=${g}`;
  }

  estimateCost(): undefined {
    return undefined; // token-priced or free (local); no per-character list price
  }

  async translate(segments: readonly Segment[], from: string, to: string, options: TranslateOptions = {}): Promise<string[]> {
    const texts = segments.map((s) => s.text);
    const prompt = this.opts.render({
      from,
      to,
      fromName: languageName(from),
      toName: languageName(to),
      count: texts.length,
      json: JSON.stringify(texts, null, 1),
      // The engine groups batches by context only for providers that declare supportsContext;
      // so context goes into the prompt only when the whole batch shares it.
      context: segments.every((s) => s.context && s.context === segments[0]?.context) ? segments[0]?.context : undefined,
      glossary: this.opts.glossary,
    });
    const reply = await postJson(
      this.ctx,
      `${this.opts.base}/v1/chat/completions`,
      { model: this.opts.model, messages: [{ role: 'user', content: prompt }], temperature: 0, stream: false },
      {
        timeoutMs: this.opts.timeoutMs,
        ...(options.signal ? { signal: options.signal } : {}),
        ...(this.opts.apiKey ? { headers: { authorization: `Bearer ${this.opts.apiKey}` } } : {}),
        mapStatus: (status, text, retryAfter) => this.statusError(status, text, retryAfter),
      },
    );
    const content = (reply as { choices?: { message?: { content?: unknown } }[] }).choices?.[0]?.message?.content;
    const out = typeof content === 'string' ? parseTranslations(content) : undefined;
    if (!out || out.length !== texts.length) {
      const got = out ? `${out.length} strings` : `"${detail(typeof content === 'string' ? content : JSON.stringify(reply), this.ctx.secrets).slice(0, 80)}"`;
      throw new ProviderReplyError(
        this.ctx.provider,
        `${this.label} did not reply with a JSON array of ${texts.length} translations (got ${got}). ` +
          `carefully splits the batch into smaller ones; if single texts still fail, try a larger model. ${RESUME_HINT}`,
      );
    }
    return out;
  }

  private statusError(status: number, text: string, retryAfter: string | null): ProviderError {
    const said = errorMessageOf(text);
    if (status === 404 && /model/i.test(said)) {
      return new ProviderError(
        this.ctx.provider,
        `The endpoint ${this.opts.base} has no model "${this.opts.model}" (${detail(said, this.ctx.secrets)}). ` +
          `Pull it (e.g. \`ollama pull ${this.opts.model}\`) or set ${this.facts.env.model} / provider.options.model to a model it serves.`,
      );
    }
    // OpenAI signals an exhausted balance as 429 "insufficient_quota": retrying will not help.
    const kind = status === 429 && /insufficient_quota|quota/i.test(text) ? 'quota' : undefined;
    return errorForStatus(this.ctx, status, { ...(kind ? { kind } : {}), retryAfter, detail: said });
  }
}

export function createProvider(settings: ProviderSettings, facts: OpenAIFacts): OpenAIProvider {
  const env = settings.env;
  const model = settings.model ?? env[facts.env.model];
  if (!model) {
    throw new UsageError(modelMissing(facts.name, facts.env.model));
  }
  // Accept both ".../v1" and the bare base, since clients document either.
  const base = (settings.endpoint ?? env[facts.env.base] ?? facts.defaultBase).replace(/\/+$/, '').replace(/\/v1$/, '');
  const apiKey = env[facts.env.key]?.trim() || undefined;
  const source = readFileSync(templatePath(PROMPT_TEMPLATE), 'utf8');
  // noEscape: the prompt is plain text, not HTML; "&" and quotes must reach the model as typed.
  const render = Handlebars.compile(source, { noEscape: true, strict: false });
  const ctx: FailureContext = {
    provider: facts.name,
    label: `${model} (OpenAI-compatible)`,
    keyEnv: facts.env.key,
    keySet: apiKey !== undefined,
    endpoint: base,
    secrets: apiKey ? [apiKey] : [],
  };
  return new OpenAIProvider(facts, ctx, {
    base,
    model,
    apiKey,
    timeoutMs: settings.timeoutMs ?? OPENAI_DEFAULT_TIMEOUT_MS,
    render,
    promptHash: createHash('sha256').update(source).digest('hex').slice(0, 12),
    glossary: settings.glossary ?? [],
  });
}
