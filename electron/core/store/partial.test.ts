// Resumable blob writes (partial.ts): what a stopped write leaves is resumed from its length, never trusted
// blindly, shared safely between two writers of one blob, and cleaned by gc only when stale or already published.
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from './store.js';
import type { ImageStore } from './types.js';
import { partialFile, partialLock } from './partial.js';
import { storePaths } from './paths.js';

let root: string;
let store: ImageStore;

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(tmpdir(), 'berth-partial-'));
  store = await openStore(path.join(root, 'store'));
});
afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

const BLOB = randomBytes(300_000);
const DIGEST = `sha256:${createHash('sha256').update(BLOB).digest('hex')}`;
const paths = () => storePaths(store.root);
const partialNames = async () => (await fs.readdir(paths().partial).catch(() => [] as string[])).sort();

/** A source of BLOB that records each offset asked for; `failAfter` bytes into the first open, the stream breaks. */
function source(options: { failAfter?: number; bytes?: Buffer } = {}) {
  const offsets: number[] = [];
  const bytes = options.bytes ?? BLOB;
  const open = async (offset: number) => {
    offsets.push(offset);
    const breakAt = offsets.length === 1 ? options.failAfter : undefined;
    return (async function* () {
      for (let at = offset; at < bytes.length; at += 50_000) {
        const end = Math.min(bytes.length, at + 50_000);
        if (breakAt !== undefined && end > breakAt) {
          if (breakAt > at) yield bytes.subarray(at, breakAt);
          throw Object.assign(new Error('connection reset'), { code: 'ECONNRESET' });
        }
        yield bytes.subarray(at, end);
      }
    })();
  };
  return { open, offsets };
}

async function write(open: (offset: number) => Promise<AsyncIterable<Uint8Array>>, progress: number[] = []) {
  const session = await store.beginWrite();
  try {
    return await session.writeBlobResumable(open, { expectedDigest: DIGEST, expectedSize: BLOB.length, onProgress: (n) => progress.push(n) });
  } finally {
    await session.abort();
  }
}

