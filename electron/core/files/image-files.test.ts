// The layer index and the merged view, on images written into a real store: whiteouts and opaque folders as dockerd
// writes them, the per-layer changes, file bytes read back through links, and the cache's distrust of its own files.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Catalog } from '../image/catalog.js';
import { openStore } from '../store/store.js';
import type { ImageStore } from '../store/types.js';
import { LAYER_FILES_DIR } from './index-cache.js';
import { imageFilesOf, type ImageFiles } from './image-files.js';
import { pathOf } from './merged-tree.js';
import { writeLayeredImage } from './test-support/layered-image.js';
import { resolveImage } from '../image/resolve.js';

let dir: string;
let store: ImageStore;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'berth-files-'));
  store = await openStore(path.join(dir, 'store'));
});
afterEach(() => fs.rm(dir, { recursive: true, force: true }));

async function filesOf(reference: string): Promise<ImageFiles> {
  const catalog = new Catalog(store, { persist: false });
  const { records } = await catalog.load();
  return imageFilesOf({ store, catalog }, resolveImage(records, reference).records[0]!);
}

const BASE = [
  { path: 'etc/', type: 'directory' as const },
  { path: 'etc/os-release', content: 'ID=test\n' },
  { path: 'etc/passwd', content: 'root:x:0:0::/root:/bin/sh\n' },
  { path: 'usr/lib/os-release', content: 'ID=real\n' },
  { path: 'opt/app/', type: 'directory' as const },
  { path: 'opt/app/a.txt', content: 'aaaa' },
  { path: 'opt/app/b.txt', content: 'bbbbbbbb' },
  { path: 'var/cache/big.bin', content: Buffer.alloc(5000, 7) },
  { path: 'bin/sh', content: 'ELF\u0000binary' },
  { path: 'bin/ash', type: 'link' as const, target: 'bin/sh' },
];

