/** The wizards' long user-facing sentences (max-len does not apply here). */
import type { PaneId } from './layout.js';
import type { ReviewProgress } from '../review/review-session.js';

export const msg = {
  taxonomy: (riskArea: string, harmType: string, specificHarm: string) => `  Risk area ${riskArea} · Harm type ${harmType} · Specific harm ${specificHarm}`,
  reviewEditHandedOn: (field: string, id: string) =>
    `Saved the edited ${field} of ${id}. You changed its text, so it now awaits another reviewer's verdict (or yours with --allow-self-review); e edits more, s moves on.`,
  adaptSkipped: (id: string, decision: string | undefined) =>
    `Skipped ${id}${decision ? ` (its decision, ${decision}, stays)` : '; it stays undecided'}; not shown again in this session.`,
  undone: (id: string, what: string) => `Undid your ${what} on ${id} (recorded in the journal as an undo; u again undoes the action before).`,
  reverted: (id: string) => `Reverted ${id} to the machine translation (saved as edits; u undoes it).`,
  paneHelp: (panes: readonly { key: string; name: string; id: PaneId }[]) =>
    `${panes.map((p) => p.key).join(' ')}  show one pane on its own (${panes.map((p) => `${p.key} ${p.name}`).join(', ')}); the same digit or Esc shows all again`,
};

export const SECONDARY_ASSIGNED =
  "  You were assigned this item (adapt --double) to decide it independently: the primary localizer's edits and decision are hidden, and `carefully agreement` compares the two.";

export const reviewSessionCounts = (progress: ReviewProgress) =>
  `This session: ${progress.approved} approved, ${progress.rejected} rejected, ${progress.edited} edited${progress.handedOn ? ` (${progress.handedOn} now await another reviewer)` : ''}; ${progress.remaining} to go.`;
