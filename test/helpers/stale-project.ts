/** A translated project (one MT event per item, pseudo provider) whose item 2 then had its source changed: stale, its MT its only event. */
import assert from 'node:assert/strict';
import { run } from './cli.js';
import { makeRecords, type TempDir } from './fixtures.js';

/** `status`: run once after, so its derived files (checkpoint, source keys without line starts) are written. */
export async function translatedWithStaleItem(tmp: TempDir, n: number, opts: { status?: boolean } = {}): Promise<string> {
  const dir = tmp.join('p');
  const records = makeRecords(n);
  const source = tmp.jsonl('ac.jsonl', records);
  assert.equal((await run(['init', dir, '--source', source, '--to', 'ko'])).code, 0);
  assert.equal((await run(['translate', '-p', dir])).code, 0);
  tmp.jsonl(
    'ac.jsonl',
    records.map((r, i) => (i === 2 ? { ...r, output: `${r.output} 新しい` } : r)),
  );
  if (opts.status) assert.equal((await run(['status', '-p', dir])).code, 0);
  return dir;
}
