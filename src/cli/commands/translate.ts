import { openProject } from '../../project/project.js';
import { resolveAuthor } from '../../project/author.js';
import { translateProject, type TranslateResult } from '../../translate/engine.js';
import type { ProviderName } from '../../translate/provider.js';
import { createProgress } from '../progress.js';
import { print, printJson, table, info, warn } from '../output.js';
import { redactSecretsInOutput, secretsFromEnv } from '../../secret-output.js';

export interface TranslateCommandOptions {
  project: string;
  provider?: ProviderName;
  endpoint?: string;
  model?: string;
  formality?: string;
  dryRun?: boolean;
  limit?: number;
  concurrency?: number;
  /** Commander's --no-context sets context=false. */
  context?: boolean;
  as?: string;
  json?: boolean;
}

function describe(r: TranslateResult): string {
  const rows: [string, string | number][] = [
    ['provider', r.label],
    ['items to translate', r.items],
    ['segments', `${r.segments} (${r.uniqueSegments} unique, ${r.cachedSegments} already cached)`],
    ['requests', r.dryRun ? r.requests : `${r.requestsSent} sent (minimum for these limits: ${r.requests})`],
    ['characters billed', r.dryRun ? r.characters : r.charactersSent],
    ['estimated cost', r.cost ? `${r.cost.currency} ${r.cost.amount.toFixed(2)} (${r.cost.basis})` : 'no public per-character price'],
  ];
  if (r.provider === 'deepl') rows.push(['context', r.usesContext ? `${r.from === 'en' ? 'Japanese' : 'English'} version of each item (not billed; one request per item)` : 'not used (--no-context)']);
  if (r.glossary) rows.push(['glossary', `${r.glossary.terms} term(s) from ${r.glossary.sources.join(' + ')}`]);
  return table(rows);
}

export async function run(opts: TranslateCommandOptions): Promise<void> {
  // DEBUG / NODE_DEBUG make the SDKs' HTTP modules log headers and URLs, keys included.
  redactSecretsInOutput(secretsFromEnv(process.env));
  const project = openProject(opts.project);
  const controller = new AbortController();
  const onSigint = () => {
    info('\nStopping: finishing the write in progress. Press Ctrl-C again to force.');
    controller.abort(new Error('interrupted'));
    process.once('SIGINT', () => process.exit(130));
  };
  process.once('SIGINT', onSigint);
  const progress = opts.dryRun || opts.json ? undefined : await createProgress('translate');
  try {
    const result = await translateProject({
      project,
      author: resolveAuthor(opts.as),
      ...(opts.provider ? { provider: opts.provider } : {}),
      options: {
        ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
        ...(opts.model ? { model: opts.model } : {}),
        ...(opts.formality ? { formality: opts.formality } : {}),
        ...(opts.context === false ? { useContext: false } : {}),
      },
      ...(opts.dryRun ? { dryRun: true } : {}),
      ...(opts.limit ? { limit: opts.limit } : {}),
      ...(opts.concurrency ? { concurrency: opts.concurrency } : {}),
      signal: controller.signal,
      onProgress: (p) => progress?.update(p.itemsDone, p.itemsTotal, `${p.requests} requests${p.retries ? `, ${p.retries} retries` : ''}`),
      onRetry: (m) => !opts.json && info(`retrying: ${m}`),
    });
    progress?.stop();
    if (!opts.json) for (const w of result.warnings ?? []) warn(w);
    if (opts.json) return printJson(result);
    if (result.dryRun) {
      print(`Dry run: nothing was sent.\n${describe(result)}`);
      if (result.note) print(`\nNote: ${result.note}`);
      return;
    }
    print(result.items === 0 ? 'Nothing to translate: every item has a machine translation for its current source text.' : `Translated ${result.translatedItems} item(s) in ${(result.elapsedMs / 1000).toFixed(1)} s.`);
    if (result.items > 0) print(describe(result));
    if (!result.isTranslation) print(`\nNote: ${result.label} marks text visibly; it is for trying the pipeline, not a translation.`);
  } finally {
    progress?.stop();
    process.removeListener('SIGINT', onSigint);
    // SDK requests we stopped waiting for (a timeout, Ctrl-C) keep their sockets open until
    // the server answers or the SDK gives up; they must not keep the command alive. The
    // timer does not hold the process itself, and exits with the code main() sets.
    setTimeout(() => process.exit(), 300).unref();
  }
}