describe('writeBlobResumable', () => {
  it('keeps the bytes of a write that broke, and the next write asks only for the rest', async () => {
    const first = source({ failAfter: 120_000 });
    await expect(write(first.open)).rejects.toThrow('connection reset');
    expect(await partialNames()).toEqual([DIGEST.slice(7)]);
    expect((await fs.stat(partialFile(paths(), DIGEST))).size).toBe(120_000);
    expect(await store.hasBlob(DIGEST)).toBe(false);

    const second = source();
    const progress: number[] = [];
    expect(await write(second.open, progress)).toEqual({ digest: DIGEST, size: BLOB.length });
    expect(second.offsets).toEqual([120_000]);
    expect(progress[0]).toBe(120_000);
    expect(progress.at(-1)).toBe(BLOB.length);
    expect(await store.hasBlob(DIGEST)).toBe(true);
    expect(await partialNames()).toEqual([]);
  });

  it('a cancel keeps the partial bytes too', async () => {
    const controller = new AbortController();
    const session = await store.beginWrite();
    const open = async () => (async function* () {
      yield BLOB.subarray(0, 100_000);
      controller.abort();
      await new Promise(() => undefined);
    })();
    await expect(session.writeBlobResumable(open, { expectedDigest: DIGEST, expectedSize: BLOB.length, signal: controller.signal }))
      .rejects.toMatchObject({ code: 'CANCELLED' });
    await session.abort();
    expect((await fs.stat(partialFile(paths(), DIGEST))).size).toBe(100_000);
  });

  it('partial bytes that do not belong to the blob are thrown away and the blob fetched whole', async () => {
    await fs.mkdir(paths().partial, { recursive: true });
    await fs.writeFile(partialFile(paths(), DIGEST), randomBytes(70_000));
    const again = source();
    expect(await write(again.open)).toEqual({ digest: DIGEST, size: BLOB.length });
    expect(again.offsets).toEqual([70_000, 0]);
    expect(await partialNames()).toEqual([]);
  });

  it('a partial file longer than the blob is cut, not trusted', async () => {
    await fs.mkdir(paths().partial, { recursive: true });
    await fs.writeFile(partialFile(paths(), DIGEST), Buffer.concat([BLOB, Buffer.from('extra')]));
    const again = source();
    await write(again.open);
    expect(again.offsets).toEqual([0]);
  });

  it('a FIFO planted at the partial name is refused at once, never written into (a write there would block)', async () => {
    await fs.mkdir(paths().partial, { recursive: true });
    execFileSync('mkfifo', [partialFile(paths(), DIGEST)]);
    const timeout = new Promise((resolve) => setTimeout(() => resolve('still waiting'), 5_000).unref());
    const outcome = await Promise.race([write(source().open).then(() => 'written', (err: unknown) => err), timeout]);
    expect(outcome).toMatchObject({ code: 'STORE_CORRUPT' });
    expect((await fs.lstat(partialFile(paths(), DIGEST))).isFIFO()).toBe(true);
  });

  it('gc does not block on a FIFO planted at a partial lock', async () => {
    await fs.mkdir(paths().partial, { recursive: true });
    execFileSync('mkfifo', [partialLock(paths(), DIGEST)]);
    const timeout = new Promise((resolve) => setTimeout(() => resolve('still waiting'), 5_000).unref());
    const outcome = await Promise.race([store.gc().then(() => 'collected', (err: unknown) => err), timeout]);
    expect(outcome).toBe('collected');
    expect(await partialNames()).toEqual([]);
  });

  it('bytes that never hash to the digest: DIGEST_MISMATCH, and nothing kept', async () => {
    const bad = Buffer.from(BLOB);
    bad[10] = bad[10]! ^ 1;
    await expect(write(source({ bytes: bad }).open)).rejects.toMatchObject({ code: 'DIGEST_MISMATCH' });
    expect(await partialNames()).toEqual([]);
    expect(await store.hasBlob(DIGEST)).toBe(false);
  });

  it('two writers of one blob at once: one download, both get the blob', async () => {
    const a = source();
    const b = source();
    const [ra, rb] = await Promise.all([write(a.open), write(b.open)]);
    expect(ra).toEqual(rb);
    expect(a.offsets.length + b.offsets.length).toBe(1);
    expect(await store.hasBlob(DIGEST)).toBe(true);
  });

  it('takes over the lock of a dead writer', async () => {
    await fs.mkdir(paths().partial, { recursive: true });
    await fs.writeFile(partialLock(paths(), DIGEST), JSON.stringify({ pid: 2 ** 22 + 7, host: (await import('node:os')).hostname(), start: null }));
    await write(source().open);
    expect(await partialNames()).toEqual([]);
  });
});

describe('gc and partial downloads', () => {
  const age = async (file: string, hours: number) => {
    const when = new Date(Date.now() - hours * 3600_000);
    await fs.utimes(file, when, when);
  };

  it('keeps a fresh partial (a later pull resumes it), removes one a day old and one whose blob is published', async () => {
    await expect(write(source({ failAfter: 100_000 }).open)).rejects.toThrow();
    const other = randomBytes(10);
    const otherDigest = `sha256:${createHash('sha256').update(other).digest('hex')}`;
    await fs.writeFile(partialFile(paths(), otherDigest), other);
    await age(partialFile(paths(), otherDigest), 25);
    await fs.writeFile(path.join(paths().partial, `${process.pid}-00aa11bb22cc.tmp`), 'x');

    await store.gc();
    expect(await partialNames()).toEqual([`${process.pid}-00aa11bb22cc.tmp`, DIGEST.slice(7)].sort());

    // Held by a live session (a pull not committed yet), so gc keeps the blob itself.
    const session = await store.beginWrite();
    await session.writeBlobResumable(source().open, { expectedDigest: DIGEST, expectedSize: BLOB.length });
    // Published, yet a copy left behind (a kill between publish and cleanup): gc removes it.
    await fs.writeFile(partialFile(paths(), DIGEST), BLOB.subarray(0, 10));
    await fs.writeFile(partialLock(paths(), DIGEST), JSON.stringify({ pid: 2 ** 22 + 7, host: (await import('node:os')).hostname(), start: null }));
    await store.gc();
    expect(await partialNames()).toEqual([`${process.pid}-00aa11bb22cc.tmp`]);
    await session.abort();
  });
});