describe('merged view', () => {
  it('applies whiteouts, opaque folders, replacements and implicit parents as dockerd does', async () => {
    await writeLayeredImage(store, [
      BASE,
      [
        { path: 'etc/', type: 'directory' },
        { path: 'etc/passwd', content: 'root:x:0:0::/root:/bin/bash\nuser:x:1000:1000::/home/user:/bin/sh\n' },
        { path: 'var/cache/.wh.big.bin', content: '' },
        { path: 'opt/app/', type: 'directory' },
        { path: 'opt/app/.wh..wh..opq', content: '' },
        { path: 'opt/app/c.txt', content: 'new' },
        { path: 'new/deep/file', content: 'x' },
      ],
    ]);
    const files = await filesOf('example.com/layered:latest');
    expect([...files.resolve('/opt/app')!.children!.keys()]).toEqual(['c.txt']);
    expect(files.resolve('/var/cache/big.bin')).toBeUndefined();
    expect(files.resolve('/var/cache')!.children!.size).toBe(0);
    expect(files.resolve('new/deep')!.entry.kind).toBe('dir');
    expect((await files.readFile('/etc/passwd', 1000))!.toString()).toContain('user:x:1000');
    expect((await files.readFile('/bin/ash', 1000))!.toString()).toBe('ELF\u0000binary');
    expect(files.merged.root.size).toBe(
      'ID=test\n'.length + 'root:x:0:0::/root:/bin/bash\nuser:x:1000:1000::/home/user:/bin/sh\n'.length + 'ID=real\n'.length + 3 + 1 + 'ELF\u0000binary'.length,
    );

    const changes = Object.fromEntries(files.merged.changes[1]!.map((c) => [c.path, [c.change, c.before]]));
    expect(changes['etc/passwd']).toEqual(['M', 'root:x:0:0::/root:/bin/sh\n'.length]);
    expect(changes['var/cache/big.bin']).toEqual(['D', 5000]);
    expect(changes['opt/app/a.txt']).toEqual(['D', 4]);
    expect(changes['opt/app/c.txt']).toEqual(['A', 0]);
    expect(changes['new']).toEqual(['A', 0]);
    expect(files.merged.changes[0]!.every((c) => c.change === 'A')).toBe(true);
  });

  it('follows symlinks inside the image only, and gives up on loops', async () => {
    await writeLayeredImage(store, [
      [
        ...BASE.filter((e) => e.path !== 'etc/os-release'),
        { path: 'etc/os-release', type: 'symlink', target: '../usr/lib/os-release' },
        { path: 'escape', type: 'symlink', target: '../../../../etc/passwd' },
        { path: 'loop1', type: 'symlink', target: 'loop2' },
        { path: 'loop2', type: 'symlink', target: '/loop1' },
        { path: 'lib', type: 'symlink', target: 'usr/lib' },
      ],
    ]);
    const files = await filesOf('example.com/layered:latest');
    expect((await files.readFile('/etc/os-release', 100))!.toString()).toBe('ID=real\n');
    expect((await files.readFile('/lib/os-release', 100))!.toString()).toBe('ID=real\n');
    // '..' past the root stays at the image's root, as in a chroot: never this machine's /etc/passwd.
    expect((await files.readFile('/escape', 100))!.toString()).toBe('root:x:0:0::/root:/bin/sh\n');
    expect(await files.readFile('/loop1', 100)).toBeNull();
    expect(await files.list('/lib')).toEqual(['os-release']);
    expect(files.resolve('/etc/os-release')!.entry.kind).toBe('symlink');
    await expect(files.readFile('/var/cache/big.bin', 100)).rejects.toThrow(/5000 bytes, more than the 100/);
  });

  it('reads file bytes out of uncompressed layers too', async () => {
    await writeLayeredImage(store, [BASE], { compression: 'none' });
    const files = await filesOf('example.com/layered:latest');
    expect((await files.readFile('/opt/app/b.txt', 100))!.toString()).toBe('bbbbbbbb');
    const chunks: Buffer[] = [];
    for await (const chunk of files.content(files.resolve('var/cache/big.bin')!)) chunks.push(chunk);
    expect(Buffer.concat(chunks)).toEqual(Buffer.alloc(5000, 7));
    expect(pathOf(files.resolve('opt/app/b.txt')!)).toBe('opt/app/b.txt');
  });

  it('refuses a layer whose entry climbs out of the root, naming the entry', async () => {
    await writeLayeredImage(store, [[{ path: '../../evil', content: 'x' }]]);
    await expect(filesOf('example.com/layered:latest')).rejects.toThrow(/"..\/..\/evil" points outside the image's root/);
  });
});

describe('index cache', () => {
  it('is written once, believed only when whole, and removed by gc with its layer', async () => {
    await writeLayeredImage(store, [BASE]);
    await filesOf('example.com/layered:latest');
    const folder = path.join(store.root, LAYER_FILES_DIR);
    const [name] = await fs.readdir(folder);
    expect(name).toMatch(/^[a-f0-9]{64}$/);
    const good = await fs.readFile(path.join(folder, name!));

    // A flipped byte: the index is not believed and is built again.
    const bad = Buffer.from(good);
    bad[200] = bad[200]! ^ 0xff;
    await fs.writeFile(path.join(folder, name!), bad);
    store = await openStore(store.root); // a fresh handle: the merged tree is kept per store handle
    const again = await filesOf('example.com/layered:latest');
    expect(again.resolve('etc/passwd')).toBeDefined();
    expect(await fs.readFile(path.join(folder, name!))).toEqual(good);

    // A link planted in its place is never followed (and gets replaced by a real file).
    await fs.rm(path.join(folder, name!));
    await fs.symlink('/etc/passwd', path.join(folder, name!));
    // A fresh merge is needed to read the cache again: another store handle has its own memo.
    store = await openStore(store.root);
    expect((await filesOf('example.com/layered:latest')).resolve('opt/app/a.txt')).toBeDefined();
    expect((await fs.lstat(path.join(folder, name!))).isFile()).toBe(true);
    expect(await fs.readFile(path.join(folder, name!))).toEqual(good);

    await store.updateIndex((index) => void (index.manifests = []));
    await store.gc();
    expect(await fs.readdir(folder)).toEqual([]);
  });
});
