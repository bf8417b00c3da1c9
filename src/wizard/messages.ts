/** Long user-facing texts of the wizards' screens. */
import type { ReviewProgress } from '../review/review-session.js';

export const SECONDARY_ASSIGNED =
  "  You were assigned this item (adapt --double) to decide it independently: the primary localizer's edits and decision are hidden, and `carefully agreement` compares the two.";

export const reviewSessionCounts = (progress: ReviewProgress) =>
  `This session: ${progress.approved} approved, ${progress.rejected} rejected, ${progress.edited} edited${progress.handedOn ? ` (${progress.handedOn} now await another reviewer)` : ''}; ${progress.remaining} to go.`;
