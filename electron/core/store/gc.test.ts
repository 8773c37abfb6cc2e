// gc's two safety rules that a bug would turn into data loss: stop on a manifest it cannot read (its children
// may be live), and give back a blob that a write session leased while gc was sweeping.
import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BerthError } from '../../../shared/errors.js';
import { MEDIA_TYPES } from '../oci/media-types.js';
import { collectImageBlobs, openStore } from './store.js';
import { setTag, writeTestImage } from './test-support/image.js';
import type { ImageStore } from './types.js';

// A seam in the one place gc consults the leases: `afterLeaseRead` runs once gc has read them (the first time),
// before it moves anything aside. That is exactly when another process's session may lease a blob.
const seam = vi.hoisted(() => ({ afterLeaseRead: null as null | (() => Promise<void>) }));
vi.mock('./leases.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./leases.js')>();
  return {
    ...actual,
    liveLeasedDigests: async (...args: Parameters<typeof actual.liveLeasedDigests>) => {
      const result = await actual.liveLeasedDigests(...args);
      const hook = seam.afterLeaseRead;
      seam.afterLeaseRead = null;
      await hook?.();
      return result;
    },
  };
});

let root: string;
let store: ImageStore;

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(tmpdir(), 'berth-gc-'));
  store = await openStore(path.join(root, 'store'));
  seam.afterLeaseRead = null;
});
afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

const blobNames = async () => (await fs.readdir(path.join(store.root, 'blobs', 'sha256'))).sort();

describe('gc and an unreadable manifest', () => {
  it('stops with STORE_CORRUPT and deletes nothing when a tagged manifest is corrupt', async () => {
    const session = await store.beginWrite();
    const manifest = await writeTestImage(session);
    await session.commit((index) => setTag(index, 'example.test/live:1', manifest));
    const orphanSession = await store.beginWrite();
    await writeTestImage(orphanSession);
    await orphanSession.abort();
    const before = await blobNames();
    expect(before).toHaveLength(6);
    // Same size, different bytes: the digest check refuses it.
    const bytes = await fs.readFile(store.blobPath(manifest.digest));
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0x01;
    await fs.writeFile(store.blobPath(manifest.digest), bytes);

    const error = await store.gc().catch((err: unknown) => err);
    expect(error).toBeInstanceOf(BerthError);
    expect(error).toMatchObject({ code: 'STORE_CORRUPT', message: expect.stringMatching(new RegExp(`^gc stopped: manifest ${manifest.digest} is unreadable .*; run fsck$`)) });
    expect(await blobNames()).toEqual(before);
    expect(await fs.readdir(path.join(store.root, 'ingest', 'trash')).catch(() => [])).toEqual([]);
  });

  it('stops on a manifest that is not JSON', async () => {
    const session = await store.beginWrite();
    const notJson = await session.writeBlobBytes('{ this is not json');
    const layer = await session.writeBlobBytes('a layer only the broken manifest could name');
    await session.abort();
    // commit refuses such an entry, so it is written straight into index.json (as damage or another tool would).
    const index = structuredClone(await store.readIndex());
    setTag(index, 'example.test/broken:1', { mediaType: MEDIA_TYPES.ociManifest, ...notJson });
    await fs.writeFile(path.join(store.root, 'index.json'), JSON.stringify(index));
    await expect(store.gc()).rejects.toMatchObject({ code: 'STORE_CORRUPT' });
    expect(await store.hasBlob(layer.digest)).toBe(true);
  });

  it('goes on past a missing manifest (it has no children anyone could know about)', async () => {
    const session = await store.beginWrite();
    const manifest = await writeTestImage(session);
    await session.commit((index) => setTag(index, 'example.test/gone:1', manifest));
    const blobs = await collectImageBlobs(store, manifest);
    await fs.rm(store.blobPath(manifest.digest));
    const report = await store.gc();
    expect(report.deleted.sort()).toEqual([...blobs.keys()].filter((d) => d !== manifest.digest).sort());
  });
});

describe('gc and a session leasing a blob meanwhile', () => {
  it('puts the blob back and does not report it deleted', async () => {
    const writer = await store.beginWrite();
    const manifest = await writeTestImage(writer);
    await writer.abort(); // three unreferenced, unleased blobs
    const blobs = [...(await collectImageBlobs(store, manifest)).keys()];
    const wanted = blobs.find((d) => d !== manifest.digest)!;
    const reuser = await store.beginWrite();
    seam.afterLeaseRead = () => reuser.retain(wanted);

    const report = await store.gc();
    expect(seam.afterLeaseRead).toBeNull(); // the seam ran
    expect(report.deleted.sort()).toEqual(blobs.filter((d) => d !== wanted).sort());
    expect(report.bytes).toBeGreaterThan(0);
    expect(await store.hasBlob(wanted)).toBe(true);
    await expect(store.readBlobBytes(wanted)).resolves.toBeInstanceOf(Buffer);
    expect(await fs.readdir(path.join(store.root, 'ingest', 'trash'))).toEqual([]);

    // Once the session ends, the blob is garbage like the rest.
    await reuser.abort();
    expect((await store.gc()).deleted).toEqual([wanted]);
  });
});

describe('gc and what it cannot judge', () => {
  it('leaves misnamed files, links, directories and FIFOs in blobs/ alone (fsck reports them)', async () => {
    const sha = path.join(store.root, 'blobs', 'sha256');
    const target = path.join(root, 'target');
    await fs.writeFile(target, 'not ours');
    await fs.writeFile(path.join(sha, 'README'), 'misnamed');
    await fs.writeFile(path.join(sha, 'A'.repeat(64)), 'upper-case hex is not a blob name');
    await fs.symlink(target, path.join(sha, 'b'.repeat(64)));
    await fs.mkdir(path.join(sha, 'c'.repeat(64)));
    spawnSync('mkfifo', [path.join(sha, 'd'.repeat(64))]);
    const before = await blobNames();

    const report = await store.gc();
    expect(report.deleted).toEqual([]);
    expect(await blobNames()).toEqual(before);
    expect(await fs.readFile(target, 'utf8')).toBe('not ours');
  });
});

describe('retain', () => {
  it('refuses a blob that is not in the store (after leasing it)', async () => {
    const session = await store.beginWrite();
    await expect(session.retain(`sha256:${'e'.repeat(64)}`)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await session.abort();
  });
});
