/** QA: pofilter-style checks over translated and adapted items. */
export type { Check, Finding, ItemFinding, LengthStats, QaContext, QaDecision, QaField, QaInput, QaTexts, Severity } from './types.js';
export { QA_FIELDS, SEVERITIES } from './types.js';
export { defineCheck, defineFieldCheck } from './check.js';
export type { FieldEnv, FieldTest } from './check.js';
export { ALL_CHECKS, findCheck } from './checks/index.js';
export { checkItem, runChecks, severityAtLeast } from './run-checks.js';
export type { RunChecksOptions, RunChecksResult } from './run-checks.js';
export { computeLengthStats, lengthPairs } from './length-stats.js';
