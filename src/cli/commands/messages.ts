/** Long user-facing sentences of the commands (max-len does not apply here). */
export const msg = {
  reviewAnswers: (
    s: { file: string; lines: number; approved: number; rejected: number; edited: number; skipped: number; events: number } & Partial<
      Record<'replied' | 'resolved' | 'waived' | 'undone', number>
    >,
    reviewer: string,
  ) =>
    `${s.file}: ${s.lines} line(s): ${s.approved} approved, ${s.rejected} rejected, ${s.edited} edited, ${(['replied', 'resolved', 'waived', 'undone'] as const)
      .filter((k) => s[k])
      .map((k) => `${s[k]} ${k === 'replied' ? 'replied to a flag' : k === 'resolved' ? 'flags resolved' : k}, `)
      .join('')}${s.skipped} already recorded; ${s.events} event(s) written as ${reviewer}.`,
};
