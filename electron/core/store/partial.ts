// Resumable blob writes (a pull's layers): the bytes land in ingest/partial/<hex>, named by the digest they must
// hash to, so a pull stopped by a dropped connection, a cancel or a SIGKILL leaves them for the next pull of that
// blob, which asks the registry only for the rest (`Range: bytes=<size of the file>-`).
//
// - One writer per blob: `partial/<hex>.lock` is the store's own lock (lock.ts: exclusive create, in-process queue,
//   broken as soon as its holder is provably dead). A second pull of the same blob waits, then finds the blob
//   published, or resumes where the first stopped.
// - The hash state is recomputed by reading the partial bytes back rather than persisted: node:crypto cannot
//   export a Hash's internal state, and reading a file back runs at disk speed, far above any registry's.
// - Never trusted blindly: the whole blob is verified at the end; a resumed blob that does not hash to its digest
//   is thrown away and fetched again from byte 0, once. Anything longer than the blob is truncated.
// - gc removes a partial whose blob is already published or that nobody touched for a day, under its lock.
import { createHash } from 'node:crypto';
import { constants, promises as fs } from 'node:fs';
import path from 'node:path';
import { BerthError } from '../../../shared/errors.js';
import { digestHex } from '../oci/digest.js';
import { statBlob } from './blob-read.js';
import { FreeSpaceGuard, type FreeSpaceOptions } from './free-space.js';
import { abortable, cancelled, publishBlob, type BlobSource } from './ingest.js';
import { withWriteLock } from './lock.js';
import { isOwnerAlive, parseOwner } from './owner.js';
import { readOwnFile } from './own-paths.js';
import type { StorePaths } from './paths.js';
import type { BlobRef, WriteBlobOptions } from './types.js';

/** Opens the blob's bytes from `offset` to its end. */
export type ResumableSource = (offset: number) => Promise<BlobSource>;

const READ_BACK_CHUNK = 1024 * 1024;
const WRITE_BATCH = 1024 * 1024;
// O_NOFOLLOW: a link planted at partial/<hex> is refused (ELOOP), never written through. O_NONBLOCK: a FIFO planted
// there opens at once (and is then refused as not a file) instead of blocking the write, and a thread, forever.
const PARTIAL_FLAGS = constants.O_RDWR | constants.O_CREAT | constants.O_APPEND | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

export const partialFile = (paths: StorePaths, digest: string): string => path.join(paths.partial, digestHex(digest));
export const partialLock = (paths: StorePaths, digest: string): string => `${partialFile(paths, digest)}.lock`;

export interface ResumableOptions extends Omit<WriteBlobOptions, 'expectedDigest' | 'expectedSize'> {
  expectedDigest: string;
  expectedSize: number;
}

export async function ingestResumable(
  paths: StorePaths,
  open: ResumableSource,
  options: ResumableOptions,
  beforePublish: (digest: string) => Promise<void>,
  freeSpace: FreeSpaceOptions = {},
): Promise<BlobRef> {
  const { expectedDigest: digest, expectedSize: size, signal } = options;
  digestHex(digest);
  if (!Number.isSafeInteger(size) || size < 0) throw new BerthError('INVALID_ARGUMENT', `invalid expected size ${size}`);
  // Another pull of this blob may hold the lock for as long as its download takes: wait (cancellable), no timeout.
  return withWriteLock(partialLock(paths, digest), async () => {
    // Leased before looking, as a session's retain does: a gc meanwhile keeps what we find.
    await beforePublish(digest);
    const present = await statBlob(paths, digest);
    if (present?.size === size) {
      options.onProgress?.(size);
      return { digest, size };
    }
    try {
      return await download(paths, open, options, beforePublish, freeSpace, true);
    } catch (err) {
      if (!(err instanceof RefetchWhole)) throw err;
      return download(paths, open, options, beforePublish, freeSpace, false);
    }
  }, { timeoutMs: Number.POSITIVE_INFINITY, ...(signal ? { signal } : {}) });
}

/** A resumed blob did not hash to its digest: its partial bytes were bad, they are gone, fetch it whole. */
class RefetchWhole extends Error {}

