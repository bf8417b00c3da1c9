/**
 * The source fields an export leaves out (English translations, annotations,
 * any field not mapped to an exported role), listed in the dataset card: they
 * are AnswerCarefully's text, which may not be redistributed.
 */
import { ROLES, type Role, type RoleMapping } from '../dataset/item.js';

const ROLE_DESCRIPTIONS: Partial<Record<Role, string>> = {
  question: "the Japanese question (replaced by this dataset's text)",
  answer: "the Japanese reference answer (replaced by this dataset's text)",
  questionEn: "AnswerCarefully's English translation of the question",
  answerEn: "AnswerCarefully's English translation of the answer",
  japanSpecific: "AnswerCarefully's annotation: whether the item is specific to Japan",
  annotations: "AnswerCarefully's annotations for multilingual / multicultural derivation",
};

/** Field paths seen in the source records: top-level keys, and one level into objects. */
export class SourceFields {
  /** In the order first seen (the card's order). */
  private readonly seen = new Set<string>();
  /** Inner keys seen under each object key: a record like the ones before adds no path string (called per record). */
  private readonly inner = new Map<string, Set<string>>();

  add(record: Record<string, unknown>): void {
    for (const key of Object.keys(record)) {
      const value = record[key];
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        this.seen.add(key);
        continue;
      }
      let known = this.inner.get(key);
      if (!known) this.inner.set(key, (known = new Set()));
      for (const inner of Object.keys(value)) {
        if (known.has(inner)) continue;
        known.add(inner);
        this.seen.add(`${key}.${inner}`);
      }
    }
  }

  /** The fields not exported (every seen path that no exported role writes), with what each holds. */
  dropped(mapping: RoleMapping, exportedRoles: readonly Role[]): { field: string; holds: string }[] {
    const written = exportedRoles.map((r) => mapping[r]).filter((p): p is string => p !== undefined);
    const roleOf = new Map(ROLES.filter((r) => mapping[r]).map((r) => [mapping[r]!, r]));
    const under = (p: string, w: string) => p === w || p.startsWith(`${w}.`) || w.startsWith(`${p}.`);
    return [...this.seen]
      .filter((p) => !written.some((w) => under(p, w)))
      .map((field) => {
        const role = [...roleOf].find(([p]) => under(field, p))?.[1];
        return { field, holds: (role && ROLE_DESCRIPTIONS[role]) ?? 'a source field no exported role uses' };
      });
  }
}
