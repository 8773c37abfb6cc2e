// The shape of the OCI image layout store, shared by everything that reads or writes it.
import type { Readable } from 'node:stream';
import type { OciIndex } from '../oci/image-index.js';
import type { Descriptor } from '../oci/descriptor.js';
import type { ResumableOptions, ResumableSource } from './partial.js';

export interface WriteBlobOptions {
  /** When given, the bytes must hash to this digest or the write fails with DIGEST_MISMATCH and leaves nothing. */
  expectedDigest?: string;
  /** When given, the byte count must match. */
  expectedSize?: number;
  signal?: AbortSignal;
  /** Called with the running byte count as bytes arrive. */
  onProgress?: (bytesWritten: number) => void;
}

export interface BlobRef {
  digest: string;
  size: number;
}

/**
 * A write in progress. Blobs written through a session are protected from garbage collection (in this and
 * other processes) until the session commits or aborts, so an import can write for minutes without holding
 * the store's write lock.
 */
export interface WriteSession {
  writeBlob(source: Readable | AsyncIterable<Uint8Array>, options?: WriteBlobOptions): Promise<BlobRef>;
  writeBlobBytes(bytes: Uint8Array | string, options?: Omit<WriteBlobOptions, 'onProgress'>): Promise<BlobRef>;
  /**
   * Writes a blob of known digest and size that may be resumed: the bytes are kept in ingest/partial/ when the
   * write stops short, and the next write of that digest asks `open` only for the rest (see partial.ts).
   */
  writeBlobResumable(open: ResumableSource, options: ResumableOptions): Promise<BlobRef>;
  /** Records what a layer written (or retained) here takes unpacked; kept at commit (docker's layer size). */
  noteLayerSize(digest: string, unpackedBytes: number): void;
  /** Marks an existing blob as used by this session (so gc keeps it until commit). */
  retain(digest: string): Promise<void>;
  /**
   * Applies `mutate` to index.json under the write lock and replaces it atomically; ends the session.
   * `signal` cancels the wait for the lock (another writer may hold it for a while).
   */
  commit<T>(mutate: (index: OciIndex) => T | Promise<T>, options?: { signal?: AbortSignal }): Promise<T>;
  /** Ends the session without touching the index. Idempotent. */
  abort(): Promise<void>;
}

export interface GcOptions {
  /**
   * Judge only these blobs (what a failed or finished load wrote and did not keep): the rest of blobs/ is left
   * for a full gc. Stale ingest files are swept either way.
   */
  only?: ReadonlySet<string>;
}

export interface GcReport {
  deleted: string[];
  bytes: number;
}

export interface StoreFsckProblem {
  kind: 'missing' | 'corrupt' | 'orphan' | 'invalid' | 'stray';
  subject: string;
  detail: string;
}

export interface StoreFsckReport {
  ok: boolean;
  checkedBlobs: number;
  problems: StoreFsckProblem[];
}

export interface ImageStore {
  readonly root: string;
  beginWrite(): Promise<WriteSession>;
  /** Mutates index.json under the write lock, atomically (no blobs written). */
  updateIndex<T>(mutate: (index: OciIndex) => T | Promise<T>): Promise<T>;
  /** index.json as it is now, parsed once per version of the file and shared: never mutate it (use updateIndex). */
  readIndex(): Promise<OciIndex>;
  hasBlob(digest: string): Promise<boolean>;
  blobPath(digest: string): string;
  /** Layer digest -> bytes unpacked, for the layers whose size was measured when written. */
  layerSizes(): Promise<ReadonlyMap<string, number>>;
  /** digest -> bytes on disk of every blob in blobs/sha256, referenced or not. */
  blobSizes(): Promise<ReadonlyMap<string, number>>;
  /** Size on disk, or null when absent. */
  blobSize(digest: string): Promise<number | null>;
  openBlob(digest: string, options?: { start?: number }): Readable;
  /** Reads a small blob (JSON) whole, refusing anything over maxBytes (default 16 MiB) and checking its digest. */
  readBlobBytes(digest: string, maxBytes?: number): Promise<Buffer>;
  readBlobJson<T>(digest: string): Promise<T>;
  /** readBlobJson on the calling thread: for many small documents in a row, read in batches between yields. */
  readBlobJsonSync<T>(digest: string): T;
  /** Deletes blobs nothing in index.json (nor a live write session) references. */
  gc(options?: GcOptions): Promise<GcReport>;
  /** Checks every blob's digest and every reference; reports orphans, missing and corrupt blobs. */
  fsck(options?: { verifyContent?: boolean }): Promise<StoreFsckReport>;
  /** Calls `listener` when index.json changes (any process). Returns a stop function. */
  watch(listener: () => void): () => void;
  /** digest -> the `registry/repository` names it is known in, newest first (blob-sources.ts). */
  blobSources(): Promise<ReadonlyMap<string, readonly string[]>>;
  /** Uncompressed layer digest -> the gzip twin a push made of it (compressed-layers.ts). */
  compressedLayers(): Promise<ReadonlyMap<string, Descriptor>>;
  /**
   * Remembers, under the write lock, where blobs were seen (`[digest, registry/repository]`) and which gzip twins
   * were made (`[layer digest, twin]`; call while a write session still leases the twin: from then on gc keeps it).
   */
  recordBlobFacts(facts: BlobFacts): Promise<void>;
}

export interface BlobFacts {
  sources?: Iterable<readonly [string, string]>;
  compressed?: Iterable<readonly [string, Descriptor]>;
}
