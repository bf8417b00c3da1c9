/** Counts of the exported records' cultural labels, for the dataset card. */
import type { CulturalLabels } from '../locale/cultural-labels.js';

const ROWS = [
  ['sensitivity', 'sensitive'],
  ['sensitivity', 'agnostic'],
  ['sensitivity', 'not labelled'],
  ['scope', 'global'],
  ['scope', 'local'],
  ['scope', 'not labelled'],
  ['time-sensitive', 'yes'],
  ['time-sensitive', 'no'],
  ['time-sensitive', 'not labelled'],
] as const;

export class CultureTally {
  private readonly counts = new Map<string, { records: number; inferred: number }>();

  add(c: CulturalLabels): void {
    this.bump('sensitivity', c.sensitivity ?? 'not labelled', c.inferred.includes('sensitivity'));
    this.bump('scope', c.scope ?? 'not labelled', c.inferred.includes('scope'));
    this.bump('time-sensitive', c.timeSensitive === null ? 'not labelled' : c.timeSensitive ? 'yes' : 'no', false);
  }

  private bump(label: string, value: string, inferred: boolean): void {
    const key = `${label}\u0000${value}`;
    const n = this.counts.get(key) ?? { records: 0, inferred: 0 };
    n.records++;
    if (inferred) n.inferred++;
    this.counts.set(key, n);
  }

  rows(): { label: string; value: string; records: number; inferred: number }[] {
    return ROWS.map(([label, value]) => ({ label, value, ...(this.counts.get(`${label}\u0000${value}`) ?? { records: 0, inferred: 0 }) }));
  }
}
