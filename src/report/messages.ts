/** Sentences of the HTML report. */
import type { Severity } from '../qa/types.js';
import type { ReportData } from './collect.js';

const counts = (c: Record<Severity, number>) => `${c.error} error(s), ${c.warning} warning(s), ${c.info} info`;

export const messages = {
  overview: (d: ReportData): string[] => [
    `${d.summary.items} items, ${d.project.from} → ${d.project.to}, provider ${d.project.provider}.`,
    ...(d.summary.flagged ? [`${d.summary.flagged} item(s) flagged for discussion.`] : []),
    ...(d.summary.removed ? [`${d.summary.removed} item(s) in the journal are no longer in the source file; they are excluded.`] : []),
    ...(d.summary.skippedEvents
      ? [`${d.summary.skippedEvents} journal line(s) were skipped as unreadable or malformed (\`carefully status\` names them).`]
      : []),
  ],
  progressNote:
    'Journal events per day count every line written: machine translations, edits, checklist answers, decisions, reviews, flags, waivers. Items by localizer count an item for each person who worked on it.',
  qaNotes: (checked: number, open: Record<Severity, number>, waived: Record<Severity, number>) => [
    `${checked} item(s) with target text checked: ${counts(open)} open; waived with a reason: ${counts(waived)}. \`carefully check\` lists them item by item.`,
  ],
  mtNote:
    "From the journal: items whose current text is machine output, by provider. Characters billed are those of the unique source texts (translate sends each once; the cache keeps reruns free); requests are the fewest the provider's batch limits allow. Costs use the provider's public list price.",
  none: 'None.',
  more: (n: number) => `${n} more not listed.`,
  earlierDays: (days: number, events: number, shown: number) =>
    `The last ${shown} days with activity are shown; ${events} event(s) on ${days} earlier day(s) are not listed (\`carefully status\` counts every item).`,
  noItems: 'No items yet.',
  noActivity: 'No journal events yet.',
  noFindings: 'No QA findings.',
  allWaived: 'Every finding is waived: nothing open to draw.',
  noPairs: 'No pair of annotators has decided common items yet.',
  noMt: 'No machine translation yet (`carefully translate`).',
  noLostHarms: 'None: every specific harm keeps at least one item.',
  noFolder: (file: string, folder: string) =>
    `Cannot write the report to ${file}: the folder ${folder} does not exist. Create it, or give --out a file in an existing folder.`,
  outIsFolder: (file: string) => `Cannot write the report to ${file}: it is a folder. Give --out a file name, e.g. ${file}/report.html.`,
  written: (file: string, bytes: number, items: number) =>
    `Report written to ${file} (${Math.ceil(bytes / 1024)} KiB, ${items} items). It opens offline in any browser.`,
};
