import { openProject } from '../../project/project.js';
import { resolveAuthor } from '../../project/author.js';
import type { RawFilters } from '../../session/filters.js';
import { suggestProject, type SuggestResult } from '../../suggest/suggest.js';
import { withoutTranslateHint } from '../../suggest/model.js';
import { badAnswers, nothingToSuggest, stoppedByProvider, suggestDone } from '../../suggest/messages.js';
import { ProviderError, listEntries } from '../../errors.js';
import { redactSecretsInOutput, secretsFromEnv } from '../../secret-output.js';
import { table } from '../output.js';
import type { CommandContext } from '../io.js';

export interface SuggestCommandOptions extends RawFilters {
  project: string;
  dryRun?: boolean;
  json?: boolean;
  as?: string;
  model?: string;
  endpoint?: string;
  timeoutMs?: number;
  concurrency?: number;
  wait?: boolean;
}

function describe(r: SuggestResult): string {
  return table([
    ['model', `${r.model} at ${r.endpoint}`],
    ['items to adapt/replace', r.items],
    ['already suggested', r.upToDate],
    ['from the cache', r.cached],
    ['requests', r.requests],
    ['prompt size', `${r.promptCharacters} characters (about ${r.estimatedTokens} tokens, plus the answers)`],
    ['Japanese source sent', r.sendSource ? 'yes' : 'no'],
  ]);
}

function failedError(r: SuggestResult): ProviderError {
  return new ProviderError('openai', [badAnswers(r.failed.length, r.model), ...listEntries(r.failed.map((f) => f.reason))].join('\n'));
}

export async function run(opts: SuggestCommandOptions, { io, out, options: injected }: CommandContext): Promise<void> {
  redactSecretsInOutput(secretsFromEnv(io.env));
  const { project: dir, dryRun, json, as, model, endpoint, timeoutMs, concurrency, wait, ...filters } = opts;
  const project = openProject(dir);
  const interrupts = io.interrupts?.take();
  try {
    const result = await suggestProject({
      project,
      author: resolveAuthor(as, io.env),
      env: io.env,
      filters,
      ...(model ? { model } : {}),
      ...(endpoint ? { endpoint } : {}),
      ...(timeoutMs ? { timeoutMs } : {}),
      ...(concurrency ? { concurrency } : {}),
      ...(dryRun ? { dryRun: true } : {}),
      ...(wait ? { wait: true } : {}),
      ...(injected.retry ? { retry: injected.retry } : {}),
      ...(interrupts ? { stop: interrupts.stop, signal: interrupts.force } : {}),
      onWait: (m) => out.info(m),
      onRetry: (m) => !json && out.info(`retrying: ${m}`),
    });
    if (json) {
      out.printJson(result);
    } else {
      if (result.notice) out.warn(result.notice);
      if (result.dryRun) out.print(`Dry run: nothing was sent.\n${describe(result)}`);
      else {
        out.print(result.items === 0 ? nothingToSuggest : suggestDone(result.suggested, result.upToDate));
        out.print(describe(result));
      }
    }
    if (result.failed.length > 0) throw failedError(result);
  } catch (e) {
    // The shared error text speaks of translation; say where the suggestion run stands instead.
    if (e instanceof ProviderError && e.progress) {
      throw new ProviderError(e.provider, stoppedByProvider(withoutTranslateHint(e.message), e.progress.saved, e.progress.remaining), { cause: e });
    }
    throw e;
  } finally {
    interrupts?.release();
  }
}
