/**
 * Text written to a file stream in chunks of about CHUNK characters: one
 * write call per chunk rather than per record (at 100,000 records the
 * per-call cost dominated the writing), awaiting 'drain' when the stream asks.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

const CHUNK = 64 * 1024;

export class ChunkedWriter {
  private readonly stream: WriteStream;
  private parts: string[] = [];
  private size = 0;

  constructor(file: string) {
    this.stream = createWriteStream(file);
  }

  async write(text: string): Promise<void> {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= CHUNK) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.size === 0) return;
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    if (!this.stream.write(text)) await once(this.stream, 'drain');
  }

  /** Writes what is buffered and waits until the file is complete. */
  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await once(this.stream, 'finish');
  }

  /** Drops what is buffered and closes the file (after a refusal: its folder is removed). */
  destroy(): void {
    this.parts = [];
    this.stream.on('error', () => undefined).destroy();
  }
}
