// The shape of the OCI image layout store, shared by everything that reads or writes it.
import type { Readable } from 'node:stream';

export const MEDIA_TYPES = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  ociLayer: 'application/vnd.oci.image.layer.v1.tar',
  ociLayerGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
  ociLayerZstd: 'application/vnd.oci.image.layer.v1.tar+zstd',
  dockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  dockerLayer: 'application/vnd.docker.image.rootfs.diff.tar',
  dockerLayerGzip: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
} as const;

export const ANNOTATIONS = {
  /** Full normalised reference, e.g. `docker.io/library/ubuntu:14.04` (OCI standard key). */
  refName: 'org.opencontainers.image.ref.name',
  /** Same value, for containerd and Docker 25+ readers. */
  containerdName: 'io.containerd.image.name',
  /** `name@sha256:…` digests as a registry knows them, comma separated. */
  repoDigests: 'dev.berth.repo-digests',
  /** RFC 3339: when this entry was created (pulled, loaded, imported, tagged). */
  created: 'dev.berth.created',
  /** RFC 3339: last time a tag was set on this entry (docker's Metadata.LastTagTime). */
  lastTagTime: 'dev.berth.last-tag-time',
  /** How the image arrived: `import`, `pull`, `load`, `commit`, `tag`. */
  source: 'dev.berth.source',
} as const;

export interface Platform {
  architecture: string;
  os: string;
  variant?: string;
  'os.version'?: string;
  'os.features'?: string[];
}

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  annotations?: Record<string, string>;
  platform?: Platform;
  urls?: string[];
}

export interface OciIndex {
  schemaVersion: 2;
  mediaType?: string;
  manifests: Descriptor[];
  annotations?: Record<string, string>;
}

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
  readIndex(): Promise<OciIndex>;
  hasBlob(digest: string): Promise<boolean>;
  blobPath(digest: string): string;
  /** Size on disk, or null when absent. */
  blobSize(digest: string): Promise<number | null>;
  openBlob(digest: string, options?: { start?: number }): Readable;
  /** Reads a small blob (JSON) whole, refusing anything over maxBytes (default 16 MiB) and checking its digest. */
  readBlobBytes(digest: string, maxBytes?: number): Promise<Buffer>;
  readBlobJson<T>(digest: string): Promise<T>;
  /** Deletes blobs nothing in index.json (nor a live write session) references. */
  gc(): Promise<GcReport>;
  /** Checks every blob's digest and every reference; reports orphans, missing and corrupt blobs. */
  fsck(options?: { verifyContent?: boolean }): Promise<StoreFsckReport>;
  /** Calls `listener` when index.json changes (any process). Returns a stop function. */
  watch(listener: () => void): () => void;
}
