// A small input must not fill the disk: blob writes stop before the store's file system drops under its reserve.
import { spawnSync } from 'node:child_process';
import { mkdtemp, mkdir, readdir, rm, statfs } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream';
import { createGzip } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importRootfsImage } from '../operations/import.js';
import { packRootfsTar } from '../testing/tarball.mjs';
import { defaultReserve, FreeSpaceGuard, type DiskSpace } from './free-space.js';
import { openStore } from './store.js';

const MiB = 1024 ** 2;
const GiB = 1024 ** 3;

describe('FreeSpaceGuard', () => {
  it('keeps 1 GiB, or 5 % of a small file system', () => {
    expect(defaultReserve(1000 * GiB)).toBe(GiB);
    expect(defaultReserve(10 * GiB)).toBe(Math.floor(0.5 * GiB));
  });

  it('checks again before half the remaining headroom could be used, and stops before the reserve', async () => {
    let available = 100 * MiB;
    let probes = 0;
    const guard = new FreeSpaceGuard('/unused', { probe: async (): Promise<DiskSpace> => (probes++, { available, total: 10 * GiB }), reserve: () => 10 * MiB });
    await guard.start();
    // Writing eats the disk: by the time the guard looks, the free space has dropped by what was written.
    let written = 0;
    const write = async (n: number) => {
      written += n;
      available -= n;
      await guard.wrote(n);
    };
    await expect((async () => {
      for (;;) await write(MiB);
    })()).rejects.toMatchObject({ code: 'NO_SPACE', message: expect.stringMatching(/keeps 10\.0 MiB in reserve/) });
    // It never let more than the headroom (90 MiB) through, and it did not call statfs for every chunk.
    expect(written).toBeLessThanOrEqual(91 * MiB);
    expect(available).toBeGreaterThanOrEqual(9 * MiB);
    expect(probes).toBeLessThan(written / MiB);
  });

  it('refuses at the start when a known size does not fit', async () => {
    const guard = new FreeSpaceGuard('/unused', { probe: async () => ({ available: 50 * MiB, total: 10 * GiB }), reserve: () => 10 * MiB });
    await expect(guard.start(45 * MiB)).rejects.toMatchObject({ code: 'NO_SPACE', message: expect.stringMatching(/for 45\.0 MiB/) });
    await guard.start(39 * MiB);
  });
});

// A real small file system: a 64 MiB tmpfs (needs root; skipped with a note elsewhere).
const canMount = process.platform === 'linux' && process.getuid?.() === 0;
if (!canMount) console.warn('free-space.test.ts: the tmpfs test is skipped (needs root on Linux)');

describe.runIf(canMount)('on a 64 MiB file system', () => {
  let mountPoint: string;
  beforeEach(async () => {
    mountPoint = await mkdtemp(path.join(tmpdir(), 'berth-tmpfs-'));
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64m', 'tmpfs', mountPoint]);
    if (mounted.status !== 0) throw new Error(`mount failed: ${mounted.stderr.toString()}`);
  });
  afterEach(async () => {
    spawnSync('umount', [mountPoint]);
    await rm(mountPoint, { recursive: true, force: true });
  });

  it('a gzip bomb (a few hundred KB inflating to 512 MiB) stops with NO_SPACE, keeps the reserve and leaves nothing', async () => {
    const root = path.join(mountPoint, 'store');
    await mkdir(root);
    const store = await openStore(root);
    const zeros = Buffer.alloc(MiB);
    const tar = packRootfsTar([{ path: 'zeros.bin', size: 512 * MiB, content: (function* () { for (let i = 0; i < 512; i++) yield zeros; })() }]);
    // pipeline tears the tar writer down with the gzip stream when the import stops reading.
    const bomb = pipeline(tar, createGzip(), () => undefined);
    await expect(importRootfsImage(store, bomb, { tags: ['docker.io/library/bomb:1'] })).rejects.toMatchObject({ code: 'NO_SPACE' });
    const fs = await statfs(root);
    expect(fs.bavail * fs.bsize).toBeGreaterThanOrEqual(defaultReserve(fs.blocks * fs.bsize) - MiB);
    expect((await readdir(path.join(root, 'ingest'))).filter((n) => !['leases', 'cache'].includes(n))).toEqual([]);
    expect(await readdir(path.join(root, 'blobs', 'sha256'))).toEqual([]);
    expect((await store.readIndex()).manifests).toEqual([]);
    expect((await store.fsck()).ok).toBe(true);
  });
});
