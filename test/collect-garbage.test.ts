/** Full collections where the report or QA cache knows its heap is mostly garbage (collect-garbage.ts). */
import assert from 'node:assert/strict';
import { getHeapStatistics } from 'node:v8';
import { collectGarbage, HeapCap } from '../src/collect-garbage.js';

const used = () => getHeapStatistics().used_heap_size;
const MB = 1 << 20;

/** About `mb` megabytes of small objects, kept until the caller lets go (so that they reach the old space). */
function objects(mb: number): { n: number }[] {
  return Array.from({ length: (mb * MB) / 32 }, (_, n) => ({ n }));
}

describe('collecting garbage (report, QA cache)', () => {
  it('collectGarbage frees what is no longer reachable, without --expose-gc', () => {
    assert.equal(typeof (globalThis as { gc?: unknown }).gc, 'undefined', 'mocha runs without --expose-gc');
    let kept: { n: number }[] | undefined = objects(24);
    collectGarbage();
    const withThem = used();
    assert.equal(kept.length, (24 * MB) / 32);
    kept = undefined;
    collectGarbage();
    assert.ok(used() < withThem - 16 * MB, `${withThem} -> ${used()} bytes`);
    assert.equal(typeof (globalThis as { gc?: unknown }).gc, 'undefined', 'gc is not left on the global object');
  });

  it('HeapCap collects once the heap has grown by its slack since the last collection, looking every `every` ticks', () => {
    collectGarbage();
    const cap = new HeapCap(16 * MB, 4);
    for (let i = 0; i < 8; i++) assert.equal(cap.tick(), false, 'no growth: no collection');
    let kept: { n: number }[] | undefined = objects(32);
    assert.deepEqual([cap.tick(), cap.tick(), cap.tick()], [false, false, false], 'only every 4th tick looks');
    const before = used();
    assert.equal(cap.tick(), true);
    // What is still reachable stays, and the next limit counts from it: no collection again without new growth.
    assert.ok(used() > before - 8 * MB);
    for (let i = 0; i < 8; i++) assert.equal(cap.tick(), false);
    kept = undefined;
    const grown = objects(32);
    for (let i = 0; i < 3; i++) cap.tick();
    assert.equal(cap.tick(), true);
    assert.ok(grown.length > 0 && kept === undefined);
  });
});