async function download(
  paths: StorePaths, open: ResumableSource, options: ResumableOptions,
  beforePublish: (digest: string) => Promise<void>, freeSpace: FreeSpaceOptions, mayRetry: boolean,
): Promise<BlobRef> {
  const { expectedDigest: digest, expectedSize: size, signal, onProgress } = options;
  const file = partialFile(paths, digest);
  const handle = await fs.open(file, PARTIAL_FLAGS, 0o600).catch((err: unknown) => {
    if ((err as { code?: string }).code === 'ELOOP') throw new BerthError('STORE_CORRUPT', `refusing ${file}: it is a symbolic link`);
    throw err;
  });
  let keep = true;
  try {
    if (!(await handle.stat()).isFile()) {
      throw new BerthError('STORE_CORRUPT', `refusing ${file}: it is not a regular file; remove it (\`berth prune\` does)`);
    }
    const hash = createHash('sha256');
    let written = await readBack(handle, hash, size, signal);
    const resumedAt = written;
    const space = new FreeSpaceGuard(paths.ingest, freeSpace);
    await space.start(size - written);
    onProgress?.(written);
    const batch = new WriteBatch(handle);
    try {
      for await (const chunk of abortable(await open(written), signal)) {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
        if (written + bytes.length > size) {
          keep = false;
          throw new BerthError('DIGEST_MISMATCH', `blob ${digest} is larger than the expected ${size} bytes (got at least ${written + bytes.length}): refused`);
        }
        hash.update(bytes);
        await batch.add(bytes);
        written += bytes.length;
        await space.wrote(bytes.length);
        onProgress?.(written);
      }
    } finally {
      // Bytes already hashed and checked against the size are good to keep, whatever stopped the loop.
      if (keep) await batch.flush();
    }
    const got = `sha256:${hash.digest('hex')}`;
    if (written !== size || got !== digest) {
      keep = false;
      if (resumedAt > 0 && mayRetry) throw new RefetchWhole();
      throw new BerthError('DIGEST_MISMATCH', written !== size
        ? `blob expected ${digest} with ${size} bytes, got ${written} bytes hashing to ${got}`
        : `blob digest mismatch: expected ${digest}, got ${got} (${written} bytes)`);
    }
    await handle.sync();
    await handle.close();
    if (signal?.aborted) throw cancelled();
    await beforePublish(digest);
    await publishBlob(paths, file, digest, size);
    keep = true; // published: publishBlob removed the partial file itself
    return { digest, size };
  } catch (err) {
    // A refusal by the registry's own bytes (too long, wrong digest) spoils the partial file; a dropped
    // connection, a cancel or a full disk does not: it stays for the next pull.
    if (err instanceof BerthError && err.code === 'DIGEST_MISMATCH') keep = false;
    throw err;
  } finally {
    await handle.close().catch(() => undefined);
    if (!keep) await fs.rm(file, { force: true });
  }
}

/**
 * Network chunks are small (64 KiB): written a few at a time with one writev, the pull makes far fewer trips to
 * the thread pool. At most WRITE_BATCH bytes wait; a SIGKILL loses them, and the next pull fetches them again.
 */
class WriteBatch {
  private chunks: Uint8Array[] = [];
  private bytes = 0;

  constructor(private readonly handle: fs.FileHandle) {}

  async add(chunk: Uint8Array): Promise<void> {
    this.chunks.push(chunk);
    this.bytes += chunk.length;
    if (this.bytes >= WRITE_BATCH) await this.flush();
  }

  async flush(): Promise<void> {
    const chunks = this.chunks;
    this.chunks = [];
    this.bytes = 0;
    while (chunks.length > 0) {
      let { bytesWritten } = await this.handle.writev(chunks);
      // A short write (rare on files): drop what went out, go on with the rest.
      while (chunks.length > 0 && bytesWritten >= chunks[0]!.length) bytesWritten -= chunks.shift()!.length;
      if (bytesWritten > 0) chunks[0] = chunks[0]!.subarray(bytesWritten);
    }
  }
}

/** Hashes what an earlier attempt left (cutting anything past the blob's size); returns its length. */
async function readBack(handle: fs.FileHandle, hash: ReturnType<typeof createHash>, size: number, signal: AbortSignal | undefined): Promise<number> {
  let length = (await handle.stat()).size;
  if (length > size) {
    await handle.truncate(0);
    length = 0;
  }
  const buffer = Buffer.allocUnsafe(Math.min(READ_BACK_CHUNK, Math.max(1, length)));
  let position = 0;
  while (position < length) {
    if (signal?.aborted) throw cancelled();
    const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, length - position), position);
    if (bytesRead === 0) break;
    hash.update(buffer.subarray(0, bytesRead));
    position += bytesRead;
  }
  return position;
}

/** A partial download nobody touched for this long is given up on by gc. */
export const STALE_PARTIAL_MS = 24 * 3600 * 1000;

/** True while a live process holds the blob's lock (this one included): its partial file is in use. */
async function lockHeldByLiveOwner(lockFile: string): Promise<boolean> {
  // readOwnFile, not readFile: a FIFO planted there is refused at once (the lock then removes it as debris).
  const text = await readOwnFile(lockFile, 64 * 1024).catch(() => null);
  if (text === null) return false;
  try {
    const owner = parseOwner(JSON.parse(text));
    return owner !== null && isOwnerAlive(owner);
  } catch {
    return false;
  }
}

/**
 * gc's part: partial downloads whose blob is already published (a kill between publish and cleanup) or that are
 * older than a day go, each under its own lock so a pull that starts meanwhile is never robbed; a lock left by a
 * dead process is broken on the way. Files in use by a live pull are left alone. Returns the bytes freed.
 */
export async function cleanPartials(paths: StorePaths, now = Date.now()): Promise<number> {
  const names = await fs.readdir(paths.partial).catch(() => [] as string[]);
  const digests = new Set(names.flatMap((n) => {
    const hex = /^([a-f0-9]{64})(?:\.lock)?$/.exec(n)?.[1];
    return hex ? [`sha256:${hex}`] : [];
  }));
  let freed = 0;
  for (const digest of digests) {
    if (await lockHeldByLiveOwner(partialLock(paths, digest))) continue;
    await withWriteLock(partialLock(paths, digest), async () => {
      const file = partialFile(paths, digest);
      const stats = await fs.lstat(file).catch(() => null);
      if (!stats) return;
      if (stats.isFile() && !(await statBlob(paths, digest)) && now - stats.mtimeMs < STALE_PARTIAL_MS) return;
      await fs.rm(file, { force: true });
      freed += stats.size;
    }, { timeoutMs: 0 }).catch((err: unknown) => {
      // A pull took the lock between our look and our try: the file is in use again.
      if (!(err instanceof BerthError && err.code === 'CONFLICT')) throw err;
    });
  }
  return freed;
}
