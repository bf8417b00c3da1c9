/**
 * validateSource's trusted read: with the keys of an earlier full valid read,
 * records whose ID lines up take their hash from the keys; from the first one
 * that does not, the file is read and checked in full.
 */
import assert from 'node:assert/strict';
import { validateSource, type ValidationReport } from '../../src/dataset/validate.js';
import { loadProfile, resolveMapping } from '../../src/dataset/profile.js';
import type { SourceItem } from '../../src/dataset/item.js';
import { TempDir, makeRecord, makeRecords } from '../helpers/fixtures.js';

const mapping = resolveMapping(loadProfile('answercarefully'));

async function read(file: string, trusted?: Pick<SourceItem, 'id' | 'sourceHash'>[]): Promise<{ items: SourceItem[]; report: ValidationReport }> {
  const items: SourceItem[] = [];
  const report = await validateSource(file, mapping, { trusted, onItem: (item) => void items.push(item) });
  return { items, report };
}

describe('validateSource with trusted keys', () => {
  let tmp: TempDir;
  beforeEach(() => (tmp = new TempDir()));
  afterEach(() => tmp.remove());

  it('gives the same items as a full read, each hash taken from its key', async () => {
    const file = tmp.jsonl('a.jsonl', makeRecords(4));
    const full = await read(file);
    const keys = full.items.map((i) => ({ id: i.id, sourceHash: `k${i.index}` }));
    const trusted = await read(file, keys);
    assert.deepEqual(trusted.report, full.report);
    assert.deepEqual(
      trusted.items,
      full.items.map((i) => ({ ...i, sourceHash: `k${i.index}` })),
    );
  });

  it('consumes the keys: each key met is replaced by its ID (its hash released), and a later mismatch still finds IDs met before', async () => {
    const before = makeRecords(3);
    const keys: (Pick<SourceItem, 'id' | 'sourceHash'> | string)[] = (await read(tmp.jsonl('old.jsonl', before))).items.map((i) => ({
      id: i.id,
      sourceHash: i.sourceHash,
    }));
    const file = tmp.jsonl('new.jsonl', [before[0]!, before[1]!, makeRecord(5, { ID: before[1]!.ID })]);
    const report = await validateSource(file, mapping, { trusted: keys });
    assert.deepEqual(keys.slice(0, 2), [before[0]!.ID, before[1]!.ID]);
    assert.equal(typeof keys[2], 'object', 'the key not met stays');
    assert.deepEqual(
      report.problems.map((p) => [p.index, p.message]),
      [[2, 'duplicates the ID of record 1. IDs must be unique: fix one of them']],
    );
  });

  it('hashes again from the first record whose ID is not its key', async () => {
    const file = tmp.jsonl('a.jsonl', makeRecords(4));
    const full = await read(file);
    const keys = full.items.map((i) => ({ id: i.index === 2 ? 'other' : i.id, sourceHash: `k${i.index}` }));
    const { items } = await read(file, keys);
    assert.deepEqual(
      items.map((i) => i.sourceHash),
      ['k0', 'k1', full.items[2]!.sourceHash, full.items[3]!.sourceHash],
    );
  });

  it('reports the problems of a changed file as a full read does: schema, and IDs duplicating trusted records', async () => {
    const before = makeRecords(3);
    const keys = (await read(tmp.jsonl('old.jsonl', before))).items.map((i) => ({ id: i.id, sourceHash: i.sourceHash }));
    const changed = [
      before[0]!,
      before[1]!,
      makeRecord(5, { ID: before[0]!.ID }),
      makeRecord(6, { output: 7 as unknown as string }),
      makeRecord(7, { ID: ' test-0001' }),
    ];
    const file = tmp.jsonl('new.jsonl', changed);
    const full = await read(file);
    assert.equal(full.report.problemCount, 3);
    assert.deepEqual((await read(file, keys)).report, full.report);
  });

  it('reads a record that is not an object in full, and what follows it', async () => {
    const recs: unknown[] = makeRecords(3);
    const keys = (await read(tmp.jsonl('old.jsonl', recs))).items.map((i) => ({ id: i.id, sourceHash: i.sourceHash }));
    recs.splice(1, 1, [1]);
    recs.push(makeRecord(9, { ID: 'test-0000' }));
    const file = tmp.jsonl('new.jsonl', recs);
    const full = await read(file);
    assert.equal(full.report.problemCount, 2);
    assert.deepEqual((await read(file, keys)).report, full.report);
  });
});
