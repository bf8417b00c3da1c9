/**
 * QA findings stay byte-identical to those of the implementation before the
 * combined matchers (issue #11): the golden file was written by the old code
 * (one regex per term, NFKC cache cleared when full: commit a5ef32f, rewritten at 8026cfa, which renamed `replace`) with
 * `QA_GOLDEN=write npx mocha --no-config dist/test/qa/equivalence.test.js`, and
 * this test compares today's findings with it, on the examples and on a
 * generated set, for every check, the leftover engine and the equivalents
 * search the wizard uses. Rewritten once more when the japanese-kanji check was
 * added: only entries with a zh-Hans target changed, each by that check's
 * findings alone (the other findings were verified equal to the old golden).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadLocalePack } from '../../src/locale/locale-pack.js';
import { findLeftovers } from '../../src/locale/leftovers.js';
import { findEquivalents } from '../../src/locale/equivalents.js';
import { runChecks } from '../../src/qa/run-checks.js';
import type { QaContext, QaInput } from '../../src/qa/types.js';
import { exampleInputs, generatedInputs, generatedTexts } from './equivalence-data.js';

const GOLDEN = fileURLToPath(new URL('../../../test/qa/golden/qa-findings.json', import.meta.url));
const GENERATED = 1500;

/** Per input, its findings as JSON (all checks, in report order). */
function findingsOf(inputs: QaInput[], ctx: QaContext): string[] {
  return inputs.map((input) => JSON.stringify(runChecks([input], ctx).findings));
}

/** The golden file holds a short hash of each entry (the full texts would be megabytes); a mismatch prints today's entry. */
const digest = (s: string) => createHash('sha256').update(s).digest('base64url').slice(0, 16);

function current(): Record<string, string[]> {
  const pack = loadLocalePack('ko').pack;
  const ctx: QaContext = { pack, lengthStats: { count: 100, median: 0.1, mad: 0.3 } };
  const texts = generatedTexts(pack, 800);
  return {
    examples: findingsOf(exampleInputs(pack), ctx),
    generated: findingsOf(generatedInputs(pack, GENERATED), ctx),
    generatedHaeyo: findingsOf(generatedInputs(pack, 300, 77), { ...ctx, answerRegister: 'haeyo' }),
    leftovers: texts.map((t) =>
      JSON.stringify(findLeftovers(pack, t).map((l) => [l.equivalent.id, l.term, l.text, l.offset, l.length, l.suggestion, l.outdated ?? false])),
    ),
    equivalents: texts.map((t) => JSON.stringify(findEquivalents(pack, [t]).map((m) => [m.equivalent.id, m.term, m.text, m.offset, m.length]))),
  };
}

describe('QA findings equal those of the previous implementation', function () {
  this.timeout(120_000);
  const now = current();
  if (process.env.QA_GOLDEN === 'write') {
    const hashed = Object.fromEntries(Object.entries(now).map(([k, v]) => [k, v.map(digest)]));
    writeFileSync(GOLDEN, `${JSON.stringify(hashed, null, 0).replace(/\],"/g, '],\n"')}\n`);
  }
  const golden = JSON.parse(readFileSync(GOLDEN, 'utf8')) as Record<string, string[]>;

  for (const key of Object.keys(golden)) {
    it(`${key}: same findings, in the same order`, () => {
      assert.ok(golden[key]!.length > 0, `the golden ${key} list is empty`);
      const got = now[key] ?? [];
      assert.equal(got.length, golden[key]!.length, `${key}: number of entries`);
      got.forEach((entry, i) => assert.equal(digest(entry), golden[key]![i], `${key}[${i}] differs from the old findings; now: ${entry}`));
    });
  }
  it('the generated set exercises the glossary and leftover checks', () => {
    const checks = new Set(now.generated!.flatMap((f) => (JSON.parse(f) as { check: string }[]).map((x) => x.check)));
    for (const id of ['glossary-must-translate', 'glossary-do-not-translate', 'source-culture-leftover', 'source-script', 'source-punctuation']) {
      assert.ok(checks.has(id), `no ${id} finding in the generated set`);
    }
  });
});
