/** Long user-facing messages of the QA stage (check findings and refusals). */

export const rewrittenUnderTransfer = (field: string, similarity: string, minimum: number) =>
  `${field} was rewritten beyond the machine translation (similarity ${similarity} < ${minimum}) under decision "transfer"; if target-specific facts changed, make it "adapt".`;

export const foreignScript = (label: string, scripts: string, language: string, quoted: string, one: boolean) =>
  `${label} has ${scripts}, which ${language} text does not use: ${quoted}; translate or transliterate ${one ? 'it' : 'them'}.`;

export const japanesePunctuation = (label: string, quoted: string, language: string) =>
  `${label} has Japanese punctuation ${quoted}, which ${language} text does not use; replace it with the target's punctuation.`;

export const unknownItemIds = (unknown: readonly string[]) =>
  `Unknown item ID(s): ${unknown.slice(0, 10).join(', ')}${unknown.length > 10 ? ', ...' : ''}. Run \`carefully status\` to see the project, or check the IDs in the source file.`;
