/**
 * Full garbage collections where a pass knows most of its heap is garbage
 * (the report; QA over many items, qa-cache.ts). V8 collects its old space
 * only when that reaches a limit set from what was live at the last collection: after the journal's fold, the pass
 * over the source promotes short-lived objects (and frees each item's fold)
 * until the heap holds several times what is live, and the charts' modules
 * are then loaded on top of that. At 100k items this drove the peak RSS from
 * about 180 MB after the fold to 280 MB; a collection costs a few tens of
 * milliseconds, the live heap being small then.
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | undefined;

/** A full collection now (what `node --expose-gc` exposes, taken for one new context only, as jest's leak detector does). */
export function collectGarbage(): void {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
    setFlagsFromString('--no-expose-gc');
  }
  gc();
}

const usedHeap = () => getHeapStatistics().used_heap_size;

/** Collects whenever the heap has grown by `slackBytes` since the last collection (or since it was made), looking every `every` ticks. */
export class HeapCap {
  private ticks = 0;
  private limit: number;

  constructor(
    private readonly slackBytes: number,
    private readonly every = 1024,
  ) {
    this.limit = usedHeap() + slackBytes;
  }

  /** Called once per item; true when it collected. */
  tick(): boolean {
    if (++this.ticks % this.every !== 0 || usedHeap() < this.limit) return false;
    collectGarbage();
    this.limit = usedHeap() + this.slackBytes;
    return true;
  }
}
