// File bytes for an export, read from the layers front to back: one decompressor per layer, kept open between the
// files it holds and moved forward from one to the next, so a thousand files from one gzip layer cost one pass over
// it, not a thousand passes from its start (ImageFiles.content reads one file). A file behind the reader's
// position reopens that layer (export-plan.ts orders entries so this does not happen); an uncompressed layer is
// reopened at the file's offset instead of read through when the gap is large.
import type { Readable } from 'node:stream';
import { BerthError } from '../../../shared/errors.js';
import { decompressStream } from '../archive/decompress.js';
import type { ImageStore } from '../store/types.js';
import type { LayerEntry } from './layer-entry.js';

/** Past this gap an uncompressed layer is reopened at the offset rather than read through. */
const SEEK_GAP = 1 << 20;

export class LayerReader {
  private readonly cursors = new Map<number, Cursor>();
  /** Files still to read per layer: a layer's decompressor is closed after its last one. */
  private readonly remaining = new Map<number, number>();

  constructor(
    private readonly store: ImageStore,
    private readonly blobs: readonly string[],
    planned: Iterable<{ data?: { layer: number } }>,
    private readonly signal?: AbortSignal,
  ) {
    for (const { data } of planned) if (data) this.remaining.set(data.layer, (this.remaining.get(data.layer) ?? 0) + 1);
  }

  /** The bytes of a regular file of layer `layer`, exactly `entry.size` of them. */
  async *read(layer: number, entry: Pick<LayerEntry, 'path' | 'size' | 'dataOffset'>): AsyncGenerator<Buffer> {
    const left = (this.remaining.get(layer) ?? 1) - 1;
    this.remaining.set(layer, left);
    if (entry.size > 0) yield* this.bytes(layer, entry);
    if (left <= 0) this.done(layer);
  }

  private async *bytes(layer: number, entry: Pick<LayerEntry, 'path' | 'size' | 'dataOffset'>): AsyncGenerator<Buffer> {
    let cursor = this.cursors.get(layer);
    if (cursor && !cursor.canReach(entry.dataOffset)) {
      cursor.close();
      cursor = undefined;
    }
    if (!cursor) {
      const blob = this.blobs[layer];
      if (blob === undefined) throw new BerthError('INTERNAL', `no layer ${layer} to read /${entry.path} from`);
      cursor = await Cursor.open(this.store, blob, entry.dataOffset, this.signal);
      this.cursors.set(layer, cursor);
    }
    await cursor.skipTo(entry.dataOffset, entry.path);
    yield* cursor.take(entry.size, entry.path);
  }

  private done(layer: number): void {
    this.cursors.get(layer)?.close();
    this.cursors.delete(layer);
  }

  close(): void {
    for (const cursor of this.cursors.values()) cursor.close();
    this.cursors.clear();
  }
}

class Cursor {
  private pending: Buffer = Buffer.alloc(0);
  /** Offset in the layer's tar of `pending[0]`. */
  private position: number;

  private constructor(
    private readonly blob: string,
    private readonly raw: Readable,
    private readonly source: AsyncIterator<Buffer>,
    private readonly seekable: boolean,
    start: number,
    private readonly signal?: AbortSignal,
  ) {
    this.position = start;
  }

  static async open(store: ImageStore, blob: string, offset: number, signal?: AbortSignal): Promise<Cursor> {
    const raw = store.openBlob(blob);
    const { compression, stream } = await decompressStream(raw, { signal });
    if (compression !== 'none') return new Cursor(blob, raw, (stream as AsyncIterable<Buffer>)[Symbol.asyncIterator](), false, 0, signal);
    stream.destroy();
    raw.destroy();
    const start = Math.min(offset, (await store.blobSize(blob)) ?? 0);
    const direct = store.openBlob(blob, { start });
    return new Cursor(blob, direct, (direct as AsyncIterable<Buffer>)[Symbol.asyncIterator](), true, start, signal);
  }

  canReach(offset: number): boolean {
    if (offset < this.position) return false;
    return !this.seekable || offset - this.position - this.pending.length < SEEK_GAP;
  }

  async skipTo(offset: number, path: string): Promise<void> {
    while (this.position + this.pending.length <= offset) {
      this.position += this.pending.length;
      this.pending = await this.next(path);
    }
    this.pending = this.pending.subarray(offset - this.position);
    this.position = offset;
  }

  async *take(size: number, path: string): AsyncGenerator<Buffer> {
    let left = size;
    while (left > 0) {
      if (this.pending.length === 0) this.pending = await this.next(path);
      const part = this.pending.subarray(0, Math.min(left, this.pending.length));
      this.pending = this.pending.subarray(part.length);
      this.position += part.length;
      left -= part.length;
      yield part;
    }
  }

  close(): void {
    this.raw.destroy();
    void this.source.return?.().catch(() => undefined);
  }

  private async next(path: string): Promise<Buffer> {
    if (this.signal?.aborted) throw new BerthError('CANCELLED', 'copying the files was cancelled');
    const next = await this.source.next();
    if (next.done) throw new BerthError('STORE_CORRUPT', `layer ${this.blob} ends before the data of /${path}: its index does not match it (the index is rebuilt on next use)`);
    return Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength);
  }
}
