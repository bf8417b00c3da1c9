/**
 * The DeepL backend (its facts are in deepl.ts), via deepl-node. Only talks to the API: batching, caching and retries are
 * the engine's. Uses what DeepL offers for this job: unbilled `context`,
 * glossaries (created once per entry set and reused by ID), formality.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  AuthorizationError,
  ConnectionError,
  DeepLError,
  GlossaryEntries,
  GlossaryNotFoundError,
  QuotaExceededError,
  TooManyRequestsError,
  Translator,
} from 'deepl-node';
import type { Formality, LanguageCode, SourceLanguageCode, TargetLanguageCode, TranslateTextOptions } from 'deepl-node';
import { ProviderAuthError, ProviderError, UsageError } from '../../errors.js';
import { estimateWith } from '../provider.js';
import type { BackendFacts, CostEstimate, Provider, ProviderSettings, Segment, TranslateOptions } from '../provider.js';
import { DEFAULT_TIMEOUT_MS, errorForStatus, networkError, safeCause, timeoutError, withDeadline } from './http-status.js';
import type { FailureContext } from './http-status.js';

/** Where the ID of the glossary we created is kept, inside settings.stateDir. */
export const GLOSSARY_STATE_FILE = 'deepl-glossary.json';
/**
 * Context is unbilled but counts toward the 128 KiB body: the limits leave room
 * for this many UTF-8 bytes of it beside a full batch of text; more only where
 * the texts leave room (packed batches count their context toward the texts' budget).
 */
export const CONTEXT_HEADROOM_BYTES = 4 * 1024;

/** Our BCP 47 tag -> DeepL source code (source codes have no variants: "ja", "en", "zh", "pt"). */
export function deeplSourceLang(tag: string): SourceLanguageCode {
  return (tag.split('-')[0] ?? tag).toLowerCase() as SourceLanguageCode;
}

/** Our BCP 47 tag -> DeepL target code. Bare en/pt get the CLDR default region, as DeepL requires one. */
export function deeplTargetLang(tag: string): TargetLanguageCode {
  const [base = '', ...rest] = tag.toLowerCase().split('-');
  const sub = rest.join('-');
  if (base === 'en') return sub === 'gb' || sub === 'uk' ? 'en-GB' : 'en-US';
  if (base === 'pt') return sub === 'pt' ? 'pt-PT' : 'pt-BR';
  if (base === 'zh') return /^(hant|tw|hk|mo)\b/.test(sub) ? 'zh-HANT' : 'zh-HANS';
  if (base === 'es' && sub === '419') return 'es-419';
  return base as TargetLanguageCode;
}

/** "more"/"less" become DeepL's prefer_* forms, which fall back silently for targets without formality. */
export function deeplFormality(value: string | undefined): Formality | undefined {
  switch (value?.toLowerCase()) {
    case undefined:
    case '':
    case 'default':
      return undefined;
    case 'more':
    case 'formal':
    case 'prefer_more':
      return 'prefer_more';
    case 'less':
    case 'informal':
    case 'prefer_less':
      return 'prefer_less';
    default:
      throw new UsageError(`Unknown DeepL formality "${value}". Use "more", "less" or "default" in provider.options.formality.`);
  }
}

function sha256(data: string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Entries as DeepL stores them: one target per source term (the last one wins), in a stable order. */
function normalizeEntries(entries: readonly { source: string; target: string }[]): [string, string][] {
  const map = new Map<string, string>();
  for (const e of entries) map.set(e.source.trim(), e.target.trim());
  return [...map].filter(([s, t]) => s !== '' && t !== '').sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function truncateUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text) <= maxBytes) return text;
  let out = '';
  let bytes = 0;
  for (const ch of text) {
    bytes += Buffer.byteLength(ch);
    if (bytes > maxBytes) break;
    out += ch;
  }
  return out;
}

interface GlossaryState {
  hash: string;
  id: string;
}

/** What deepl.ts hands the backend. */
export type DeepLFacts = BackendFacts<'key' | 'server'> & { contextMaxBytes: number };

export class DeepLProvider implements Provider {
  readonly name: string;
  readonly label: string;
  readonly isTranslation = true;
  readonly limits: DeepLFacts['limits'];
  /** DeepL takes one unbilled `context` per request; the engine then batches by context. */
  readonly supportsContext = true;
  readonly contextMaxBytes: number;
  private readonly entries: [string, string][];
  private readonly entriesHash: string | undefined;
  /** One glossary per language pair per process; concurrent batches share the creation. */
  private readonly glossaries = new Map<string, Promise<string>>();

