/**
 * Benchmark: the crash harness (issue #9), longer than the suite's version.
 * Kills `carefully translate` (against the fake DeepL, answering after a small
 * delay) and then `carefully adapt --answers` with SIGKILL at random points,
 * reruns each to completion, and prints per kill the characters in flight and
 * overall the characters re-billed beyond one uninterrupted run, with the
 * bound (the sum of in-flight characters). Exits 1 when anything was lost, the
 * export differs from the uninterrupted run's, or the bound is exceeded.
 *
 * Run: npm run bench (or node dist/bench/crash.js after npm run build).
 */
import { crashHarness } from '../test/helpers/crash-harness.js';
import { TempDir } from '../test/helpers/fixtures.js';

const ITEMS = 120;
const KILLS = 8;
const ADAPT_KILLS = 4;

const tmp = new TempDir();
const started = Date.now();
try {
  const seed = Number(process.env['CRASH_SEED'] ?? Date.now() % 1_000_000);
  const f = await crashHarness(tmp, { items: ITEMS, translateKills: KILLS, adaptKills: ADAPT_KILLS, delayMs: 40, concurrency: 4, seed });
  const kills = f.translateKills.length;
  const rows: [string, string][] = [
    ['seed (CRASH_SEED)', String(seed)],
    ['items', String(ITEMS)],
    ['translate kills (SIGKILL)', String(kills)],
    ['adapt --answers kills (SIGKILL)', String(f.adaptKills)],
    ['characters, one clean run', String(f.cleanCharacters)],
    ['characters billed with the kills', String(f.billedCharacters)],
    ['re-billed characters, total', String(f.extraCharacters)],
    ['re-billed characters per kill', kills ? (f.extraCharacters / kills).toFixed(0) : '-'],
    ['in flight at the kills (bound)', `${f.inFlightBound} characters, ${f.translateKills.reduce((n, k) => n + k.inFlightRequests, 0)} requests`],
    ['max in flight at one kill', `${Math.max(0, ...f.translateKills.map((k) => k.inFlightCharacters))} characters`],
    ['items translated', `${f.itemsTranslated} / ${ITEMS}`],
    ['export identical to the clean run', f.exportsIdentical ? 'yes' : 'NO'],
    ['wall time', `${((Date.now() - started) / 1000).toFixed(1)} s`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log('crash harness: translate and adapt --answers killed at random points\n');
  for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
  const ok = f.itemsTranslated === ITEMS && f.exportsIdentical && f.extraCharacters <= f.inFlightBound;
  console.log(`\n${ok ? 'ok' : 'FAILED'}: nothing lost, same export, re-billed <= in flight at the kills`);
  process.exitCode = ok ? 0 : 1;
} finally {
  tmp.remove();
}
