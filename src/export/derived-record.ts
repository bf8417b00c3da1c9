/**
 * The records export writes: the source's field paths for the roles kept (ID,
 * target question and answer, taxonomy labels), in the source record's own
 * key order. The mapping's paths are split and grouped by top-level key once
 * per export, not per record (at 100k records that was a cost of its own).
 */
import type { RoleMapping, SourceItem } from '../dataset/item.js';
import { getKeys, setKeys } from '../dataset/field-path.js';

export const OUTPUT_ROLES = ['id', 'question', 'answer', 'riskArea', 'harmType', 'specificHarm'] as const;

export type OutputRole = (typeof OUTPUT_ROLES)[number];

interface RolePath {
  role: OutputRole;
  keys: readonly string[];
}

export interface DerivedRecords {
  /**
   * The derived record of a source record: each mapped role the record has,
   * grouped by top-level key in the record's key order (roles under one key in
   * OUTPUT_ROLES order), the question and answer being the target's.
   */
  fromSource(source: Record<string, unknown>, target: { question?: string | undefined; answer?: string | undefined }): Record<string, unknown>;
  /** The record an added item would have in the source: its ID, an empty question and answer (replaced by the target text), its labels. */
  added(item: SourceItem): Record<string, unknown>;
}

export function derivedRecords(mapping: RoleMapping): DerivedRecords {
  const paths: RolePath[] = OUTPUT_ROLES.flatMap((role) => (mapping[role] ? [{ role, keys: mapping[role].split('.') }] : []));
  const byTop = new Map<string, RolePath[]>();
  for (const p of paths) byTop.set(p.keys[0]!, [...(byTop.get(p.keys[0]!) ?? []), p]);
  return {
    fromSource(source, target) {
      const out: Record<string, unknown> = {};
      for (const top of Object.keys(source)) {
        const group = byTop.get(top);
        if (!group) continue;
        for (const { role, keys } of group) {
          const value = getKeys(source, keys);
          if (value === undefined) continue;
          setKeys(out, keys, role === 'question' ? target.question : role === 'answer' ? target.answer : value);
        }
      }
      return out;
    },
    added(item) {
      const out: Record<string, unknown> = {};
      for (const { role, keys } of paths) {
        const value = role === 'question' || role === 'answer' ? '' : item[role];
        if (value !== undefined) setKeys(out, keys, value);
      }
      return out;
    },
  };
}
