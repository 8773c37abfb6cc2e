import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blobSizesOnDisk, listBlobDir } from './blob-list.js';
import { storePaths, type StorePaths } from './paths.js';

let dir: string;
let paths: StorePaths;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'berth-bloblist-'));
  paths = storePaths(dir);
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('listBlobDir', () => {
  it('lists nothing when blobs/sha256 is absent', async () => {
    expect(await listBlobDir(paths)).toEqual([]);
  });

  it('judges every entry by lstat and never follows one', async () => {
    await mkdir(paths.sha256, { recursive: true });
    const good = 'a'.repeat(64);
    await writeFile(path.join(paths.sha256, good), 'abc');
    await writeFile(path.join(paths.sha256, 'A'.repeat(64)), 'x');
    await writeFile(path.join(dir, 'outside'), 'outside bytes');
    await symlink(path.join(dir, 'outside'), path.join(paths.sha256, 'b'.repeat(64)));
    await mkdir(path.join(paths.sha256, 'c'.repeat(64)));
    spawnSync('mkfifo', [path.join(paths.sha256, 'd'.repeat(64))]);
    const entries = await listBlobDir(paths);
    const byName = Object.fromEntries(entries.map((e) => [e.name, e]));
    expect(byName[good]).toEqual({ kind: 'blob', name: good, digest: `sha256:${good}`, size: 3 });
    expect(byName['A'.repeat(64)]).toEqual({ kind: 'misnamed', name: 'A'.repeat(64), size: 1 });
    expect(byName['b'.repeat(64)]?.kind).toBe('symlink');
    expect(byName['c'.repeat(64)]?.kind).toBe('directory');
    expect(byName['d'.repeat(64)]?.kind).toBe('special');
    expect(await blobSizesOnDisk(paths)).toEqual(new Map([[`sha256:${good}`, 3]]));
  });
});
