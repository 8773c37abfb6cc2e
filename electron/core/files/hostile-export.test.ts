// Copying a hostile image out (berth cp IMAGE:/ DEST): symlinks that point out of DEST, files written "through"
// them by a later layer, and names that normalise to the same path. Nothing may land outside DEST.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Catalog } from '../image/catalog.js';
import { resolveImage } from '../image/resolve.js';
import { openStore } from '../store/store.js';
import type { ImageStore } from '../store/types.js';
import { extractImagePath } from './extract.js';
import { imageFilesOf } from './image-files.js';
import { writeLayeredImage } from './test-support/layered-image.js';

let dir: string;
let store: ImageStore;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'berth-hostile-cp-'));
  store = await openStore(path.join(dir, 'store'));
});
afterEach(() => fs.rm(dir, { recursive: true, force: true }));

async function filesOf(reference: string) {
  const catalog = new Catalog(store, { persist: false });
  const { records } = await catalog.load();
  return imageFilesOf({ store, catalog }, resolveImage(records, reference).records[0]!);
}

async function tree(root: string): Promise<string[]> {
  const found: string[] = [];
  for (const name of await fs.readdir(root, { recursive: true })) found.push(String(name));
  return found.sort();
}

describe('berth cp IMAGE:/ DEST of a hostile image', () => {
  it('writes symlinks as data and what a later layer wrote "through" them inside DEST', async () => {
    const outside = path.join(dir, 'outside');
    await fs.mkdir(outside);
    await writeLayeredImage(store, [
      [{ path: 'esc', type: 'symlink', target: outside }, { path: 'up', type: 'symlink', target: '../../../../..' }],
      [{ path: 'esc/pwned', content: 'x' }, { path: 'up/tmp/pwned2', content: 'y' }, { path: 'a', content: '1' }, { path: './a', content: '2' }, { path: 'b/', type: 'directory' }, { path: 'b', content: 'file now' }],
    ], { tag: 'example.com/hostile:1' });
    const files = await filesOf('example.com/hostile:1');
    const dest = path.join(dir, 'dest');
    await extractImagePath(store, files, '/', dest);
    expect(await tree(outside)).toEqual([]);
    // Inside the image the link led nowhere (no such folder in the image): the layer's folder replaced it, in DEST.
    expect(await fs.readFile(path.join(dest, 'esc/pwned'), 'utf8')).toBe('x');
    // `up` climbs to the image's root and no further: the file lands at /tmp of the copy.
    expect(await fs.readlink(path.join(dest, 'up'))).toBe('../../../../..');
    expect(await fs.readFile(path.join(dest, 'tmp/pwned2'), 'utf8')).toBe('y');
    expect(await fs.readFile(path.join(dest, 'a'), 'utf8')).toBe('2');
    expect(await fs.readFile(path.join(dest, 'b'), 'utf8')).toBe('file now');
  });

  it('refuses to merge into a DEST whose folder became a symlink out, and writes nothing there', async () => {
    const outside = path.join(dir, 'outside');
    await fs.mkdir(outside);
    await writeLayeredImage(store, [[{ path: 'etc/', type: 'directory' }, { path: 'etc/passwd', content: 'root' }]], { tag: 'example.com/hostile:2' });
    const dest = path.join(dir, 'dest');
    await fs.mkdir(dest);
    await fs.symlink(outside, path.join(dest, 'etc'));
    await expect(extractImagePath(store, await filesOf('example.com/hostile:2'), '/.', dest)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(await tree(outside)).toEqual([]);
  });
});
