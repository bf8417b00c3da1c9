/** Long user-facing messages of `carefully demo`. */
import type { ItemFinding, Severity } from '../../qa/types.js';

/** How many checks the demo's QA line names, most findings first. */
const CHECKS_NAMED = 4;

/** "japanese-kanji 3, numbers 2": findings per check, most first, at most `max` checks. */
function perCheck(findings: readonly ItemFinding[], max: number): string {
  const byCheck = new Map<string, number>();
  for (const f of findings) byCheck.set(f.check, (byCheck.get(f.check) ?? 0) + 1);
  return [...byCheck]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, max)
    .map(([check, n]) => `${check} ${n}`)
    .join(', ');
}

export const messages = {
  drafts: (step: number, applied: number, file: string) =>
    `${step}. adapt      ${applied} item(s) from ${file} (synthetic target drafts that leave Japanese forms in, for QA to find)`,
  check: (step: number, counts: Record<Severity, number>, findings: readonly ItemFinding[]) =>
    `${step}. check      ${counts.error} error(s), ${counts.warning} warning(s), ${counts.info} info${findings.length > 0 ? ` (${perCheck(findings, CHECKS_NAMED)})` : ''}`,
  draftFindings: (items: number, findings: readonly ItemFinding[]) =>
    `             on the ${items} drafted item(s): ${findings.length > 0 ? perCheck(findings, Infinity) : 'no findings'}`,
};
