/**
 * Translate Toolkit-style test helpers: `passes(check, {source, target})` and
 * `fails(check, {source, target})`, building a QaInput with defaults
 * (Japanese → Korean, text in the answer field, the question empty).
 */
import assert from 'node:assert/strict';
import { checkItem } from '../../src/qa/run-checks.js';
import type { SourceItem } from '../../src/dataset/item.js';
import type { Check, Finding, QaContext, QaDecision, QaField, QaInput } from '../../src/qa/types.js';

export interface Case {
  /** Source text of `field` (the Japanese field, or the English one when sourceLanguage is "en"). */
  source?: string;
  target?: string;
  /** English translation of the source field (AC v2.2). */
  sourceEn?: string;
  mt?: string;
  /** Which field the texts go in (default "answer"); the other field is empty on all sides. */
  field?: QaField;
  decision?: QaDecision;
  rationale?: string;
  intendedChanges?: string[];
  sourceLanguage?: string;
  targetLanguage?: string;
}

export function qaInput(c: Case): QaInput {
  const field = c.field ?? 'answer';
  const pair = (text: string | undefined): { question: string; answer: string } => ({ question: '', answer: '', [field]: text ?? '' });
  const source = pair(c.source);
  const item: SourceItem = {
    index: 0,
    id: 'test-001',
    question: source.question,
    answer: source.answer,
    sourceHash: 'test',
    ...(c.sourceEn === undefined ? {} : field === 'question' ? { questionEn: c.sourceEn } : { answerEn: c.sourceEn }),
  };
  return {
    item,
    sourceLanguage: c.sourceLanguage ?? 'ja',
    targetLanguage: c.targetLanguage ?? 'ko',
    target: pair(c.target),
    ...(c.mt === undefined ? {} : { mt: pair(c.mt) }),
    ...(c.decision === undefined ? {} : { decision: c.decision }),
    ...(c.rationale === undefined ? {} : { rationale: c.rationale }),
    ...(c.intendedChanges === undefined ? {} : { intendedChanges: c.intendedChanges }),
  };
}

/** Findings of one check on one case, as the runner would produce them (decisions the check skips included). */
export function run(check: Check, c: Case, ctx: QaContext = {}): Finding[] {
  return checkItem(qaInput(c), ctx, [check]);
}

export function passes(check: Check, c: Case, ctx: QaContext = {}): void {
  const findings = run(check, c, ctx);
  assert.deepEqual(findings, [], `${check.id} should pass ${JSON.stringify(c)}`);
}

/**
 * Asserts the check fails, with findings of its own ID and a message; when
 * `message` is given, some finding's message must match it (e.g. it names the
 * offending text). Returns the findings for further assertions.
 */
export function fails(check: Check, c: Case, ctx: QaContext = {}, message?: RegExp | string): Finding[] {
  const findings = run(check, c, ctx);
  assert.ok(findings.length > 0, `${check.id} should fail ${JSON.stringify(c)}`);
  for (const f of findings) {
    assert.equal(f.check, check.id);
    assert.ok(f.message.trim().length > 0);
  }
  if (message !== undefined) {
    const re = typeof message === 'string' ? new RegExp(message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : message;
    assert.ok(
      findings.some((f) => re.test(f.message)),
      `${check.id}: no message matches ${String(re)}: ${findings.map((f) => f.message).join(' | ')}`,
    );
  }
  return findings;
}
