/** Long user-facing messages of the review stage. */

export const agreementParagraph = (items: number, annotators: number, figures: string, disagreements: number) =>
  `${items} item(s) were decided independently by ${annotators} annotators (double annotation) on the decision transfer / adapt / replace / drop: ${figures}. Where they disagreed (${disagreements} item(s)), the primary annotator's decision is the one recorded in provenance.`;

export const notReviewStates = (wrong: string, reviewStates: string) =>
  `--state ${wrong}: only decided items are reviewed. Use ${reviewStates} (default: adapted, the items awaiting review); \`carefully adapt\` works on the others.`;

export const staleRefused = (id: string) =>
  `${id} is stale: its source text changed after the work was done. Redo it first (\`carefully translate\`, then \`carefully adapt --state stale\`); then it can be reviewed.`;

export const conflictRefused = (id: string, conflict: string) =>
  `${id} has conflicting decisions (${conflict}): the localizers had not seen each other's. One of them settles it with a new decision in \`carefully adapt --state conflict\`; then it can be reviewed.`;

export const selfReviewRefused = (reviewer: string, what: string, action: string, id: string) =>
  `${reviewer} ${what}, so cannot ${action} ${id}: another person must review it. To review your own work anyway, pass --allow-self-review (the journal records who reviewed).`;

export const reviewLineEmpty =
  'is missing: give "approve" or "reject", or edit "question"/"answer", or give a "reply", "resolve": true or "waive" (or "undo": true alone).';

export const waiveWithEdit =
  'cannot be given with an edit: a waiver is for the text as it is, and the edit changes it. Waive on a later run, after the edit (or edit it away).';

export const notAnUndo = (value: unknown) => `${JSON.stringify(value)} is not an undo: use "undo": true.`;

export const undoNotAlone = (others: readonly string[]) =>
  `is given alone: an undo line has only "id" and "undo" (found ${others.join(', ')}); put the other fields on a later run.`;
