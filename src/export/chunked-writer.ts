/**
 * Text written to a file stream in chunks of about CHUNK characters: one
 * write call per chunk rather than per record (at 100,000 records the
 * per-call cost dominated the writing), awaiting 'drain' when the stream asks.
 * Each text is encoded straight into the chunk's buffer (joining the texts
 * into one string first cost as much as the encoding).
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

const CHUNK = 64 * 1024;
/** UTF-8 takes at most 3 bytes per UTF-16 code unit. */
const BYTES = 3 * CHUNK;

export class ChunkedWriter {
  private readonly stream: WriteStream;
  private buffer = Buffer.allocUnsafe(BYTES);
  private used = 0;

  constructor(file: string) {
    this.stream = createWriteStream(file);
  }

  /** Returns a promise only when a chunk was sent: await it before the next write (a text that fits costs no promise). */
  write(text: string): Promise<void> | undefined {
    if (this.used + 3 * text.length > BYTES) return this.flushAndWrite(text);
    this.used += this.buffer.write(text, this.used);
    return undefined;
  }

  private async flushAndWrite(text: string): Promise<void> {
    await this.flush();
    if (3 * text.length > BYTES) return this.send(text); // longer than a chunk: as it is
    this.used += this.buffer.write(text, this.used);
  }

  private async flush(): Promise<void> {
    if (this.used === 0) return;
    const chunk = this.buffer.subarray(0, this.used);
    // The stream holds on to the chunk until it is written: the next texts go to a new buffer.
    this.buffer = Buffer.allocUnsafe(BYTES);
    this.used = 0;
    await this.send(chunk);
  }

  private async send(data: string | Buffer): Promise<void> {
    if (!this.stream.write(data)) await once(this.stream, 'drain');
  }

  /** Writes what is buffered and waits until the file is complete. */
  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await once(this.stream, 'finish');
  }

  /** Drops what is buffered and closes the file (after a refusal: its folder is removed). */
  destroy(): void {
    this.used = 0;
    this.stream.on('error', () => undefined).destroy();
  }
}