  constructor(
    private readonly facts: DeepLFacts,
    private readonly translator: Translator,
    private readonly ctx: FailureContext,
    private readonly opts: {
      serverUrl: string;
      formality: Formality | undefined;
      glossaryId: string | undefined;
      glossary: readonly { source: string; target: string }[];
      stateDir: string | undefined;
      timeoutMs: number;
    },
  ) {
    this.name = facts.name;
    this.label = facts.label;
    this.limits = facts.limits;
    this.contextMaxBytes = facts.contextMaxBytes;
    this.entries = opts.glossaryId ? [] : normalizeEntries(opts.glossary);
    this.entriesHash = this.entries.length > 0 ? sha256(JSON.stringify(this.entries)) : undefined;
  }

  cacheKey(): string {
    const glossary = this.opts.glossaryId ? `id:${this.opts.glossaryId}` : this.entriesHash ? `sha256:${this.entriesHash.slice(0, 16)}` : 'none';
    return `deepl;formality=${this.opts.formality ?? 'default'};glossary=${glossary}`;
  }

  estimateCost(characters: number): CostEstimate | undefined {
    return estimateWith(this.facts.price, characters);
  }

  async translate(segments: readonly Segment[], from: string, to: string, options: TranslateOptions = {}): Promise<string[]> {
    // deepl-node rejects empty texts; they translate to themselves.
    const texts = segments.map((s) => s.text);
    const todo = texts.filter((t) => t.trim() !== '');
    if (todo.length === 0) return texts.map(() => '');
    const source = deeplSourceLang(from);
    const target = deeplTargetLang(to);
    const context = segments.find((s) => s.context)?.context; // the engine batches by context
    const request: TranslateTextOptions = {};
    if (context) request.context = truncateUtf8(context, this.contextRoom(todo));
    if (this.opts.formality) request.formality = this.opts.formality;
    // tagHandling stays unset: the texts are plain text, never HTML/XML.

    let results: string[];
    try {
      const glossaryId = await this.glossaryFor(source, target);
      if (glossaryId) request.glossary = glossaryId;
      results = await this.call(todo, source, target, request, options.signal);
    } catch (err) {
      throw this.mapError(err);
    }
    let i = 0;
    return texts.map((t) => (t.trim() === '' ? '' : (results[i++] ?? '')));
  }

  /** Context bytes that fit beside these texts in one body: the headroom, plus what the texts leave of their budget. */
  private contextRoom(texts: readonly string[]): number {
    const textBytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
    const spare = Math.max(0, (this.limits.maxRequestBytes ?? 0) - textBytes);
    return Math.min(this.contextMaxBytes, CONTEXT_HEADROOM_BYTES + spare);
  }

  private async call(
    texts: string[],
    source: SourceLanguageCode,
    target: TargetLanguageCode,
    request: TranslateTextOptions,
    signal?: AbortSignal,
  ): Promise<string[]> {
    // deepl-node takes no AbortSignal: on Ctrl-C we stop waiting; its timeout ends the socket.
    // Its own timeout is at least its ~1 s backoff window, so the deadline keeps timeoutMs exact.
    const out = await withDeadline(this.ctx, this.translator.translateText(texts, source, target, request), this.opts.timeoutMs, signal);
    if (out.length !== texts.length) {
      throw errorForStatus(this.ctx, 502, { detail: `expected ${texts.length} translations, got ${out.length}`, kind: 'unavailable' });
    }
    return out.map((r) => r.text);
  }

  /** The glossary ID for this language pair: the configured one, or one we created (and remembered) for the entries. */
  private glossaryFor(source: string, target: string): Promise<string | undefined> {
    if (this.opts.glossaryId) return Promise.resolve(this.opts.glossaryId);
    if (!this.entriesHash) return Promise.resolve(undefined);
    const key = `${source}>${target}`;
    let pending = this.glossaries.get(key);
    if (!pending) {
      pending = this.ensureGlossary(source, target);
      pending.catch(() => this.glossaries.delete(key)); // let a later batch try again
      this.glossaries.set(key, pending);
    }
    return pending;
  }

  private async ensureGlossary(source: string, target: string): Promise<string> {
    // The stored hash covers server and languages too: an ID is only valid where and for what it was made.
    const hash = sha256(JSON.stringify({ server: this.opts.serverUrl, source, target, entries: this.entries }));
    const file = this.opts.stateDir ? path.join(this.opts.stateDir, GLOSSARY_STATE_FILE) : undefined;
    const stored = file ? await readState(file) : undefined;
    if (stored && stored.hash === hash) {
      // Check once per run that it still exists (someone may have deleted it on DeepL's side):
      // a translate call with a stale ID would fail without saying why.
      try {
        await this.translator.getGlossary(stored.id);
        return stored.id;
      } catch (err) {
        if (!(err instanceof GlossaryNotFoundError)) throw err;
      }
    }
    const entries = new GlossaryEntries({ entries: Object.fromEntries(this.entries) });
    const info = await this.translator.createGlossary(
      `carefully ${source}-${target} ${hash.slice(0, 8)}`,
      source as LanguageCode,
      target as LanguageCode,
      entries,
    );
    if (file) await writeState(file, { hash, id: info.glossaryId });
    if (stored && stored.id !== info.glossaryId) {
      // Accounts hold a limited number of glossaries: drop the outdated one (best effort).
      await this.translator.deleteGlossary(stored.id).catch(() => undefined);
    }
    return info.glossaryId;
  }

