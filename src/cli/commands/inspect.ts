import { inspectFile } from '../../dataset/inspect.js';
import type { SourceItem } from '../../dataset/item.js';
import { loadProfile, resolveMapping } from '../../dataset/profile.js';
import { validateSource } from '../../dataset/validate.js';
import { availableLocalePacks, loadLocalePack } from '../../locale/locale-pack.js';
import { unmatchedLabelsWarning } from '../../qa/unmatched-labels.js';
import { table } from '../output.js';
import type { CommandContext } from '../io.js';

export interface InspectOptions {
  file: string;
  /** The target language whose locale pack the labels are checked against; default: every target pack. */
  to?: string;
  json?: boolean;
}

export async function run(opts: InspectOptions, { out: { print, printJson, warn } }: CommandContext): Promise<number> {
  const r = await inspectFile(opts.file);
  for (const w of await unmatchedLabelWarnings(opts.file, r.suggestedMap, opts.to)) warn(w);
  if (opts.json) {
    printJson(r);
    return 0;
  }
  print(`${r.file}: ${r.format === 'json' ? 'JSON array' : r.format === 'jsonl' ? 'JSONL' : r.format?.toUpperCase()}, ${r.records} record(s)\n`);
  print('Fields (records having it, types, example):');
  print(
    table(
      r.fields.map((f) => [
        f.path,
        `${f.count}  ${Object.entries(f.types)
          .map(([t, n]) => (n === f.count ? t : `${t}×${n}`))
          .join('|')}${f.example ? `  ${JSON.stringify(f.example)}` : ''}`,
      ]),
    ),
  );
  print('\nRoles recognised:');
  const roles = Object.entries(r.roles);
  print(roles.length ? table(roles.map(([role, g]) => [role, `${g.field}  (${g.confidence} confidence: ${g.reason})`])) : '  none');
  print(
    r.suggestedMap.length
      ? `\nThese fields differ from the answercarefully profile; pass:\n  ${r.suggestedMap.map((m) => `--map ${m}`).join(' ')}`
      : '\nThe answercarefully profile fits this file as is: no --map needed.',
  );
  for (const level of ['riskArea', 'harmType', 'specificHarm'] as const) {
    const labels = r.taxonomy[level];
    if (labels.length === 0) continue;
    print(`\n${level} labels:`);
    print(table(labels.map((l) => [l.label, `${l.count}${l.english ? `  ${l.english}` : ''}${l.known ? '' : '  (unknown label: kept, no English name)'}`])));
  }
  print(
    r.duplicateIds.length
      ? `\nDuplicate IDs (${r.duplicateIds.length}):\n${r.duplicateIds.map((d) => `  ${d.id}: records ${d.indexes.join(', ')}`).join('\n')}`
      : '\nNo duplicate IDs.',
  );
  return 0;
}

/** Items (read with the suggested mapping) whose labels no checklist question of the pack(s) applies to, one warning per pack. */
async function unmatchedLabelWarnings(file: string, suggestedMap: string[], to: string | undefined): Promise<string[]> {
  const items: SourceItem[] = [];
  await validateSource(file, resolveMapping(loadProfile(), suggestedMap), { onItem: (item) => void items.push(item) });
  return (to === undefined ? availableLocalePacks() : [to]).flatMap((tag) => {
    const loaded = loadLocalePack(tag);
    return unmatchedLabelsWarning(loaded.pack, loaded.resolved, items) ?? [];
  });
}
