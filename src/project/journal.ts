/**
 * The append-only journal: one file per author (journal/<author>.jsonl), so
 * localizers working in parallel merge with plain git. State is a fold over
 * all files (project/state.ts).
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { appendLines, parseJsonLines } from './append-file.js';
import { isJournalEvent, type JournalEvent, type NewEvent } from './events.js';

export const JOURNAL_DIR = 'journal';

/** Author names become file names: keep them portable. */
export function authorFileName(author: string): string {
  const safe = author.normalize('NFKC').replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^[-.]+|-+$/g, '');
  return `${safe || 'anonymous'}.jsonl`;
}

export interface JournalRead {
  /** Events of all authors, in time order (ties: file name, then line). */
  events: JournalEvent[];
  warnings: string[];
}

export function readJournal(projectDir: string): JournalRead {
  const dir = path.join(projectDir, JOURNAL_DIR);
  const warnings: string[] = [];
  const all: { e: JournalEvent; file: string; line: number }[] = [];
  if (!existsSync(dir)) return { events: [], warnings };
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort()) {
    const file = path.join(dir, name);
    const rel = path.join(JOURNAL_DIR, name);
    const lines = parseJsonLines<unknown>(
      readFileSync(file, 'utf8'),
      (line) => warnings.push(`${rel}, line ${line}: an unfinished last event (the program was stopped while writing it) is ignored; it will be removed on the next write.`),
      (line, reason) => warnings.push(`${rel}, line ${line}: not valid JSON (${reason}); this event is ignored. Was the file edited by hand or merged with conflict markers?`),
    );
    for (const { value, line } of lines) {
      if (isJournalEvent(value)) all.push({ e: value, file: name, line });
      else warnings.push(`${rel}, line ${line}: not a carefully event; ignored.`);
    }
  }
  all.sort((a, b) => (a.e.ts < b.e.ts ? -1 : a.e.ts > b.e.ts ? 1 : a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  return { events: all.map((x) => x.e), warnings };
}

/** Appends events for one author; each call is written and fsynced before it returns. */
export class JournalWriter {
  readonly file: string;
  private lastTs = '';
  constructor(
    projectDir: string,
    readonly author: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.file = path.join(projectDir, JOURNAL_DIR, authorFileName(author));
  }

  /** Timestamps strictly increase within a writer, so the fold keeps this author's order. */
  private timestamp(): string {
    let ts = this.now().toISOString();
    if (ts <= this.lastTs) ts = new Date(Date.parse(this.lastTs) + 1).toISOString();
    this.lastTs = ts;
    return ts;
  }

  async append(events: readonly NewEvent[]): Promise<JournalEvent[]> {
    const full = events.map((e) => ({ v: 1, ts: this.timestamp(), author: this.author, ...e }) as JournalEvent);
    await appendLines(this.file, full.map((e) => JSON.stringify(e)));
    return full;
  }
}
