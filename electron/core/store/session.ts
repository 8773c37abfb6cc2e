// A write session: blobs it writes or retains stay leased (gc-proof, across processes) until commit or abort.
import { BerthError } from '../../../shared/errors.js';
import { statBlob } from './blob-read.js';
import { commitIndexChange } from './commit.js';
import { ingestBlob, type BlobSource } from './ingest.js';
import { Lease } from './leases.js';
import { ingestResumable, type ResumableOptions, type ResumableSource } from './partial.js';
import type { LockOptions } from './lock.js';
import { digestHex } from '../oci/digest.js';
import type { StorePaths } from './paths.js';
import type { BlobRef, WriteBlobOptions, WriteSession } from './types.js';
import type { OciIndex } from '../oci/image-index.js';
import type { WalkReader } from './walk.js';
import type { FreeSpaceOptions } from './free-space.js';
import { changeLayerSizes } from './layer-sizes.js';

export class StoreWriteSession implements WriteSession {
  private readonly lease: Lease;
  private ended = false;
  private readonly layerSizes = new Map<string, number>();

  private constructor(
    private readonly paths: StorePaths,
    private readonly reader: WalkReader,
    private readonly lockOptions: LockOptions,
    private readonly freeSpace: FreeSpaceOptions,
  ) {
    this.lease = new Lease(paths);
  }

  static async begin(paths: StorePaths, reader: WalkReader, lockOptions: LockOptions, freeSpace: FreeSpaceOptions = {}): Promise<StoreWriteSession> {
    const session = new StoreWriteSession(paths, reader, lockOptions, freeSpace);
    await session.lease.add();
    return session;
  }

  private assertOpen(): void {
    if (this.ended) throw new BerthError('CONFLICT', 'this write session has already been committed or aborted');
  }

  async writeBlob(source: BlobSource, options: WriteBlobOptions = {}): Promise<BlobRef> {
    this.assertOpen();
    return ingestBlob(this.paths, source, options, (digest) => this.lease.add(digest), this.freeSpace);
  }

  async writeBlobResumable(open: ResumableSource, options: ResumableOptions): Promise<BlobRef> {
    this.assertOpen();
    return ingestResumable(this.paths, open, options, (digest) => this.lease.add(digest), this.freeSpace);
  }

  async writeBlobBytes(bytes: Uint8Array | string, options: Omit<WriteBlobOptions, 'onProgress'> = {}): Promise<BlobRef> {
    const buffer = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
    return this.writeBlob(
      (async function* () {
        yield buffer;
      })(),
      options,
    );
  }

  /** Leases first, then checks: a gc that already moved the blob aside sees the lease and puts it back. */
  async retain(digest: string): Promise<void> {
    this.assertOpen();
    digestHex(digest);
    await this.lease.add(digest);
    if (!(await statBlob(this.paths, digest))) throw new BerthError('NOT_FOUND', `blob ${digest} is not in the store`);
  }

  noteLayerSize(digest: string, unpackedBytes: number): void {
    this.assertOpen();
    digestHex(digest);
    this.layerSizes.set(digest, unpackedBytes);
  }

  async commit<T>(mutate: (index: OciIndex) => T | Promise<T>, options: { signal?: AbortSignal } = {}): Promise<T> {
    this.assertOpen();
    this.ended = true;
    try {
      const lockOptions = options.signal ? { ...this.lockOptions, signal: options.signal } : this.lockOptions;
      const sizes = this.layerSizes;
      const recordSizes = sizes.size === 0 ? undefined : () => changeLayerSizes(this.paths, (all) => {
        for (const [digest, bytes] of sizes) all.set(digest, bytes);
        return true;
      });
      return await commitIndexChange(this.paths, this.reader, mutate, lockOptions, recordSizes);
    } finally {
      await this.lease.release();
    }
  }

  async abort(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    await this.lease.release();
  }
}
