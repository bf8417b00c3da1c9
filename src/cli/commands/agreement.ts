import { openProject, loadStateOnly } from '../../project/project.js';
import { computeAgreement, type PairAgreement } from '../../review/agreement.js';
import { DECISIONS } from '../../project/decisions.js';
import { table } from '../output.js';
import type { CommandContext } from '../io.js';

export interface AgreementCommandOptions {
  project: string;
  json?: boolean;
}

const percent = (x: number) => `${(100 * x).toFixed(1)}%`;

export async function run(opts: AgreementCommandOptions, { out }: CommandContext): Promise<void> {
  const { print, printJson, warn } = out;
  const project = openProject(opts.project);
  const { states, warnings } = await loadStateOnly(project);
  const r = computeAgreement(states.values());
  if (opts.json) return printJson(r);
  for (const w of warnings) warn(w);
  print(`Double-annotated items: ${r.items}${r.annotators.length ? ` (annotators: ${r.annotators.join(', ')})` : ''}`);
  const rows: [string, string | number][] = [];
  if (r.rawAgreement !== undefined) rows.push(['raw agreement', `${percent(r.rawAgreement)} (${r.agreed} of ${r.items})`]);
  if (r.cohenKappa !== undefined) rows.push(["Cohen's kappa", r.cohenKappa.toFixed(3)]);
  if (r.krippendorffAlpha !== undefined) rows.push(["Krippendorff's alpha (nominal)", r.krippendorffAlpha.toFixed(3)]);
  if (rows.length) print(table(rows));
  for (const note of r.notes) print(`Note: ${note}`);
  if (r.pairs.length > 1) {
    print("\nCohen's kappa per pair of annotators (items both decided):");
    print(table(r.pairs.map((p): [string, string] => [p.annotators.join(' & '), describePair(p)])));
  }
  if (r.matrix) {
    const [first, second] = r.annotators as [string, string];
    print(`\nDecisions (rows: ${first}, columns: ${second}):`);
    const width = Math.max(...DECISIONS.map((d) => d.length));
    print(`  ${''.padEnd(width)}  ${DECISIONS.map((d) => d.padStart(width)).join('  ')}`);
    for (const d of DECISIONS) print(`  ${d.padEnd(width)}  ${DECISIONS.map((e) => String(r.matrix![d][e]).padStart(width)).join('  ')}`);
  }
  if (!r.matrix && r.annotators.length > 0) {
    print('\nDecisions per annotator (double-annotated items):');
    const width = Math.max(...r.annotators.map((a) => a.length), ...DECISIONS.map((d) => d.length));
    print(`  ${''.padEnd(width)}  ${DECISIONS.map((d) => d.padStart(8)).join('  ')}`);
    for (const a of r.annotators) print(`  ${a.padEnd(width)}  ${DECISIONS.map((d) => String(r.counts[a]![d]).padStart(8)).join('  ')}`);
  }
  if (r.disagreements.length === 0) return;
  print(`\nDisagreements to discuss (${r.disagreements.length}):`);
  for (const d of r.disagreements) {
    print(`  ${d.id}`);
    for (const a of d.annotations) print(`    ${`${a.annotator} (${a.role})`.padEnd(24)} ${a.decision.padEnd(8)}  ${a.rationale ?? '(no rationale)'}`);
  }
}

function describePair(p: PairAgreement): string {
  const kappa = p.cohenKappa === undefined ? 'kappa undefined (one decision throughout)' : `kappa ${p.cohenKappa.toFixed(3)}`;
  return `${kappa}, raw ${percent(p.rawAgreement)} (${p.agreed} of ${p.items})`;
}
