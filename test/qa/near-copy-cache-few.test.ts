/** The near-copy cache read for a few IDs (list after appends): the same verdicts as a whole read, or a whole read. */
import assert from 'node:assert/strict';
import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { NearCopyCache, type NearCopyVerdict } from '../../src/qa/near-copy-cache.js';
import { TempDir } from '../helpers/fixtures.js';

const hash = (i: number) => `h${String(i).padStart(21, '0')}`;
// 'item-1' is a prefix of 'item-10' (stored), and is not stored itself; the third ID needs JSON escapes.
const stored = ['item-10', 'item-2', 'q "x" \\ 東京', 'item-3'];
const verdict = (i: number): NearCopyVerdict => ({ answer: { run: `run-${i}`, source: 'question' } });

describe('near-copy cache read for a few IDs', () => {
  let tmp: TempDir;
  let file: string;
  beforeEach(() => {
    tmp = new TempDir();
    file = tmp.join('near-copy.jsonl');
    const cache = new NearCopyCache(file);
    cache.use('key');
    stored.forEach((id, i) => cache.set(id, hash(i), verdict(i)));
    cache.save();
  });
  afterEach(() => rmSync(tmp.path, { recursive: true, force: true }));

  /** What `get` answers for each [id, hash] when the cache is read for those IDs, and when read whole. */
  const answers = (asked: [string, string][]) => {
    const few = new NearCopyCache(
      file,
      asked.map(([id]) => id),
    );
    few.use('key');
    const whole = new NearCopyCache(file);
    whole.use('key');
    return {
      few: asked.map(([id, h]) => few.get(id, h)),
      whole: asked.map(([id, h]) => whole.get(id, h)),
      warnings: [few.warnings, whole.warnings],
    };
  };

  it('answers a stored ID, a changed hash, an absent ID that prefixes a stored one, and an escaped ID as a whole read does', () => {
    const cases: [string, string][][] = [
      [['item-2', hash(1)]],
      [['item-2', hash(9)]],
      [['item-1', hash(0)]],
      [['item-10', hash(0)]],
      [[stored[2]!, hash(2)]],
      [
        ['item-3', hash(3)],
        ['item-10', hash(0)],
      ],
    ];
    const expected = [[verdict(1)], [undefined], [undefined], [verdict(0)], [verdict(2)], [verdict(3), verdict(0)]];
    cases.forEach((asked, i) => {
      const { few, whole } = answers(asked);
      assert.deepEqual(few, expected[i], JSON.stringify(asked));
      assert.deepEqual(whole, expected[i], JSON.stringify(asked));
    });
  });

  it('falls back to the whole read for an ID on two lines (the last one counts) and for a torn file', () => {
    appendFileSync(file, `${JSON.stringify(['item-2', hash(7), [['question', { run: 'later', source: 'answer' }]]])}\n`);
    const { few, whole } = answers([['item-2', hash(7)]]);
    assert.deepEqual(few, [{ question: { run: 'later', source: 'answer' } }]);
    assert.deepEqual(few, whole);
    writeFileSync(file, readFileSync(file, 'utf8').slice(0, -20));
    const torn = answers([['item-10', hash(0)]]);
    assert.deepEqual(torn.few, [undefined]);
    assert.deepEqual(torn.few, torn.whole);
    assert.equal(torn.warnings[0]!.length, 1, 'the torn file is reported');
    assert.deepEqual(torn.warnings[0], torn.warnings[1]);
  });

  it('keeps every other entry when a verdict read for a few IDs is changed and saved', () => {
    const few = new NearCopyCache(file, ['item-2']);
    few.use('key');
    few.set('item-2', hash(5), verdict(5));
    few.save();
    const whole = new NearCopyCache(file);
    whole.use('key');
    stored.forEach((id, i) => assert.deepEqual(whole.get(id, i === 1 ? hash(5) : hash(i)), i === 1 ? verdict(5) : verdict(i), id));
  });

  it('reads only the asked lines: a line broken elsewhere, which a whole read refuses, leaves the asked verdict (the quick path ran)', () => {
    const lines = readFileSync(file, 'utf8').split('\n');
    const at = lines.findIndex((l) => l.startsWith('["item-3"'));
    assert.ok(at > 0);
    lines[at] = '["item-3", broken';
    writeFileSync(file, lines.join('\n'));
    const { few, whole, warnings } = answers([['item-2', hash(1)]]);
    assert.deepEqual(few, [verdict(1)]);
    assert.deepEqual(warnings[0], []);
    assert.deepEqual(whole, [undefined]);
    assert.ok(warnings[1]!.length > 0, 'the whole read warns about the broken line');
  });
});
