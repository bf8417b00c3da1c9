/**
 * Only bin/carefully.js touches the process: no module under src/ ends it or
 * sets its exit code (main() returns the code), so the CLI runs in process.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { assetPath } from '../../src/paths.js';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}

describe('architecture: the process belongs to bin/', () => {
  it('no module in src/ calls process.exit or sets process.exitCode', () => {
    const offenders = sourceFiles(assetPath('src')).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, i) => ({ line: line.replace(/\/\/.*$/, ''), at: `${path.relative(assetPath('src'), file)}:${i + 1}` }))
        .filter(({ line }) => /process\.exit\s*\(|process\.exitCode\s*=[^=]/.test(line))
        .map(({ at }) => at),
    );
    assert.deepEqual(offenders, []);
  });
});
