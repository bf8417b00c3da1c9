/** The crash harness, short: a few SIGKILLs of translate and adapt --answers (bench/crash.ts runs more and prints figures). */
import assert from 'node:assert/strict';
import { crashHarness } from '../helpers/crash-harness.js';
import { TempDir } from '../helpers/fixtures.js';

describe('killed translate and adapt runs (crash harness)', function () {
  this.timeout(60_000);
  let tmp: TempDir;
  beforeEach(() => (tmp = new TempDir()));
  afterEach(() => tmp.remove());

  it('lose nothing, export the same as an uninterrupted run, and re-bill at most the requests in flight at each kill', async () => {
    const f = await crashHarness(tmp, { items: 16, translateKills: 3, adaptKills: 1, delayMs: 30, concurrency: 4, seed: 9 });
    assert.ok(f.translateKills.length >= 1, 'translate was killed at least once');
    assert.equal(f.itemsTranslated, 16, 'every item has its machine translation');
    assert.ok(f.exportsIdentical, 'the export equals the uninterrupted run');
    assert.ok(f.extraCharacters >= 0);
    assert.ok(
      f.extraCharacters <= f.inFlightBound,
      `re-billed ${f.extraCharacters} characters, more than the ${f.inFlightBound} in flight at the kills (${JSON.stringify(f.translateKills)})`,
    );
  });
});
