/**
 * The stage folders are stacked (DESIGN.md, Architecture): a module may import
 * only from its own folder or from folders below it, and no files form an
 * import cycle, type-only imports included. Terminal code stays in wizard/.
 * The API entry (src/index.ts) is on top beside cli/, which does not import it.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { assetPath } from '../../src/paths.js';

/** Bottom to top; folders on one line are siblings and may not import each other. */
const LAYERS: readonly (readonly string[])[] = [
  ['.'],
  ['dataset'],
  ['project'],
  ['locale'],
  ['translate', 'qa'],
  ['session'],
  ['adapt', 'review', 'suggest'],
  ['export', 'interop', 'report'],
  ['wizard'],
  ['cli', 'api'],
];
const rank = new Map(LAYERS.flatMap((names, i) => names.map((n) => [n, i] as const)));

const srcDir = assetPath('src');
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}
/** Relative import specifiers of a file, static, dynamic and type-only alike. */
function importsOf(file: string): { spec: string; target: string }[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1]!);
  return specs.map((spec) => ({ spec, target: path.resolve(path.dirname(file), spec).replace(/\.js$/, '.ts') }));
}
/** src/index.ts, the programmatic API, sits on top beside cli/: it may use every stage, and nothing imports it. */
const stageOf = (file: string) => {
  const rel = path.relative(srcDir, file).split(path.sep);
  if (rel.length === 1 && rel[0] === 'index.ts') return 'api';
  return rel.length === 1 ? '.' : rel[0]!;
};

describe('architecture', () => {
  const files = sourceFiles(srcDir);
  const graph = new Map(files.map((f) => [f, importsOf(f).filter((i) => !i.spec.includes('${'))]));

  it('every stage folder has a place in the layers', () => {
    const unknown = [...new Set(files.map(stageOf))].filter((s) => !rank.has(s));
    assert.deepEqual(unknown, []);
  });

  it('no module imports from a folder above its own or from a sibling folder', () => {
    const wrong: string[] = [];
    for (const [file, imports] of graph) {
      const from = stageOf(file);
      for (const { spec, target } of imports) {
        const to = stageOf(target);
        if (to === from) continue;
        if ((rank.get(to) ?? -1) >= (rank.get(from) ?? -1)) wrong.push(`${path.relative(srcDir, file)} imports ${spec}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  it('no import cycle between files, type-only imports included', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (file: string) => {
      state.set(file, 'open');
      stack.push(file);
      for (const { target } of graph.get(file) ?? []) {
        if (state.get(target) === 'open') {
          cycles.push(
            stack
              .slice(stack.indexOf(target))
              .concat(target)
              .map((f) => path.relative(srcDir, f))
              .join(' -> '),
          );
        } else if (!state.has(target) && graph.has(target)) visit(target);
      }
      stack.pop();
      state.set(file, 'done');
    };
    for (const f of files) if (!state.has(f)) visit(f);
    assert.deepEqual(cycles, []);
  });

  it('only wizard/ imports @inquirer, and only cli/ imports wizard/', () => {
    const wrong: string[] = [];
    for (const file of files) {
      const stage = stageOf(file);
      const text = readFileSync(file, 'utf8');
      if (stage !== 'wizard' && /['"]@inquirer\//.test(text)) wrong.push(`${path.relative(srcDir, file)} imports @inquirer`);
      if (stage !== 'wizard' && stage !== 'cli' && (graph.get(file) ?? []).some((i) => stageOf(i.target) === 'wizard')) {
        wrong.push(`${path.relative(srcDir, file)} imports wizard/`);
      }
    }
    assert.deepEqual(wrong, []);
  });
});
