/** Long user-facing texts of the command line itself (`carefully --help`). */

export const DESCRIPTION =
  'Derive a region-specific LLM-safety dataset from AnswerCarefully: inspect and validate the source, machine-translate, adapt each item to the target culture, review, check and export in the same schema.';
