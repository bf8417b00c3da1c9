/**
 * The trusted read (issue #15): while the source's fingerprint matches
 * cache/source-keys.jsonl, export (and report) take each record's hash from
 * the keys instead of hashing it again; the output is the same as with no keys.
 */
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { run } from '../helpers/cli.js';
import { TempDir, makeRecords } from '../helpers/fixtures.js';
import { loadItems, openProject } from '../../src/project/project.js';
import { JournalWriter } from '../../src/project/journal.js';
import { SOURCE_KEYS_FILE } from '../../src/project/source-keys.js';

describe('CLI: export over a trusted read of the source', () => {
  let tmp: TempDir;
  let dir: string;
  beforeEach(async () => {
    tmp = new TempDir();
    dir = tmp.join('p');
    const source = tmp.jsonl('ac.jsonl', makeRecords(6));
    assert.equal((await run(['init', dir, '--source', source, '--to', 'ko', '--provider', 'pseudo'])).code, 0);
    const items = await loadItems(openProject(dir)); // writes the keys
    await new JournalWriter(dir, 'kim').append(
      items.flatMap(({ id: item, sourceHash }, i) => [
        {
          type: 'mt' as const,
          item,
          sourceHash,
          provider: 'test',
          label: 'test',
          isTranslation: true,
          question: `질문 ${i}입니까?`,
          answer: `답변 ${i}입니다.`,
        },
        { type: 'decision' as const, item, sourceHash, decision: 'transfer' as const },
        { type: 'review' as const, item, sourceHash, verdict: 'approve' as const },
      ]),
    );
  });
  afterEach(() => tmp.remove());

  const exported = async (out: string) => {
    const r = await run(['export', '-p', dir, '--out', tmp.join(out)]);
    assert.equal(r.code, 0, r.stderr);
    return ['data/test.jsonl', 'provenance/test.jsonl'].map((f) => readFileSync(tmp.join(out, f), 'utf8'));
  };

  it('writes the same files with and without the keys', async () => {
    const withKeys = await exported('a');
    rmSync(path.join(dir, SOURCE_KEYS_FILE));
    assert.deepEqual(await exported('b'), withKeys);
  });

  it('takes the hashes from the keys while the fingerprint matches', async () => {
    const file = path.join(dir, SOURCE_KEYS_FILE);
    const lines = readFileSync(file, 'utf8').split('\n');
    const [id, hash] = JSON.parse(lines[3]!) as [string, string];
    lines[3] = JSON.stringify([id, `${hash.slice(0, -4)}beef`]);
    writeFileSync(file, lines.join('\n'));
    const provenance = (await exported('a'))[1]!
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; sourceHash: string; exported: boolean; excludedBecause?: string });
    const tampered = provenance.find((p) => p.id === id);
    // The item's events were made against its real hash: against the key's, it reads as stale and is not exported.
    assert.deepEqual([tampered?.sourceHash, tampered?.excludedBecause], [`${hash.slice(0, -4)}beef`, 'stale']);
    assert.equal(provenance.filter((p) => p.exported).length, 5);
  });
});
