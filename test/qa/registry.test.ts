import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ALL_CHECKS, findCheck } from '../../src/qa/checks/index.js';
import * as checks from '../../src/qa/checks/index.js';
import { SEVERITIES } from '../../src/qa/types.js';

// Tests run from dist/test/qa; the TypeScript sources are three levels up.
const root = new URL('../../../', import.meta.url);
const readAll = (dir: string): string =>
  readdirSync(fileURLToPath(new URL(dir, root)))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => readFileSync(fileURLToPath(new URL(`${dir}${f}`, root)), 'utf8'))
    .join('\n');

describe('qa: check registry', () => {
  it('has unique kebab-case IDs, titles and severities', () => {
    const ids = ALL_CHECKS.map((c) => c.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const c of ALL_CHECKS) {
      assert.match(c.id, /^[a-z]+(?:-[a-z]+)*$/);
      assert.ok(c.title.length > 0 && !c.title.endsWith('.'), c.id);
      assert.ok(SEVERITIES.includes(c.severity), c.id);
      assert.equal(findCheck(c.id), c);
    }
    assert.equal(findCheck('nope'), undefined);
  });

  it('includes every check the module exports', () => {
    const exported = Object.values(checks).filter((v): v is (typeof ALL_CHECKS)[number] => typeof v === 'object' && v !== null && 'id' in v && 'run' in v);
    assert.deepEqual(new Set(exported), new Set(ALL_CHECKS));
  });

  it('titles each check with the first line of its doc comment', () => {
    const source = readAll('src/qa/checks/');
    for (const c of ALL_CHECKS) {
      const title = c.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      // "/** Title." or "/**\n * Title.", the rest of that comment, then the definition with this ID.
      const doc = new RegExp(
        `/\\*\\*\\s*(?:\\n\\s*\\*\\s)?${title}\\.?(?:\\s*\\*/|\\n(?:(?!\\*/)[\\s\\S])*\\*/)` +
          `\\s*export const \\w+ = define(?:Field)?Check\\(\\{\\s*id: '${c.id}',`,
      );
      assert.match(source, doc, c.id);
    }
  });

  it('has passes/fails tests for every check', () => {
    const tests = readAll('test/qa/');
    const names = Object.entries(checks).filter(([, v]) => ALL_CHECKS.includes(v as (typeof ALL_CHECKS)[number]));
    for (const [name, check] of names) {
      const alias = new RegExp(`const (\\w+) = ${name};`).exec(tests)?.[1];
      const used = [name, ...(alias ? [alias] : [])].some((n) => new RegExp(`passes\\(\\s*${n},`).test(tests) && new RegExp(`fails\\(\\s*${n},`).test(tests));
      assert.ok(used, `${(check as { id: string }).id} needs passes(...) and fails(...) tests`);
    }
  });
});
