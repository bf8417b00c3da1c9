/**
 * Journal activity per day and author, read line by line (the journal of a
 * large project is never held in memory here). Lines that are not a valid
 * event are left out, as the state fold leaves them out.
 */
import { createReadStream, existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { JOURNAL_DIR } from '../project/journal.js';
import { eventProblem } from '../project/event-schema.js';
import type { JournalEvent } from '../project/events.js';

export interface ActivityRow {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  author: string;
  events: number;
}

export async function journalActivity(projectDir: string): Promise<ActivityRow[]> {
  const dir = path.join(projectDir, JOURNAL_DIR);
  const counts = new Map<string, ActivityRow>();
  if (!existsSync(dir)) return [];
  for (const name of readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()) {
    const lines = createInterface({ input: createReadStream(path.join(dir, name), 'utf8'), crlfDelay: Infinity });
    for await (const line of lines) {
      if (line.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        continue;
      }
      if (eventProblem(value)) continue;
      const e = value as JournalEvent;
      const day = e.ts.slice(0, 10);
      const key = JSON.stringify([day, e.author]);
      const row = counts.get(key);
      if (row) row.events++;
      else counts.set(key, { day, author: e.author, events: 1 });
    }
  }
  return [...counts.values()].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.author < b.author ? -1 : a.author > b.author ? 1 : 0));
}
