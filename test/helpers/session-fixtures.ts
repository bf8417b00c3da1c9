/** Source items, a small locale pack and journal events for wizard tests, without a project folder. */
import type { SourceItem } from '../../src/dataset/item.js';
import { loadProfile, resolveMapping, roleView, toSourceItem } from '../../src/dataset/profile.js';
import type { JournalEvent } from '../../src/project/events.js';
import type { LocalePack } from '../../src/locale/locale-pack-types.js';
import { makeRecords, type FixtureRecord } from './fixtures.js';

const mapping = resolveMapping(loadProfile());

export function toItems(records: readonly FixtureRecord[]): SourceItem[] {
  return records.map((r, i) => toSourceItem(roleView(r, mapping), i));
}

/** makeRecords(n) as items: topics cycle 情報漏洩 / 悪用 (mentions 110番) / AIとの対話によるリスク; even indexes are Japan-specific. */
export function items(n: number): SourceItem[] {
  return toItems(makeRecords(n));
}

/** A pack whose every question has a different kind of condition. */
export function testPack(): LocalePack {
  return {
    tag: 'ko',
    languageName: 'Korean',
    checklist: [
      {
        id: 'always',
        prompt: 'Names in {{item.id}}?',
        help: 'Help for {{item.id}}.{{#if suggestions.length}} Found: {{suggestions.[0]}}{{/if}}',
        effects: { yes: 'needs-adaptation', no: 'ok' },
      },
      { id: 'malicious', prompt: 'Laws differ?', when: { riskAreas: ['悪用'] }, effects: { yes: 'needs-adaptation', no: 'ok' } },
      { id: 'emergency', prompt: 'Emergency number?', when: { equivalentCategories: ['emergency'] }, effects: { yes: 'needs-adaptation', no: 'ok' } },
      { id: 'japan', prompt: 'Counterpart exists?', when: { japanSpecific: true }, effects: { yes: 'needs-replacement', no: 'consider-drop' } },
      { id: 'register', prompt: 'Register consistent?', effects: { yes: 'ok', no: 'needs-edit' } },
    ],
    equivalents: [{ id: 'police', category: 'emergency', source: ['110番'], target: '112 (경찰)' }],
    glossary: [],
  };
}

let clock = 0;
/** A journal event as the journal would have written it. */
export function ev(item: SourceItem, e: Record<string, unknown>, author = 'kim'): JournalEvent {
  return { v: 1, ts: new Date(Date.UTC(2026, 0, 1) + clock++ * 1000).toISOString(), author, item: item.id, sourceHash: item.sourceHash, ...e } as JournalEvent;
}

export function mt(item: SourceItem, extra: Record<string, unknown> = {}): JournalEvent {
  return ev(item, {
    type: 'mt',
    provider: 'pseudo',
    label: 'pseudo (NOT a translation)',
    isTranslation: false,
    question: `KO ${item.id} Q`,
    answer: `KO ${item.id} A`,
    ...extra,
  });
}

export function decision(item: SourceItem, d: string, rationale?: string): JournalEvent {
  return ev(item, { type: 'decision', decision: d, ...(rationale ? { rationale } : {}) });
}

/** Stand-in for JournalWriter.append: stamps events like the journal does. */
export function written(events: readonly Record<string, unknown>[], author = 'tester'): JournalEvent[] {
  return events.map((e) => ({ v: 1, ts: new Date(Date.UTC(2026, 0, 2) + clock++ * 1000).toISOString(), author, ...e }) as JournalEvent);
}
