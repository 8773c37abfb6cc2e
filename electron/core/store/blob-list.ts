// The one reader of blobs/sha256: gc sweeps from it, fsck judges it, disk usage sums it. Entries are judged by
// lstat, never followed: a symlink or a special file in blobs/ is reported as such, never read or counted.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { SHA256_HEX } from '../oci/digest.js';
import { listOwnDir } from './own-paths.js';
import { STORE_DIRS, type StorePaths } from './paths.js';

export type BlobDirEntry =
  | { kind: 'blob'; name: string; digest: string; size: number }
  /** A regular file whose name is not a lowercase sha256 hex digest. */
  | { kind: 'misnamed'; name: string; size: number }
  | { kind: 'symlink' | 'special' | 'directory'; name: string };

/** Every entry of blobs/sha256 (an absent folder lists nothing); entries removed meanwhile are skipped. */
export async function listBlobDir(paths: StorePaths): Promise<BlobDirEntry[]> {
  // blobs/ and blobs/sha256 must be real folders: a link there is refused, never listed through.
  const names = await listOwnDir(paths.root, STORE_DIRS.blobs);
  const entries: BlobDirEntry[] = [];
  for (const name of names) {
    const stats = await fs.lstat(path.join(paths.sha256, name)).catch(() => null);
    if (!stats) continue;
    if (stats.isSymbolicLink()) entries.push({ kind: 'symlink', name });
    else if (stats.isDirectory()) entries.push({ kind: 'directory', name });
    else if (!stats.isFile()) entries.push({ kind: 'special', name });
    else if (!SHA256_HEX.test(name)) entries.push({ kind: 'misnamed', name, size: stats.size });
    else entries.push({ kind: 'blob', name, digest: `sha256:${name}`, size: stats.size });
  }
  return entries;
}

/** digest -> bytes on disk of every well-formed blob. */
export async function blobSizesOnDisk(paths: StorePaths): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  for (const entry of await listBlobDir(paths)) if (entry.kind === 'blob') sizes.set(entry.digest, entry.size);
  return sizes;
}

/**
 * blobSizesOnDisk, shared until blobs/sha256 changes: a blob written, renamed in or deleted moves the folder's
 * modification time (in ns), so the folder's stamp, taken before listing, tells whether the last map still holds.
 * Listing 10,000 blobs costs a stat each; the app asks for disk usage after every listing.
 */
export function sharedBlobSizesReader(paths: StorePaths): () => Promise<ReadonlyMap<string, number>> {
  let last: { stamp: string; sizes: ReadonlyMap<string, number> } | null = null;
  return async () => {
    const dir = await fs.lstat(paths.sha256, { bigint: true }).catch(() => null);
    const stamp = dir ? `${dir.ino}:${dir.mtimeNs}:${dir.ctimeNs}` : null;
    if (stamp !== null && last?.stamp === stamp) return last.sizes;
    const sizes = await blobSizesOnDisk(paths);
    if (stamp !== null) last = { stamp, sizes };
    return sizes;
  };
}
