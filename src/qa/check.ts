/** Building blocks for checks: an item-level check, or a per-field (source, target) test. */
import { fieldLabel, sourceText } from './text.js';
import { QA_FIELDS } from './types.js';
import type { Check, Finding, QaContext, QaDecision, QaField, QaInput, Severity } from './types.js';

interface CheckSpec {
  id: string;
  title: string;
  severity: Severity;
  /** Default: ["drop"] (a dropped item is not exported, so its text is not checked). */
  skipDecisions?: readonly QaDecision[];
}

/** What a field test may look at besides the source and target text. */
export interface FieldEnv {
  field: QaField;
  /** "Question" or "Answer", to start a message with. */
  label: string;
  input: QaInput;
  ctx: QaContext;
}

/**
 * A Translate Toolkit-style test of one field: return undefined when it
 * passes, or one actionable sentence naming the offending text.
 */
export type FieldTest = (source: string, target: string, env: FieldEnv) => string | undefined;

export const DEFAULT_SKIP: readonly QaDecision[] = ['drop'];
/** For checks that compare target with source: a replacement is a new item, so nothing carries over. */
export const SKIP_NEW_TEXT: readonly QaDecision[] = ['drop', 'replace-target', 'replace-scenario', 'new'];

/** A check over the whole item. */
export function defineCheck(spec: CheckSpec & { run: (input: QaInput, ctx: QaContext) => Finding[] }): Check {
  return { id: spec.id, title: spec.title, severity: spec.severity, skipDecisions: spec.skipDecisions ?? DEFAULT_SKIP, run: spec.run };
}

/** A check run on the question and on the answer, one finding per failing field. */
export function defineFieldCheck(spec: CheckSpec & { test: FieldTest }): Check {
  return defineCheck({
    ...spec,
    run(input, ctx) {
      // Most fields pass: no array is made for them.
      let findings: Finding[] | undefined;
      const envs = fieldEnvs(input, ctx);
      for (const env of envs) {
        const message = spec.test(sourceText(input, env.field), input.target[env.field], env);
        if (message !== undefined) (findings ??= []).push({ check: spec.id, severity: spec.severity, field: env.field, message });
      }
      return findings ?? [];
    },
  });
}

/** The field envs of the last input: the field checks of one item run one after another, so they share them. */
function fieldEnvs(input: QaInput, ctx: QaContext): readonly FieldEnv[] {
  if (input !== last.input || ctx !== last.ctx) {
    last = { input, ctx, envs: QA_FIELDS.map((field) => ({ field, label: fieldLabel(field), input, ctx })) };
  }
  return last.envs;
}
let last: { input?: QaInput; ctx?: QaContext; envs: readonly FieldEnv[] } = { envs: [] };
