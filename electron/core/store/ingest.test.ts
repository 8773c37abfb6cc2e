// Blob ingest edge cases: bad options refused before anything is written, text chunks, and what publishing does
// with whatever already sits at the blob's path (the same blob, damage, a planted link, a directory).
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from './store.js';
import type { ImageStore, WriteSession } from './types.js';

let root: string;
let store: ImageStore;
let session: WriteSession;

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(tmpdir(), 'berth-ingest-'));
  store = await openStore(path.join(root, 'store'));
  session = await store.beginWrite();
});
afterEach(async () => {
  await session.abort();
  await fs.rm(root, { recursive: true, force: true });
});

const sha256 = (b: string) => `sha256:${createHash('sha256').update(b).digest('hex')}`;
const leftovers = async () => (await fs.readdir(path.join(store.root, 'ingest'), { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
const blobs = () => fs.readdir(path.join(store.root, 'blobs', 'sha256'));

describe('writeBlob options', () => {
  it.each([-1, 1.5, Number.NaN, 2 ** 53])('refuses expectedSize %s before writing', async (expectedSize) => {
    await expect(session.writeBlobBytes('x', { expectedSize })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: `invalid expected size ${expectedSize}` });
    expect(await leftovers()).toEqual([]);
  });

  it('refuses an expectedDigest Berth cannot address', async () => {
    await expect(session.writeBlobBytes('x', { expectedDigest: 'md5:0123456789abcdef0123456789abcdef' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(session.writeBlobBytes('x', { expectedDigest: 'sha256:abc' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(await leftovers()).toEqual([]);
  });

  it('accepts an empty blob with expectedSize 0', async () => {
    await expect(session.writeBlobBytes('', { expectedSize: 0 })).resolves.toEqual({ digest: sha256(''), size: 0 });
  });

  it('refuses a short blob, naming the expected and actual sizes, and leaves nothing', async () => {
    await expect(session.writeBlobBytes('four', { expectedSize: 5 })).rejects.toMatchObject({
      code: 'DIGEST_MISMATCH',
      message: `blob expected of unknown digest with 5 bytes, got 4 bytes hashing to ${sha256('four')}`,
    });
    expect(await leftovers()).toEqual([]);
    expect(await blobs()).toEqual([]);
  });

  it('hashes text chunks as their UTF-8 bytes', async () => {
    const text = (async function* () {
      yield 'h\u00e9';
      yield 'llo';
    })();
    await expect(session.writeBlob(text as AsyncIterable<never>)).resolves.toEqual({ digest: sha256('h\u00e9llo'), size: Buffer.byteLength('h\u00e9llo') });
  });
});

describe('publishing over what is already there', () => {
  it('replaces a damaged blob (wrong size) with the verified bytes', async () => {
    const ref = await session.writeBlobBytes('the real bytes');
    await fs.writeFile(store.blobPath(ref.digest), 'short');
    await session.writeBlobBytes('the real bytes', { expectedDigest: ref.digest });
    expect((await store.readBlobBytes(ref.digest)).toString()).toBe('the real bytes');
    expect(await leftovers()).toEqual([]);
  });

  it('replaces a symlink planted at the blob path, without writing through it', async () => {
    const target = path.join(root, 'elsewhere');
    await fs.writeFile(target, 'the real bytes'); // same size, so only the type gives it away
    const digest = sha256('the real bytes');
    await fs.symlink(target, store.blobPath(digest));
    await session.writeBlobBytes('the real bytes', { expectedDigest: digest });
    expect((await fs.lstat(store.blobPath(digest))).isFile()).toBe(true);
    expect(await fs.readFile(target, 'utf8')).toBe('the real bytes');
    expect(await leftovers()).toEqual([]);
  });

  it('refuses when a directory sits at the blob path', async () => {
    const digest = sha256('the real bytes');
    await fs.mkdir(store.blobPath(digest));
    await expect(session.writeBlobBytes('the real bytes')).rejects.toMatchObject({ code: 'STORE_CORRUPT', message: expect.stringContaining('is a directory, not a blob') });
    expect(await leftovers()).toEqual([]);
  });
});