  /** deepl-node's error tree -> ours. It reports no HTTP headers, so a 429 carries no Retry-After. */
  private mapError(err: unknown): unknown {
    const ctx = this.ctx;
    if (err instanceof ProviderError || !(err instanceof DeepLError)) return err; // ours already, or an abort
    if (err instanceof AuthorizationError) {
      return new ProviderAuthError(
        ctx.provider,
        `DeepL rejected the key in ${this.facts.env.key} (HTTP 403). Check the key (free keys end in ':fx') and set it again: export ${this.facts.env.key}=...`,
        { cause: safeCause(err, ctx.secrets) },
      );
    }
    if (err instanceof QuotaExceededError) return errorForStatus(ctx, 456, { detail: 'character quota for this billing period exceeded', cause: err });
    if (err instanceof TooManyRequestsError) return errorForStatus(ctx, 429, { cause: err });
    if (err instanceof GlossaryNotFoundError) {
      return errorForStatus(ctx, 404, {
        detail: `glossary ${this.opts.glossaryId ?? '(created by carefully)'} not found; check provider.options.glossaryId`,
        cause: err,
      });
    }
    if (err instanceof ConnectionError) {
      const code = (err.error as { code?: string } | undefined)?.code;
      // axios reports its own timeout as ECONNABORTED / ETIMEDOUT
      return code === 'ECONNABORTED' || code === 'ETIMEDOUT' ? timeoutError(ctx, this.opts.timeoutMs, err) : networkError(ctx, err.error ?? err);
    }
    // Other statuses only survive in the message ("Unexpected status code: 502 ...", "Service unavailable").
    const status = /status code: (\d{3})/.exec(err.message)?.[1];
    if (status) return errorForStatus(ctx, Number(status), { cause: err });
    if (/^Service unavailable/.test(err.message)) return errorForStatus(ctx, 503, { cause: err });
    if (/^Not found/.test(err.message)) return errorForStatus(ctx, 404, { detail: err.message.replace(/^Not found,?\s*/, ''), cause: err });
    if (/^Bad request/.test(err.message)) return errorForStatus(ctx, 400, { detail: err.message.replace(/^Bad request,?\s*/, ''), cause: err });
    return new ProviderError(ctx.provider, `DeepL failed: ${err.message}`, { cause: safeCause(err, ctx.secrets) });
  }
}

async function readState(file: string): Promise<GlossaryState | undefined> {
  try {
    const j = JSON.parse(await readFile(file, 'utf8')) as Partial<GlossaryState>;
    return typeof j.hash === 'string' && typeof j.id === 'string' ? { hash: j.hash, id: j.id } : undefined;
  } catch {
    return undefined; // missing or torn: create a new glossary
  }
}

async function writeState(file: string, state: GlossaryState): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(state, null, 2)}\n`);
  await rename(tmp, file); // atomic: a crash never leaves a half-written ID
}

export function createProvider(settings: ProviderSettings, facts: DeepLFacts): DeepLProvider {
  const env = settings.env;
  const key = env[facts.env.key]?.trim();
  if (!key) {
    throw new ProviderAuthError(
      facts.name,
      `${facts.env.key} is not set. Get a key at https://www.deepl.com/your-account/keys and run: export ${facts.env.key}=...`,
    );
  }
  const override = settings.endpoint ?? env[facts.env.server];
  // Same choice deepl-node makes, kept so the glossary hash knows the server.
  const serverUrl = override?.replace(/\/+$/, '') ?? (key.endsWith(':fx') ? 'https://api-free.deepl.com' : 'https://api.deepl.com');
  const timeoutMs = settings.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const translator = new Translator(key, {
    serverUrl,
    // The engine owns retries (bounded, journaled, shared backoff); SDK retries would multiply them.
    maxRetries: 0,
    // deepl-node's per-request timeout is max(minTimeout, its ~1 s backoff window).
    minTimeout: timeoutMs,
  });
  const ctx: FailureContext = { provider: facts.name, label: facts.label, keyEnv: facts.env.key, keySet: true, endpoint: serverUrl, secrets: [key] };
  return new DeepLProvider(facts, translator, ctx, {
    serverUrl,
    formality: deeplFormality(settings.formality),
    glossaryId: settings.glossaryId,
    glossary: settings.glossary ?? [],
    stateDir: settings.stateDir,
    timeoutMs,
  });
}
