import { openProject } from '../../project/project.js';
import { ALL_CHECKS } from '../../qa/checks/index.js';
import { runProjectQa } from '../../qa/run-project-qa.js';
import type { ItemFinding, Severity } from '../../qa/types.js';
import { ExitCode } from '../../errors.js';
import type { CommandContext } from '../io.js';
import { createProgress } from '../progress.js';
import { messages } from '../messages/check.js';

export interface CheckCommandOptions {
  project: string;
  json?: boolean;
  severity?: Severity;
  /** Check IDs; each value may hold several, comma-separated. */
  only?: string[];
  /** Item IDs; each value may hold several, comma-separated. */
  ids?: string[];
  list?: boolean;
}

const splitList = (values: readonly string[] | undefined): string[] | undefined => {
  const out = (values ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
  return out.length > 0 ? out : undefined;
};

function columns(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  '));
}

export async function run(opts: CheckCommandOptions, { out, io }: CommandContext): Promise<number> {
  const { print, printJson, warn } = out;
  if (opts.list) {
    const checks = ALL_CHECKS.map((c) => ({ id: c.id, severity: c.severity, title: c.title }));
    if (opts.json) printJson(checks);
    else for (const line of columns(checks.map((c) => [c.id, c.severity, c.title]))) print(line);
    return ExitCode.ok;
  }
  const project = openProject(opts.project);
  const only = splitList(opts.only);
  const ids = splitList(opts.ids);
  // A bar on a terminal only: piped output and --json stay free of progress lines.
  const progress = io.stderr.isTTY && !opts.json ? await createProgress('check', io.stderr) : undefined;
  const r = await runProjectQa(project, {
    ...(only ? { only } : {}),
    ...(ids ? { ids } : {}),
    ...(opts.severity ? { minSeverity: opts.severity } : {}),
    ...(progress ? { onProgress: (done: number, total: number) => progress.update(done, total) } : {}),
  }).finally(() => progress?.stop());
  const code = r.counts.error > 0 ? ExitCode.invalidData : ExitCode.ok;
  if (opts.json) {
    printJson({
      findings: r.findings,
      counts: r.counts,
      waived: r.waived,
      waivedCounts: r.waivedCounts,
      staleWaivers: r.staleWaivers,
      checked: r.checked,
      items: r.items,
    });
    return code;
  }
  for (const w of r.warnings) warn(w);
  const byItem = new Map<string, ItemFinding[]>();
  for (const f of r.findings) byItem.set(f.item, [...(byItem.get(f.item) ?? []), f]);
  for (const [id, findings] of byItem) {
    const info = r.itemInfo[id];
    print(`${id}${info ? ` (${[info.state, info.decision].filter(Boolean).join(', ')})` : ''}`);
    for (const line of columns(findings.map((f) => [`  ${f.severity}`, f.field ?? '-', f.check, f.message]))) print(line);
    print();
  }
  if (r.waived.length > 0) {
    print(`Waived (${r.waived.length}; not counted):`);
    const rows = r.waived.map((f) => [`  ${f.item}`, f.severity, f.field ?? '-', f.check, `${f.waived.author}: ${f.waived.reason}`]);
    for (const line of columns(rows)) print(line);
    print();
  }
  for (const w of r.staleWaivers) {
    const what = `${w.item}: the waiver of ${w.check}${w.field ? ` (${w.field})` : ''} by ${w.author}`;
    warn(`${what} was given for an earlier text and no longer applies; waive it again if the finding still stands.`);
  }
  const { error, warning, info } = r.counts;
  print(messages.checked(r.checked, r.items, ids !== undefined, r.localePack, error, warning, info));
  if (error > 0) print('Errors remain (exit code 1): fix the text, declare deliberate changes, or waive findings with a reason (adapt/review: keys i, w).');
  return code;
}
