/**
 * Checklist question IDs that were renamed, old → new. Journals keep the ID
 * an answer was recorded under; the fold and scripted answers read it as the
 * new one, so old projects and answer files keep working.
 *
 * Issue #16 moved the generic questions of the ko pack to the base pack under
 * generic IDs, and "about Korea as seen from Japan" became the base question
 * `about-target-country` that every pack gives its own patterns.
 */
export const CHECKLIST_ID_ALIASES: Readonly<Record<string, string>> = {
  'ko-privacy': 'privacy',
  'ko-organisation-secrets': 'organisation-secrets',
  'ko-drugs-alcohol': 'drugs-alcohol',
  'ko-fraud-extortion': 'fraud-extortion',
  'ko-scam-terms': 'scam-terms',
  'ko-gambling': 'gambling',
  'ko-sexual-crimes': 'sexual-crimes',
  'ko-violence-weapons': 'violence-weapons',
  'ko-digital-crime': 'digital-crime',
  'ko-online-conduct': 'online-conduct',
  'ko-disinformation-targets': 'disinformation-targets',
  'ko-adult-content': 'adult-content',
  'ko-discrimination-target': 'discrimination-target',
  'ko-about-korea': 'about-target-country',
  'ko-regional-bias': 'regional-bias',
  'ko-religion-race': 'religion-race',
  'ko-gender-disability-other': 'gender-disability-other',
  'ko-slurs': 'slurs',
  'ko-culture-specific': 'culture-specific',
  'ko-professional-advice': 'professional-advice',
  'ko-rumours': 'rumours',
  'ko-mental-health-resources': 'mental-health-resources',
  'ko-ai-persona': 'ai-persona',
};

/** A question ID as the current packs know it: the new ID of a renamed question, any other ID unchanged. */
export function currentQuestionId(id: string): string {
  return Object.hasOwn(CHECKLIST_ID_ALIASES, id) ? CHECKLIST_ID_ALIASES[id]! : id;
}
