// Docker's SIZE of a layer (what its files take unpacked), measured from the compressed bytes while they land:
// the pull's write loop hands each chunk over, zlib inflates it on libuv's thread pool and only the tar headers
// are read here. Measured after the pull instead, a 1 GiB image cost the CLI seconds more (every layer read back
// and inflated before the process could exit). Backpressure keeps memory bounded; a layer that is not a tar
// Berth can read, or whose measure fails, simply stays unmeasured (pull-layer-sizes.ts then tries after commit).
import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import { decompressStream } from '../archive/decompress.js';
import { TarScanner } from '../archive/tar-scan.js';
import { UnpackedSize } from '../archive/unpacked-size.js';

/** The unpacked size of the layer `input` carries (any compression docker reads); throws when it is no tar. */
export async function measureUnpacked(input: Readable | AsyncIterable<Uint8Array>): Promise<number> {
  const { stream } = await decompressStream(input);
  const size = new UnpackedSize();
  const scanner = new TarScanner((entry) => size.add(entry));
  try {
    for await (const chunk of stream) {
      scanner.push(chunk as Uint8Array);
      if (scanner.ended) break;
    }
    scanner.end();
  } finally {
    stream.destroy();
  }
  return size.bytes;
}

const BUFFERED = 1024 * 1024;

export class LayerMeter {
  private readonly input = new PassThrough({ highWaterMark: BUFFERED });
  private settled = false;
  /** The unpacked size, or null when it could not be measured. */
  readonly bytes: Promise<number | null>;

  constructor() {
    this.bytes = measureUnpacked(this.input).then((n) => n, () => null).finally(() => {
      this.settled = true;
      // Whatever comes after the tar's end (or after a failure) is not needed: let it through unread.
      this.input.resume();
    });
  }

  /** Hands one chunk over; waits only when the measure is more than BUFFERED behind. */
  async push(chunk: Uint8Array): Promise<void> {
    if (this.settled || this.input.destroyed) return;
    if (!this.input.write(chunk)) await Promise.race([once(this.input, 'drain'), this.bytes]);
  }

  /** No more bytes: the measure finishes with what it got. */
  end(): Promise<number | null> {
    if (!this.input.destroyed) this.input.end();
    return this.bytes;
  }

  /** The bytes stopped short (a dropped connection, a cancel): nothing to measure. */
  abandon(): void {
    this.input.destroy();
  }
}

/** `body` unchanged, each chunk also measured; `meter` learns the end only if the body ended whole. */
export async function* metered(body: AsyncIterable<Uint8Array>, meter: LayerMeter): AsyncGenerator<Uint8Array> {
  let whole = false;
  try {
    for await (const chunk of body) {
      await meter.push(chunk);
      yield chunk;
    }
    whole = true;
  } finally {
    if (whole) void meter.end();
    else meter.abandon();
  }
}
