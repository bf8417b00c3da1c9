/** Long user-facing messages of `carefully validate`. */

export const messages = {
  valid: (file: string, records: number, format: string | undefined, profile: string, warningCount: number) =>
    `${file}: valid (${records} records, ${format === 'json' ? 'JSON array' : 'JSONL'}, profile ${profile})${warningCount ? `, ${warningCount} warning(s)` : ''}.`,
};
