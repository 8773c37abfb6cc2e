// Blob ingest: stream into ingest/, hash while writing, verify size and digest, fsync, publish into blobs/.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { BerthError } from '../../../shared/errors.js';
import { errorCode, fsyncDir } from './fs-util.js';
import { blobPathFor, ownedTempName, type StorePaths } from './paths.js';
import { digestHex } from '../oci/digest.js';
import type { BlobRef, WriteBlobOptions } from './types.js';
import { FreeSpaceGuard, type FreeSpaceOptions } from './free-space.js';

export type BlobSource = Readable | AsyncIterable<Uint8Array | string>;

/**
 * Writes one blob. `beforePublish(digest)` runs after verification and before the blob becomes visible in
 * blobs/ (the write session records its lease there, so gc can never see the blob unprotected).
 */
export async function ingestBlob(
  paths: StorePaths,
  source: BlobSource,
  options: WriteBlobOptions,
  beforePublish: (digest: string) => Promise<void>,
  freeSpace: FreeSpaceOptions = {},
): Promise<BlobRef> {
  const { expectedDigest, expectedSize, signal, onProgress } = options;
  if (expectedDigest !== undefined) digestHex(expectedDigest);
  if (expectedSize !== undefined && (!Number.isSafeInteger(expectedSize) || expectedSize < 0)) {
    throw new BerthError('INVALID_ARGUMENT', `invalid expected size ${expectedSize}`);
  }
  const space = new FreeSpaceGuard(paths.ingest, freeSpace);
  await space.start(expectedSize);
  const partFile = path.join(paths.ingest, ownedTempName('', '.part'));
  const handle = await fs.open(partFile, 'wx');
  let published = false;
  try {
    const hash = createHash('sha256');
    let written = 0;
    for await (const chunk of abortable(source, signal)) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      if (expectedSize !== undefined && written + bytes.length > expectedSize) {
        throw new BerthError(
          'DIGEST_MISMATCH',
          `blob ${expectedDigest ?? 'of unknown digest'} is larger than the expected ${expectedSize} bytes (got at least ${written + bytes.length}, digest not computed)`,
        );
      }
      hash.update(bytes);
      let offset = 0;
      while (offset < bytes.length) {
        const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
        offset += bytesWritten;
      }
      written += bytes.length;
      await space.wrote(bytes.length);
      onProgress?.(written);
    }
    const digest = `sha256:${hash.digest('hex')}`;
    if (expectedSize !== undefined && written !== expectedSize) {
      throw new BerthError(
        'DIGEST_MISMATCH',
        `blob expected ${expectedDigest ?? 'of unknown digest'} with ${expectedSize} bytes, got ${written} bytes hashing to ${digest}`,
      );
    }
    if (expectedDigest !== undefined && digest !== expectedDigest) {
      throw new BerthError('DIGEST_MISMATCH', `blob digest mismatch: expected ${expectedDigest}, got ${digest} (${written} bytes)`);
    }
    await handle.sync();
    await handle.close();
    if (signal?.aborted) throw cancelled();
    await beforePublish(digest);
    await publishBlob(paths, partFile, digest, written);
    published = true;
    return { digest, size: written };
  } finally {
    if (!published) {
      await handle.close().catch(() => undefined);
      await fs.rm(partFile, { force: true });
    }
  }
}

/** Moves a verified ingest file into blobs/. An existing valid blob wins; a damaged entry is replaced. */
export async function publishBlob(paths: StorePaths, partFile: string, digest: string, size: number): Promise<void> {
  const target = blobPathFor(paths, digest);
  try {
    await fs.link(partFile, target);
  } catch (err) {
    if (errorCode(err) !== 'EEXIST') {
      // Filesystems without hard links: rename replaces whatever is there with identical, verified bytes.
      if (!['EPERM', 'ENOTSUP', 'ENOSYS', 'EXDEV'].includes(errorCode(err) ?? '')) throw err;
      await fs.rename(partFile, target);
      await fsyncDir(paths.sha256);
      return;
    }
    const existing = await fs.lstat(target).catch(() => null);
    if (existing?.isDirectory()) throw new BerthError('STORE_CORRUPT', `${target} is a directory, not a blob`);
    if (!existing || !existing.isFile() || existing.size !== size) {
      // Blobs never change, so this is damage (or a symlink planted in blobs/): our verified bytes replace it.
      await fs.rename(partFile, target);
      await fsyncDir(paths.sha256);
      return;
    }
    await fs.rm(partFile, { force: true });
    return;
  }
  await fs.rm(partFile, { force: true });
  await fsyncDir(paths.sha256);
}

export function cancelled(): BerthError {
  return new BerthError('CANCELLED', 'blob write cancelled');
}

/** Iterates `source`, failing with CANCELLED as soon as `signal` fires even while a read is pending. */
export async function* abortable<T>(source: AsyncIterable<T>, signal: AbortSignal | undefined): AsyncGenerator<T> {
  if (signal?.aborted) throw cancelled();
  const iterator = source[Symbol.asyncIterator]();
  let finished = false;
  try {
    for (;;) {
      const next = await nextOrAbort(iterator, signal);
      if (next.done) {
        finished = true;
        return;
      }
      yield next.value;
    }
  } finally {
    if (!finished) {
      const stream = source as Partial<Readable>;
      if (typeof stream.destroy === 'function') stream.destroy();
      else void Promise.resolve(iterator.return?.()).catch(() => undefined);
    }
  }
}

/**
 * One read raced against the signal. The listener lives only as long as this read: racing every read against
 * one long-lived promise would pile a reaction (and its chunk) onto that promise per read, keeping the whole
 * blob in memory.
 */
function nextOrAbort<T>(iterator: AsyncIterator<T>, signal: AbortSignal | undefined): Promise<IteratorResult<T>> {
  if (!signal) return iterator.next();
  if (signal.aborted) return Promise.reject(cancelled());
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(cancelled());
    signal.addEventListener('abort', onAbort, { once: true });
    iterator.next().then(
      (result) => {
        signal.removeEventListener('abort', onAbort);
        resolve(result);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err instanceof Error ? err : new Error(String(err)));
      },
    );
  });
}
