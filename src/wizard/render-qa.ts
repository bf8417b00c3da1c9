/**
 * What the localizer and the reviewer see of QA on an item: its open
 * findings, the glossary terms that apply, the declared intended changes and
 * the waivers. Separate render functions so a screen layout can place them.
 */
import { t } from '../i18n.js';
import type { GlossaryEntry } from '../locale/locale-pack-types.js';
import type { ItemState } from '../project/state.js';
import type { Finding, Severity } from '../qa/types.js';

/** The colours used here (render-item.ts's Style has them; not imported from there, which imports this module). */
interface Style {
  bold: (s: string) => string;
  dim: (s: string) => string;
  red: (s: string) => string;
  green: (s: string) => string;
  yellow: (s: string) => string;
}

function severityStyle(severity: Severity, st: Style): (s: string) => string {
  return severity === 'error' ? st.red : severity === 'warning' ? st.yellow : st.dim;
}

/** "QA · 1 error, 0 warnings, 0 info" and one line per finding; "QA · no findings" when clean. */
export function qaFindingLines(findings: readonly Finding[], st: Style): string[] {
  if (findings.length === 0) return [`QA · ${st.green(t('wizard.qa.none'))}`];
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return [
    `QA · ${t('wizard.qa.counts', {
      errors: t('wizard.qa.error', { count: counts.error }),
      warnings: t('wizard.qa.warning', { count: counts.warning }),
      info: counts.info,
    })}`,
    ...findings.map((f) => severityStyle(f.severity, st)(`  ${f.severity.padEnd(7)} ${f.check}${f.field ? ` (${f.field})` : ''}: ${f.message}`)),
  ];
}

/** The glossary entries that apply to the item: "オレオレ詐欺 → 보이스피싱", "LINE (keep as is)". */
export function glossaryLines(glossary: readonly GlossaryEntry[], st: Style): string[] {
  if (glossary.length === 0) return [];
  return [st.bold(t('wizard.qa.glossary')), ...glossary.map((g) => `  ${g.source} → ${g.doNotTranslate ? st.dim(t('wizard.qa.keep')) : (g.target ?? '')}`)];
}

/** Declared intended changes and waivers of the item. */
export function intendedAndWaiverLines(s: Pick<ItemState, 'intended' | 'waivers'>, st: Style): string[] {
  return [
    ...s.intended.map((i) => st.dim(`  ${t('wizard.qa.intended')}: ${i.source} → ${i.target || t('wizard.qa.removed')} — ${i.reason} (${i.author})`)),
    ...s.waivers.map((w) => st.dim(`  ${t('wizard.qa.waived')}: ${w.check}${w.field ? ` (${w.field})` : ''} — ${w.reason} (${w.author})`)),
  ];
}
