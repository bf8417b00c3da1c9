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
  /** `sourceText(input, field)`: the text the field was translated from. */
  readonly source: string;
  /**
   * Facts about the field that several checks need, computed by the first that asks (see the checks
   * using them). An env lives for one `checkItem` call (or one check's run outside it), so the item's
   * texts do not change under them.
   */
  memo: FieldMemo;
}

/** What the field checks of one item share (undefined until computed). */
export interface FieldMemo {
  /** `originalTexts(input, field)` NFKC-normalised (glossary checks). */
  nfkcOriginals: readonly string[] | undefined;
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
export function defineCheck(spec: CheckSpec & { run: (input: QaInput, ctx: QaContext) => readonly Finding[] }): Check {
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
      for (let i = 0; i < envs.length; i++) {
        const env = envs[i]!;
        const message = spec.test(env.source, input.target[env.field], env);
        if (message !== undefined) (findings ??= []).push({ check: spec.id, severity: spec.severity, field: env.field, message });
      }
      return findings ?? NO_FINDINGS;
    },
  });
}

/** What a check that finds nothing returns (shared and frozen: callers only read a check's findings). */
export const NO_FINDINGS: readonly Finding[] = Object.freeze([]);

/**
 * The field envs of the item `checkItem` is checking, shared by its field checks
 * (built on first use); undefined outside a `checkItem` call.
 */
let scope: { input: QaInput; ctx: QaContext; envs: readonly FieldEnv[] | undefined } | undefined;

/**
 * Runs `body` with `input`'s field envs shared by the field checks it runs (run-checks.ts
 * `checkItem`): the source texts and what `FieldMemo` holds are worked out once per item,
 * not once per check. Outside such a call each check's run makes its own.
 */
export function withFieldScope<T>(input: QaInput, ctx: QaContext, body: () => T): T {
  scope = { input, ctx, envs: undefined };
  try {
    return body();
  } finally {
    scope = undefined;
  }
}

function fieldEnvs(input: QaInput, ctx: QaContext): readonly FieldEnv[] {
  if (scope === undefined || scope.input !== input || scope.ctx !== ctx) return makeEnvs(input, ctx);
  return (scope.envs ??= makeEnvs(input, ctx));
}

function makeEnvs(input: QaInput, ctx: QaContext): readonly FieldEnv[] {
  return QA_FIELDS.map((field) => ({
    field,
    label: fieldLabel(field),
    input,
    ctx,
    source: sourceText(input, field),
    memo: { nfkcOriginals: undefined },
  }));
}
