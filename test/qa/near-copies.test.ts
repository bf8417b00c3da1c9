/** NearCopies.verdict: at once when no index must be built (cached, settled, or built already), a promise that builds it otherwise. */
import assert from 'node:assert/strict';
import { NearCopies, nearCopyCounters } from '../../src/qa/near-copies.js';
import { SourceShingleIndex } from '../../src/qa/near-copy.js';
import { NearCopyCache } from '../../src/qa/near-copy-cache.js';
import type { SourceItem } from '../../src/dataset/item.js';
import { TempDir } from '../helpers/fixtures.js';

const SOURCE = '長く推測されにくいパスワードを使い、使い回しを避けましょう。';
const a: SourceItem = { index: 0, id: 'a', question: SOURCE, answer: '', sourceHash: 'ha' };
const b: SourceItem = { index: 1, id: 'b', question: '別の質問です。', answer: '', sourceHash: 'hb' };
const COPY = { question: `번역: ${SOURCE}`, answer: '' };
const KOREAN = { question: '길고 추측하기 어려운 비밀번호를 쓰세요.', answer: '' };

describe('NearCopies.verdict', () => {
  let tmp: TempDir;
  before(() => (tmp = new TempDir()));
  after(() => tmp.remove());

  /** NearCopies over items a and b, the index built (asynchronously, as from a streamed source) only when asked. */
  const nearCopies = (cache?: NearCopyCache) => {
    let builds = 0;
    const nc = new NearCopies({
      cache,
      build: () => undefined,
      buildAsync: () => {
        builds++;
        const index = new SourceShingleIndex();
        index.add(a);
        index.add(b);
        return Promise.resolve(index);
      },
    });
    return { nc, builds: () => builds };
  };

  it('builds the index (a promise) for a verdict only it can give, then answers at once; a fresh index finds the same', async () => {
    const { nc, builds } = nearCopies();
    const pending = nc.verdict(b, COPY);
    assert.ok(pending instanceof Promise);
    const found = await pending;
    assert.deepEqual(found, { question: { run: SOURCE.replace(/[、。]/gu, ''), source: 'question', otherItem: 'a' } });
    assert.equal(builds(), 1);
    const again = nc.verdict(b, KOREAN);
    assert.ok(!(again instanceof Promise));
    assert.deepEqual(again, {});
    assert.deepEqual(await nearCopies().nc.verdict(b, COPY), found);
  });

  it('does not answer from the last verdict when the texts it was given have changed in place since', async () => {
    const { nc } = nearCopies();
    const texts = { ...COPY };
    assert.ok(Object.keys(await nc.verdict(b, texts)).length > 0, 'a copy found');
    texts.question = KOREAN.question;
    assert.deepEqual(nc.of(b, texts), {});
  });

  it('gives a cached verdict, and one the indexed code points settle, without a promise or an index', async () => {
    const file = tmp.join('near-copy.jsonl');
    // A first run builds the index and caches b's verdict, with the index's code points.
    const first = new NearCopyCache(file);
    first.use('key');
    const cold = nearCopies(first);
    const found = await cold.nc.verdict(b, COPY);
    first.save();
    const warm = new NearCopyCache(file);
    warm.use('key');
    const { nc, builds } = nearCopies(warm);
    const searches = nearCopyCounters.searches;
    assert.deepEqual(nc.verdict(b, COPY), found);
    // Hangul only: no code point of an indexed source, so no copy can be found (settled without the index).
    assert.deepEqual(nc.verdict(a, KOREAN), {});
    assert.equal(builds(), 0);
    assert.equal(nearCopyCounters.searches, searches);
  });
});
