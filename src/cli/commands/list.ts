import type { RawFilters } from '../../session/filters.js';
import { listItemLines, listItems } from '../../session/list-items.js';
import { t } from '../../i18n.js';
import { textWidth } from '../../text-width.js';
import type { CommandContext } from '../io.js';

export interface ListCommandOptions extends RawFilters {
  project: string;
  json?: boolean;
}

export async function run(opts: ListCommandOptions, { out }: CommandContext): Promise<void> {
  const print = (t?: string) => out.print(t);
  const { project, json, ...filters } = opts;
  if (json) {
    const { selection, lines } = await listItemLines({ project, filters });
    return out.printJsonRowLines({ selection }, 'items', lines);
  }
  const list = await listItems({ project, filters });
  for (const w of list.warnings) out.warn(w);
  const rows = [
    ['ID', t('list.state'), t('list.decision'), t('list.authors'), t('list.flags'), t('list.qa')],
    ...list.items.map((i) => [i.id, i.state, i.decision ?? '-', i.authors.join(',') || '-', String(i.flags), `${i.qa.error}/${i.qa.warning}/${i.qa.info}`]),
  ];
  // Each cell measured once (100,000 rows: measuring is most of the time).
  const cellWidths = rows.map((r) => r.map(textWidth));
  const widths = rows[0]!.map((_, c) => cellWidths.reduce((max, w) => Math.max(max, w[c]!), 0));
  rows.forEach((r, i) => print(r.map((cell, c) => (c === r.length - 1 ? cell : cell + ' '.repeat(widths[c]! - cellWidths[i]![c]!))).join('  ')));
  print(`\n${t('list.count', { count: list.items.length, selection: list.selection })}`);
}
