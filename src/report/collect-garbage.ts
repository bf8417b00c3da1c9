/** Moved to src/collect-garbage.ts (QA's cache uses it too): kept for the report's imports. */
export { collectGarbage, HeapCap } from '../collect-garbage.js';
