/** A progress bar on a terminal, occasional plain lines otherwise (CI logs, pipes). */
import type { OutStream } from './io.js';

export interface Progress {
  update(done: number, total: number, extra?: string): void;
  stop(): void;
}

export async function createProgress(label: string, stream: OutStream): Promise<Progress> {
  if (stream.isTTY) {
    const { SingleBar, Presets } = await import('cli-progress');
    const bar = new SingleBar(
      { format: `${label} [{bar}] {value}/{total} items {extra}`, stream: stream, hideCursor: true, clearOnComplete: false },
      Presets.shades_classic,
    );
    let started = false;
    return {
      update(done, total, extra = '') {
        if (!started) {
          bar.start(total, done, { extra });
          started = true;
        } else bar.update(done, { extra });
      },
      stop: () => started && bar.stop(),
    };
  }
  let lastDecile = -1;
  return {
    update(done, total, extra = '') {
      const decile = total === 0 ? 10 : Math.floor((done / total) * 10);
      if (decile !== lastDecile) {
        lastDecile = decile;
        stream.write(`${label}: ${done}/${total} items${extra ? ` ${extra}` : ''}\n`);
      }
    },
    stop() {},
  };
}
