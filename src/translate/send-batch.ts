/**
 * One planned batch to the provider, with bounded retries, and the two ways a
 * batch can fail for good without stopping the run: a text too large for one
 * request is cut at sentence boundaries (translated piecewise, joined), and a
 * reply that is not one translation per text (ProviderReplyError) splits the
 * batch in halves, down to single texts, instead of asking the same again.
 * A text that still fails is reported (`onUntranslatable`) and left out.
 */
import { ProviderReplyError, ProviderUnavailableError } from '../errors.js';
import type { Provider } from './provider.js';
import type { Unit } from './plan.js';
import { codePoints, planBatches } from './batches.js';
import { withRetry, retryText, type RetryPolicy } from './retry.js';
import { exceedsLimits, rejoin, splitText } from './split-text.js';

export interface SendContext {
  provider: Provider;
  from: string;
  to: string;
  retry: RetryPolicy;
  /** Aborts requests in flight (a second Ctrl-C). */
  abort?: AbortSignal;
  /** Stops retrying and backing off (any Ctrl-C). */
  stop?: AbortSignal;
  onRequest: (characters: number) => void;
  onRetry: (message: string) => void;
  /** A text that cannot be translated by this provider; the run goes on without it. */
  onUntranslatable: (unit: Unit, reason: string) => void;
}

/** Hides a bad reply from withRetry, which would otherwise ask the same again. */
class BadReply extends Error {
  constructor(readonly error: ProviderReplyError) {
    super(error.message);
  }
}

/** Translations in batch order; undefined for texts that could not be translated. */
export async function sendBatch(batch: readonly Unit[], ctx: SendContext): Promise<(string | undefined)[]> {
  const { provider } = ctx;
  if (batch.length === 1 && exceedsLimits(batch[0]!.text, provider.limits)) return [await sendOversized(batch[0]!, ctx)];
  try {
    return await request(batch, ctx);
  } catch (e) {
    if (!(e instanceof BadReply)) throw e;
    if (batch.length === 1) {
      ctx.onUntranslatable(batch[0]!, retryText(e.error));
      return [undefined];
    }
    const half = Math.ceil(batch.length / 2);
    const first = await sendBatch(batch.slice(0, half), ctx);
    return [...first, ...(await sendBatch(batch.slice(half), ctx))];
  }
}

async function request(batch: readonly Unit[], ctx: SendContext): Promise<string[]> {
  const { provider } = ctx;
  const signals = [ctx.stop, ctx.abort].filter((s): s is AbortSignal => s !== undefined);
  const stop = signals.length > 0 ? AbortSignal.any(signals) : undefined;
  return withRetry(
    async () => {
      ctx.onRequest(batch.reduce((n, u) => n + codePoints(u.text), 0));
      try {
        const out = await provider.translate(batch, ctx.from, ctx.to, ctx.abort ? { signal: ctx.abort } : {});
        if (out.length !== batch.length || out.some((t) => typeof t !== 'string')) {
          throw new ProviderUnavailableError(provider.name, `${provider.label} returned ${out.length} texts for ${batch.length} sent`);
        }
        return out;
      } catch (e) {
        if (e instanceof ProviderReplyError) throw new BadReply(e);
        throw e;
      }
    },
    ctx.retry,
    {
      ...(stop ? { signal: stop } : {}),
      label: provider.label,
      onRetry: (e, attempt, delay) => ctx.onRetry(`${retryText(e)} (retry ${attempt} in ${(delay / 1000).toFixed(1)} s)`),
    },
  );
}

async function sendOversized(unit: Unit, ctx: SendContext): Promise<string | undefined> {
  const pieces = splitText(unit.text, ctx.provider.limits, ctx.from);
  if (!pieces) {
    ctx.onUntranslatable(
      unit,
      `the text (${codePoints(unit.text)} characters) has a sentence longer than ${ctx.provider.label} takes in one request; it was not sent`,
    );
    return undefined;
  }
  const units: Unit[] = pieces.map((p, i) => ({ key: `${unit.key}#${i}`, text: p.trim(), ...(unit.context ? { context: unit.context } : {}) }));
  const translated = new Map<string, string>();
  for (const u of units) if (u.text === '') translated.set(u.key, '');
  for (const part of planBatches(
    units.filter((u) => u.text !== ''),
    ctx.provider.limits,
    false,
  )) {
    const out = await sendBatch(part, { ...ctx, onUntranslatable: () => undefined });
    if (out.some((t) => t === undefined)) {
      ctx.onUntranslatable(unit, `a part of this long text could not be translated by ${ctx.provider.label}`);
      return undefined;
    }
    part.forEach((u, i) => translated.set(u.key, out[i]!));
  }
  return rejoin(
    pieces,
    units.map((u) => translated.get(u.key)!),
  );
}
