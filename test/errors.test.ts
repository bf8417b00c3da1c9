import assert from 'node:assert/strict';
import { DataError, ExitCode, formatProblem, listEntries, type DataProblem } from '../src/errors.js';

const problems = (n: number): DataProblem[] =>
  Array.from({ length: n }, (_, i) => ({ file: 'a.jsonl', line: i + 1, field: 'id', message: `problem ${i + 1}` }));

describe('errors: problem lists', () => {
  it('lists every entry when there are no more than the maximum', () => {
    assert.deepEqual(listEntries(['x', 'y'], { max: 2 }), ['  - x', '  - y']);
  });

  it('shows the first entries, then how many more, counted from the total when the caller kept only some', () => {
    assert.deepEqual(listEntries(['a', 'b', 'c'], { max: 2 }), ['  - a', '  - b', '  ... and 1 more']);
    assert.deepEqual(listEntries(['a', 'b'], { max: 2, total: 7, bullet: '  ', more: '(see the report)' }), [
      '  a',
      '  b',
      '  ... and 5 more (see the report)',
    ]);
  });

  it('DataError.listing keeps every problem as data and formats the first ones with the summary and advice', () => {
    const all = problems(25);
    const e = DataError.listing('a.jsonl: 25 problem(s); nothing was written.', all, { advice: 'Fix the lines and run again.' });
    assert.equal(e.exitCode, ExitCode.invalidData);
    assert.equal(e.problems, all);
    const lines = e.message.split('\n');
    assert.equal(lines[0], 'a.jsonl: 25 problem(s); nothing was written.');
    assert.equal(lines[1], `  - ${formatProblem(all[0]!)}`);
    assert.equal(lines.length, 1 + 20 + 1 + 1);
    assert.equal(lines[21], '  ... and 5 more');
    assert.equal(lines[22], 'Fix the lines and run again.');
    assert.match(DataError.listing('s', problems(3), { max: 50, format: (p) => p.message }).message, /^s\n {2}- problem 1\n {2}- problem 2\n {2}- problem 3$/);
  });
});
