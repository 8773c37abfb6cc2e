// Types for tarball.mjs.
import type { Pack } from 'tar-stream';

interface Common {
  path: string;
  mode?: number;
  uid?: number;
  gid?: number;
  /** Default ROOTFS_MTIME. */
  mtime?: Date;
}
export type RootfsEntry =
  | (Common & { type?: 'file'; content?: string | Uint8Array })
  /** Content too big to hold: chunks that add up to exactly `size` bytes. */
  | (Common & { type?: 'file'; size: number; content: Iterable<Uint8Array> | AsyncIterable<Uint8Array> })
  | (Common & { type: 'directory' })
  | (Common & { type: 'symlink' | 'link'; target: string })
  | (Common & { type: 'character-device' | 'block-device'; devmajor?: number; devminor?: number })
  | (Common & { type: 'fifo' });

export type TarCompression = 'none' | 'gzip' | 'xz' | 'zstd';

export interface RootfsTarOptions {
  compression?: TarCompression;
}

/** Fixed so that the same entries always give the same bytes (and the same digest). */
export const ROOTFS_MTIME: Date;

/** The tar of `entries` as a stream, for inputs too big to hold in memory. */
export function packRootfsTar(entries: Iterable<RootfsEntry> | AsyncIterable<RootfsEntry>): Pack;

/** The whole tarball in memory; `{ 'etc/hello': 'hi\n' }` is shorthand for regular files. */
export function makeRootfsTar(files: readonly RootfsEntry[] | Record<string, string | Uint8Array>, options?: RootfsTarOptions): Promise<Buffer>;

/** makeRootfsTar, written to `file`; returns the bytes. */
export function writeRootfsTar(file: string, files: readonly RootfsEntry[] | Record<string, string | Uint8Array>, options?: RootfsTarOptions): Promise<Buffer>;

/** Compresses the whole tarball the way a user's tool would (gzip from zlib, xz and zstd from their CLIs). */
export function compress(bytes: Buffer, compression: TarCompression): Buffer;
