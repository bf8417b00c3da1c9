import { openProject } from '../../project/project.js';
import { resolveAuthor } from '../../project/author.js';
import { translateProject, type TranslateResult } from '../../translate/engine.js';
import { optionsFromFlags } from '../../translate/provider-options.js';
import { createProgress } from '../progress.js';
import { table } from '../output.js';
import type { CommandContext } from '../io.js';
import { redactSecretsInOutput, secretsFromEnv } from '../../secret-output.js';
import { ProviderError, listEntries } from '../../errors.js';
import { messages } from '../messages/translate.js';

/** Parsed flags; the provider option flags (translate/provider-options.ts) arrive as further keys. */
export interface TranslateCommandOptions extends Record<string, unknown> {
  project: string;
  provider?: string;
  dryRun?: boolean;
  limit?: number;
  as?: string;
  json?: boolean;
  /** Wait for another run holding the project lock instead of exiting with code 75. */
  wait?: boolean;
}

function describe(r: TranslateResult): string {
  const rows: [string, string | number][] = [
    ['provider', r.label],
    ['items to translate', r.items],
    ['segments', `${r.segments} (${r.uniqueSegments} unique, ${r.cachedSegments} already cached)`],
    ['requests', r.dryRun ? r.requests : `${r.requestsSent} sent (minimum for these limits: ${r.requests})`],
    ...(r.dryRun && r.expectedSeconds !== undefined && r.concurrency !== undefined && r.typicalRequestMs !== undefined
      ? [['expected time', messages.expected(r.expectedSeconds, r.concurrency, r.typicalRequestMs)] as [string, string]]
      : []),
    ['characters billed', r.dryRun ? r.characters : r.charactersSent],
    ['estimated cost', r.cost ? `${r.cost.currency} ${r.cost.amount.toFixed(2)} (${r.cost.basis})` : 'no public per-character price'],
  ];
  if (r.context) {
    const version = r.from === 'en' ? 'Japanese' : 'English';
    const billed = r.context.billed ? 'billed' : 'not billed';
    rows.push(['context', r.contextMode === 'off' ? messages.contextModes.off : messages.contextModes[r.contextMode](version, billed)]);
  }
  if (r.glossary) rows.push(['glossary', `${r.glossary.terms} term(s) from ${r.glossary.sources.join(' + ')}`]);
  return table(rows);
}

/** Texts the provider could not translate end the command with exit 3, after the summary, naming each. */
function untranslatedError(r: TranslateResult): ProviderError {
  const lines = listEntries(r.untranslated.map((u) => `item ${JSON.stringify(u.item)}, ${u.field}: ${u.reason}`));
  return new ProviderError(r.provider, [messages.untranslated(r.untranslated.length, r.label), ...lines].join('\n'));
}

export async function run(opts: TranslateCommandOptions, { io, out, options: injected }: CommandContext): Promise<void> {
  const { print, printJson, info, warn } = out;
  // DEBUG / NODE_DEBUG make the SDKs' HTTP modules log headers and URLs, keys included.
  redactSecretsInOutput(secretsFromEnv(io.env));
  const project = openProject(opts.project);
  const interrupts = io.interrupts?.take();
  interrupts?.stop.addEventListener('abort', () => info(messages.stopping), { once: true });
  interrupts?.force.addEventListener('abort', () => info(messages.forcing), { once: true });
  const progress = opts.dryRun || opts.json ? undefined : await createProgress('translate', io.stderr);
  try {
    const result = await translateProject({
      project,
      author: resolveAuthor(opts.as, io.env),
      env: io.env,
      ...(injected.retry ? { retry: injected.retry } : {}),
      ...(opts.provider ? { provider: opts.provider } : {}),
      options: optionsFromFlags(opts),
      ...(opts.dryRun ? { dryRun: true } : {}),
      ...(opts.limit ? { limit: opts.limit } : {}),
      ...(interrupts ? { stop: interrupts.stop, signal: interrupts.force } : {}),
      ...(opts.wait ? { wait: true } : {}),
      onWait: (m) => info(m),
      onProgress: (p) => progress?.update(p.itemsDone, p.itemsTotal, `${p.requests} requests${p.retries ? `, ${p.retries} retries` : ''}`),
      onRetry: (m) => !opts.json && info(`retrying: ${m}`),
    });
    progress?.stop();
    if (!opts.json) for (const w of result.warnings ?? []) warn(w);
    if (opts.json) {
      printJson(result);
      if (result.untranslated.length > 0) throw untranslatedError(result);
      return;
    }
    if (result.dryRun) {
      print(`Dry run: nothing was sent.\n${describe(result)}`);
      if (result.note) print(`\nNote: ${result.note}`);
      return;
    }
    print(
      result.items === 0
        ? 'Nothing to translate: every item has a machine translation for its current source text.'
        : `Translated ${result.translatedItems} item(s) in ${(result.elapsedMs / 1000).toFixed(1)} s.`,
    );
    if (result.items > 0) print(describe(result));
    if (!result.isTranslation) print(`\nNote: ${result.label} marks text visibly; it is for trying the pipeline, not a translation.`);
    if (result.untranslated.length > 0) throw untranslatedError(result);
  } finally {
    progress?.stop();
    interrupts?.release();
  }
}
