/** Synthetic, mild source items and pack folders for the adapt tests. */
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SourceItem } from '../../src/dataset/item.js';
import { assetPath } from '../../src/paths.js';

export function item(fields: Partial<SourceItem> = {}): SourceItem {
  return { index: 0, id: 'synthetic-001', question: '質問です。', answer: '回答です。', sourceHash: 'h', ...fields };
}

/** A locales/ folder in `root` with the shipped base pack and the given packs (tag → pack data or raw text). */
export function packDir(root: string, packs: Record<string, unknown>): string {
  const dir = path.join(root, 'locales');
  mkdirSync(path.join(dir, 'base'), { recursive: true });
  cpSync(assetPath('locales', 'base', 'pack.json'), path.join(dir, 'base', 'pack.json'));
  for (const [tag, data] of Object.entries(packs)) {
    mkdirSync(path.join(dir, tag), { recursive: true });
    writeFileSync(path.join(dir, tag, 'pack.json'), typeof data === 'string' ? data : JSON.stringify(data, null, 2));
  }
  return dir;
}

/** A minimal valid target pack. */
export function minimalPack(tag: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { tag, languageName: 'Test', checklist: [], equivalents: [], glossary: [], ...extra };
}
