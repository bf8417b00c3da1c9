/** Long user-facing sentences of the commands (max-len does not apply here). */
export const msg = {
  reviewAnswers: (s: { file: string; lines: number; approved: number; rejected: number; edited: number; skipped: number; events: number }, reviewer: string) =>
    `${s.file}: ${s.lines} line(s): ${s.approved} approved, ${s.rejected} rejected, ${s.edited} edited, ${s.skipped} already recorded; ${s.events} event(s) written as ${reviewer}.`,
};
