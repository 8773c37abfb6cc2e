import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BerthError } from '../../../shared/errors.js';
import { collectImageBlobs, defaultStorePath, openStore } from './store.js';
import { setTag, tagNames, writeTestImage } from './test-support/image.js';
import type { ImageStore } from './types.js';

const sha256 = (b: Uint8Array | string) => `sha256:${createHash('sha256').update(b).digest('hex')}`;
let root: string;
let store: ImageStore;

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(tmpdir(), 'berth-store-'));
  store = await openStore(path.join(root, 'store'));
});
afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

async function ingestLeftovers(): Promise<string[]> {
  const entries = await fs.readdir(path.join(store.root, 'ingest'), { withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => e.name);
}

async function expectCode(promise: Promise<unknown>, code: string): Promise<BerthError> {
  const err = await promise.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(BerthError);
  expect((err as BerthError).code).toBe(code);
  return err as BerthError;
}

describe('layout', () => {
  it('creates oci-layout, index.json, blobs/sha256 and ingest', async () => {
    expect(JSON.parse(await fs.readFile(path.join(store.root, 'oci-layout'), 'utf8'))).toEqual({ imageLayoutVersion: '1.0.0' });
    expect(await store.readIndex()).toEqual({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [] });
    expect((await fs.stat(path.join(store.root, 'blobs', 'sha256'))).isDirectory()).toBe(true);
    expect((await fs.stat(path.join(store.root, 'ingest'))).isDirectory()).toBe(true);
  });

  it.skipIf(process.platform === 'win32')('makes a new store private to its user (images pulled with a login are in it); an existing folder keeps its mode', async () => {
    expect((await fs.stat(store.root)).mode & 0o777).toBe(0o700);
    const shared = path.join(root, 'shared');
    await fs.mkdir(shared, { mode: 0o755 });
    await fs.chmod(shared, 0o755);
    await openStore(shared);
    expect((await fs.stat(shared)).mode & 0o777).toBe(0o755);
  });

  it('refuses a non-empty folder that is not an OCI layout', async () => {
    await fs.writeFile(path.join(root, 'notes.txt'), 'mine');
    await expectCode(openStore(root), 'INVALID_ARGUMENT');
  });

  it('finds the per-user default path', () => {
    expect(defaultStorePath({ BERTH_STORE: '/x/y' }, 'linux', '/home/u')).toBe('/x/y');
    expect(defaultStorePath({ XDG_DATA_HOME: '/data' }, 'linux', '/home/u')).toBe('/data/berth');
    expect(defaultStorePath({}, 'linux', '/home/u')).toBe('/home/u/.local/share/berth');
    expect(defaultStorePath({}, 'darwin', '/Users/u')).toBe('/Users/u/Library/Application Support/Berth');
    expect(defaultStorePath({ LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' }, 'win32', 'C:\\Users\\u')).toBe('C:\\Users\\u\\AppData\\Local\\Berth');
  });

  it('is readable by skopeo as an OCI layout', async () => {
    const session = await store.beginWrite();
    const manifest = await writeTestImage(session);
    await session.commit((index) => setTag(index, 'docker.io/library/busybox:latest', manifest));
    const { stdout } = await promisify(execFile)('skopeo', ['inspect', '--raw', `oci:${store.root}:docker.io/library/busybox:latest`]);
    expect(sha256(stdout)).toBe(manifest.digest);
  });
});

describe('blob ingest', () => {
  it('stores a blob under its digest and reads it back whole, as JSON and from an offset', async () => {
    const bytes = Buffer.from(JSON.stringify({ hello: 'world' }));
    const session = await store.beginWrite();
    const progress: number[] = [];
    const ref = await session.writeBlob(Readable.from([bytes.subarray(0, 5), bytes.subarray(5)]), {
      expectedDigest: sha256(bytes),
      expectedSize: bytes.length,
      onProgress: (n) => progress.push(n),
    });
    await session.abort();
    expect(ref).toEqual({ digest: sha256(bytes), size: bytes.length });
    expect(progress).toEqual([5, bytes.length]);
    expect(await store.readBlobBytes(ref.digest)).toEqual(bytes);
    expect(await store.readBlobJson(ref.digest)).toEqual({ hello: 'world' });
    const tail: Buffer[] = [];
    for await (const chunk of store.openBlob(ref.digest, { start: 3 })) tail.push(chunk as Buffer);
    expect(Buffer.concat(tail)).toEqual(bytes.subarray(3));
    expect(await store.blobSize(ref.digest)).toBe(bytes.length);
    expect(await ingestLeftovers()).toEqual([]);
  });

  it('refuses bytes that do not match the expected digest and leaves nothing behind', async () => {
    const session = await store.beginWrite();
    const expected = sha256('the real thing');
    const err = await expectCode(session.writeBlobBytes('an impostor', { expectedDigest: expected }), 'DIGEST_MISMATCH');
    expect(err.message).toContain(expected);
    expect(err.message).toContain(sha256('an impostor'));
    expect(await fs.readdir(path.join(store.root, 'blobs', 'sha256'))).toEqual([]);
    expect(await ingestLeftovers()).toEqual([]);
    await session.abort();
  });

  it('stops as soon as more bytes than expected arrive', async () => {
    const session = await store.beginWrite();
    let produced = 0;
    const endless = (async function* () {
      for (;;) {
        produced++;
        yield randomBytes(1000);
      }
    })();
    await expectCode(session.writeBlob(endless, { expectedSize: 2500 }), 'DIGEST_MISMATCH');
    expect(produced).toBe(3);
    expect(await fs.readdir(path.join(store.root, 'blobs', 'sha256'))).toEqual([]);
    expect(await ingestLeftovers()).toEqual([]);
    await session.abort();
  });

  it('honours an abort while the source is stalled and leaves nothing behind', async () => {
    const session = await store.beginWrite();
    const controller = new AbortController();
    const stalled = new Readable({ read() {} });
    stalled.push(randomBytes(100));
    const write = session.writeBlob(stalled, { signal: controller.signal, onProgress: () => controller.abort() });
    await expectCode(write, 'CANCELLED');
    expect(stalled.destroyed).toBe(true);
    expect(await ingestLeftovers()).toEqual([]);
    expect(await fs.readdir(path.join(store.root, 'blobs', 'sha256'))).toEqual([]);
    await session.abort();
  });

  it('keeps an existing blob when the same bytes arrive again', async () => {
    const session = await store.beginWrite();
    const a = await session.writeBlobBytes('same');
    const inode = (await fs.stat(store.blobPath(a.digest))).ino;
    const b = await session.writeBlobBytes('same', { expectedDigest: a.digest, expectedSize: 4 });
    expect(b).toEqual(a);
    expect((await fs.stat(store.blobPath(a.digest))).ino).toBe(inode);
    expect(await ingestLeftovers()).toEqual([]);
    await session.abort();
  });

  it('refuses symlinks in blobs/', async () => {
    const target = path.join(root, 'elsewhere');
    await fs.writeFile(target, 'secret');
    const digest = sha256('secret');
    await fs.symlink(target, store.blobPath(digest));
    await expectCode(store.readBlobBytes(digest), 'STORE_CORRUPT');
    await expectCode(store.hasBlob(digest), 'STORE_CORRUPT');
    const streamError = await new Promise((resolve) => store.openBlob(digest).on('error', resolve).resume());
    expect((streamError as BerthError).code).toBe('STORE_CORRUPT');
    const report = await store.fsck();
    expect(report.ok).toBe(false);
    expect(report.problems).toContainEqual(expect.objectContaining({ kind: 'stray', subject: `blobs/sha256/${digest.slice(7)}` }));
  });

  it('refuses an over-large blob in readBlobBytes and notices corrupt content', async () => {
    const session = await store.beginWrite();
    const ref = await session.writeBlobBytes('0123456789');
    await session.abort();
    await expectCode(store.readBlobBytes(ref.digest, 5), 'INVALID_ARGUMENT');
    await fs.writeFile(store.blobPath(ref.digest), '012345678X');
    await expectCode(store.readBlobBytes(ref.digest), 'STORE_CORRUPT');
  });
});

describe('index commits', () => {
  it('refuses to tag a manifest whose layers are missing, and leaves index.json untouched', async () => {
    const session = await store.beginWrite();
    const manifest = await writeTestImage(session);
    const { layers } = await store.readBlobJson<{ layers: Array<{ digest: string }> }>(manifest.digest);
    await fs.rm(store.blobPath(layers[0]!.digest));
    const before = await fs.readFile(path.join(store.root, 'index.json'), 'utf8');
    await expectCode(session.commit((index) => setTag(index, 'example.test/broken:1', manifest)), 'NOT_FOUND');
    expect(await fs.readFile(path.join(store.root, 'index.json'), 'utf8')).toBe(before);
    expect(await fs.readdir(store.root)).toEqual(expect.not.arrayContaining([expect.stringMatching(/^\.index/)]));
  });

  it('returns what mutate returns, and lists an image blobs', async () => {
    const session = await store.beginWrite();
    const manifest = await writeTestImage(session);
    const result = await session.commit((index) => {
      setTag(index, 'example.test/a:1', manifest);
      return 'tagged';
    });
    expect(result).toBe('tagged');
    expect(tagNames(await store.readIndex())).toEqual(['example.test/a:1']);
    const blobs = await collectImageBlobs(store, manifest);
    expect(blobs.size).toBe(3);
    expect(blobs.get(manifest.digest)).toBe(manifest.size);
    await expectCode(session.writeBlobBytes('late'), 'CONFLICT');
  });

  it('tells a watcher when index.json changes', async () => {
    const other = await openStore(store.root);
    let calls = 0;
    const stop = store.watch(() => calls++);
    await new Promise((r) => setTimeout(r, 50));
    const session = await other.beginWrite();
    const manifest = await writeTestImage(session);
    await session.commit((index) => setTag(index, 'example.test/w:1', manifest));
    const deadline = Date.now() + 3000;
    while (calls === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    stop();
    expect(calls).toBe(1);
  });
});

describe('gc and fsck', () => {
  it('removes unreferenced blobs, keeps referenced and leased ones', async () => {
    const tagged = await store.beginWrite();
    const kept = await writeTestImage(tagged);
    await tagged.commit((index) => setTag(index, 'example.test/kept:1', kept));
    const abandoned = await store.beginWrite();
    const orphan = await writeTestImage(abandoned);
    await abandoned.abort();
    const live = await store.beginWrite();
    const leased = await live.writeBlobBytes('in flight');

    const before = await store.fsck();
    expect(before.ok).toBe(true);
    expect(before.problems.filter((p) => p.kind === 'orphan')).toHaveLength(3);

    const report = await store.gc();
    expect(report.deleted).toHaveLength(3);
    expect(report.deleted).toContain(orphan.digest);
    expect(report.bytes).toBeGreaterThan(2048);
    expect(await store.hasBlob(leased.digest)).toBe(true);
    for (const digest of (await collectImageBlobs(store, kept)).keys()) expect(await store.hasBlob(digest)).toBe(true);
    const after = await store.fsck();
    expect(after).toEqual({ ok: true, checkedBlobs: 4, problems: [] });

    await live.abort();
    expect((await store.gc()).deleted).toEqual([leased.digest]);
  });

  it('reports missing and corrupt blobs', async () => {
    const session = await store.beginWrite();
    const manifest = await writeTestImage(session);
    await session.commit((index) => setTag(index, 'example.test/f:1', manifest));
    const { config, layers } = await store.readBlobJson<{ config: { digest: string }; layers: Array<{ digest: string }> }>(manifest.digest);
    await fs.rm(store.blobPath(config.digest));
    const layerPath = store.blobPath(layers[0]!.digest);
    const bytes = await fs.readFile(layerPath);
    bytes[0] = bytes[0]! ^ 0xff;
    await fs.writeFile(layerPath, bytes);

    const report = await store.fsck();
    expect(report.ok).toBe(false);
    expect(report.problems).toContainEqual(expect.objectContaining({ kind: 'missing', subject: config.digest }));
    expect(report.problems).toContainEqual(expect.objectContaining({ kind: 'corrupt', subject: layers[0]!.digest }));
    const quick = await store.fsck({ verifyContent: false });
    expect(quick.problems.map((p) => p.kind)).toEqual(['missing']);
  });

  it('puts back blobs a killed gc had moved aside, and removes ingest files of dead writers', async () => {
    const session = await store.beginWrite();
    const manifest = await writeTestImage(session);
    await session.commit((index) => setTag(index, 'example.test/t:1', manifest));
    const trash = path.join(store.root, 'ingest', 'trash');
    await fs.mkdir(trash);
    await fs.rename(store.blobPath(manifest.digest), path.join(trash, `999999-0123456789ab.${manifest.digest.slice(7)}`));
    const deadPart = path.join(store.root, 'ingest', '999999-0123456789ab.part');
    await fs.writeFile(deadPart, 'half a layer');
    expect((await store.fsck()).ok).toBe(false);

    const report = await store.gc();
    expect(report.deleted).toEqual([]);
    expect(report.bytes).toBe('half a layer'.length);
    expect(await fs.readdir(trash)).toEqual([]);
    expect(await store.fsck()).toMatchObject({ ok: true, problems: [] });
    await expect(fs.stat(deadPart)).rejects.toThrow();
  });
});
