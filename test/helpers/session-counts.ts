/** An adapt session's progress counts, and the same counted item by item (no cache/status.json to start from). */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openSession } from '../../src/adapt/open-session.js';
import type { Progress } from '../../src/adapt/adapt-session.js';
import { STATUS_CACHE_FILE } from '../../src/project/status-cache.js';

/** The counts of a session's progress (what the status counts feed). */
export const counted = (p: Progress) => ({ decided: p.decided, remaining: p.remaining, byDecision: p.byDecision, byState: p.byState, total: p.total });

/** Progress of a session opened in `dir` with no status counts to start from: each item's state counted. status.json is put back. */
export async function fullCount(dir: string): Promise<Progress> {
  const file = path.join(dir, STATUS_CACHE_FILE);
  const kept = readFileSync(file);
  rmSync(file);
  try {
    return (await openSession({ project: dir, author: 'other' })).session.progress();
  } finally {
    writeFileSync(file, kept);
  }
}
