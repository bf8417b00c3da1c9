/** Long user-facing messages of the export stage. */

export const FLAGGED_REFUSAL = (n: number): string =>
  `Export refused: ${n} item(s) to export have open flags (questions a localizer or reviewer raised). Nothing was written. Settle them in \`carefully review\` (reply, then resolve the flag), or pass --include-flagged to export them anyway.`;
