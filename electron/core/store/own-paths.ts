// The store never acts through a link or on a special file it did not make. A store can come from anywhere (an
// OCI layout downloaded or copied from another tool), so every fixed path inside it is judged by lstat, component
// by component from the root, before Berth reads, lists, writes or deletes there:
// - a folder Berth keeps only scratch in (ingest/ and its trash, leases, partial, cache) that is a link or a file
//   is repaired: the link itself is removed (never what it points at) and a real folder made in its place;
// - anything else out of shape is refused with STORE_CORRUPT naming the path and what it is: blobs/ a link when
//   the store opens; index.json a link, a FIFO or a folder when it is read (fsck reports it, and oci-layout, as a
//   problem); the lock a link or a FIFO is debris, removed (the entry itself).
// Files are then opened with O_NOFOLLOW | O_NONBLOCK and checked again on the open descriptor, so a link or FIFO
// planted between the check and the open is refused too instead of followed or blocked on.
import { constants, promises as fs, type BigIntStats, type Stats } from 'node:fs';
import path from 'node:path';
import { BerthError } from '../../../shared/errors.js';
import { isNotFound } from './fs-util.js';

export const SAFE_READ_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

export function describeEntry(stats: Stats | BigIntStats): string {
  if (stats.isSymbolicLink()) return 'a symbolic link';
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  return 'a regular file';
}

function corrupt(file: string, stats: Stats | BigIntStats, expected: string): BerthError {
  return new BerthError(
    'STORE_CORRUPT',
    `refusing the store: ${file} is ${describeEntry(stats)}, not ${expected}; Berth never acts through a link or on a special file inside its store`,
  );
}

async function lstatOrNull(file: string): Promise<Stats | null> {
  try {
    return await fs.lstat(file);
  } catch (err) {
    if (isNotFound(err)) return null;
    throw err;
  }
}

export interface OwnDirOptions {
  /** Make missing folders (default true); false returns the path without making any, missing or not. */
  create?: boolean;
  /** Replace a link or a non-folder on the way by a real folder (Berth's scratch folders only: ingest/…). */
  repair?: boolean;
}

/**
 * Makes sure `root/relative` is a real folder reached through real folders only, and returns its path. `root` is
 * the store root as the user named it (it may itself be a link the user made: that is their choice, not the store's).
 */
export async function ownDir(root: string, relative: string, options: OwnDirOptions = {}): Promise<string> {
  const parts = relative.split('/').filter(Boolean);
  let current = root;
  for (const part of parts) {
    current = path.join(current, part);
    let stats = await lstatOrNull(current);
    if (stats && !stats.isDirectory() && options.repair) {
      // Only the entry itself goes: unlinking a link never touches its target.
      await fs.rm(current, { force: true });
      stats = null;
    }
    if (!stats) {
      // Not made: the folder (or one on the way to it) is missing, so the caller finds nothing there.
      if (options.create === false) return path.join(root, ...parts);
      await fs.mkdir(current).catch((err: NodeJS.ErrnoException) => {
        if (err.code !== 'EEXIST') throw err;
      });
      stats = await fs.lstat(current);
    }
    if (!stats.isDirectory()) throw corrupt(current, stats, 'a folder');
  }
  return current;
}

/** The names in an own folder (see ownDir), or none when it does not exist. */
export async function listOwnDir(root: string, relative: string, options: { repair?: boolean } = {}): Promise<string[]> {
  const dir = await ownDir(root, relative, { create: false, repair: options.repair ?? false });
  try {
    return await fs.readdir(dir);
  } catch (err) {
    if (isNotFound(err)) return [];
    throw err;
  }
}

/** Throws unless `file` is absent or a regular file (never a link, FIFO, device or folder). */
export async function expectRegularOrAbsent(file: string): Promise<Stats | null> {
  const stats = await lstatOrNull(file);
  if (stats && !stats.isFile()) throw corrupt(file, stats, 'a regular file');
  return stats;
}

/**
 * Reads a small store file (index.json, a lease, the lock) whole: not through a link, never blocking on a FIFO,
 * refusing more than `maxBytes`. ENOENT passes through for the caller to judge.
 */
export async function readOwnFile(file: string, maxBytes: number): Promise<string> {
  return (await readOwnFileUnlessSame(file, maxBytes, null)).text!;
}

/**
 * What identifies one version of a file without reading it: the inode (a rename brings a new one), and the size,
 * modification and change times in nanoseconds (a rewrite in place moves ctime, which no tool can set back).
 */
export type FileStamp = string;

/**
 * readOwnFile, except that the content is not read when the open file's stamp equals `known`: then `text` is null.
 * The stamp is taken from the descriptor that would be read, so it always describes the bytes returned.
 */
export async function readOwnFileUnlessSame(
  file: string,
  maxBytes: number,
  known: FileStamp | null,
): Promise<{ stamp: FileStamp; text: string | null }> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, SAFE_READ_FLAGS);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ELOOP' || code === 'EMLINK') {
      throw new BerthError('STORE_CORRUPT', `refusing the store: ${file} is a symbolic link, not a regular file; Berth never acts through a link inside its store`);
    }
    throw err;
  }
  try {
    const stats = await handle.stat({ bigint: true });
    if (!stats.isFile()) throw corrupt(file, stats, 'a regular file');
    if (stats.size > BigInt(maxBytes)) throw new BerthError('STORE_CORRUPT', `refusing the store: ${file} is ${stats.size} bytes, more than the ${maxBytes} allowed`);
    const stamp = `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}`;
    if (stamp === known) return { stamp, text: null };
    return { stamp, text: await handle.readFile('utf8') };
  } finally {
    await handle.close();
  }
}
