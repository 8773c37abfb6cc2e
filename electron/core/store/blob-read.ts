// Reading blobs: only regular files are blobs; symlinks and other entries in blobs/ are refused.
import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, lstatSync, openSync, promises as fs, readSync, type Stats } from 'node:fs';
import { Readable } from 'node:stream';
import { BerthError } from '../../../shared/errors.js';
import { isNotFound } from './fs-util.js';
import { blobPathFor, type StorePaths } from './paths.js';

// O_NOFOLLOW closes the gap between our lstat and open; O_NONBLOCK keeps a planted FIFO from hanging open().
const SAFE_OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/** lstat of a blob: null when absent, BerthError STORE_CORRUPT when the entry is not a regular file. */
export async function statBlob(paths: StorePaths, digest: string): Promise<Stats | null> {
  const file = blobPathFor(paths, digest);
  let stats: Stats;
  try {
    stats = await fs.lstat(file);
  } catch (err) {
    if (isNotFound(err)) return null;
    throw err;
  }
  if (!stats.isFile()) throw notRegular(file, stats);
  return stats;
}

function notRegular(file: string, stats: Stats): BerthError {
  const what = stats.isSymbolicLink() ? 'a symbolic link' : stats.isDirectory() ? 'a directory' : 'not a regular file';
  return new BerthError('STORE_CORRUPT', `refusing blob ${file}: it is ${what}`);
}

async function openBlobFile(paths: StorePaths, digest: string): Promise<{ handle: fs.FileHandle; size: number }> {
  const file = blobPathFor(paths, digest);
  if (!(await statBlob(paths, digest))) throw new BerthError('NOT_FOUND', `blob ${digest} is not in the store`);
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, SAFE_OPEN_FLAGS);
  } catch (err) {
    if (isNotFound(err)) throw new BerthError('NOT_FOUND', `blob ${digest} is not in the store`);
    if ((err as { code?: string }).code === 'ELOOP') throw new BerthError('STORE_CORRUPT', `refusing blob ${file}: it is a symbolic link`);
    throw err;
  }
  const stats = await handle.stat();
  if (!stats.isFile()) {
    await handle.close();
    throw notRegular(file, stats);
  }
  return { handle, size: stats.size };
}

const CHUNK = 256 * 1024;

/** A stream of the blob's bytes from `start`; errors (NOT_FOUND, STORE_CORRUPT) arrive as stream errors. */
export function openBlobStream(paths: StorePaths, digest: string, start = 0): Readable {
  if (!Number.isSafeInteger(start) || start < 0) throw new BerthError('INVALID_ARGUMENT', `invalid start offset ${start}`);
  blobPathFor(paths, digest);
  let opened: { handle: fs.FileHandle; size: number } | undefined;
  let position = start;
  return new Readable({
    highWaterMark: CHUNK,
    construct(callback) {
      openBlobFile(paths, digest).then(
        (result) => {
          opened = result;
          if (start > result.size) callback(new BerthError('INVALID_ARGUMENT', `start ${start} is past the end of blob ${digest} (${result.size} bytes)`));
          else callback();
        },
        (err: Error) => callback(err),
      );
    },
    read() {
      const buffer = Buffer.allocUnsafe(CHUNK);
      opened!.handle.read(buffer, 0, CHUNK, position).then(
        ({ bytesRead }) => {
          position += bytesRead;
          this.push(bytesRead > 0 ? buffer.subarray(0, bytesRead) : null);
        },
        (err: Error) => this.destroy(err),
      );
    },
    destroy(err, callback) {
      const handle = opened?.handle;
      opened = undefined;
      if (!handle) return callback(err);
      handle.close().then(() => callback(err), () => callback(err));
    },
  });
}

/** Reads a small blob whole, refusing more than `maxBytes` and verifying its digest. */
export async function readBlobWhole(paths: StorePaths, digest: string, maxBytes = 16 * 1024 * 1024): Promise<Buffer> {
  const { handle, size } = await openBlobFile(paths, digest);
  try {
    if (size > maxBytes) throw new BerthError('INVALID_ARGUMENT', `blob ${digest} is ${size} bytes, more than the ${maxBytes} allowed here`);
    const bytes = await handle.readFile();
    return verified(bytes, digest);
  } finally {
    await handle.close();
  }
}

export async function readBlobJsonWhole<T>(paths: StorePaths, digest: string): Promise<T> {
  return parsedJson<T>(await readBlobWhole(paths, digest), digest);
}

/**
 * readBlobJsonWhole without the thread pool, with the same checks (lstat first, O_NOFOLLOW | O_NONBLOCK, a regular
 * file, at most 16 MiB, the digest verified). For many small documents in a row, such as the catalog reading every
 * manifest and config of a store it has not seen: four syscalls take microseconds, while each async call costs a
 * hop to a libuv thread and back, several times that. Callers read in small batches and yield between them.
 */
export function readBlobJsonWholeSync<T>(paths: StorePaths, digest: string, maxBytes = 16 * 1024 * 1024): T {
  const file = blobPathFor(paths, digest);
  let stats: Stats;
  try {
    stats = lstatSync(file);
  } catch (err) {
    if (isNotFound(err)) throw new BerthError('NOT_FOUND', `blob ${digest} is not in the store`);
    throw err;
  }
  if (!stats.isFile()) throw notRegular(file, stats);
  let fd: number;
  try {
    fd = openSync(file, SAFE_OPEN_FLAGS);
  } catch (err) {
    if (isNotFound(err)) throw new BerthError('NOT_FOUND', `blob ${digest} is not in the store`);
    if ((err as { code?: string }).code === 'ELOOP') throw new BerthError('STORE_CORRUPT', `refusing blob ${file}: it is a symbolic link`);
    throw err;
  }
  try {
    const opened = fstatSync(fd);
    if (!opened.isFile()) throw notRegular(file, opened);
    if (opened.size > maxBytes) throw new BerthError('INVALID_ARGUMENT', `blob ${digest} is ${opened.size} bytes, more than the ${maxBytes} allowed here`);
    const bytes = Buffer.allocUnsafe(opened.size);
    let filled = 0;
    while (filled < bytes.length) {
      const read = readSync(fd, bytes, filled, bytes.length - filled, filled);
      if (read === 0) break;
      filled += read;
    }
    return parsedJson<T>(verified(bytes.subarray(0, filled), digest), digest);
  } finally {
    closeSync(fd);
  }
}

function verified(bytes: Buffer, digest: string): Buffer {
  const actual = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
  if (actual !== digest) throw new BerthError('STORE_CORRUPT', `blob ${digest} is corrupt: its content hashes to ${actual}`);
  return bytes;
}

function parsedJson<T>(bytes: Buffer, digest: string): T {
  try {
    return JSON.parse(bytes.toString('utf8')) as T;
  } catch (err) {
    throw new BerthError('STORE_CORRUPT', `blob ${digest} is not valid JSON: ${(err as Error).message}`);
  }
}

/** Streams a file through sha256 (for fsck). */
export async function hashFile(file: string): Promise<string> {
  const handle = await fs.open(file, SAFE_OPEN_FLAGS);
  try {
    const hash = createHash('sha256');
    for await (const chunk of handle.createReadStream({ autoClose: false })) hash.update(chunk as Buffer);
    return `sha256:${hash.digest('hex')}`;
  } finally {
    await handle.close();
  }
}
