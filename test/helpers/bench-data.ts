/** Mocha hooks giving each test a temp folder and BENCH_DATA_DIR inside it (bench/scale-data.ts), restored after. */
import { TempDir } from './fixtures.js';

/** Call inside a describe; the returned function gives the current test's folder. */
export function benchDataDir(): () => TempDir {
  let tmp: TempDir;
  const before = process.env.BENCH_DATA_DIR;
  beforeEach(() => {
    tmp = new TempDir();
    process.env.BENCH_DATA_DIR = tmp.join('data');
  });
  afterEach(() => {
    if (before === undefined) delete process.env.BENCH_DATA_DIR;
    else process.env.BENCH_DATA_DIR = before;
    tmp.remove();
  });
  return () => tmp;
}
